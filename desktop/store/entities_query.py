"""Read queries behind the Payments view and the totals: entities, timelines, day totals.

No Qt here. Entities are ordered by `last_event` (the id of the latest event that touched
them), which is commit order: exact where `last_update` (received time) can tie or step
back, and it lets the UI ask "what changed since event N" instead of reloading every key.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.core.model import Derived, Verdict
from desktop.core.payments import (
    EntityState,
    StatusCategory,
    apply_event,
    is_money_confirmed,
    status_category,
)

Key = tuple[str, str]  # (provider, entity_id)
Row = dict[str, Any]

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
)
# Same condition as the store's duplicate index: these deliveries change nothing.
REFUSED_SIGNATURES = ("invalid", "missing")
# Row values in an IN list: each key costs two SQL variables; stay far below SQLite's limit.
_KEYS_PER_QUERY = 400


@dataclass(frozen=True, slots=True)
class Changed:
    key: Key
    last_event: int
    matches: bool  # still passes the caller's filter


def high_water(conn: sqlite3.Connection) -> int:
    """The newest recognised event id: entities are current up to it (pass it to `changed_since`).

    Events are stored first and recognised moments later, in id order (see store/writer.py),
    so the mark stops before the first event still waiting to be recognised.
    """
    waiting = conn.execute("SELECT min(id) FROM events WHERE derived = 0").fetchone()[0]
    if waiting is not None:
        return int(waiting) - 1
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])


def entity_keys(conn: sqlite3.Connection, where: str = "1", params: Sequence[Any] = ()) -> list[Key]:
    """Keys of the matching entities, most recently touched first."""
    sql = f"SELECT provider, entity_id FROM entities WHERE ({where}) ORDER BY last_event DESC"
    return [(row[0], row[1]) for row in conn.execute(sql, tuple(params))]


def changed_since(
    conn: sqlite3.Connection, after_event: int, where: str = "1", params: Sequence[Any] = ()
) -> list[Changed]:
    """Entities touched by events after `after_event`, newest first, each saying whether it
    still matches the filter (so the view can drop rows that stopped matching).

    The touched keys come from the new events (a range of the primary key), then each entity
    by its own key: the cost follows the number of new events, not the size of `entities`.
    """
    sql = (
        "WITH touched(p, e) AS (SELECT DISTINCT provider, entity_id FROM events "
        "WHERE id > ? AND provider IS NOT NULL AND entity_id IS NOT NULL) "
        f"SELECT provider, entity_id, last_event, CASE WHEN ({where}) THEN 1 ELSE 0 END "
        "FROM touched JOIN entities ON entities.provider = touched.p AND entities.entity_id = touched.e "
        "ORDER BY last_event DESC"
    )
    return [
        Changed((row[0], row[1]), int(row[2]), bool(row[3]))
        for row in conn.execute(sql, (after_event, *params))
    ]


# Flag counts per entity, read from the events' own stored verdicts. A forged copy of a real
# delivery (same provider event id, signature failed) is recorded by the store as a duplicate
# and counted in `entities.duplicates`; the person reading the table must see it as a failed
# signature, so the flags come from here. Both use the `events_entity` index.
_FLAG_COUNTS = (
    "(SELECT count(*) FROM events v WHERE v.provider = entities.provider "
    "AND v.entity_id = entities.entity_id AND v.signature IN ('invalid', 'missing')) AS refused, "
    "(SELECT count(*) FROM events v WHERE v.provider = entities.provider "
    "AND v.entity_id = entities.entity_id AND v.duplicate_of IS NOT NULL "
    "AND v.signature NOT IN ('invalid', 'missing')) AS redelivered"
)


def entity_rows(conn: sqlite3.Connection, keys: Iterable[Key]) -> dict[Key, Row]:
    """The stored state of these entities, by key (missing keys were cleared).

    Besides the stored columns each row has `refused` (deliveries whose signature failed) and
    `redelivered` (genuine redeliveries): the counts the flags show.
    """
    wanted = list(keys)
    rows: dict[Key, Row] = {}
    columns = ", ".join(ENTITY_COLUMNS)
    names = (*ENTITY_COLUMNS, "refused", "redelivered")
    for start in range(0, len(wanted), _KEYS_PER_QUERY):
        chunk = wanted[start : start + _KEYS_PER_QUERY]
        marks = ",".join("(?, ?)" for _ in chunk)
        flat = [part for key in chunk for part in key]
        # A join on the keys, not "(provider, entity_id) IN (VALUES ...)": SQLite scans the
        # whole table for the latter, and seeks the primary key for the former.
        sql = (
            f"WITH wanted(p, e) AS (VALUES {marks}) SELECT {columns}, {_FLAG_COUNTS} "
            "FROM wanted JOIN entities ON entities.provider = wanted.p AND entities.entity_id = wanted.e"
        )
        for row in conn.execute(sql, flat):
            record = dict(zip(names, tuple(row), strict=True))
            rows[(record["provider"], record["entity_id"])] = record
    return rows


def timeline(conn: sqlite3.Connection, provider: str, entity_id: str) -> list[Row]:
    """Every event of one entity in arrival order, each with the effect it had on the entity.

    `effect` is one of: "changed" (moved the status), "same" (accepted, status unchanged),
    "refused" (signature failed), "duplicate", "late" (out of order). `status_after` is the
    entity's status once the event was applied. The effect is replayed through the core rules,
    so it is what the entity really did, not a guess from the event's own fields.
    """
    sql = f"SELECT {', '.join(TIMELINE_COLUMNS)} FROM events WHERE provider = ? AND entity_id = ? ORDER BY id"
    rows = [
        dict(zip(TIMELINE_COLUMNS, tuple(r), strict=True)) for r in conn.execute(sql, (provider, entity_id))
    ]
    state: EntityState | None = None
    for row in rows:
        before = state.status if state is not None else None
        duplicate = row["duplicate_of"] is not None
        state, late = apply_event(state, row["id"], row["received_at"], _derived(row), duplicate)
        # A failed signature first: a forged copy of a real delivery is a forgery, not a redelivery.
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


def _derived(row: Row) -> Derived:
    return Derived(
        provider=row["provider"],
        event_type=row["event_type"],
        event_time=row["event_time"],
        entity_type=row["entity_type"],
        entity_id=row["entity_id"],
        status=row["status"],
        amount=_decimal(row["amount"]),
        currency=row["currency"],
        payer=row["payer"],
        reference=row["reference"],
        signature=_verdict(row["signature"]),
        duplicate_of=row.get("duplicate_of"),
        out_of_order=bool(row.get("out_of_order")),
    )


def _verdict(text: str | None) -> Verdict:
    try:
        return Verdict(text or "unverified")
    except ValueError:
        return Verdict.UNVERIFIED


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


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
        "AND provider IS NOT NULL AND (signature IN ('invalid', 'missing') "
        "OR (status IS NOT NULL AND duplicate_of IS NULL AND out_of_order = 0)) ORDER BY id"
    )
    found = []
    for raw in conn.execute(sql, (lo, hi)):
        row = dict(zip(TIMELINE_COLUMNS, tuple(raw), strict=True))
        if row["id"] in keep:
            derived = _derived(row).with_(signature_reason=row["signature_reason"] or "")
            found.append((int(row["id"]), derived))
    return found


# -- totals -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Totals:
    confirmed_count: int = 0  # money in since `since` (a charge and its payment count once)
    confirmed_amount: Decimal = Decimal("0.00")  # in BRL
    other_amounts: dict[str, Decimal] = field(default_factory=dict)  # other currencies ('' = not given)
    pending: int = 0  # currently pending, whenever they started
    failed: int = 0  # failed since `since`


def totals(conn: sqlite3.Connection, since: float) -> Totals:
    """Day totals for the status bar: pending over every entity, the rest since `since`."""
    pending = 0
    # Grouped in SQL: 100k entities come back as a few dozen (provider, type, status) rows.
    grouped = conn.execute(
        "SELECT provider, entity_type, status, count(*) FROM entities "
        "WHERE status IS NOT NULL GROUP BY provider, entity_type, status"
    )
    for provider, entity_type, status, count in grouped:
        if status_category(provider, entity_type, status) is StatusCategory.PENDING:
            pending += int(count)

    # The status time is the provider's (when the money moved); received time stands in
    # for providers that send no timestamp. A day holds few entities: categorised one by one.
    recent_rows = conn.execute(
        "SELECT provider, entity_type, status, amount, currency, reference FROM entities "
        "WHERE status IS NOT NULL AND coalesce(status_time, last_update) >= ?",
        (since,),
    )
    failed = 0
    # A Juno charge PAID and its payment CONFIRMED are the same money: entities of different
    # types sharing provider, reference and amount are one receipt. Two payments of the same
    # type are two receipts, even with the same reference.
    receipts: dict[tuple[Any, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for provider, entity_type, status, amount, currency, reference in recent_rows:
        if status_category(provider, entity_type, status) is StatusCategory.FAILED:
            failed += 1
            continue
        if not is_money_confirmed(Derived(provider=provider, entity_type=entity_type, status=status)):
            continue
        value = _decimal(amount)
        money_key = (provider, reference, value, (currency or "").upper())
        group = money_key if reference else (*money_key, len(receipts))  # no reference: never merged
        receipts[group][entity_type or ""] += 1

    count = 0
    brl = Decimal("0.00")
    others: dict[str, Decimal] = defaultdict(Decimal)
    for group, by_type in receipts.items():
        _, _, value, currency = group[:4]
        times = max(by_type.values())
        count += times
        if value is None:  # confirmed, amount unknown (e.g. a bare "invoice.paid"): counted only
            continue
        if currency == "BRL":
            brl += value * times
        else:
            others[currency] += value * times
    return Totals(count, brl, dict(others), pending, failed)
