"""How the finance screens write amounts and moments: one function per kind, by QLocale().

Every amount and time the Payments, Alerts and Actions screens show goes through `money` and
`when`, so the shared locale module (desktop/ui/locale_format.py, built apart) can replace
these two at merge without a hunt through the widgets.

- pt-BR: `R$ 1.234,56`, `-R$ 10,00`, `28/11/2026 14:05`.
- English (and any other language): `R$1,234.56`, the locale's own separators and its short
  date format with a four-digit year (`11/28/2026 2:05 PM` in en_US).
- The "C" locale (no locale set, as in the tests) reads as en_US.

Amounts stay Decimals: the digits come from Python's exact formatting, the locale gives only
the separators and where the symbol goes (QLocale.toCurrencyString takes a float).
Times are always in the finance zone (`set_display_zone`), never the machine's.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from desktop.core.money import OUT_OF_RANGE_NOTE, bounded_amount, minor_unit_exponent, unusable_amount_text

# The zone the finance screens write times in: the finance day's (set by the Payments tab from
# the setting), so a server on UTC shows Brasília times like the totals count them. None: the
# machine's zone (until a Payments tab says otherwise).
_display_zone: tzinfo | None = None


def set_display_zone(zone: tzinfo | None) -> None:
    global _display_zone
    _display_zone = zone


def display_zone() -> tzinfo | None:
    return _display_zone


def _locale() -> QLocale:
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


def _digits(value: Decimal, decimals: int, locale: QLocale) -> str:
    rounded = abs(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"  # '1,234.56': swapped for the locale's separators
    swap = {",": locale.groupSeparator(), ".": locale.decimalPoint()}
    return "".join(swap.get(char, char) for char in text)


def _unusable(amount: object) -> str:
    note = QCoreApplication.translate("PaymentsFormat", "not a usable amount")
    return unusable_amount_text(amount).replace(OUT_OF_RANGE_NOTE, note)


def money(amount: Decimal | str | int | float | None, currency: str | None = "BRL") -> str:
    """'R$ 1.234,56' (pt-BR), 'R$1,234.56' (en); other currencies 'USD 1,234.56'; '' for None."""
    if amount is None:
        return ""
    value = bounded_amount(str(amount) if isinstance(amount, float) else amount)
    if value is None:
        return _unusable(amount)
    locale = _locale()
    code = (currency or "").upper()
    sign = "-" if value < 0 else ""
    digits = _digits(value, minor_unit_exponent(code), locale)
    if code == "BRL":
        space = " " if locale.language() == QLocale.Language.Portuguese else ""
        return f"{sign}R${space}{digits}"
    return f"{sign}{code} {digits}" if code else f"{sign}{digits}"


def when(timestamp: float | None, zone: tzinfo | None = None) -> str:
    """A moment as the locale writes a short date and time ('28/11/2026 14:05' in pt-BR), in
    the finance zone (or `zone`); '' for None."""
    if timestamp is None:
        return ""
    moment = datetime.fromtimestamp(timestamp, zone or _display_zone)
    # The wall-clock fields of the finance zone, handed to Qt as they are (no zone conversion).
    local = QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute, moment.second)
    )
    locale = _locale()
    pattern = locale.dateTimeFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")  # '11/28/26' is ambiguous in a finance record
    return locale.toString(local, pattern)


def clock(timestamp: float | None, zone: tzinfo | None = None) -> str:
    """The time of day only ('14:05:09'; a queue's next try), in the finance zone."""
    if timestamp is None:
        return ""
    moment = datetime.fromtimestamp(timestamp, zone or _display_zone)
    locale = _locale()
    pattern = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if "ss" not in pattern:
        pattern = pattern.replace("mm", "mm:ss")  # a retry a few seconds away must show it
    return locale.toString(QTime(moment.hour, moment.minute, moment.second), pattern)
