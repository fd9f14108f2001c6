"""Webhook monitor: the entry point. See README.md for the commands."""

from __future__ import annotations

import sys

from desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
