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
import threading
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.retention import RetentionError, RetentionPolicy, retention_policy
from desktop.store import fts
from desktop.store.database import connect
from desktop.store.entities import rebuild_entities
from desktop.store.writer import GroupCommitWriter

log = logging.getLogger(__name__)

RETENTION_FILENAME = "retention.json"
PRUNE_SLICE = 100  # events per transaction (tests/bench/retention.py: ~25 ms each at 200,000)
PRUNE_INTERVAL_S = 30.0  # how often to look when nothing is over the limits

PolicySource = Callable[[], RetentionPolicy]


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


class Pruner:
    """Prunes in the background: looks on its own thread, deletes on the store thread.

    It looks after new events are recognised, again at once while a slice deleted
    something, and every `interval_s` otherwise.

    Args:
        policy: read at start, at every `wake()` and every interval (not per slice: it may
            read a file).
        on_pruned: called with how many events a slice deleted.
    """

    def __init__(
        self,
        writer: GroupCommitWriter,
        database: Path,
        policy: PolicySource,
        on_pruned: Callable[[int], None] | None = None,
        interval_s: float = PRUNE_INTERVAL_S,
    ) -> None:
        self._writer = writer
        self._database = database
        self._policy = policy
        self._on_pruned = on_pruned
        self._interval = interval_s
        self.pruned = 0  # events deleted since the start
        self._current = RetentionPolicy()
        self._reread = threading.Event()
        self._look = threading.Event()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="retention", daemon=True)

    def start(self) -> None:
        self._writer.add_derived_listener(self._after_derived)
        self.wake()
        self._thread.start()

    def stop(self) -> None:
        """End the thread (before the writer stops); safe to call twice."""
        self._writer.remove_derived_listener(self._after_derived)
        self._stopped.set()
        self._look.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def wake(self) -> None:
        """Read the policy again and look now (after the setting changed); from any thread."""
        self._reread.set()
        self._look.set()

    def _after_derived(self, _ids: list[int]) -> None:
        # On the store thread, after a recognising commit: new events may put us over.
        if self._current.enabled:
            self._look.set()

    def _run(self) -> None:
        conn = connect(self._database)
        last_read = 0.0
        try:
            while not self._stopped.is_set():
                self._look.wait(self._interval)
                self._look.clear()
                if self._stopped.is_set():
                    break
                if self._reread.is_set() or time.monotonic() - last_read >= self._interval:
                    self._reread.clear()
                    self._current, last_read = self._policy(), time.monotonic()
                if self._slice(conn):
                    self._look.set()  # more may be over: look again at once
        finally:
            conn.close()

    def _slice(self, conn: sqlite3.Connection) -> int:
        policy = self._current
        if not policy.enabled:
            return 0
        try:
            conn.rollback()  # a fresh snapshot for this look
            ids = _doomed(conn, policy, time.time(), PRUNE_SLICE)
            conn.rollback()
            if not ids:
                return 0
            deleted = self._writer.call_between(lambda write: delete_events(write, ids)).result(timeout=60)
        except Exception:
            if self._stopped.is_set():
                return 0  # the store is closing
            log.exception("pruning old events failed; trying again later")
            return 0
        if deleted:
            self.pruned += deleted
            if self._on_pruned is not None:
                self._on_pruned(deleted)
        return deleted
