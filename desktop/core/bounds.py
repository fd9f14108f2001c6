"""Bounds on every value derived from a payload, applied once where recognition ends.

Payloads are hostile input: a status of ten megabytes, an amount of '1e999999999', a
timestamp in the year 300,000, a detail that repeats the whole body. Whatever the provider
modules conclude, what is stored (and later drawn by every table repaint, summed by the totals
and written by the exports) passes through `bounded`, so no viewer has to defend itself
against a value it cannot show.
"""

from __future__ import annotations

import math

from desktop.core.model import Derived
from desktop.core.money import bounded_amount

MAX_ID = 256  # ids are dedup keys: an id cut short could collide, so a longer one is dropped
MAX_TEXT = 200  # labels (status, payer...) are cut, with an ellipsis
MAX_CURRENCY = 8
MAX_REASON = 1000
MAX_DETAIL_ITEMS = 16
MAX_DETAIL_TEXT = 600
# Unix seconds from 1970 to the end of year 9999: what datetime can show.
MAX_TIME = 253402300799.0


def cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _label(value: str | None) -> str | None:
    return cut(value, MAX_TEXT) if isinstance(value, str) and value else None


def _id(value: str | None) -> str | None:
    return value if isinstance(value, str) and value and len(value) <= MAX_ID else None


def _time(value: float | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and 0 <= value <= MAX_TIME else None


def bounded(derived: Derived) -> Derived:
    """`derived` with every field inside its bounds (out-of-range values become None)."""
    amount = bounded_amount(derived.amount)
    currency = derived.currency if derived.currency and len(derived.currency) <= MAX_CURRENCY else None
    detail = {
        cut(str(key), 60): cut(str(value), MAX_DETAIL_TEXT)
        for key, value in list(derived.signature_detail.items())[:MAX_DETAIL_ITEMS]
    }
    return derived.with_(
        event_type=_label(derived.event_type),
        event_id=_id(derived.event_id),
        event_time=_time(derived.event_time),
        entity_type=_label(derived.entity_type),
        entity_id=_id(derived.entity_id),
        sale_id=_id(derived.sale_id),
        status=_label(derived.status),
        amount=amount,
        currency=currency if amount is not None else None,
        payer=_label(derived.payer),
        reference=_label(derived.reference),
        signature_reason=cut(derived.signature_reason, MAX_REASON),
        signature_detail=detail,
    )
