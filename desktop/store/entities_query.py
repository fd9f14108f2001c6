"""Read queries behind the Payments view: sales, timelines, notable events.

No Qt here. The view's rows are sales (store/sales.py: a charge and its payments, one line),
keyed (provider, sale id). Sales are ordered by `last_event` (the id of the latest event
that touched one of their entities), which is commit order: exact where `last_update`
(received time) can tie or step back, and it lets the UI ask "what changed since event N"
instead of reloading every key. An event touches one entity, and an entity belongs to one
sale, so a `last_event` names one sale.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from desktop.core.model import Derived
from desktop.core.payments import EntityState, apply_event
from desktop.core.trust import is_claim, is_refused
from desktop.store.rows import derived_from_row
from desktop.store.sales import SALE_COLUMNS

Key = tuple[str, str]  # (provider, entity_id)
Row = dict[str, Any]

ENTITY_COLUMNS = SALE_COLUMNS  # what a row of the Payments view holds (a sale)
TIMELINE_COLUMNS = (
    "id",
    "received_at",
    "event_time",
    "provider",
    "event_type",
    "entity_type",
    "entity_id",
    "status",
    "amount",
    "currency",
    "payer",
    "reference",
    "signature",
    "signature_reason",
    "duplicate_of",
    "out_of_order",
    "sale_id",
    "endpoint_trusted",
    "endpoint",
)
# Row values in an IN list: each key costs two SQL variables; stay far below SQLite's limit.
_KEYS_PER_QUERY = 400
# Rows read per fetch when a whole column of ids is loaded into an array.
_FETCH_CHUNK = 50_000

# Indexes the Payments view and the totals need on a million entities. Schema v2 creates the
# same ones under the same names, so on a migrated database this is a no-op; without them the
# view still works, but each load sorts the whole table.
ENTITY_INDEXES = (
    # Rows most recently touched first, and "the newest screenful" without sorting everything.
    "CREATE INDEX IF NOT EXISTS entities_last_event ON entities(last_event)",
    # Totals: the pending count groups (provider, type, status) from the index alone.
    "CREATE INDEX IF NOT EXISTS entities_category ON entities(provider, entity_type, status)",
    "CREATE INDEX IF NOT EXISTS sales_last_event ON sales(last_event)",
)


def ensure_entity_indexes(conn: sqlite3.Connection) -> None:
    """Create the indexes in ENTITY_INDEXES if missing (idempotent; a write: the writer's connection)."""
    for sql in ENTITY_INDEXES:
        conn.execute(sql)
    conn.commit()


@dataclass(frozen=True, slots=True)
class Changed:
    key: Key
    last_event: int
    matches: bool  # still passes the caller's filter
    # The `last_event` values under which a view current to `after_event` may hold this entity:
    # its events from the newest at or before `after_event` up to now (see `shown_as`).
    shown_as: frozenset[int] = frozenset()


def high_water(conn: sqlite3.Connection) -> int:
    """The newest recognised event id: entities are current up to it (pass it to `changed_since`).

    Events are stored first and recognised moments later, in id order (see store/writer.py),
    so the mark stops before the first event still waiting to be recognised.
    """
    # One statement, so one snapshot: as two queries, an event captured between "none waiting"
    # and "the newest id" was counted as recognised, and its entity was never picked up.
    sql = (
        "SELECT coalesce((SELECT min(id) - 1 FROM events WHERE derived = 0), (SELECT max(id) FROM events), 0)"
    )
    return int(conn.execute(sql).fetchone()[0])


def entity_keys(conn: sqlite3.Connection, where: str = "1", params: Sequence[Any] = ()) -> list[Key]:
    """Keys of the matching sales, most recently touched first."""
    sql = f"SELECT provider, entity_id FROM sales WHERE ({where}) ORDER BY last_event DESC"
    return [(row[0], row[1]) for row in conn.execute(sql, tuple(params))]


def latest_event_ids(
    conn: sqlite3.Connection,
    where: str = "1",
    params: Sequence[Any] = (),
    *,
    newest: int | None = None,
    before: int | None = None,
) -> array[int]:
    """The `last_event` of each matching entity, ascending: what the Payments view holds per row.

    An event touches one entity, so an entity's last event id names it as surely as its key,
    in 8 bytes, and sorts it by recency; the row itself is read through that event (see
    `entity_rows_by_event`). `newest` keeps only that many of the most recent; `before` only
    entities last touched before that event. (Every stored entity has a `last_event`: the
    writer sets it with the entity's first event.)
    """
    sql = f"SELECT last_event FROM sales WHERE last_event IS NOT NULL AND ({where})"
    args: tuple[Any, ...] = tuple(params)
    if before is not None:
        sql += " AND last_event < ?"
        args += (before,)
    if newest is not None:
        sql += " ORDER BY last_event DESC LIMIT ?"
        args += (newest,)
    else:
        sql += " ORDER BY last_event"
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: chain() flattens them into the array in C
    cursor.execute(sql, args)
    ids: array[int] = array("q")
    while chunk := cursor.fetchmany(_FETCH_CHUNK):
        ids.extend(chain.from_iterable(chunk))
    if newest is not None:
        ids.reverse()
    return ids


# The event ids of one sale (the events of its entities), from its newest at or before a mark
# (`?`) up to its latest: a view that was current to the mark holds the sale under one of them
# (its `last_event` when the view read it). The primary key, `entities_sale` and
# `events_entity` indexes answer each part.
# The entity ids of one sale: its head and the entities linked to it. Two indexed lookups (the
# primary key, `entities_sale`); an OR over both made SQLite walk every event of the provider.
MEMBERS = (
    "SELECT entity_id FROM entities WHERE provider = {p} AND entity_id = {e} "
    "UNION SELECT entity_id FROM entities WHERE provider = {p} AND sale_id = {e}"
)
_MEMBER_EVENTS = (
    "SELECT {col} FROM events {v} WHERE {v}.provider = {p} AND {v}.entity_id IN (" + MEMBERS + ")"
)
_SHOWN_AS = (
    _MEMBER_EVENTS.format(col="group_concat(v.id)", v="v", p="{p}", e="{e}")
    + " AND v.id >= coalesce(("
    + _MEMBER_EVENTS.format(col="max(w.id)", v="w", p="{p}", e="{e}")
    + " AND w.id <= {mark}), 0)"
)


def _id_set(text: str | None) -> frozenset[int]:
    return frozenset(int(part) for part in text.split(",")) if text else frozenset()


def shown_as(conn: sqlite3.Connection, key: Key, after_event: int) -> frozenset[int]:
    """The `last_event` values a view current to `after_event` may show this entity under.

    A view's row for the entity holds the `last_event` it read, which is at least the entity's
    newest event up to the view's mark (those were all applied when it read) and at most now.
    """
    sql = _SHOWN_AS.format(p=":p", e=":e", mark=":mark")
    provider, entity_id = key
    row = conn.execute(sql, {"p": provider, "e": entity_id, "mark": after_event}).fetchone()
    return _id_set(row[0])


def changed_since(
    conn: sqlite3.Connection, after_event: int, where: str = "1", params: Sequence[Any] = ()
) -> list[Changed]:
    """Entities touched by events after `after_event`, newest first, each saying whether it
    still matches the filter (so the view can drop rows that stopped matching).

    The touched keys come from the new events (a range of the primary key), then each entity
    by its own key: the cost follows the number of new events, not the size of `entities`.
    """
    sql = (
        "WITH touched(p, e) AS (SELECT DISTINCT provider, entity_id FROM events NOT INDEXED "
        "WHERE id > ? AND provider IS NOT NULL AND entity_id IS NOT NULL), "
        "touched_sales(p, e) AS (SELECT DISTINCT entities.provider, coalesce(entities.sale_id, "
        "entities.entity_id) FROM touched JOIN entities ON entities.provider = touched.p "
        "AND entities.entity_id = touched.e) "
        f"SELECT provider, entity_id, last_event, CASE WHEN ({where}) THEN 1 ELSE 0 END, "
        # The mark is an int written in the SQL: the filter's parameters are positional.
        f"({_SHOWN_AS.format(p='touched_sales.p', e='touched_sales.e', mark=int(after_event))}) "
        "FROM touched_sales JOIN sales ON sales.provider = touched_sales.p "
        "AND sales.entity_id = touched_sales.e ORDER BY last_event DESC"
    )
    return [
        Changed((row[0], row[1]), int(row[2]), bool(row[3]), _id_set(row[4]))
        for row in conn.execute(sql, (after_event, *params))
    ]


# Besides its stored columns each row says what the flags and the status cell show:
# `refused` (deliveries whose check failed), `redelivered` (genuine redeliveries).
_FLAG_COUNTS = "sales.invalid_signatures AS refused, sales.duplicates AS redelivered"
_ROW_NAMES = (*ENTITY_COLUMNS, "refused", "redelivered")


def entity_rows(conn: sqlite3.Connection, keys: Iterable[Key]) -> dict[Key, Row]:
    """The stored lines of these sales, by key (missing keys were cleared).

    Besides the stored columns each row has `refused` (deliveries whose check failed) and
    `redelivered` (genuine redeliveries): the counts the flags show.
    """
    wanted = list(keys)
    rows: dict[Key, Row] = {}
    columns = ", ".join(f"sales.{name}" for name in ENTITY_COLUMNS)
    for start in range(0, len(wanted), _KEYS_PER_QUERY):
        chunk = wanted[start : start + _KEYS_PER_QUERY]
        marks = ",".join("(?, ?)" for _ in chunk)
        flat = [part for key in chunk for part in key]
        # A join on the keys, not "(provider, entity_id) IN (VALUES ...)": SQLite scans the
        # whole table for the latter, and seeks the primary key for the former.
        sql = (
            f"WITH wanted(p, e) AS (VALUES {marks}) SELECT {columns}, {_FLAG_COUNTS} "
            "FROM wanted JOIN sales ON sales.provider = wanted.p AND sales.entity_id = wanted.e"
        )
        for row in conn.execute(sql, flat):
            record = dict(zip(_ROW_NAMES, tuple(row), strict=True))
            rows[(record["provider"], record["entity_id"])] = record
    return rows


def entity_rows_by_event(conn: sqlite3.Connection, event_ids: Iterable[int]) -> dict[int, Row]:
    """The current lines of the sales these events belong to, by event id (as `entity_rows`).

    The Payments view names its rows by `last_event` (see `latest_event_ids`): each is read
    through its event's entity and that entity's sale, three primary-key seeks, and is found
    even when a newer event has touched the sale since the view listed it.
    """
    wanted = list(event_ids)
    rows: dict[int, Row] = {}
    columns = ", ".join(f"sales.{name}" for name in ENTITY_COLUMNS)
    for start in range(0, len(wanted), _KEYS_PER_QUERY):
        chunk = wanted[start : start + _KEYS_PER_QUERY]
        sql = (
            f"SELECT events.id, {columns}, {_FLAG_COUNTS} FROM events JOIN entities "
            "ON entities.provider = events.provider AND entities.entity_id = events.entity_id "
            "JOIN sales ON sales.provider = entities.provider "
            "AND sales.entity_id = coalesce(entities.sale_id, entities.entity_id) "
            f"WHERE events.id IN ({','.join('?' for _ in chunk)})"
        )
        for row in conn.execute(sql, chunk):
            values = tuple(row)
            rows[int(values[0])] = dict(zip(_ROW_NAMES, values[1:], strict=True))
    return rows


def timeline(conn: sqlite3.Connection, provider: str, sale_id: str) -> list[Row]:
    """Every event of one sale (its charge and its payments) in arrival order, each with the
    effect it had.

    `effect` is one of: "changed" (moved its entity's status), "same" (accepted, status
    unchanged), "refused" (its check failed), "unverified" (nobody could check it: kept aside),
    "duplicate", "late" (out of order). `status_after` is its entity's status once the event
    was applied. The effect is replayed through the core rules, entity by entity, so it is what
    the entity really did, not a guess from the event's own fields.
    """
    columns = ", ".join(f"v.{name}" for name in TIMELINE_COLUMNS)
    sql = _MEMBER_EVENTS.format(col=columns, v="v", p=":p", e=":e") + " ORDER BY v.id"
    rows = [
        dict(zip(TIMELINE_COLUMNS, tuple(r), strict=True))
        for r in conn.execute(sql, {"p": provider, "e": sale_id})
    ]
    states: dict[str, EntityState] = {}
    for row in rows:
        entity = str(row["entity_id"])
        state = states.get(entity)
        before = state.status if state is not None else None
        duplicate = row["duplicate_of"] is not None
        derived = derived_from_row(row)
        state, late = apply_event(state, row["id"], row["received_at"], derived, duplicate)
        states[entity] = state
        # A failed check first: a forged copy of a real delivery is a forgery, not a redelivery.
        if is_refused(derived):
            row["effect"] = "refused"
        elif is_claim(derived):
            row["effect"] = "unverified"
        elif duplicate:
            row["effect"] = "duplicate"
        elif late or row["out_of_order"]:
            row["effect"] = "late"
        else:
            row["effect"] = "changed" if state.status != before else "same"
        row["status_after"] = state.status
    return rows


# -- notifications ------------------------------------------------------------------------------


def notable_events(conn: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[int, Derived]]:
    """Of these new events, the ones a notification may be about (a status that is not a
    duplicate or late, or a failed signature), as (id, Derived), in id order."""
    if not ids:
        return []
    lo, hi = min(ids), max(ids)
    keep = set(ids)
    sql = (
        f"SELECT {', '.join(TIMELINE_COLUMNS)} FROM events WHERE id BETWEEN ? AND ? "
        "AND provider IS NOT NULL AND (signature NOT IN ('valid', 'unsigned', 'unverified') "
        "OR (status IS NOT NULL AND duplicate_of IS NULL AND out_of_order = 0)) ORDER BY id"
    )
    found = []
    for raw in conn.execute(sql, (lo, hi)):
        row = dict(zip(TIMELINE_COLUMNS, tuple(raw), strict=True))
        if row["id"] in keep:
            derived = derived_from_row(row)
            found.append((int(row["id"]), derived))
    return found


def unverified_paths(conn: sqlite3.Connection) -> list[str]:
    """Endpoints (or paths, where none is configured) with an unchecked claim still standing.

    From the sales that show "não verificado" (few), to their entities' unverified events: the
    window asks for those endpoints' secrets.
    """
    members = MEMBERS.format(p="s.provider", e="s.entity_id")
    sql = (
        "SELECT DISTINCT coalesce(v.endpoint, v.path) FROM sales s INDEXED BY sales_claimed "
        f"JOIN events v ON v.provider = s.provider AND v.entity_id IN ({members}) "
        "WHERE s.claimed_status IS NOT NULL AND v.signature = 'unverified' ORDER BY 1"
    )
    return [str(row[0]) for row in conn.execute(sql)]
