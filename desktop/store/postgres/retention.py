"""Retention on PostgreSQL (team mode): prune the oldest events past the policy, in slices.

The SQLite pruner's rules (desktop/store/retention.py): which events are past the policy is
read on the pruner's own thread and connection; deleting them is one short transaction per
slice of at most PRUNE_SLICE events through the store's writer (`PgStore.delete`: bodies and
search rows go with their events, payment state is replayed, windows are told), so ingest
is never held for long. Only recognised events are pruned (recognition never updates a row
that is gone).

Every receiver and window on the database prunes by its own policy (the config file's
`[retention]`, else the window's setting): give them all the same one. Deleting is
idempotent, so two of them pruning at once delete each event once.

`keep_gb` counts the stored bytes of the events (their bodies as received, `events.size`),
not the database files: PostgreSQL's files do not shrink when rows are deleted (VACUUM
makes the space reusable), so measuring them would prune everything.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Protocol

import psycopg

from desktop.core.retention import RetentionPolicy
from desktop.store.postgres.database import connect

log = logging.getLogger(__name__)

PRUNE_SLICE = 100  # events per transaction, as on SQLite
PRUNE_INTERVAL_S = 30.0  # how often to look when nothing is over the limits

PolicySource = Callable[[], RetentionPolicy]
Delete = Callable[[Sequence[int]], Future[int]]


class RecognisedFeed(Protocol):
    """The store's writer as the pruner uses it: its "recognised" callbacks."""

    def add_derived_listener(self, callback: Callable[[list[int]], None]) -> None: ...
    def remove_derived_listener(self, callback: Callable[[list[int]], None]) -> None: ...


def doomed(conn: psycopg.Connection, policy: RetentionPolicy, now: float, limit: int) -> list[int]:
    """The ids one slice deletes (oldest first), at most `limit`."""
    ids: set[int] = set()
    if policy.keep_events is not None:
        row = conn.execute(
            "SELECT id FROM events ORDER BY id DESC LIMIT 1 OFFSET %s", (policy.keep_events - 1,)
        ).fetchone()
        if row is not None:
            found = conn.execute(
                "SELECT id FROM events WHERE id < %s AND derived = 1 ORDER BY id LIMIT %s", (row[0], limit)
            ).fetchall()
            ids.update(int(r[0]) for r in found)
    if policy.keep_days is not None:
        cutoff = now - policy.keep_days * 86400
        ids.update(i for i, received in _oldest(conn, limit) if received < cutoff)
    max_bytes = policy.max_bytes
    if max_bytes is not None:
        row = conn.execute("SELECT coalesce(sum(size), 0) FROM events").fetchone()
        if row is not None and int(row[0]) > max_bytes:
            ids.update(i for i, _ in _oldest(conn, limit))
    return sorted(ids)[:limit]


def _oldest(conn: psycopg.Connection, limit: int) -> list[tuple[int, float]]:
    rows = conn.execute(
        "SELECT id, received_at FROM events WHERE derived = 1 ORDER BY id LIMIT %s", (limit,)
    ).fetchall()
    return [(int(i), float(t)) for i, t in rows]


class PgPruner:
    """Prunes in the background: looks on its own thread, deletes through the store's writer.

    It looks at start, after its writer recognised events, after every `wake()`, again at
    once while a slice deleted something, and every `interval_s` otherwise (other receivers'
    events arrive without telling it).
    """

    def __init__(
        self,
        url: str,
        writer: RecognisedFeed,
        delete: Delete,
        policy: PolicySource,
        on_pruned: Callable[[int], None] | None = None,
        interval_s: float = PRUNE_INTERVAL_S,
    ) -> None:
        self._url = url
        self._writer = writer
        self._delete = delete
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
        """Read the policy again and look now; from any thread."""
        self._reread.set()
        self._look.set()

    def _after_derived(self, _ids: list[int]) -> None:
        # On the store thread: new events may put the database over (the policy is not read
        # here: it may read a file).
        if self._current.enabled:
            self._look.set()

    def _run(self) -> None:
        conn: psycopg.Connection | None = None
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
                policy = self._current
                if not policy.enabled:
                    continue
                try:
                    if conn is None or conn.closed:
                        conn = connect(self._url, autocommit=True)
                    if self._slice(conn, policy):
                        self._look.set()  # more may be over: look again at once
                except Exception:
                    if self._stopped.is_set():
                        break  # the store is closing
                    log.exception("pruning old events failed; trying again later")
                    if conn is not None:
                        conn.close()
                    conn = None
        finally:
            if conn is not None:
                conn.close()

    def _slice(self, conn: psycopg.Connection, policy: RetentionPolicy) -> int:
        ids = doomed(conn, policy, time.time(), PRUNE_SLICE)
        if not ids:
            return 0
        deleted = self._delete(ids).result(timeout=60)
        if deleted:
            self.pruned += deleted
            if self._on_pruned is not None:
                self._on_pruned(deleted)
        return deleted
