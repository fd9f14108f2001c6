"""The finance day's totals as records: sales per category, counted and summed. No Qt, no SQL.

`desktop.store.totals` computes them (one definition for the status bar, `main.py totals` and
the export); `filter_for` names the Payments tab's filter that lists what a total counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.payments import StatusCategory

MAIN_CURRENCY = "BRL"


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    count: int = 0
    amount: Decimal = Decimal("0.00")  # in BRL (or with no currency given)
    other_amounts: dict[str, Decimal] = field(default_factory=dict)  # other currencies


@dataclass(frozen=True, slots=True)
class Totals:
    start: float = 0.0
    end: float = 0.0
    categories: dict[StatusCategory, CategoryTotal] = field(default_factory=dict)
    # Pending is what is still open now, whichever day it started: a boleto issued last week
    # and not yet paid is finance's business today. Listed by `category:pending`.
    open_pending: CategoryTotal = field(default_factory=CategoryTotal)

    def of(self, category: StatusCategory) -> CategoryTotal:
        return self.categories.get(category, CategoryTotal())

    # Shorthands the status bar reads.
    @property
    def confirmed_count(self) -> int:
        return self.of(StatusCategory.CONFIRMED).count

    @property
    def confirmed_amount(self) -> Decimal:
        return self.of(StatusCategory.CONFIRMED).amount

    @property
    def other_amounts(self) -> dict[str, Decimal]:
        return self.of(StatusCategory.CONFIRMED).other_amounts


def filter_for(category: StatusCategory) -> str:
    """The Payments tab's filter that lists exactly the sales a status-bar total counts."""
    if category is StatusCategory.PENDING:
        return "category:pending"  # open now, any day (see Totals.open_pending)
    return f"category:{category} today"
