"""Every value derived from a payload is bounded before anything stores or shows it."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.bounds import MAX_ID, MAX_TEXT, bounded
from desktop.core.model import Derived


def test_out_of_range_values_become_none_and_labels_are_cut() -> None:
    hostile = Derived(
        event_id="e" * (MAX_ID + 1),
        entity_id="chr_1",
        status="P" * 10_000,
        amount=Decimal("1e999999999"),
        currency="BRL",
        event_time=1e300,
        signature_reason="r" * 5000,
        signature_detail={f"k{n}": "v" * 5000 for n in range(100)},
    )
    safe = bounded(hostile)
    assert safe.event_id is None and safe.entity_id == "chr_1"
    assert safe.status is not None and len(safe.status) == MAX_TEXT and safe.status.endswith("…")
    assert (safe.amount, safe.currency) == (None, None)
    assert safe.event_time is None
    assert len(safe.signature_reason) <= 1000
    assert len(safe.signature_detail) <= 16 and all(len(v) <= 600 for v in safe.signature_detail.values())


def test_ordinary_values_pass_unchanged() -> None:
    ordinary = Derived(
        event_id="evt_1",
        entity_id="pay_1",
        status="CONFIRMED",
        amount=Decimal("149.90"),
        currency="BRL",
        event_time=1_764_244_542.0,
        payer="Maria",
        signature_detail={"header": "X-Signature"},
    )
    assert bounded(ordinary) == ordinary
