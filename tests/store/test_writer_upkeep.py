"""The writer's background upkeep: history the full-text index has not seen gets indexed."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop.core.model import Derived
from desktop.store import fts
from desktop.store.database import open_database
from desktop.store.writer import GroupCommitWriter


def test_idle_upkeep_runs_when_nothing_else_is_waiting(tmp_path: Path) -> None:
    ran = threading.Event()

    def upkeep(_conn: object) -> bool:
        ran.set()
        return False

    writer = GroupCommitWriter(open_database(tmp_path), lambda _r: Derived(), idle_task=upkeep)
    writer.start()
    try:
        assert ran.wait(timeout=10)
    finally:
        writer.stop()


def test_catch_up_some_indexes_history_in_slices(tmp_path: Path) -> None:
    conn = open_database(tmp_path)
    with conn:
        for n in range(5):
            conn.execute(
                "INSERT INTO events (received_at, method, path, headers, size, response_status)"
                " VALUES (0, 'POST', '/old', '[]', 10, 200)"
            )
            conn.execute(
                "INSERT INTO bodies (event_id, body) VALUES (?, ?)", (n + 1, b'{"ref": "pedido-77"}')
            )
    assert fts.catch_up_some(conn, batch=3) is True
    assert fts.catch_up_some(conn, batch=3) is False
    found = conn.execute("SELECT count(*) FROM events_fts WHERE events_fts MATCH '\"pedido-77\"'").fetchone()[
        0
    ]
    assert found == 5
