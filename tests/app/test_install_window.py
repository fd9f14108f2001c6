"""The window as a desktop app: stops cleanly on Ctrl+C and SIGTERM, says when there is no
display, carries the app's name (not `main.py`), and lets Qt's own options through.

Real subprocesses running the window offscreen, each on a fresh data directory and port 0.
"""

from __future__ import annotations

import os
import selectors
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli.main import split_qt_options

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 60  # a generous bound on a shared 2-core machine; the loops end as soon as the condition holds


def window_env(**changes: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def read_line(proc: subprocess.Popen[str], deadline: float) -> str:
    """The process's next stdout line, or fail at the deadline (never block forever)."""
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
            proc.kill()
            pytest.fail(f"no line from the window before the deadline; stderr: {proc.communicate()[1]}")
    return proc.stdout.readline()


class Window:
    """`main.py` (the window) offscreen, its URL read from its 'listening on' line."""

    def __init__(self, data_dir: Path, *extra: str, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.proc = subprocess.Popen(
            [sys.executable, "main.py", "--port", "0", "--data-dir", str(data_dir), *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env or window_env(),
        )
        line = read_line(self.proc, time.monotonic() + WAIT_S)
        assert line.startswith("listening on http://127.0.0.1:"), line + self.proc.communicate()[1]
        self.url = line.split()[2]

    def stop_with(self, signum: int) -> tuple[int, str]:
        """Send the signal; the exit code and stderr once it has exited (bounded wait)."""
        self.proc.send_signal(signum)
        _out, err = self.proc.communicate(timeout=WAIT_S)
        return self.proc.returncode, err


@pytest.fixture
def window(data_dir: Path) -> Iterator[Window]:
    running = Window(data_dir)
    yield running
    if running.proc.poll() is None:
        running.proc.kill()
        running.proc.communicate()


def stored_and_intact(data_dir: Path) -> tuple[int, str]:
    conn = sqlite3.connect(data_dir / "events.sqlite3")
    try:
        count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        return count, conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stop_signal_closes_the_window_and_its_store_cleanly(window: Window, signum: int) -> None:
    request = urllib.request.Request(window.url + "pedido", data=b'{"a": 1}', method="POST")
    with urllib.request.urlopen(request, timeout=WAIT_S) as answer:
        assert answer.status == 200
    code, err = window.stop_with(signum)
    assert code == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    # Every connection was closed: SQLite removes the -wal file when the last one closes.
    assert not (window.data_dir / "events.sqlite3-wal").exists()
    assert stored_and_intact(window.data_dir) == (1, "ok")


def test_without_a_display_it_says_so_in_one_line(data_dir: Path) -> None:
    env = window_env(QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None)
    result = subprocess.run(
        [sys.executable, "main.py", "--port", "0", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=WAIT_S,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "no display" in lines[0] and "--headless" in lines[0]
    assert "xcb" not in result.stderr


def test_qt_platform_option_reaches_qt(data_dir: Path) -> None:
    # No display and no QT_QPA_PLATFORM: only `-platform offscreen` on the command line lets it start.
    env = window_env(QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None)
    running = Window(data_dir, "-platform", "offscreen", "-style=fusion", env=env)
    code, err = running.stop_with(signal.SIGTERM)
    assert code == 0, err


def test_qt_options_are_set_aside_from_ours() -> None:
    words = ["-style", "fusion", "--port", "0", "-reverse", "-platform=offscreen", "--stylesheet", "a.qss"]
    ours, qt = split_qt_options(words)
    assert ours == ["--port", "0"]
    assert qt == ["-style", "fusion", "-reverse", "-platform", "offscreen", "-stylesheet", "a.qss"]


def test_the_application_carries_the_apps_name_not_main_py() -> None:
    """Qt takes the X11 window class's instance name from argv[0] and its class from the
    application name; the taskbar shows the display name."""
    probe = (
        "from desktop.ui.app import make_application; "
        "app = make_application(['-platform', 'offscreen', '-style', 'fusion']); "
        "print(app.arguments()[0], app.applicationName(), app.desktopFileName(), "
        "app.style().name(), app.windowIcon().isNull(), sep='|'); "
        "print(app.applicationDisplayName())"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=window_env(),
        timeout=WAIT_S,
    )
    assert result.returncode == 0, result.stderr
    names, display = result.stdout.splitlines()
    assert names == "webhook-monitor|webhook-monitor|webhook-monitor|fusion|False"
    assert display == "Webhook Monitor"
