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
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future

import psycopg

from desktop.core.retention import RetentionPolicy
from desktop.store.postgres.database import connect
from desktop.store.prune_loop import PRUNE_INTERVAL_S, PRUNE_SLICE, PolicySource, PruneLoop, RecognisedFeed

log = logging.getLogger(__name__)

Delete = Callable[[Sequence[int]], Future[int]]


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


class PgPruner(PruneLoop):
    """Prunes the shared database in the background (prune_loop.py): looks on its own
    connection, deletes through the store's writer (`delete`, which announces it)."""

    def __init__(
        self,
        url: str,
        writer: RecognisedFeed,
        delete: Delete,
        policy: PolicySource,
        on_pruned: Callable[[int], None] | None = None,
        interval_s: float = PRUNE_INTERVAL_S,
    ) -> None:
        super().__init__(writer, policy, on_pruned, interval_s)
        self._url = url
        self._delete = delete
        self._conn: psycopg.Connection | None = None

    def _slice(self, policy: RetentionPolicy) -> int:
        if self._conn is None or self._conn.closed:
            self._conn = connect(self._url, autocommit=True)
        ids = doomed(self._conn, policy, time.time(), PRUNE_SLICE)
        if not ids:
            return 0
        return self._delete(ids).result(timeout=60)

    def _reset(self) -> None:
        self._close()
        self._conn = None

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
