"""CSV dialects for the accountant, and formula-injection neutralisation for every CSV.

- `standard`: `,` separator, `.` decimals, UTF-8, English headers, ISO 8601 times with the
  finance zone's offset: for scripts and tools.
- `excel-br`: `;` separator, decimal comma, UTF-8 with a BOM (Excel needs it to read UTF-8),
  Portuguese headers, `dd/mm/aaaa hh:mm:ss` local dates: opens right in Excel and LibreOffice
  with a pt-BR locale, and SUM works on the amount column (plain digits, no thousands mark).

A cell that begins with `=`, `+`, `-`, `@` (or a tab / carriage return) is a formula to a
spreadsheet; a payer named `=HYPERLINK(...)` must stay text, so such cells get a leading `'`
(OWASP's advice). Amounts are written by us from Decimals, not copied from a payload: they are
numbers, never formulas, and stay numbers so they can be summed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    delimiter: str
    decimal_mark: str
    bom: bool
    portuguese: bool  # headers and dates in pt-BR
    date_pattern: str | None  # None: ISO 8601 with offset


STANDARD = Dialect("standard", ",", ".", bom=False, portuguese=False, date_pattern=None)
EXCEL_BR = Dialect("excel-br", ";", ",", bom=True, portuguese=True, date_pattern="%d/%m/%Y %H:%M:%S")
DIALECTS = {d.name: d for d in (STANDARD, EXCEL_BR)}


def neutralise(value: str) -> str:
    """Text a spreadsheet would run as a formula, made plain text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def number(value: Decimal | None, dialect: Dialect) -> str:
    """A Decimal as the dialect writes numbers: '1234.56' or '1234,56' (never a float)."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.replace(".", dialect.decimal_mark)


def cell(value: object, dialect: Dialect) -> str:
    """Any value as a safe cell: Decimals as numbers, text neutralised, None as ''."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number(value, dialect)
    if isinstance(value, bool):
        return ("sim" if value else "não") if dialect.portuguese else ("yes" if value else "no")
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def line(values: Sequence[object], dialect: Dialect = STANDARD) -> str:
    """One CSV record (\\r\\n-terminated) with every cell made safe."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=dialect.delimiter, lineterminator="\r\n").writerow(
        [cell(value, dialect) for value in values]
    )
    return buffer.getvalue()


def start(dialect: Dialect) -> str:
    """What goes before the header: the BOM Excel needs to read UTF-8."""
    return "\ufeff" if dialect.bom else ""
