"""The day's totals for the status bar: confirmed receipts, pending and failed entities.

No Qt here. Kept apart from the Payments view's queries: these read whole-table aggregates
over `entities`, not rows, and are the one query measured and tuned on its own (see `totals`).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop.core.model import Derived
from desktop.core.payments import StatusCategory, is_money_confirmed, status_category
from desktop.store.rows import stored_decimal


@dataclass(frozen=True, slots=True)
class Totals:
    confirmed_count: int = 0  # money in since `since` (a charge and its payment count once)
    confirmed_amount: Decimal = Decimal("0.00")  # in BRL
    other_amounts: dict[str, Decimal] = field(default_factory=dict)  # other currencies ('' = not given)
    pending: int = 0  # currently pending, whenever they started
    failed: int = 0  # failed since `since`


def totals(conn: sqlite3.Connection, since: float) -> Totals:
    """Day totals for the status bar: pending over every entity, the rest since `since`.

    Measured on 1,000,000 entities, 170,000 of them from the last day: ~0.6 s (categorising
    the day's rows one by one in Python took 1.4 s with the indexes, 3.5 s without), so the
    status bar runs it off the UI thread. The work stays in SQLite: statuses are categorised
    once per (provider, type, status), and only the day's confirmed receipts come back, grouped.
    """
    pending = 0
    failed_groups: list[tuple[Any, ...]] = []
    confirmed_groups: list[tuple[Any, ...]] = []
    # From the (provider, entity_type, status) index alone: a few dozen rows for a million.
    grouped = conn.execute(
        "SELECT provider, entity_type, status, count(*) FROM entities "
        "WHERE status IS NOT NULL GROUP BY provider, entity_type, status"
    )
    for provider, entity_type, status, count in grouped:
        category = status_category(provider, entity_type, status)
        if category is StatusCategory.PENDING:
            pending += int(count)
        if category is StatusCategory.FAILED:
            failed_groups.append((provider, entity_type, status))
        elif is_money_confirmed(Derived(provider=provider, entity_type=entity_type, status=status)):
            confirmed_groups.append((provider, entity_type, status))

    # The status time is the provider's (when the money moved); received time stands in for
    # providers that send no timestamp. NOT INDEXED: one pass over the table beats the planner's
    # choice (the status index, then a table seek per row) by 2x on a million entities.
    recent = "FROM entities NOT INDEXED WHERE status IS NOT NULL AND coalesce(status_time, last_update) >= ?"
    failed = 0
    if failed_groups:
        condition, params = _any_of(failed_groups)
        failed = int(
            conn.execute(f"SELECT count(*) {recent} AND ({condition})", (since, *params)).fetchone()[0]
        )
    if not confirmed_groups:
        return Totals(pending=pending, failed=failed)

    # A Juno charge PAID and its payment CONFIRMED are the same money: entities of different
    # types sharing provider, reference and amount are one receipt. Two payments of the same
    # type are two receipts, even with the same reference.
    condition, params = _any_of(confirmed_groups)
    confirmed = conn.execute(
        f"SELECT provider, entity_type, reference, amount, currency, count(*) {recent} AND ({condition}) "
        "GROUP BY provider, entity_type, reference, amount, currency",
        (since, *params),
    )
    receipts: dict[tuple[Any, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    count = 0
    brl = Decimal("0.00")
    others: dict[str, Decimal] = defaultdict(Decimal)

    def add(value: Decimal | None, currency: str, times: int) -> None:
        nonlocal count, brl
        count += times
        if value is None:  # confirmed, amount unknown (e.g. a bare "invoice.paid"): counted only
            return
        if currency == "BRL":
            brl += value * times
        else:
            others[currency] += value * times

    for provider, entity_type, reference, amount, currency, times in confirmed:
        value, code = stored_decimal(amount), (currency or "").upper()
        if reference:
            # Grouped again here: SQL grouped the text ("149.9" and "149.90" are one amount).
            receipts[(provider, reference, value, code)][entity_type or ""] += int(times)
        else:  # no reference: never merged, each entity is a receipt
            add(value, code, int(times))
    for (_, _, value, code), by_type in receipts.items():
        add(value, code, max(by_type.values()))
    return Totals(count, brl, dict(others), pending, failed)


def _any_of(groups: list[tuple[Any, ...]]) -> tuple[str, list[Any]]:
    """SQL for "(provider, entity_type, status) is one of these" (entity_type may be NULL)."""
    condition = " OR ".join("(provider = ? AND entity_type IS ? AND status = ?)" for _ in groups)
    return condition, [value for group in groups for value in group]
