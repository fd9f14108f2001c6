"""The Actions tab: action rules, their queues, every run, "run again" and "dry run"."""
