"""`webhook-monitor desktop-entry`: put the app in the Linux desktop's menu (and take it out).

pip installs commands and package data, but nothing where a desktop looks for applications
(`$XDG_DATA_HOME/applications`) or icons (`.../icons/hicolor`). This writes the .desktop
entry that ships in the package, pointed at this installation's `webhook-monitor-gui` (an
absolute path: a venv's scripts are not on the desktop session's PATH), and its icon.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from desktop.resources import resource_path

APP_ID = "webhook-monitor"


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share (the XDG base directory default)."""
    configured = os.environ.get("XDG_DATA_HOME", "")
    return Path(configured) if configured and Path(configured).is_absolute() else Path.home() / ".local/share"


def gui_command() -> str:
    """How the desktop should start this installation's window, quoted for an Exec= line."""
    scripts = Path(sys.executable).parent
    gui = scripts / ("webhook-monitor-gui.exe" if os.name == "nt" else "webhook-monitor-gui")
    if gui.exists():
        return _quote(str(gui))
    # A source checkout run with `python main.py desktop-entry`: no scripts were installed.
    checkout_main = Path(__file__).resolve().parents[2] / "main.py"
    return f"{_quote(sys.executable)} {_quote(str(checkout_main))}"


def _quote(word: str) -> str:
    """Desktop Entry Spec quoting: double quotes when needed, with \\ " ` $ escaped."""
    if word and all(ch.isalnum() or ch in "/._-+" for ch in word):
        return word
    escaped = "".join("\\" + ch if ch in '\\"`$' else ch for ch in word)
    return f'"{escaped}"'


def targets(home: Path) -> tuple[Path, Path]:
    return home / "applications" / f"{APP_ID}.desktop", home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg"


def entry_text(command: str) -> str:
    lines = resource_path("linux/webhook-monitor.desktop").read_text(encoding="utf-8").splitlines()
    # TryExec takes a program only; the desktop hides the entry if it disappears (uninstalled).
    program = shlex.split(command)[0]
    replaced = {"Exec": command, "TryExec": _quote(program)}
    out = []
    for line in lines:
        key = line.split("=", 1)[0]
        out.append(f"{key}={replaced[key]}" if key in replaced else line)
    return "\n".join(out) + "\n"


def run_desktop_entry(remove: bool) -> int:
    entry, icon = targets(data_home())
    if remove:
        for path in (entry, icon):
            path.unlink(missing_ok=True)
            print(f"removed {path}")
        return 0
    entry.parent.mkdir(parents=True, exist_ok=True)
    icon.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(entry_text(gui_command()), encoding="utf-8")
    shutil.copyfile(resource_path("icons/app.svg"), icon)
    print(f"wrote {entry}\nwrote {icon}")
    return 0
