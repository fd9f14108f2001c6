"""Webhook Monitor: capture, inspect, verify and re-send webhooks on your own machine."""

# The one place the version is written: pyproject.toml reads it (`dynamic = ["version"]`) and
# `webhook-monitor --version` prints it, so a checkout and an installed copy agree.
__version__ = "0.2.0"
