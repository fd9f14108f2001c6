"""Retention: prune the oldest events past the policy, in small slices on the store thread.

Which events are past the policy is read on the pruner's own thread and connection (WAL:
reading takes no lock; "the newest N" walks N index entries, ~100 ms at a million, which
the store thread must not spend). Deleting them is one short transaction per slice of at
most PRUNE_SLICE events on the store thread, between group commits
(`GroupCommitWriter.call_between`), so the write lock is never held for long and a burst
of captures is acknowledged as fast as ever. A slice:

- takes the oldest recognised events (ids ascending; events still waiting for recognition
  are left for a later slice, so recognition never updates a row that is gone);
- removes them from the full-text index first (the index is contentless: deleting an entry
  needs the text that was indexed, see fts.delete_events), then their bodies and rows;
- replays the payment state of every entity those events belonged to (entities.py), so
  a payment keeps the state its remaining events give it.

Limits: the newest `keep_events`; `keep_days` by receipt time, taken oldest-id first (an
old export imported later is pruned once the events before it are); `keep_gb` on the pages
in use (freed pages are reused by new events; the file shrinks only with Compact, VACUUM).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.retention import RetentionError, RetentionPolicy, retention_policy
from desktop.store import fts
from desktop.store.database import connect
from desktop.store.entities import rebuild_entities
from desktop.store.prune_loop import PRUNE_INTERVAL_S, PRUNE_SLICE, PolicySource, PruneLoop
from desktop.store.writer import GroupCommitWriter

log = logging.getLogger(__name__)

RETENTION_FILENAME = "retention.json"


def load_policy(data_dir: Path) -> RetentionPolicy:
    """The window's retention setting; off when there is none or it is unreadable."""
    try:
        raw = json.loads((data_dir / RETENTION_FILENAME).read_text(encoding="utf-8"))
        return retention_policy(raw, RETENTION_FILENAME)
    except FileNotFoundError:
        return RetentionPolicy()
    except (ValueError, RetentionError) as exc:
        log.warning("retention setting ignored: %s", exc)
        return RetentionPolicy()


def save_policy(data_dir: Path, policy: RetentionPolicy) -> None:
    path = data_dir / RETENTION_FILENAME
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(policy.to_dict()) + "\n", encoding="utf-8")
    os.replace(tmp, path)  # never a half-written file


def used_bytes(conn: sqlite3.Connection) -> int:
    """Bytes of the database in use (pages minus the free list)."""
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
    return (pages - free) * page_size


def file_bytes(path: Path) -> int:
    """The database's size on disk, its write-ahead log included."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def _oldest(conn: sqlite3.Connection, limit: int) -> list[tuple[int, float]]:
    rows = conn.execute(
        "SELECT id, received_at FROM events WHERE derived = 1 ORDER BY id LIMIT ?", (limit,)
    ).fetchall()
    return [(int(i), float(t)) for i, t in rows]


def _doomed(conn: sqlite3.Connection, policy: RetentionPolicy, now: float, limit: int) -> list[int]:
    """The ids this slice deletes (oldest first), at most `limit`."""
    ids: set[int] = set()
    if policy.keep_events is not None:
        # The id of the oldest event to keep; everything before it goes.
        row = conn.execute(
            "SELECT id FROM events ORDER BY id DESC LIMIT 1 OFFSET ?", (policy.keep_events - 1,)
        ).fetchone()
        if row is not None:
            found = conn.execute(
                "SELECT id FROM events WHERE id < ? AND derived = 1 ORDER BY id LIMIT ?", (row[0], limit)
            )
            ids.update(int(i) for (i,) in found)
    if policy.keep_days is not None:
        cutoff = now - policy.keep_days * 86400
        ids.update(i for i, received in _oldest(conn, limit) if received < cutoff)
    max_bytes = policy.max_bytes
    if max_bytes is not None and used_bytes(conn) > max_bytes:
        ids.update(i for i, _ in _oldest(conn, limit))
    return sorted(ids)[:limit]


def delete_events(conn: sqlite3.Connection, ids: list[int]) -> int:
    """Delete these events (inside the caller's transaction): index entries first, then
    bodies and rows, then replay the payment state of the entities they belonged to."""
    if not ids:
        return 0
    marks = ",".join("?" * len(ids))
    touched = conn.execute(
        f"SELECT DISTINCT provider, entity_id FROM events WHERE id IN ({marks}) AND entity_id IS NOT NULL",
        ids,
    ).fetchall()
    fts.delete_events(conn, ids)  # needs the bodies: before they go
    conn.execute(f"DELETE FROM bodies WHERE event_id IN ({marks})", ids)
    deleted = conn.execute(f"DELETE FROM events WHERE id IN ({marks})", ids).rowcount
    rebuild_entities(conn, [(str(p), str(e)) for p, e in touched])
    return int(deleted)


def prune_slice(
    conn: sqlite3.Connection, policy: RetentionPolicy, now: float | None = None, limit: int = PRUNE_SLICE
) -> int:
    """Find and delete one slice of events past the policy, on one connection."""
    if not policy.enabled:
        return 0
    return delete_events(conn, _doomed(conn, policy, time.time() if now is None else now, limit))


class Pruner(PruneLoop):
    """Prunes the data directory's SQLite in the background (prune_loop.py): reads on its own
    connection, deletes on the store thread between commits."""

    def __init__(
        self,
        writer: GroupCommitWriter,
        database: Path,
        policy: PolicySource,
        on_pruned: Callable[[int], None] | None = None,
        interval_s: float = PRUNE_INTERVAL_S,
    ) -> None:
        super().__init__(writer, policy, on_pruned, interval_s)
        self._store_writer = writer
        self._database = database
        self._conn: sqlite3.Connection | None = None

    def _open(self) -> None:
        self._conn = connect(self._database)  # on this thread: sqlite3 connections stay on theirs

    def _slice(self, policy: RetentionPolicy) -> int:
        conn = self._conn
        assert conn is not None
        conn.rollback()  # a fresh snapshot for this look
        ids = _doomed(conn, policy, time.time(), PRUNE_SLICE)
        conn.rollback()
        if not ids:
            return 0
        return self._store_writer.call_between(lambda write: delete_events(write, ids)).result(timeout=60)

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
