"""The database locked by another program, read-only, or not where --data-dir says."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.config import Settings
from desktop.runtime import Services
from desktop.store.database import WRITE_BUSY_TIMEOUT_MS, ReadOnlyDatabaseError, StoreError, database_path
from desktop.ui import app
from tests.reliability.listener_support import env_for_subprocess, main_py, post, start_services

HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()  # hold it until the test lets go
conn.execute("ROLLBACK")
"""


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    running = start_services(data_dir)
    yield running
    running.close()


@pytest.fixture
def lock_holder(services: Services) -> Iterator[subprocess.Popen[str]]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(database_path(services.store.data_dir))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    yield holder
    if holder.poll() is None:
        holder.kill()
        holder.communicate(timeout=10)


def timed_post(port: int, path: str) -> tuple[int, float]:
    started = time.monotonic()
    status = post(port, path, b"{}").status
    return status, time.monotonic() - started


def test_a_locked_database_answers_503_promptly_and_says_who_holds_it(
    services: Services, lock_holder: subprocess.Popen[str]
) -> None:
    port = services.listener.port
    first = timed_post(port, "/first")
    later = [timed_post(port, f"/later/{n}") for n in range(5)]
    # Before: the first waited 10 s and every later one queued behind the lock.
    assert first[0] == 503 and first[1] < 6.0, first
    # Under the busy timeout is the point (waiting it out would take all of it), not a margin
    # below it that a loaded machine could eat.
    assert all(status == 503 and took < WRITE_BUSY_TIMEOUT_MS / 1000 for status, took in later), later
    fault = services.store.writer.fault or ""
    assert "locked by python" in fault and f"pid {lock_holder.pid}" in fault, fault

    assert lock_holder.stdin is not None
    lock_holder.stdin.write("\n")
    lock_holder.stdin.flush()
    lock_holder.wait(timeout=10)
    assert post(port, "/after", b"{}").status == 200
    assert services.store.writer.fault is None
    print(f"locked: first 503 after {first[1]:.2f} s, then {max(t for _, t in later):.2f} s at most")


def test_the_window_shows_what_keeps_requests_from_being_stored(qtbot, tmp_path: Path) -> None:
    from desktop.ui.widgets.listener_bar import ListenerBar

    bar = ListenerBar()
    qtbot.addWidget(bar)
    bar.show_listening("http://127.0.0.1:8080/")
    bar.show_fault("the database is locked by sqlite3 (pid 4242); requests are answered 503 until it lets go")
    assert bar.fault.isVisibleTo(bar) and "sqlite3 (pid 4242)" in bar.fault.text()
    assert bar.grab().save(str(tmp_path / "listener_bar_fault.png"))
    bar.show_fault(None)
    assert not bar.fault.isVisibleTo(bar)


@pytest.fixture
def read_only_data_dir(tmp_path: Path) -> Iterator[Path]:
    """A data directory with a database in it, on a file system remounted read-only."""
    mount_point = tmp_path / "ro"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        start_services(mount_point / "data").close()
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
        yield mount_point / "data"
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_read_only_database_refuses_to_start_with_the_reason(read_only_data_dir: Path) -> None:
    with pytest.raises(ReadOnlyDatabaseError, match="read-only"):
        start_services(read_only_data_dir)


def test_headless_on_a_read_only_database_exits_with_one_line(read_only_data_dir: Path) -> None:
    result = subprocess.run(
        main_py("--headless", "--port", "0", "--data-dir", str(read_only_data_dir)),
        capture_output=True, text=True, timeout=60, env=env_for_subprocess(), check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "listening" not in result.stdout
    assert result.stderr.startswith("error: the database") and "read-only" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_window_says_plainly_that_the_database_is_read_only(
    qtbot, read_only_data_dir: Path, monkeypatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *_a: said.append(text))
    assert app.open_services(Settings(port=0), read_only_data_dir) is None
    assert len(said) == 1 and "read-only" in said[0]


def test_data_dir_pointing_at_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "events.txt"
    not_a_dir.write_text("I am a file")
    for command in (["--headless", "--port", "0"], ["export"]):
        result = subprocess.run(
            main_py(*command, "--data-dir", str(not_a_dir)),
            capture_output=True, text=True, timeout=60, env=env_for_subprocess(), check=False,
        )  # fmt: skip
        assert result.returncode == 2, command
        assert result.stderr.splitlines() == [
            f"error: the data directory {not_a_dir} is a file, not a folder; choose another --data-dir"
        ]
    assert not_a_dir.read_text() == "I am a file"


def test_data_dir_inside_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="inside a file"):
        start_services(tmp_path / "file" / "data")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_directory_and_its_files_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "data"
    services = start_services(data_dir)
    try:
        assert post(services.listener.port, "/x", b"payment data").status == 200
        assert mode(data_dir) == 0o700
        files = [p for p in data_dir.iterdir() if p.is_file()]
        assert {p.name for p in files} >= {"events.sqlite3", "events.sqlite3-wal", "events.sqlite3-shm"}
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    finally:
        services.close()


def test_files_an_older_version_left_readable_are_made_private(data_dir: Path) -> None:
    start_services(data_dir).close()
    os.chmod(data_dir, 0o755)
    os.chmod(database_path(data_dir), 0o644)
    (data_dir / "settings.ini").write_text("[x]\n")
    os.chmod(data_dir / "settings.ini", 0o644)
    start_services(data_dir).close()
    assert mode(data_dir) == 0o700
    assert mode(database_path(data_dir)) == 0o600
    assert mode(data_dir / "settings.ini") == 0o600


def test_files_written_while_running_are_private(data_dir: Path) -> None:
    from desktop.core.config import Endpoint
    from desktop.store.saved_filters import SavedFilter, SavedFilters

    services = start_services(data_dir)
    try:
        services.endpoints.save_user_endpoints([Endpoint(path="/juno", provider="juno")])
        SavedFilters(data_dir).save([SavedFilter("mine", "status:PAID")])
    finally:
        services.close()
    written = [p for p in data_dir.iterdir() if p.suffix == ".json"]
    assert {"saved_filters.json", "endpoints.json"} <= {p.name for p in written}
    assert {p.name: mode(p) for p in written} == {p.name: 0o600 for p in written}
