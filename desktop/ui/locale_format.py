"""Numbers, amounts and moments as the chosen language writes them (issue 13).

The one place the window formats them, so every tab (Events, Payments, Alerts, Actions) agrees:
`R$ 1.234,56` and `28/11/2026 14:05:09` in pt-BR, `R$1,234.56` and `11/28/2026 2:05:09 PM` in
English. Table cells show seconds: deliveries, retries and a charge with its payment land
seconds apart, and the order of those rows is what a developer reads them for. A four-digit
year: '11/28/26' is ambiguous in a finance record. The locale is
QLocale's default, which i18n.install_translators sets at start. Moments are always shown in
the finance time zone (desktop/core/finance_day.py), never the machine's, so a payment's time
reads the same on the Events and Payments tabs and on a laptop in another zone.

Amounts stay exact: the digits come from Decimal (core/money.py bounds them), and QLocale
supplies only the separators and where the currency symbol goes, so 0.1 + 0.2 never shows as
0.30000000000000004 and a 20-digit amount is not rounded through a float.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from desktop.core.finance_day import zone
from desktop.core.money import OUT_OF_RANGE_NOTE, bounded_amount, minor_unit_exponent, unusable_amount_text

CURRENCY_SYMBOLS = {"BRL": "R$"}

# The finance zone the window shows times in when a caller names none (the attempts and queue
# panels); the window sets it at start and when the user picks another (one zone, every tab).
_display_zone: list[str | None] = [None]


def set_display_zone(name: str | None) -> None:
    _display_zone[0] = name


def _locale(locale: QLocale | None) -> QLocale:
    """`locale`, else the default; the "C" locale of a bare machine (LANG=C) reads as en_US, not
    as '1,234.56R$' and '28 11 2026'."""
    chosen = locale or QLocale()
    if chosen.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return chosen


def _digits(value: Decimal, decimals: int, locale: QLocale) -> str:
    """The absolute value with the locale's group separator and decimal point."""
    rounded = abs(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    english = f"{rounded:,.{decimals}f}"
    separators: dict[str, str | int | None] = {",": locale.groupSeparator(), ".": locale.decimalPoint()}
    return english.translate(str.maketrans(separators))


def format_amount(
    amount: Decimal | str | int | float | None, currency: str | None, locale: QLocale | None = None
) -> str:
    """'R$ 1.234,56' (pt-BR) or 'R$1,234.56' (en); other currencies by their code ('USD 12.50');
    '' when there is no amount."""
    if amount is None:
        return ""
    # Stored rows may carry the amount as text ('149.90'); a float goes through its repr.
    value = bounded_amount(str(amount) if isinstance(amount, float) else amount)
    if value is None:
        note = QCoreApplication.translate("LocaleFormat", "not a usable amount")
        return unusable_amount_text(amount).replace(OUT_OF_RANGE_NOTE, note)
    locale = _locale(locale)
    code = (currency or "").upper()
    digits = _digits(value, minor_unit_exponent(currency) if currency else 2, locale)
    symbol = CURRENCY_SYMBOLS.get(code)
    if symbol is None:
        sign = locale.negativeSign() if value < 0 else ""
        return f"{sign}{code} {digits}" if code else f"{sign}{digits}"
    # The locale's own pattern (symbol before or after, spaced or not), taken from a one-digit
    # amount and filled with the exact digits. A plain space, not CLDR's no-break one, so the text
    # matches what finance staff type and what core/money.py writes; the minus always leads
    # ('-R$ 10,00'), never the accounting parentheses en_US would use.
    pattern = locale.toCurrencyString(1, symbol, 0).replace("\N{NO-BREAK SPACE}", " ")
    sign = locale.negativeSign() if value < 0 else ""
    return sign + pattern.replace("1", digits, 1)


def format_number(value: int, locale: QLocale | None = None) -> str:
    """An integer with the locale's grouping: '12.345' (pt-BR), '12,345' (en)."""
    return _locale(locale).toString(value)


def day_month_pattern(locale: QLocale | None = None) -> str:
    """The locale's short date without its year, for a chart's day labels: 'dd/MM' (pt-BR),
    'M/d' (en_US), 'dd.MM' (de); the year goes with the separators before it, or after it when
    it leads ('yyyy/M/d' -> 'M/d')."""
    short = _locale(locale).dateFormat(QLocale.FormatType.ShortFormat)
    without_year = re.sub(r"[^dMy]*y+", "", short)
    return re.sub(r"^[^dM]+", "", without_year) or "d/M"


def format_day_month(day: QDate, locale: QLocale | None = None) -> str:
    """'28/11' (pt-BR), '11/28' (en_US): a day of this year, as the locale writes it."""
    chosen = _locale(locale)
    return chosen.toString(day, day_month_pattern(chosen))


def datetime_pattern(locale: QLocale, seconds: bool = True) -> str:
    """pt-BR: 'dd/MM/yyyy HH:mm[:ss]' (what finance staff write); others: the locale's short
    date and time, with seconds added when asked (the short time format has none)."""
    if locale.language() == QLocale.Language.Portuguese:
        return "dd/MM/yyyy HH:mm:ss" if seconds else "dd/MM/yyyy HH:mm"
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and ":ss" not in time_format:
        time_format = time_format.replace("mm", "mm:ss", 1)
    date_format = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in date_format:
        date_format = date_format.replace("yy", "yyyy", 1)
    return f"{date_format} {time_format}"


def format_moment(
    timestamp: float | None, timezone: str | None, seconds: bool = True, locale: QLocale | None = None
) -> str:
    """A stored time (Unix seconds) as wall-clock time in `timezone` (None: the window's finance
    zone, see set_display_zone); '' for None."""
    if timestamp is None:
        return ""
    locale = _locale(locale)
    local = datetime.fromtimestamp(timestamp, zone(timezone or _display_zone[0]))
    moment = QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )
    return locale.toString(moment, datetime_pattern(locale, seconds))


def format_clock(timestamp: float | None, timezone: str | None = None, locale: QLocale | None = None) -> str:
    """The time of day only, with seconds ('14:05:09'; a queued job's next try, seconds away),
    in `timezone` (None: the window's finance zone); '' for None."""
    if timestamp is None:
        return ""
    locale = _locale(locale)
    local = datetime.fromtimestamp(timestamp, zone(timezone or _display_zone[0]))
    pattern = (
        "HH:mm:ss"
        if locale.language() == QLocale.Language.Portuguese
        else locale.timeFormat(QLocale.FormatType.ShortFormat)
    )
    if ":ss" not in pattern:
        pattern = pattern.replace("mm", "mm:ss", 1)
    return locale.toString(QTime(local.hour, local.minute, local.second), pattern)
