"""Duplicates, ordering and per-entity payment state on PostgreSQL (see store/entities.py).

The rules are the core's (`desktop.core.payments`); this only loads and saves their state.
An entity's row is read `FOR UPDATE`: when several receivers share the database, the
updates of one payment happen one after another, never interleaved.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import psycopg

from desktop.core.model import CapturedRequest, Derived
from desktop.core.payments import EntityState, apply_event
from desktop.store.entities import ENTITY_COLUMNS
from desktop.store.postgres.rows import SELECT_EVENT_SQL_COLUMNS, pg_row_to_event

_UPSERT = (
    f"INSERT INTO entities ({', '.join(ENTITY_COLUMNS)}) "
    f"VALUES ({', '.join('%s' for _ in ENTITY_COLUMNS)}) "
    "ON CONFLICT (provider, entity_id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in ENTITY_COLUMNS[2:])
)


def enrich_event(conn: psycopg.Connection, event_id: int, request: CapturedRequest, derived: Derived) -> None:
    """Mark a duplicate or out-of-order delivery and fold the event into its entity's state."""
    if not derived.provider:
        return
    duplicate_of: int | None = None
    trusted = derived.signature.value not in ("invalid", "missing")
    if derived.event_id and trusted:
        # Only a delivery that passed its check counts as "seen" (as in the SQLite engine).
        row = conn.execute(
            "SELECT min(id) FROM events WHERE provider = %s AND event_id = %s AND id < %s"
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
            "UPDATE events SET duplicate_of = %s, out_of_order = %s WHERE id = %s",
            (duplicate_of, int(out_of_order), event_id),
        )


def load_entity(conn: psycopg.Connection, provider: str, entity_id: str) -> EntityState | None:
    row = conn.execute(
        f"SELECT {', '.join(ENTITY_COLUMNS)} FROM entities WHERE provider = %s AND entity_id = %s FOR UPDATE",
        (provider, entity_id),
    ).fetchone()
    if row is None:
        return None
    values: dict[str, Any] = dict(zip(ENTITY_COLUMNS, row, strict=True))
    values["amount"] = Decimal(values["amount"]) if values["amount"] is not None else None
    return EntityState(**values)


def save_entity(conn: psycopg.Connection, state: EntityState) -> None:
    values = [getattr(state, name) for name in ENTITY_COLUMNS]
    values[ENTITY_COLUMNS.index("amount")] = None if state.amount is None else str(state.amount)
    conn.execute(_UPSERT, values)


def rebuild_entities(conn: psycopg.Connection, keys: Iterable[tuple[str, str]]) -> int:
    """Recompute these entities and their events' flags from the remaining events (after a delete)."""
    count = 0
    for provider, entity_id in set(keys):
        where = "provider = %s AND entity_id = %s"
        conn.execute(f"DELETE FROM entities WHERE {where}", (provider, entity_id))
        conn.execute(
            f"UPDATE events SET duplicate_of = NULL, out_of_order = 0 WHERE {where}", (provider, entity_id)
        )
        rows = conn.execute(
            f"SELECT {SELECT_EVENT_SQL_COLUMNS} FROM events WHERE {where} ORDER BY id", (provider, entity_id)
        ).fetchall()
        for row in rows:
            event = pg_row_to_event(row)
            enrich_event(conn, event.id, event.request, event.derived)
        count += len(rows)
    return count
