"""What the Settings dialog saved applies at the next start of the real window process, unless
the command line or the config file says otherwise."""

from __future__ import annotations

import http.client
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.listener.server import free_port
from tests.app.test_install_window import ROOT, WAIT_S, read_line, window_env


def save(data_dir: Path, values: dict[str, str]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    ini = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    for key, value in values.items():
        ini.setValue(key, value)
    ini.sync()


def start_window(data_dir: Path, *extra: str) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, "main.py", "--data-dir", str(data_dir), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=window_env(),
    )
    line = read_line(proc, time.monotonic() + WAIT_S)
    if not line.startswith("listening on http://127.0.0.1:"):
        proc.kill()
        raise AssertionError(line + proc.communicate()[1])
    return proc, int(line.split()[2].rstrip("/").rsplit(":", 1)[1])


def stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=WAIT_S)
    assert proc.returncode == 0, err


def post_status(port: int, body: bytes) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_S)
    try:
        conn.request("POST", "/big", body=body, headers={"Content-Type": "application/octet-stream"})
        return conn.getresponse().status
    finally:
        conn.close()


def test_the_saved_port_and_body_limit_apply_at_the_next_start(data_dir: Path) -> None:
    port = free_port("127.0.0.1")
    save(data_dir, {"listener/port": str(port), "listener/max_body_mb": "0.001", "ui/theme": "dark"})
    proc, listening = start_window(data_dir)
    try:
        assert listening == port
        assert post_status(port, b"x" * 4096) == 413  # over the saved 1 KB limit
        assert post_status(port, b"x" * 100) == 200
    finally:
        stop(proc)


def test_the_command_line_and_the_config_file_win_over_the_saved_choice(
    data_dir: Path, tmp_path: Path
) -> None:
    save(data_dir, {"listener/port": str(free_port("127.0.0.1")), "listener/max_body_mb": "0.001"})
    config = tmp_path / "config.toml"
    config.write_text("[listener]\nmax_body_mb = 1\n", encoding="utf-8")
    proc, listening = start_window(data_dir, "--port", "0", "--config", str(config))
    try:
        assert listening != int(
            str(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat).value("listener/port"))
        )
        assert post_status(listening, b"x" * 4096) == 200  # the config file's 1 MB, not the saved 1 KB
    finally:
        stop(proc)
