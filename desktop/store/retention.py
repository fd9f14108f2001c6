"""Retention: prune the oldest events past the policy, in small slices on the store thread.

Each slice deletes at most PRUNE_SLICE events in its own short transaction, run between
group commits on the writer's loop (`GroupCommitWriter.run_between`), so the write lock is
never held for long and a burst of captures is acknowledged as fast as ever. A slice:

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

import asyncio
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.retention import RetentionError, RetentionPolicy, retention_policy
from desktop.store import fts
from desktop.store.entities import rebuild_entities
from desktop.store.writer import GroupCommitWriter

log = logging.getLogger(__name__)

RETENTION_FILENAME = "retention.json"
PRUNE_SLICE = 500  # events per transaction: a few ms of the store thread
PRUNE_INTERVAL_S = 30.0  # how often to look when nothing is over the limits
NEXT_SLICE_S = 0.02  # between slices while over: captures get the thread in between

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


def prune_slice(
    conn: sqlite3.Connection, policy: RetentionPolicy, now: float | None = None, limit: int = PRUNE_SLICE
) -> int:
    """Delete one slice of events past the policy (inside the caller's transaction)."""
    if not policy.enabled:
        return 0
    ids = _doomed(conn, policy, time.time() if now is None else now, limit)
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


class Pruner:
    """Prunes in the background on the writer's loop: a slice after new events are
    recognised, slice after slice while over the limits, and a look every interval.

    Args:
        policy: read at start, at every `wake()` and every interval (not per slice: it may
            read a file).
        on_pruned: called on the store thread with how many events a slice deleted.
    """

    def __init__(
        self,
        writer: GroupCommitWriter,
        policy: PolicySource,
        on_pruned: Callable[[int], None] | None = None,
        interval_s: float = PRUNE_INTERVAL_S,
    ) -> None:
        self._writer = writer
        self._policy = policy
        self._on_pruned = on_pruned
        self._interval = interval_s
        self.pruned = 0  # events deleted since the start
        self._next: asyncio.TimerHandle | None = None  # the scheduled look
        self._current = RetentionPolicy()
        self._last_read = 0.0

    def start(self) -> None:
        self._writer.add_derived_listener(self._after_derived)
        self.wake()

    def wake(self) -> None:
        """Read the policy again and look now (after the setting changed); from any thread."""
        self._writer.loop.call_soon_threadsafe(self._tick, True)

    def _after_derived(self, _ids: list[int]) -> None:
        # On the store thread, after a recognising commit: new events may put us over.
        if self._current.enabled:
            self._schedule(NEXT_SLICE_S)

    def _schedule(self, delay: float) -> None:
        loop = self._writer.loop
        if self._next is not None and self._next.when() <= loop.time() + delay:
            return  # a look comes sooner already
        if self._next is not None:
            self._next.cancel()  # one chain of looks, however often it is woken
        self._next = loop.call_later(delay, self._tick, False)

    def _tick(self, reread: bool) -> None:
        if self._next is not None:
            self._next.cancel()
        self._next = None
        deleted = 0
        try:
            if reread or time.monotonic() - self._last_read >= self._interval:
                self._current, self._last_read = self._policy(), time.monotonic()
            policy = self._current
            if policy.enabled:
                deleted = self._writer.run_between(lambda conn: prune_slice(conn, policy))
        except Exception:
            log.exception("pruning old events failed; trying again later")
        if deleted:
            self.pruned += deleted
            if self._on_pruned is not None:
                self._on_pruned(deleted)
        self._schedule(NEXT_SLICE_S if deleted else self._interval)
