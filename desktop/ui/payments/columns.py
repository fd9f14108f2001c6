"""The Payments table's columns: their order, headers, widths, and what each cell shows.

Kept apart from the model, which only loads and refreshes rows: everything a column looks
like is decided here from the entity row alone, so a column is changed in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.store.interface import Row
from desktop.ui.locale_format import format_amount, format_moment
from desktop.ui.payments.labels import QT_TRANSLATE_NOOP
from desktop.ui.payments.status_colors import (
    flags_text,
    flags_tooltip,
    sale_status_text,
    sale_style,
    type_text,
)
from desktop.ui.theme import Tone, tone_colour


class Col(IntEnum):
    LAST_UPDATE = 0
    STATUS = 1
    AMOUNT = 2
    REFERENCE = 3
    PAYER = 4
    FLAGS = 5  # before the ids: a refused delivery must be seen without scrolling
    TYPE = 6
    EVENTS = 7
    ENTITY = 8
    PROVIDER = 9
    FIRST_SEEN = 10


CONTEXT = "PaymentsColumns"
# English sources; the model's headerData translates them (see header()).
HEADERS = {
    Col.LAST_UPDATE: QT_TRANSLATE_NOOP("PaymentsColumns", "Updated"),
    Col.STATUS: QT_TRANSLATE_NOOP("PaymentsColumns", "Status"),
    Col.AMOUNT: QT_TRANSLATE_NOOP("PaymentsColumns", "Amount"),
    Col.REFERENCE: QT_TRANSLATE_NOOP("PaymentsColumns", "Reference"),
    Col.PAYER: QT_TRANSLATE_NOOP("PaymentsColumns", "Payer"),
    Col.TYPE: QT_TRANSLATE_NOOP("PaymentsColumns", "Type"),
    Col.ENTITY: QT_TRANSLATE_NOOP("PaymentsColumns", "Provider ID"),
    Col.PROVIDER: QT_TRANSLATE_NOOP("PaymentsColumns", "Provider"),
    Col.EVENTS: QT_TRANSLATE_NOOP("PaymentsColumns", "Events"),
    Col.FLAGS: QT_TRANSLATE_NOOP("PaymentsColumns", "Alerts"),
    Col.FIRST_SEEN: QT_TRANSLATE_NOOP("PaymentsColumns", "First event"),
}

COLUMN_WIDTHS = {
    Col.LAST_UPDATE: 170,  # "11/14/2026 2:05:09 PM": seconds and a four-digit year
    Col.STATUS: 275,
    Col.AMOUNT: 105,
    Col.REFERENCE: 110,
    Col.PAYER: 140,
    Col.FLAGS: 300,
    Col.TYPE: 100,
    Col.EVENTS: 60,
    Col.ENTITY: 270,
    Col.PROVIDER: 80,
    Col.FIRST_SEEN: 170,
}

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def header(col: Col) -> str:
    """A column's title in the window's language."""
    return _tr(HEADERS[col])


def _amount(row: Row) -> str:
    if row["amount"] is None and row.get("claimed_amount") is not None:
        # Only an unchecked delivery says how much: shown in parentheses, never as money.
        return f"({format_amount(row['claimed_amount'], row['currency'] or 'BRL')})"
    return format_amount(row["amount"], row["currency"])


def _status(row: Row) -> str:
    # A sale can exist before any event has told its status (Mercado Pago sends only ids).
    return sale_status_text(row) or QCoreApplication.translate("PaymentsColumns", "(no status)")


def _type(row: Row) -> str:
    # A sale with its payment inside: "Charge + 1" says there is more than the charge.
    text = type_text(row["entity_type"])
    members = int(row.get("members") or 1)
    return f"{text} + {members - 1}" if members > 1 else text


_DISPLAY: dict[Col, Callable[[Row], str]] = {
    Col.LAST_UPDATE: lambda r: format_moment(r["last_update"], None),
    Col.STATUS: _status,
    Col.AMOUNT: _amount,
    Col.REFERENCE: lambda r: r["reference"] or "",
    Col.PAYER: lambda r: r["payer"] or "",
    Col.TYPE: _type,
    Col.ENTITY: lambda r: r["entity_id"],
    Col.PROVIDER: lambda r: r["provider"],
    Col.EVENTS: lambda r: str(r["event_count"]),
    Col.FLAGS: flags_text,
    Col.FIRST_SEEN: lambda r: format_moment(r["first_seen"], None),
}

_RAW: dict[Col, str] = {
    Col.LAST_UPDATE: "last_update",
    Col.STATUS: "status",
    Col.AMOUNT: "amount",
    Col.REFERENCE: "reference",
    Col.PAYER: "payer",
    Col.TYPE: "entity_type",
    Col.ENTITY: "entity_id",
    Col.PROVIDER: "provider",
    Col.EVENTS: "event_count",
    Col.FLAGS: "refused",
    Col.FIRST_SEEN: "first_seen",
}


def display(col: Col, row: Row) -> str:
    return _DISPLAY[col](row)


def raw(col: Col, row: Row) -> Any:
    """The stored value behind a cell (sorting, "filter by this value")."""
    return row[_RAW[col]]


def foreground(col: Col, row: Row) -> QColor | None:
    if col == Col.STATUS:
        return sale_style(row).foreground
    if col == Col.FLAGS:
        if row["refused"]:
            return tone_colour(Tone.BAD)
        if row["out_of_order"] or row["redelivered"] or row.get("unverified"):
            return tone_colour(Tone.WARNING)
    return None


def background(col: Col, row: Row) -> QColor | None:
    if col == Col.STATUS and (row["status"] or row.get("claimed_status")):
        return sale_style(row).background
    return None


def alignment(col: Col) -> int | None:
    # Numbers right-aligned so their digits line up; text keeps the default.
    return _RIGHT if col in (Col.AMOUNT, Col.EVENTS) else None


def tooltip(col: Col, row: Row) -> str | None:
    if col == Col.FLAGS:
        return flags_tooltip(row)
    if col == Col.TYPE:
        if row.get("payment_id"):
            payment = QCoreApplication.translate("PaymentsColumns", "payment {id}: {status}").format(
                id=row["payment_id"], status=row["payment_status"] or "?"
            )
            return f"{row['entity_type']} {row['entity_id']}\n{payment}"
        return row["entity_type"]
    if col == Col.STATUS and row.get("claimed_status"):
        return QCoreApplication.translate(
            "PaymentsColumns",
            "{status} unverified: the endpoint has no secret yet, so nobody checked the signature. "
            "It does not count in the totals and does not notify. Set the endpoint's secret "
            "(Endpoints & secrets…) and the stored deliveries will be verified again.",
        ).format(status=row["claimed_status"])
    if col == Col.STATUS and row["status"]:
        if row["status_time"]:
            return QCoreApplication.translate(
                "PaymentsColumns", "Current status: {status} (since {time})"
            ).format(status=row["status"], time=format_moment(row["status_time"], None))
        return QCoreApplication.translate("PaymentsColumns", "Current status: {status}").format(
            status=row["status"]
        )
    return None
