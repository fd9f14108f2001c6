"""Duplicates, ordering and per-entity payment state, kept up to date inside each write.

The rules live in `desktop.core.payments` (pure, tested without SQL); this module only loads
and saves their state. `entities` is derived: `rebuild_entities` recomputes it from `events`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from desktop.core.model import CapturedRequest, Derived
from desktop.core.payments import EntityState, apply_event
from desktop.store.rows import row_to_event
from desktop.store.schema import EVENT_COLUMNS

ENTITY_COLUMNS = (
    "provider",
    "entity_id",
    "entity_type",
    "status",
    "amount",
    "currency",
    "reference",
    "payer",
    "first_seen",
    "last_update",
    "status_time",
    "event_count",
    "duplicates",
    "out_of_order",
    "invalid_signatures",
    "last_event",
)
_UPSERT = (
    f"INSERT OR REPLACE INTO entities ({', '.join(ENTITY_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in ENTITY_COLUMNS)})"
)


def enrich_event(conn: sqlite3.Connection, event_id: int, request: CapturedRequest, derived: Derived) -> None:
    """Mark a duplicate or out-of-order delivery and fold the event into its entity's state."""
    if not derived.provider:
        return
    duplicate_of: int | None = None
    trusted = derived.signature.value not in ("invalid", "missing")
    # A forged or unsigned copy reusing a real event id is a failed check, not a redelivery.
    if derived.event_id and trusted:
        row = conn.execute(
            # Only a delivery that passed its check counts as "seen": a forged first copy must not
            # turn the real one into a duplicate. (The condition matches the partial index.)
            "SELECT min(id) FROM events WHERE provider = ? AND event_id = ? AND id < ?"
            " AND event_id IS NOT NULL AND signature NOT IN ('invalid', 'missing')",
            (derived.provider, derived.event_id, event_id),
        ).fetchone()
        duplicate_of = row[0] if row else None
    out_of_order = False
    if derived.entity_id:
        state = load_entity(conn, derived.provider, derived.entity_id)
        new_state, out_of_order = apply_event(
            state, event_id, request.received_at, derived, duplicate=duplicate_of is not None
        )
        save_entity(conn, new_state)
    if duplicate_of is not None or out_of_order:
        conn.execute(
            "UPDATE events SET duplicate_of = ?, out_of_order = ? WHERE id = ?",
            (duplicate_of, int(out_of_order), event_id),
        )


def load_entity(conn: sqlite3.Connection, provider: str, entity_id: str) -> EntityState | None:
    row = conn.execute(
        f"SELECT {', '.join(ENTITY_COLUMNS)} FROM entities WHERE provider = ? AND entity_id = ?",
        (provider, entity_id),
    ).fetchone()
    if row is None:
        return None
    values: dict[str, Any] = dict(zip(ENTITY_COLUMNS, row, strict=True))
    values["amount"] = Decimal(values["amount"]) if values["amount"] is not None else None
    return EntityState(**values)


def save_entity(conn: sqlite3.Connection, state: EntityState) -> None:
    values = [getattr(state, name) for name in ENTITY_COLUMNS]
    values[ENTITY_COLUMNS.index("amount")] = None if state.amount is None else str(state.amount)
    conn.execute(_UPSERT, values)


REBUILD_CHUNK = 1000


def rebuild_entities(conn: sqlite3.Connection, keys: Iterable[tuple[str, str]] | None = None) -> int:
    """Recompute entities and their events' flags from the events, in arrival order.

    `keys` limits the work to those (provider, entity_id) pairs (after a delete); None
    rebuilds everything (after a re-verification). Returns how many events were replayed.
    """
    columns = ", ".join(EVENT_COLUMNS)
    if keys is None:
        conn.execute("DELETE FROM entities")
        conn.execute("UPDATE events SET duplicate_of = NULL, out_of_order = 0 WHERE provider IS NOT NULL")
        return _replay(conn, f"SELECT {columns} FROM events WHERE provider IS NOT NULL AND id > ?", ())
    count = 0
    for provider, entity_id in set(keys):
        conn.execute("DELETE FROM entities WHERE provider = ? AND entity_id = ?", (provider, entity_id))
        where = "provider = ? AND entity_id = ?"
        conn.execute(
            f"UPDATE events SET duplicate_of = NULL, out_of_order = 0 WHERE {where}", (provider, entity_id)
        )
        sql = f"SELECT {columns} FROM events WHERE {where} AND id > ?"
        count += _replay(conn, sql, (provider, entity_id))
    return count


def _replay(conn: sqlite3.Connection, sql: str, params: tuple[str, ...]) -> int:
    # In id-ordered chunks: a million events never sit in memory at once, and the cursor
    # never reads rows this loop is updating.
    count, last = 0, 0
    while rows := conn.execute(f"{sql} ORDER BY id LIMIT {REBUILD_CHUNK}", (*params, last)).fetchall():
        for row in rows:
            event = row_to_event(tuple(row))
            enrich_event(conn, event.id, event.request, event.derived)
        count += len(rows)
        last = rows[-1][0]
    return count
