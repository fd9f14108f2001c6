"""Actions: run a command, send an e-mail or show a notification when a matching event arrives.

One module per kind behind the `ActionRunnerKind` protocol (base.py), a registry
(registry.py), and the runner that claims queued jobs and records every run (runner.py).
"""
