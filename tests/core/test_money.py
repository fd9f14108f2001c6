from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.money import (
    bounded_amount,
    format_amount,
    format_brl,
    format_plain,
    from_minor_units,
    minor_unit_exponent,
)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("1234.56", "R$ 1.234,56"),
        ("149.9", "R$ 149,90"),
        ("0", "R$ 0,00"),
        ("0.5", "R$ 0,50"),
        ("0.005", "R$ 0,01"),  # half up, as people round money
        ("1234567.891", "R$ 1.234.567,89"),
        ("-10", "-R$ 10,00"),
        ("999.999", "R$ 1.000,00"),
    ],
)
def test_format_brl(amount: str, text: str) -> None:
    assert format_brl(Decimal(amount)) == text


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        ("1234.56", "USD", "USD 1,234.56"),
        ("1234.5", "usd", "USD 1,234.50"),
        ("1234.5", "JPY", "JPY 1,235"),  # no minor unit
        ("1.2345", "KWD", "KWD 1.235"),  # three decimals
        ("1234.56", None, "1,234.56"),
    ],
)
def test_format_plain(amount: str, currency: str | None, text: str) -> None:
    assert format_plain(Decimal(amount), currency) == text


def test_format_amount_dispatches_and_accepts_stored_text() -> None:
    assert format_amount(Decimal("149.90"), "BRL") == "R$ 149,90"
    assert format_amount("149.90", "brl") == "R$ 149,90"  # rows read back from storage
    assert format_amount(Decimal("5"), "EUR") == "EUR 5.00"
    assert format_amount(None, "BRL") == ""
    assert format_amount("not a number", "BRL") == "not a number (not a usable amount)"
    assert format_amount(Decimal("NaN"), "BRL") == "NaN (not a usable amount)"


@pytest.mark.parametrize(
    "hostile",
    ["1e999999999", "-1e999999999", "1e-999999999", "1" + "0" * 100_000, "9" * 16, "0.0000000000001"],
)
def test_implausible_amounts_are_not_amounts_and_show_as_text_with_a_note(hostile: str) -> None:
    assert bounded_amount(hostile) is None
    shown = format_amount(hostile, "BRL")
    assert shown.endswith("(not a usable amount)")
    assert len(shown) < 60  # the start of a 100,000-digit string, not all of it


def test_bounded_amounts_keep_their_digits_and_sum_without_overflow() -> None:
    assert bounded_amount("149.90") == Decimal("149.90")
    assert bounded_amount(" 999999999999999.99 ") == Decimal("999999999999999.99")
    assert bounded_amount("0E-999999") == 0
    assert bounded_amount(10**20) is None
    big = [bounded_amount("999999999999999.999999999999")] * 1000
    assert sum(a for a in big if a is not None) > 0  # no decimal.Overflow, no InvalidOperation


def test_minor_units() -> None:
    assert from_minor_units(14990, "BRL") == Decimal("149.90")
    assert str(from_minor_units(14990, "brl")) == "149.90"
    assert str(from_minor_units(1500, "JPY")) == "1500"
    assert str(from_minor_units(1234, "KWD")) == "1.234"
    assert str(from_minor_units(-5, None)) == "-0.05"
    assert [minor_unit_exponent(c) for c in ("BRL", "jpy", "BHD", None)] == [2, 0, 3, 2]
