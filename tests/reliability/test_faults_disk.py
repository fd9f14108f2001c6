"""Disk full: 503 for what cannot be stored, nothing acknowledged lost, recognition retried.

The real thing runs on a 3 MiB tmpfs mounted for the test (we run as root on Linux); where
mounting is not permitted that test is skipped with the reason, and the recognition retry
is still covered by a store-level test that makes the write fail the way SQLite does.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.model import CapturedRequest, Derived
from desktop.runtime import Services
from desktop.store.database import database_path
from desktop.store.events import open_store
from tests.polling import wait_for
from tests.reliability.listener_support import post, start_services


@pytest.fixture
def small_volume(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "vol"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def unrecognised(data_dir: Path) -> int:
    conn = sqlite3.connect(database_path(data_dir))
    try:
        return int(conn.execute("SELECT count(*) FROM events WHERE derived = 0").fetchone()[0])
    finally:
        conn.close()


def test_a_full_disk_answers_503_loses_nothing_acknowledged_and_recovers(small_volume: Path) -> None:
    data_dir = small_volume / "data"
    services: Services = start_services(data_dir)
    try:
        port = services.listener.port
        # Room to give back later: without it, freeing space means deleting events.
        filler = small_volume / "filler"
        filler.write_bytes(b"\0" * (512 * 1024))
        body = bytes(range(256)) * 400  # 100 KiB
        acknowledged: list[int] = []
        statuses: list[int] = []
        for n in range(60):
            reply = post(port, f"/fill/{n}", body)
            statuses.append(reply.status)
            if reply.status == 200:
                acknowledged.append(reply.json()["id"])
            if statuses[-3:] == [503, 503, 503]:
                break
        assert statuses[0] == 200 and statuses[-1] == 503, statuses
        assert "disk is full" in (services.store.writer.fault or "")
        for event_id in acknowledged:
            event = services.store.event(event_id)
            assert event is not None and event.request.body == body

        filler.unlink()
        reply = post(port, "/after", b"space is back")
        assert reply.status == 200
        assert services.store.writer.fault is None
        # Whatever could not be recognised while the disk was full is, now, without a restart.
        wait_for(lambda: unrecognised(data_dir) == 0, what="every stored event to be recognised")
        print(f"disk full: {statuses.count(200)} x 200 then {statuses.count(503)} x 503")
    finally:
        services.close()


class FlakyDisk:
    """An enrich step that fails as SQLite does on a full disk until told there is room."""

    def __init__(self) -> None:
        self.full = True

    def __call__(
        self, conn: sqlite3.Connection, event_id: int, request: CapturedRequest, derived: Derived
    ) -> None:
        if self.full:
            raise sqlite3.OperationalError("database or disk is full")


def test_recognition_that_failed_for_a_full_disk_is_retried_without_a_restart(data_dir: Path) -> None:
    disk = FlakyDisk()
    store = open_store(data_dir, lambda request: Derived(provider="juno"), disk)
    try:
        request = CapturedRequest(
            method="POST",
            path="/juno",
            query="",
            headers=[],
            body=b"{}",
            received_at=0.0,
            remote_addr="",
            http_version="1.1",
        )
        store.writer.submit(request).result(10)
        wait_for(lambda: store.writer.fault is not None, what="the fault to be reported")
        assert "disk is full" in (store.writer.fault or "")
        assert unrecognised(data_dir) == 1
        disk.full = False
        wait_for(lambda: unrecognised(data_dir) == 0, what="the retry")
        assert store.writer.fault is None
    finally:
        store.close()


def test_a_statement_error_is_not_mistaken_for_a_full_disk(data_dir: Path) -> None:
    def broken(conn: sqlite3.Connection, event_id: int, request: CapturedRequest, derived: Derived) -> None:
        raise sqlite3.OperationalError("no such column: nope")  # a bug, not the disk

    store = open_store(data_dir, lambda request: Derived(provider="juno"), broken)
    try:
        request = CapturedRequest(method="POST", path="/x", query="", headers=[], body=b"", received_at=0.0)
        store.writer.submit(request).result(10)
        store.writer.call(lambda conn: None).result(10)  # after recognition was tried
        assert store.writer.fault is None and store.writer.backlog == 0
        assert unrecognised(data_dir) == 1  # left for the next start, as before
    finally:
        store.close()
