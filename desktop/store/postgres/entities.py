"""Duplicates, ordering and per-entity payment state on PostgreSQL (see store/entities.py).

The rules are the core's (`desktop.core.payments`); this only loads and saves their state.
An entity's row is read `FOR UPDATE`: when several receivers share the database, the
updates of one payment happen one after another, never interleaved.

`enrich_batch` does for a batch of events what `enrich_event` does for one, in a fixed
number of round trips: every query is a round trip to the server, and per event (three or
four each) they held ingest to ~150 events/s on a busy machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import psycopg

from desktop.core.model import CapturedRequest, Derived
from desktop.core.payments import EntityState, apply_event
from desktop.core.sales import build_sale, sale_key
from desktop.store.entities import ENTITY_COLUMNS
from desktop.store.postgres.rows import SELECT_EVENT_SQL_COLUMNS, pg_row_to_event
from desktop.store.postgres.schema import MIGRATION_LOCK
from desktop.store.sales import SALE_COLUMNS, sale_values

_UPSERT = (
    f"INSERT INTO entities ({', '.join(ENTITY_COLUMNS)}) "
    f"VALUES ({', '.join('%s' for _ in ENTITY_COLUMNS)}) "
    "ON CONFLICT (provider, entity_id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in ENTITY_COLUMNS[2:])
)
_SALE_UPSERT = (
    f"INSERT INTO sales ({', '.join(SALE_COLUMNS)}) "
    f"VALUES ({', '.join('%s' for _ in SALE_COLUMNS)}) "
    "ON CONFLICT (provider, entity_id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in SALE_COLUMNS[2:])
)
_DECIMALS = ("amount", "claimed_amount")
_SALE_LOCK = 0x77686D33  # "whm3": the seed of the sales' advisory-lock keys


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
        # The sale's line follows its entities (and the old sale's, if the link changed).
        sales = {(new_state.provider, sale_key(new_state))}
        if state is not None:
            sales.add((state.provider, sale_key(state)))
        refresh_sales(conn, sales)
    if duplicate_of is not None or out_of_order:
        conn.execute(
            "UPDATE events SET duplicate_of = %s, out_of_order = %s WHERE id = %s",
            (duplicate_of, int(out_of_order), event_id),
        )


Enriching = tuple[int, CapturedRequest, Derived]


def enrich_batch(conn: psycopg.Connection, events: Sequence[Enriching]) -> None:
    """`enrich_event` for each of these events, in the order given (ascending ids), whose
    derived columns are already stored."""
    events = [event for event in events if event[2].provider]
    if not events:
        return
    first_seen = _trusted_first_seen(conn, events)
    keys = sorted({(d.provider, d.entity_id) for _, _, d in events if d.provider and d.entity_id})
    states = _load_entities(conn, keys)
    flags: list[tuple[int | None, int, int]] = []
    changed: set[tuple[str, str]] = set()
    # The sales the touched entities belonged to before this batch: refolded too.
    sales = {(state.provider, sale_key(state)) for state in states.values()}
    for event_id, request, derived in events:
        assert derived.provider is not None
        duplicate_of: int | None = None
        if derived.event_id and derived.signature.value not in ("invalid", "missing"):
            key = (derived.provider, derived.event_id)
            earlier = first_seen.get(key)
            if earlier is not None and earlier < event_id:
                duplicate_of = earlier
            else:
                first_seen[key] = event_id if earlier is None else min(earlier, event_id)
        out_of_order = False
        if derived.entity_id:
            entity = (derived.provider, derived.entity_id)
            states[entity], out_of_order = apply_event(
                states.get(entity), event_id, request.received_at, derived, duplicate=duplicate_of is not None
            )
            changed.add(entity)
        if duplicate_of is not None or out_of_order:
            flags.append((duplicate_of, int(out_of_order), event_id))
    with conn.cursor() as cursor:
        if changed:
            cursor.executemany(_UPSERT, [_entity_values(states[key]) for key in sorted(changed)])
        if flags:
            cursor.executemany("UPDATE events SET duplicate_of = %s, out_of_order = %s WHERE id = %s", flags)
    sales |= {(states[key].provider, sale_key(states[key])) for key in changed}
    refresh_sales(conn, sales)


def _trusted_first_seen(conn: psycopg.Connection, events: Sequence[Enriching]) -> dict[tuple[str, str], int]:
    """For each (provider, event id) of the batch, the first stored delivery that passed its
    check, outside the batch (the batch's own are added as it is applied). The smallest such
    id below the batch's last is what matters: if it is below an event, it is that event's
    original; if not, no earlier one exists."""
    ids = [event_id for event_id, _, _ in events]
    wanted = sorted({(d.provider or "", d.event_id) for _, _, d in events if d.event_id})
    if not wanted:
        return {}
    rows = conn.execute(
        "SELECT e.provider, e.event_id, min(e.id) FROM events e "
        "JOIN unnest(%s::text[], %s::text[]) AS w(p, k) ON e.provider = w.p AND e.event_id = w.k "
        "WHERE e.id < %s AND NOT (e.id = ANY(%s)) AND e.signature NOT IN ('invalid', 'missing') "
        "GROUP BY e.provider, e.event_id",
        ([p for p, _ in wanted], [k for _, k in wanted], max(ids), ids),
    ).fetchall()
    return {(row[0], row[1]): int(row[2]) for row in rows}


def _load_entities(
    conn: psycopg.Connection, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], EntityState]:
    if not keys:
        return {}
    rows = conn.execute(
        f"SELECT {', '.join(f'en.{c}' for c in ENTITY_COLUMNS)} FROM entities en "
        "JOIN unnest(%s::text[], %s::text[]) AS w(p, e) ON en.provider = w.p AND en.entity_id = w.e "
        "ORDER BY en.provider, en.entity_id FOR UPDATE OF en",
        ([p for p, _ in keys], [e for _, e in keys]),
    ).fetchall()
    states = {}
    for row in rows:
        state = _state(row)
        states[(state.provider, state.entity_id)] = state
    return states


def _state(row: Sequence[Any]) -> EntityState:
    values: dict[str, Any] = dict(zip(ENTITY_COLUMNS, row, strict=True))
    for name in _DECIMALS:
        values[name] = Decimal(values[name]) if values[name] is not None else None
    return EntityState(**values)


def _entity_values(state: EntityState) -> list[Any]:
    values = [getattr(state, name) for name in ENTITY_COLUMNS]
    for name in _DECIMALS:
        value = getattr(state, name)
        values[ENTITY_COLUMNS.index(name)] = None if value is None else str(value)
    return values


def load_entity(conn: psycopg.Connection, provider: str, entity_id: str) -> EntityState | None:
    row = conn.execute(
        f"SELECT {', '.join(ENTITY_COLUMNS)} FROM entities WHERE provider = %s AND entity_id = %s FOR UPDATE",
        (provider, entity_id),
    ).fetchone()
    if row is None:
        return None
    return _state(row)


def save_entity(conn: psycopg.Connection, state: EntityState) -> None:
    conn.execute(_UPSERT, _entity_values(state))


def rebuild_entities(conn: psycopg.Connection, keys: Iterable[tuple[str, str]]) -> int:
    """Recompute these entities and their events' flags from the remaining events (after a delete)."""
    count = 0
    keys = set(keys)
    # The sales these entities belonged to: a sale left without them must be refolded too.
    old_sales = {
        (provider, row[0])
        for provider, entity_id in keys
        for row in conn.execute(
            "SELECT coalesce(sale_id, entity_id) FROM entities WHERE provider = %s AND entity_id = %s",
            (provider, entity_id),
        ).fetchall()
    }
    for provider, entity_id in keys:
        where = "provider = %s AND entity_id = %s"
        conn.execute(f"DELETE FROM entities WHERE {where}", (provider, entity_id))
        conn.execute(
            f"UPDATE events SET duplicate_of = NULL, out_of_order = 0 WHERE {where}", (provider, entity_id)
        )
        rows = conn.execute(
            f"SELECT {SELECT_EVENT_SQL_COLUMNS} FROM events WHERE {where} ORDER BY id", (provider, entity_id)
        ).fetchall()
        replayed = [pg_row_to_event(row) for row in rows]
        enrich_batch(conn, [(event.id, event.request, event.derived) for event in replayed])
        count += len(rows)
    refresh_sales(conn, old_sales | keys)
    return count


_MEMBERS_SQL = (
    f"SELECT {', '.join(ENTITY_COLUMNS)} FROM entities WHERE provider = %s AND entity_id = %s "
    "AND (sale_id IS NULL OR sale_id = entity_id) "
    f"UNION SELECT {', '.join(ENTITY_COLUMNS)} FROM entities WHERE provider = %s AND sale_id = %s "
    f"ORDER BY {ENTITY_COLUMNS.index('last_event') + 1}"
)


def load_sale_members(conn: psycopg.Connection, provider: str, sale_id: str) -> list[EntityState]:
    """The entities of one sale: the one with that id (unless it belongs to another sale) and
    those linked to it, oldest touched first (as store/entities.load_sale_members)."""
    rows = conn.execute(_MEMBERS_SQL, (provider, sale_id, provider, sale_id)).fetchall()
    return [_state(row) for row in rows]


def refresh_sales(conn: psycopg.Connection, keys: Iterable[tuple[str, str]]) -> None:
    """Recompute the lines of these (provider, sale id) pairs from their entities (delete if
    none); the fold is the core's (`desktop.core.sales.build_sale`), as on SQLite."""
    ordered = sorted(set(keys))
    if not ordered:
        return
    # One sale's members may be updated by two receivers at once (the charge's delivery at
    # one, the payment's at the other): each entity row is locked, but neither sees the
    # other's uncommitted change, and the last to write the line would drop it. The sale's
    # lock (held to commit; taken in sorted order, so no deadlock) makes the second wait
    # and read the first's committed members (READ COMMITTED reads anew per statement).
    # Every lock and every sale's members go in one pipeline, the lines in one more round
    # trip: three round trips per sale made recognition slow (issue 15's profile).
    cursors = []
    with conn.pipeline():
        for provider, sale_id in ordered:
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, %s))", (sale_id, _SALE_LOCK))
            cursors.append(conn.cursor().execute(_MEMBERS_SQL, (provider, sale_id, provider, sale_id)))
    lines, gone = [], []
    for (provider, sale_id), cursor in zip(ordered, cursors, strict=True):
        with cursor:
            members = [_state(row) for row in cursor.fetchall()]
        if members:
            lines.append(sale_values(build_sale(members)))
        else:
            gone.append((provider, sale_id))
    with conn.cursor() as cursor:
        if lines:
            cursor.executemany(_SALE_UPSERT, lines)
        if gone:
            cursor.executemany("DELETE FROM sales WHERE provider = %s AND entity_id = %s", gone)


def ensure_sales(conn: psycopg.Connection) -> None:
    """Fill `sales` on a database that has entities but no sales yet (one migrated from
    schema version 1): every entity's events are replayed, in one transaction."""
    with conn.transaction():
        # The migration's lock: of several receivers starting at once, one rebuilds.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        has_entities = conn.execute("SELECT 1 FROM entities LIMIT 1").fetchone()
        has_sales = conn.execute("SELECT 1 FROM sales LIMIT 1").fetchone()
        if has_entities and not has_sales:
            keys = conn.execute("SELECT provider, entity_id FROM entities").fetchall()
            rebuild_entities(conn, [(row[0], row[1]) for row in keys])
