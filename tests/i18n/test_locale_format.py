"""Amounts, numbers and moments as each language writes them, in the finance time zone."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate, QLocale

from desktop.ui.locale_format import (
    day_month_pattern,
    format_amount,
    format_day_month,
    format_moment,
    format_number,
)

PT = QLocale("pt_BR")
EN = QLocale("en_US")
# 2026-11-28 17:05:09 UTC: 14:05:09 in São Paulo (UTC-3), whatever the machine's zone.
MOMENT = 1795885509


def test_reais_in_pt_br_are_written_the_brazilian_way() -> None:
    assert format_amount(Decimal("1234.56"), "BRL", PT) == "R$ 1.234,56"
    assert format_amount(Decimal("-10"), "BRL", PT) == "-R$ 10,00"


def test_reais_in_english_use_english_separators() -> None:
    assert format_amount(Decimal("1234.56"), "BRL", EN) == "R$1,234.56"
    assert format_amount(Decimal("-10"), "BRL", EN) == "-R$10.00"


def test_amounts_keep_every_digit_of_the_decimal() -> None:
    # Through a float, 1234567890123.45 would not survive both directions exactly.
    assert format_amount(Decimal("1234567890123.45"), "BRL", PT) == "R$ 1.234.567.890.123,45"
    assert format_amount("0.3", "BRL", PT) == "R$ 0,30"


def test_other_currencies_show_their_code_and_minor_units() -> None:
    assert format_amount(Decimal("12.5"), "USD", PT) == "USD 12,50"
    assert format_amount(Decimal("1234.5"), "JPY", EN) == "JPY 1,235"
    assert format_amount(None, "BRL", PT) == ""


def test_counts_are_grouped_by_the_locale() -> None:
    assert format_number(12345, PT) == "12.345"
    assert format_number(12345, EN) == "12,345"


def test_moments_are_shown_in_the_finance_zone_in_pt_br_style() -> None:
    assert format_moment(MOMENT, "America/Sao_Paulo", locale=PT) == "28/11/2026 14:05:09"
    assert format_moment(MOMENT, "America/Sao_Paulo", seconds=False, locale=PT) == "28/11/2026 14:05"
    assert format_moment(MOMENT, "UTC", locale=PT) == "28/11/2026 17:05:09"
    assert format_moment(None, "UTC", locale=PT) == ""


def test_moments_in_english_use_the_short_format_with_seconds() -> None:
    text = format_moment(MOMENT, "America/Sao_Paulo", locale=EN)
    # CLDR puts a narrow no-break space before PM in recent Qt versions.
    assert (
        text.replace("\N{NARROW NO-BREAK SPACE}", " ") == "11/28/2026 2:05:09 PM"
    )  # a four-digit year, as the Payments tab always had


def test_chart_days_are_the_locale_s_short_date_without_the_year() -> None:
    day = QDate(2026, 11, 28)
    assert format_day_month(day, PT) == "28/11"
    assert format_day_month(day, EN) == "11/28"
    assert format_day_month(day, QLocale("de_DE")) == "28.11"
    assert format_day_month(day, QLocale("ja_JP")) == "11/28"  # the year leads there
    assert day_month_pattern(QLocale.c()) == "M/d"  # a bare machine reads as en_US
