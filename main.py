"""Webhook monitor: the entry point. See README.md for the commands."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path


def continue_in_project_venv() -> None:
    """`python main.py ...` run by a Python without the app's dependencies (the system's), in
    a checkout where `python3 dev.py` made `.venv`: carry on in `.venv`'s Python, so the
    README's commands work as written (before, `python main.py export` failed with "No module
    named 'aiohttp'")."""
    if importlib.util.find_spec("aiohttp") is not None:
        return
    root = Path(__file__).resolve().parent
    venv_python = root / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not venv_python.exists() or Path(sys.prefix).resolve() == venv_python.parent.parent.resolve():
        return  # nothing better to run with: the import error below says what is missing
    command = [str(venv_python), str(Path(__file__).resolve()), *sys.argv[1:]]
    if os.name == "nt":  # no exec on Windows: a child that exits with our code does the same
        sys.exit(subprocess.call(command))
    os.execv(command[0], command)


if __name__ == "__main__":
    continue_in_project_venv()
    from desktop.cli.main import main

    sys.exit(main())
