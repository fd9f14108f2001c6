"""The Payments view's reads, the sales export and the finance day's totals on PostgreSQL.

Each function answers what its namesake in store/entities_query.py, store/sales.py or
store/totals.py answers (the rows are sales: a charge and its payments, one line; only
trusted deliveries decide a status or count as money), with PostgreSQL's SQL. The replay of
a timeline is the core's (`apply_event`, `core.trust`), not SQL.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import psycopg

from desktop.core.model import Derived
from desktop.core.payments import EntityState, StatusCategory, apply_event
from desktop.core.totals import MAIN_CURRENCY, CategoryTotal, Totals
from desktop.core.trust import is_claim, is_refused
from desktop.store.entities_query import ENTITY_COLUMNS, TIMELINE_COLUMNS, Changed, Key
from desktop.store.rows import derived_from_row, stored_decimal
from desktop.store.sales import SALE_COLUMNS

Row = dict[str, Any]
_FLAG_COUNTS = "sales.invalid_signatures AS refused, sales.duplicates AS redelivered"
_ROW_NAMES = (*ENTITY_COLUMNS, "refused", "redelivered")
_KEYS_PER_QUERY = 400

# The entity ids of one sale: its head and the entities linked to it (two indexed lookups).
_MEMBERS = (
    "SELECT entity_id FROM entities WHERE provider = {p} AND entity_id = {e} "
    "UNION SELECT entity_id FROM entities WHERE provider = {p} AND sale_id = {e}"
)
_MEMBER_EVENTS = (
    "SELECT {col} FROM events {v} WHERE {v}.provider = {p} AND {v}.entity_id IN (" + _MEMBERS + ")"
)
# The event ids of one sale from its newest at or before a mark up to its latest.
_SHOWN_AS = (
    _MEMBER_EVENTS.format(col="string_agg(v.id::text, ',')", v="v", p="{p}", e="{e}")
    + " AND v.id >= coalesce(("
    + _MEMBER_EVENTS.format(col="max(w.id)", v="w", p="{p}", e="{e}")
    + " AND w.id <= {mark}), 0)"
)


def _id_set(text: str | None) -> frozenset[int]:
    return frozenset(int(part) for part in text.split(",")) if text else frozenset()


def high_water(conn: psycopg.Connection) -> int:
    """The newest recognised event id (one statement, so one snapshot)."""
    sql = (
        "SELECT coalesce((SELECT min(id) - 1 FROM events WHERE derived = 0), (SELECT max(id) FROM events), 0)"
    )
    row = conn.execute(sql).fetchone()
    return int(row[0]) if row else 0


def entity_keys(conn: psycopg.Connection, where: str, params: Sequence[Any]) -> list[Key]:
    sql = f"SELECT provider, entity_id FROM sales WHERE ({where}) ORDER BY last_event DESC"
    return [(row[0], row[1]) for row in conn.execute(sql, tuple(params))]


def latest_event_ids(
    conn: psycopg.Connection,
    where: str,
    params: Sequence[Any],
    *,
    newest: int | None = None,
    before: int | None = None,
) -> array[int]:
    sql = f"SELECT last_event FROM sales WHERE last_event IS NOT NULL AND ({where})"
    args: tuple[Any, ...] = tuple(params)
    if before is not None:
        sql += " AND last_event < %s"
        args += (before,)
    if newest is not None:
        sql += " ORDER BY last_event DESC LIMIT %s"
        args += (newest,)
    else:
        sql += " ORDER BY last_event"
    ids: array[int] = array("q", (int(row[0]) for row in conn.execute(sql, args)))
    if newest is not None:
        ids.reverse()
    return ids


def shown_as(conn: psycopg.Connection, key: Key, after_event: int) -> frozenset[int]:
    provider, entity_id = key
    sql = _SHOWN_AS.format(p="%(p)s", e="%(e)s", mark="%(mark)s")
    row = conn.execute(sql, {"p": provider, "e": entity_id, "mark": after_event}).fetchone()
    return _id_set(row[0] if row else None)


def changed_since(
    conn: psycopg.Connection, after_event: int, where: str, params: Sequence[Any]
) -> list[Changed]:
    sql = (
        "WITH touched(p, e) AS (SELECT DISTINCT provider, entity_id FROM events "
        "WHERE id > %s AND provider IS NOT NULL AND entity_id IS NOT NULL), "
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


def entity_rows(conn: psycopg.Connection, keys: Iterable[Key]) -> dict[Key, Row]:
    wanted = list(keys)
    rows: dict[Key, Row] = {}
    columns = ", ".join(f"sales.{name}" for name in ENTITY_COLUMNS)
    for start in range(0, len(wanted), _KEYS_PER_QUERY):
        chunk = wanted[start : start + _KEYS_PER_QUERY]
        sql = (
            f"SELECT {columns}, {_FLAG_COUNTS} FROM unnest(%s::text[], %s::text[]) AS wanted(p, e) "
            "JOIN sales ON sales.provider = wanted.p AND sales.entity_id = wanted.e"
        )
        for row in conn.execute(sql, ([k[0] for k in chunk], [k[1] for k in chunk])):
            record = dict(zip(_ROW_NAMES, row, strict=True))
            rows[(record["provider"], record["entity_id"])] = record
    return rows


def entity_rows_by_event(conn: psycopg.Connection, event_ids: Iterable[int]) -> dict[int, Row]:
    wanted = list(event_ids)
    if not wanted:
        return {}
    columns = ", ".join(f"sales.{name}" for name in ENTITY_COLUMNS)
    sql = (
        f"SELECT events.id, {columns}, {_FLAG_COUNTS} FROM events JOIN entities "
        "ON entities.provider = events.provider AND entities.entity_id = events.entity_id "
        "JOIN sales ON sales.provider = entities.provider "
        "AND sales.entity_id = coalesce(entities.sale_id, entities.entity_id) "
        "WHERE events.id = ANY(%s)"
    )
    return {int(row[0]): dict(zip(_ROW_NAMES, row[1:], strict=True)) for row in conn.execute(sql, (wanted,))}


def timeline(conn: psycopg.Connection, provider: str, sale_id: str) -> list[Row]:
    """Every event of one sale in arrival order, each with the effect it had (see entities_query)."""
    columns = ", ".join(f"v.{name}" for name in TIMELINE_COLUMNS)
    sql = _MEMBER_EVENTS.format(col=columns, v="v", p="%(p)s", e="%(e)s") + " ORDER BY v.id"
    rows = [
        dict(zip(TIMELINE_COLUMNS, r, strict=True)) for r in conn.execute(sql, {"p": provider, "e": sale_id})
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


def notable_events(conn: psycopg.Connection, ids: Sequence[int]) -> list[tuple[int, Derived]]:
    if not ids:
        return []
    sql = (
        f"SELECT {', '.join(TIMELINE_COLUMNS)} FROM events WHERE id = ANY(%s) "
        "AND provider IS NOT NULL AND (signature NOT IN ('valid', 'unsigned', 'unverified') "
        "OR (status IS NOT NULL AND duplicate_of IS NULL AND out_of_order = 0)) ORDER BY id"
    )
    found = []
    for raw in conn.execute(sql, (list(ids),)):
        row = dict(zip(TIMELINE_COLUMNS, raw, strict=True))
        found.append((int(row["id"]), derived_from_row(row)))
    return found


def unverified_paths(conn: psycopg.Connection) -> list[str]:
    """Endpoints (or paths) with an unchecked claim still standing (their secret is wanted)."""
    members = _MEMBERS.format(p="s.provider", e="s.entity_id")
    sql = (
        "SELECT DISTINCT coalesce(v.endpoint, v.path) FROM sales s "
        f"JOIN events v ON v.provider = s.provider AND v.entity_id IN ({members}) "
        "WHERE s.claimed_status IS NOT NULL AND v.signature = 'unverified' ORDER BY 1"
    )
    return [str(row[0]) for row in conn.execute(sql)]


def iter_sales(
    conn: psycopg.Connection,
    where: str,
    params: Sequence[Any],
    *,
    start: float | None = None,
    end: float | None = None,
    include_unverified: bool = False,
) -> Iterator[Row]:
    """Sales rows for the accountant's export, oldest status first (see store/sales.iter_sales)."""
    sql = f"SELECT {', '.join(SALE_COLUMNS)} FROM sales WHERE ({where})"
    args: list[Any] = list(params)
    if start is not None and end is not None:
        sql += " AND status_time >= %s AND status_time < %s"
        args += [start, end]
    if not include_unverified:
        sql += " AND status IS NOT NULL AND claimed_status IS NULL"
    sql += " ORDER BY status_time, provider, entity_id"
    with conn.cursor() as cursor:
        cursor.execute(sql, args)
        while chunk := cursor.fetchmany(1000):
            for row in chunk:
                yield dict(zip(SALE_COLUMNS, row, strict=True))


def totals(conn: psycopg.Connection, start: float, end: float) -> Totals:
    """Sales whose current status happened in [start, end), per category (store/totals.py's
    rules: a sale's category comes from trusted deliveries only, so a claim counts nowhere)."""
    sql = (
        "SELECT category, upper(coalesce(currency, '')), amount, count(*) FROM sales "
        "WHERE category = %s AND status_time >= %s AND status_time < %s GROUP BY 1, 2, 3"
    )
    result = {
        category: _summed(conn.execute(sql, (str(category), start, end)).fetchall())
        for category in StatusCategory
    }
    pending = conn.execute(
        "SELECT category, upper(coalesce(currency, '')), amount, count(*) FROM sales "
        "WHERE category = %s GROUP BY 1, 2, 3",
        (str(StatusCategory.PENDING),),
    ).fetchall()
    return Totals(start, end, result, _summed(pending))


def _summed(groups: Iterable[tuple[Any, ...]]) -> CategoryTotal:
    count = 0
    main = Decimal("0.00")
    others: dict[str, Decimal] = defaultdict(Decimal)
    for _, currency, amount, times in groups:
        count += int(times)
        value = stored_decimal(amount)
        if value is None:  # counted, amount unknown
            continue
        if currency in (MAIN_CURRENCY, ""):
            main += value * int(times)
        else:
            others[currency] += value * int(times)
    return CategoryTotal(count, main, dict(others))
