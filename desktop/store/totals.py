"""The finance day's totals: sales per category, counted and summed. No Qt here.

One definition for every screen and command (status bar, `main.py totals`, the export):
a sale counts in a category on the day its current status happened (provider time, receipt
time where the provider sends none), in the finance time zone. A sale is a charge and its
payments (store/sales.py), so a charge and its payment count once, a refunded payment moves
its sale out of "confirmed" into "refunded", and only trusted deliveries ever decide (an
unverified "PAID" is in no total). The same rows are listed by the Payments tab's filter
`category:<name> today` (see `filter_for`).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from desktop.core.payments import StatusCategory
from desktop.core.totals import MAIN_CURRENCY, CategoryTotal, Totals
from desktop.store.rows import stored_decimal


def totals(conn: sqlite3.Connection, start: float, end: float) -> Totals:
    """Sales whose current status happened in [start, end), per category.

    One indexed range per category (`sales_day`), grouped by amount in SQLite; the sums are
    Decimals added here (SQLite's sum is a float).
    """
    sql = (
        "SELECT category, upper(coalesce(currency, '')), amount, count(*) FROM sales "
        "WHERE category = ? AND status_time >= ? AND status_time < ? GROUP BY 2, 3"
    )
    result = {
        category: _summed(conn.execute(sql, (str(category), start, end))) for category in StatusCategory
    }
    pending = conn.execute(
        "SELECT category, upper(coalesce(currency, '')), amount, count(*) FROM sales "
        "WHERE category = ? GROUP BY 2, 3",
        (str(StatusCategory.PENDING),),
    )
    return Totals(start, end, result, _summed(pending))


def _summed(groups: Iterable[tuple[Any, ...]]) -> CategoryTotal:
    count = 0
    main = Decimal("0.00")
    others: dict[str, Decimal] = defaultdict(Decimal)
    for _, currency, amount, times in groups:
        count += int(times)
        value = stored_decimal(amount)
        if value is None:  # counted, amount unknown (e.g. a bare "invoice.paid")
            continue
        if currency in (MAIN_CURRENCY, ""):
            main += value * int(times)
        else:
            others[currency] += value * int(times)
    return CategoryTotal(count, main, dict(others))
