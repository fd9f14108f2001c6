"""The Payments view's reads and the day's totals on PostgreSQL (see store/entities_query.py
and store/totals.py for what each answers; the results are the same, the SQL is PostgreSQL's).
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import psycopg

from desktop.core.model import Derived
from desktop.core.payments import (
    EntityState,
    StatusCategory,
    apply_event,
    is_money_confirmed,
    status_category,
)
from desktop.store.entities_query import ENTITY_COLUMNS, REFUSED_SIGNATURES, TIMELINE_COLUMNS, Changed, Key
from desktop.store.rows import derived_from_row, stored_decimal
from desktop.store.totals import Totals

Row = dict[str, Any]
_ROW_NAMES = (*ENTITY_COLUMNS, "refused", "redelivered")
_KEYS_PER_QUERY = 400

_FLAG_COUNTS = (
    "(SELECT count(*) FROM events v WHERE v.provider = entities.provider "
    "AND v.entity_id = entities.entity_id AND v.signature IN ('invalid', 'missing')) AS refused, "
    "(SELECT count(*) FROM events v WHERE v.provider = entities.provider "
    "AND v.entity_id = entities.entity_id AND v.duplicate_of IS NOT NULL "
    "AND v.signature NOT IN ('invalid', 'missing')) AS redelivered"
)
# The event ids of one entity from its newest at or before a mark up to its latest.
_SHOWN_AS = (
    "SELECT string_agg(v.id::text, ',') FROM events v WHERE v.provider = {p} AND v.entity_id = {e} "
    "AND v.id >= coalesce((SELECT max(w.id) FROM events w WHERE w.provider = {p} "
    "AND w.entity_id = {e} AND w.id <= %s), 0)"
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
    sql = f"SELECT provider, entity_id FROM entities WHERE ({where}) ORDER BY last_event DESC"
    return [(row[0], row[1]) for row in conn.execute(sql, tuple(params))]


def latest_event_ids(
    conn: psycopg.Connection,
    where: str,
    params: Sequence[Any],
    *,
    newest: int | None = None,
    before: int | None = None,
) -> array[int]:
    sql = f"SELECT last_event FROM entities WHERE last_event IS NOT NULL AND ({where})"
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
    sql = _SHOWN_AS.format(p="%s", e="%s")
    row = conn.execute(sql, (provider, entity_id, provider, entity_id, after_event)).fetchone()
    return _id_set(row[0] if row else None)


def changed_since(
    conn: psycopg.Connection, after_event: int, where: str, params: Sequence[Any]
) -> list[Changed]:
    sql = (
        "WITH touched(p, e) AS (SELECT DISTINCT provider, entity_id FROM events "
        "WHERE id > %s AND provider IS NOT NULL AND entity_id IS NOT NULL) "
        f"SELECT provider, entity_id, last_event, CASE WHEN ({where}) THEN 1 ELSE 0 END, "
        f"({_SHOWN_AS.format(p='touched.p', e='touched.e')}) "
        "FROM touched JOIN entities ON entities.provider = touched.p AND entities.entity_id = touched.e "
        "ORDER BY last_event DESC"
    )
    return [
        Changed((row[0], row[1]), int(row[2]), bool(row[3]), _id_set(row[4]))
        for row in conn.execute(sql, (after_event, *params, after_event))
    ]


def entity_rows(conn: psycopg.Connection, keys: Iterable[Key]) -> dict[Key, Row]:
    wanted = list(keys)
    rows: dict[Key, Row] = {}
    columns = ", ".join(f"entities.{name}" for name in ENTITY_COLUMNS)
    for start in range(0, len(wanted), _KEYS_PER_QUERY):
        chunk = wanted[start : start + _KEYS_PER_QUERY]
        sql = (
            f"SELECT {columns}, {_FLAG_COUNTS} FROM unnest(%s::text[], %s::text[]) AS wanted(p, e) "
            "JOIN entities ON entities.provider = wanted.p AND entities.entity_id = wanted.e"
        )
        for row in conn.execute(sql, ([k[0] for k in chunk], [k[1] for k in chunk])):
            record = dict(zip(_ROW_NAMES, row, strict=True))
            rows[(record["provider"], record["entity_id"])] = record
    return rows


def entity_rows_by_event(conn: psycopg.Connection, event_ids: Iterable[int]) -> dict[int, Row]:
    wanted = list(event_ids)
    if not wanted:
        return {}
    columns = ", ".join(f"entities.{name}" for name in ENTITY_COLUMNS)
    sql = (
        f"SELECT events.id, {columns}, {_FLAG_COUNTS} FROM events JOIN entities "
        "ON entities.provider = events.provider AND entities.entity_id = events.entity_id "
        "WHERE events.id = ANY(%s)"
    )
    return {int(row[0]): dict(zip(_ROW_NAMES, row[1:], strict=True)) for row in conn.execute(sql, (wanted,))}


def timeline(conn: psycopg.Connection, provider: str, entity_id: str) -> list[Row]:
    """Every event of one entity in arrival order, each with the effect it had (see entities_query)."""
    sql = (
        f"SELECT {', '.join(TIMELINE_COLUMNS)} FROM events WHERE provider = %s AND entity_id = %s ORDER BY id"
    )
    rows = [dict(zip(TIMELINE_COLUMNS, r, strict=True)) for r in conn.execute(sql, (provider, entity_id))]
    state: EntityState | None = None
    for row in rows:
        before = state.status if state is not None else None
        duplicate = row["duplicate_of"] is not None
        state, late = apply_event(state, row["id"], row["received_at"], derived_from_row(row), duplicate)
        if row["signature"] in REFUSED_SIGNATURES:
            row["effect"] = "refused"
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
        "AND provider IS NOT NULL AND (signature IN ('invalid', 'missing') "
        "OR (status IS NOT NULL AND duplicate_of IS NULL AND out_of_order = 0)) ORDER BY id"
    )
    found = []
    for raw in conn.execute(sql, (list(ids),)):
        row = dict(zip(TIMELINE_COLUMNS, raw, strict=True))
        found.append((int(row["id"]), derived_from_row(row)))
    return found


def totals(conn: psycopg.Connection, since: float) -> Totals:
    """Day totals for the status bar (the rules of store/totals.py)."""
    pending = 0
    failed_groups: list[tuple[Any, ...]] = []
    confirmed_groups: list[tuple[Any, ...]] = []
    grouped = conn.execute(
        "SELECT provider, entity_type, status, count(*) FROM entities "
        "WHERE status IS NOT NULL GROUP BY provider, entity_type, status"
    ).fetchall()
    for provider, entity_type, status, count in grouped:
        category = status_category(provider, entity_type, status)
        if category is StatusCategory.PENDING:
            pending += int(count)
        if category is StatusCategory.FAILED:
            failed_groups.append((provider, entity_type, status))
        elif is_money_confirmed(Derived(provider=provider, entity_type=entity_type, status=status)):
            confirmed_groups.append((provider, entity_type, status))
    recent = "FROM entities WHERE status IS NOT NULL AND coalesce(status_time, last_update) >= %s"
    failed = 0
    if failed_groups:
        condition, params = _any_of(failed_groups)
        row = conn.execute(f"SELECT count(*) {recent} AND ({condition})", (since, *params)).fetchone()
        failed = int(row[0]) if row else 0
    if not confirmed_groups:
        return Totals(pending=pending, failed=failed)
    condition, params = _any_of(confirmed_groups)
    confirmed = conn.execute(
        f"SELECT provider, entity_type, reference, amount, currency, count(*) {recent} AND ({condition}) "
        "GROUP BY provider, entity_type, reference, amount, currency",
        (since, *params),
    ).fetchall()
    receipts: dict[tuple[Any, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    count = 0
    brl = Decimal("0.00")
    others: dict[str, Decimal] = defaultdict(Decimal)

    def add(value: Decimal | None, currency: str, times: int) -> None:
        nonlocal count, brl
        count += times
        if value is None:
            return
        if currency == "BRL":
            brl += value * times
        else:
            others[currency] += value * times

    for provider, entity_type, reference, amount, currency, times in confirmed:
        value, code = stored_decimal(amount), (currency or "").upper()
        if reference:
            receipts[(provider, reference, value, code)][entity_type or ""] += int(times)
        else:
            add(value, code, int(times))
    for (_, _, value, code), by_type in receipts.items():
        add(value, code, max(by_type.values()))
    return Totals(count, brl, dict(others), pending, failed)


def _any_of(groups: list[tuple[Any, ...]]) -> tuple[str, list[Any]]:
    condition = " OR ".join(
        "(provider = %s AND entity_type IS NOT DISTINCT FROM %s AND status = %s)" for _ in groups
    )
    return condition, [value for group in groups for value in group]
