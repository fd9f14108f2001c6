"""What writers tell the followers: one `NOTIFY webhook_monitor, '<kind>:<ids>'` per commit.

Every transaction that changes events (captures, recognition, deletes, clears,
re-verifications, a copied history) announces it inside the same transaction, so
PostgreSQL delivers the notification only if, and once, it commits. A follower
(`follow.py`) LISTENs and loads what is new by id; the payload only says what kind of
change woke it, and for deletions which ids are gone (the one thing a follower cannot find
by looking at the rows that remain).

Payloads stay far below PostgreSQL's 8000-byte limit: arrivals and recognitions send only
the highest id; a deletion lists its ids up to MAX_IDS and is a `reset` (reload) beyond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import psycopg

CHANNEL = "webhook_monitor"
MAX_IDS = 400  # ids of at most 19 digits and a comma: < 8000 bytes with the kind

ARRIVED = "arrived"
RECOGNISED = "recognised"
DELETED = "deleted"
RESET = "reset"


def _send(conn: psycopg.Connection, payload: str) -> None:
    conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))


def announce_arrived(conn: psycopg.Connection, ids: Sequence[int]) -> None:
    """In the storing transaction: rows up to max(ids) were stored."""
    if ids:
        _send(conn, f"{ARRIVED}:{max(ids)}")


def announce_recognised(conn: psycopg.Connection, ids: Sequence[int]) -> None:
    """In the recognising transaction: these rows now have their provider, signature, sale."""
    if ids:
        _send(conn, f"{RECOGNISED}:{max(ids)}")


def announce_deleted(conn: psycopg.Connection, ids: Sequence[int]) -> None:
    """In the deleting transaction: these ids are gone (a big deletion is a reset)."""
    if len(ids) > MAX_IDS:
        announce_reset(conn)
    elif ids:
        _send(conn, f"{DELETED}:{','.join(str(i) for i in sorted(ids))}")


def announce_reset(conn: psycopg.Connection) -> None:
    """In the changing transaction: many rows changed in place (clear, re-verification)."""
    _send(conn, RESET)


@dataclass(slots=True)
class Heard:
    """The notifications drained at once, folded together."""

    woke: bool = False
    deleted: list[int] = field(default_factory=list)
    reset: bool = False

    def add(self, payload: str) -> None:
        self.woke = True
        kind, _, rest = payload.partition(":")
        if kind == DELETED:
            try:
                self.deleted.extend(int(part) for part in rest.split(",") if part)
            except ValueError:
                self.reset = True  # a payload this version does not read: reload to be safe
        elif kind == RESET:
            self.reset = True
        # arrived, recognised, or a kind of a later version: a look by id finds what is new
