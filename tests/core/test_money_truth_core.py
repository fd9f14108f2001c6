"""Money truth in the core (issue 9): trust, sales, the finance day, CSV dialects, config."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core import csv_dialects, export_formats
from desktop.core.config import ConfigError, settings_from_dict
from desktop.core.finance_day import chosen_timezone, day_bounds, day_of, zone
from desktop.core.model import CapturedRequest, Derived, StoredEvent, Verdict
from desktop.core.payments import EntityState, StatusCategory, apply_event
from desktop.core.sales import build_sale
from desktop.core.trust import is_claim, is_refused, is_trusted

SP = zone("America/Sao_Paulo")


# -- trust ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verdict", "endpoint_trusted", "trusted", "claim"),
    [
        ("valid", False, True, False),
        ("unsigned", True, True, False),
        ("unsigned", False, False, True),
        ("unverified", False, False, True),
        ("unverified", True, False, True),  # trusting an endpoint never skips a configured check
        ("invalid", True, False, False),
        ("missing", False, False, False),
        ("stale", False, False, False),  # added by the providers' engineer: refused here already
        ("something-new", True, False, False),
    ],
)
def test_only_valid_or_unsigned_on_a_trusted_endpoint_is_trusted(
    verdict: str, endpoint_trusted: bool, trusted: bool, claim: bool
) -> None:
    derived = Derived(signature=verdict, endpoint_trusted=endpoint_trusted)  # type: ignore[arg-type]
    assert (is_trusted(derived), is_claim(derived), is_refused(derived)) == (
        trusted,
        claim,
        not (trusted or claim),
    )


# -- sales ----------------------------------------------------------------------------------


def juno(entity_type: str, entity_id: str, status: str, at: float, **changes: object) -> Derived:
    base = Derived(
        provider="juno",
        event_type="PAYMENT_NOTIFICATION" if entity_type == "PAYMENT" else "CHARGE_STATUS_CHANGED",
        entity_type=entity_type,
        entity_id=entity_id,
        status=status,
        event_time=at,
        amount=Decimal("149.90"),
        currency="BRL",
        reference="pedido-1",
        signature=Verdict.VALID,
        sale_id="chr_1" if entity_type == "PAYMENT" else None,
    )
    return base.with_(**changes)


def fold(*events: Derived) -> list[EntityState]:
    states: dict[str, EntityState] = {}
    for number, derived in enumerate(events, start=1):
        key = derived.entity_id or ""
        states[key], _ = apply_event(states.get(key), number, 1000.0 + number, derived, duplicate=False)
    return list(states.values())


def test_a_refunded_payment_makes_its_paid_charge_a_refunded_sale() -> None:
    sale = build_sale(
        fold(
            juno("CHARGE", "chr_1", "PAID", 10.0),
            juno("PAYMENT", "pay_1", "CONFIRMED", 11.0),
            juno("PAYMENT", "pay_1", "CUSTOMER_PAID_BACK", 50.0),
        )
    )
    assert (sale.entity_id, sale.category, sale.status, sale.status_time) == (
        "chr_1",
        StatusCategory.REFUNDED,
        "CUSTOMER_PAID_BACK",
        50.0,
    )
    assert (sale.members, sale.payment_id, sale.amount) == (2, "pay_1", Decimal("149.90"))


def test_a_confirmed_payment_confirms_the_sale_before_the_charge_says_paid() -> None:
    sale = build_sale(
        fold(juno("CHARGE", "chr_1", "ACTIVE", 1.0), juno("PAYMENT", "pay_1", "CONFIRMED", 5.0))
    )
    assert (sale.category, sale.status, sale.status_time) == (StatusCategory.CONFIRMED, "CONFIRMED", 5.0)


def test_a_payment_arriving_before_its_charge_is_already_its_sale() -> None:
    sale = build_sale(fold(juno("PAYMENT", "pay_1", "CONFIRMED", 5.0)))
    assert (sale.entity_id, sale.category, sale.payment_id) == ("chr_1", StatusCategory.CONFIRMED, None)


def test_an_unchecked_paid_never_makes_a_sale_confirmed() -> None:
    claim = juno("CHARGE", "chr_1", "PAID", 5.0, signature=Verdict.UNVERIFIED)
    sale = build_sale(fold(juno("CHARGE", "chr_1", "ACTIVE", 1.0), claim))
    assert (sale.category, sale.status, sale.claimed_status, sale.verified) == (
        StatusCategory.PENDING,
        "ACTIVE",
        "PAID",
        False,
    )


def test_a_transfer_that_went_through_is_not_money_in() -> None:
    transfer = Derived(
        provider="juno", entity_type="TRANSFER", entity_id="trf_1", status="EXECUTED", signature=Verdict.VALID
    )
    assert build_sale(fold(transfer)).category is StatusCategory.OTHER


# -- the finance day ------------------------------------------------------------------------


def test_the_finance_day_is_the_zones_calendar_day_not_the_machines() -> None:
    # 01:30 UTC on the 28th is 22:30 on the 27th in São Paulo.
    assert day_of(1795829400.0, SP) == date(2026, 11, 27)
    start, end = day_bounds(date(2026, 11, 28), SP)
    assert (start, end - start) == (1795834800.0, 86400.0)  # 03:00 UTC, 24 h


def test_a_day_across_a_dst_change_is_23_hours_long() -> None:
    start, end = day_bounds(date(2026, 3, 8), zone("America/New_York"))
    assert end - start == 23 * 3600


def test_the_config_file_zone_wins_then_the_windows_choice_then_the_default(tmp_path: Path) -> None:
    assert chosen_timezone(None, tmp_path) == "America/Sao_Paulo"
    (tmp_path / "settings.ini").write_text("[finance]\ntimezone=America/Manaus\n", encoding="utf-8")
    assert chosen_timezone(None, tmp_path) == "America/Manaus"
    assert chosen_timezone("UTC", tmp_path) == "UTC"


def test_config_reads_finance_timezone_and_trusted_endpoints() -> None:
    settings = settings_from_dict(
        {
            "finance": {"timezone": "America/Recife"},
            "endpoints": [{"path": "/v1", "provider": "juno-v1", "trusted": True}],
        }
    )
    assert settings.finance_timezone == "America/Recife"
    assert settings.endpoints[0].trusted
    with pytest.raises(ConfigError, match=r"finance\.timezone"):
        settings_from_dict({"finance": {"timezone": "Mars/Olympus"}})
    with pytest.raises(ConfigError, match="trusted"):
        settings_from_dict({"endpoints": [{"path": "/v1", "provider": "juno-v1", "trusted": "yes"}]})


# -- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_a_spreadsheet_would_run_are_neutralised(text: str) -> None:
    assert csv_dialects.cell(text, csv_dialects.STANDARD) == "'" + text


def test_amounts_stay_numbers_in_each_dialect() -> None:
    assert csv_dialects.cell(Decimal("-1234.50"), csv_dialects.STANDARD) == "-1234.50"
    assert csv_dialects.cell(Decimal("1234.50"), csv_dialects.EXCEL_BR) == "1234,50"
    line = csv_dialects.line(["a;b", Decimal("1.5")], csv_dialects.EXCEL_BR)
    assert line == '"a;b";1,5\r\n'


def test_the_events_csv_fills_content_type_and_neutralises_cells() -> None:
    request = CapturedRequest(
        "POST", "/=cmd", "", [("Content-Type", "application/json")], b"{}", 0.0, "127.0.0.1"
    )
    derived = Derived(payer="=1+2", reference="@SUM(A1)", amount=Decimal("-5.00"))
    event = StoredEvent(1, request, derived, 200)
    row = next(csv.DictReader(io.StringIO(export_formats.csv_header() + export_formats.csv_line(event))))
    assert row["content_type"] == "application/json"
    assert (row["path"], row["payer"], row["reference"]) == ("/=cmd", "'=1+2", "'@SUM(A1)")
    assert row["amount"] == "-5.00"  # a number we wrote, not a formula: left a number


def test_providers_name_the_sale_a_payment_belongs_to() -> None:
    from desktop.core.providers import derive
    from tests.core.test_providers import CASES, NOW, request_for

    juno_payment = next(c for c in CASES if c["name"] == "juno-payment-confirmed-pretty")
    derived = derive(request_for(juno_payment), "juno", juno_payment["secret"], NOW)
    assert (derived.entity_id, derived.sale_id) == (
        "pay_5D4C3B2A19087F6E5D4C3B2A",
        "chr_7A1C4E2B9D3F5A6C8E0B1D2F3A4C5E6B",
    )
    charge = {"id": "ch_1", "object": "charge", "payment_intent": "pi_1", "amount": 1000, "currency": "brl"}
    body = json.dumps({"id": "evt_1", "type": "charge.refunded", "created": 1, "data": {"object": charge}})
    request = CapturedRequest("POST", "/stripe", "", [("Stripe-Signature", "t=1,v1=00")], body.encode(), 1.0)
    assert derive(request, "stripe", None, NOW).sale_id == "pi_1"
