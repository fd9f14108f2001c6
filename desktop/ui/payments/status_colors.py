"""How payments look: status colour, symbol and category word, entity type names, flags,
shared by the payments table and its timeline.

Colour is never the only signal (colour-blind readers, grey-scale printouts): every status is
also written out with a symbol and its category in words, e.g. "✔ PAID · Confirmed".
The symbols are in DejaVu Sans and the common system fonts, so they render everywhere.
Words are English sources translated when shown (ui/payments/labels.py for the codes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop.core.payments import StatusCategory, status_category
from desktop.ui.payments.labels import category_label, entity_type_label, unverified_word
from desktop.ui.theme import Tone, tint, tone_on_tint


@dataclass(frozen=True, slots=True)
class StatusStyle:
    foreground: QColor  # readable on `background` and on the bare rows (contrast >= 4.5:1)
    background: QColor  # a quiet tint: the cell stands out without shouting
    icon: str
    category: StatusCategory | None  # None: an unchecked claim (the "unverified" look)

    @property
    def label(self) -> str:
        """The category in the window's language ('' for statuses that are not about money:
        "Other" says nothing a reader can use)."""
        if self.category is None:
            return unverified_word()
        return "" if self.category is StatusCategory.OTHER else category_label(self.category)


# Colours are not fixed here: each category has a tone, made into colours for the palette in
# use (light or dark, see ui/theme.py), so they read on both.
_LOOKS: dict[StatusCategory, tuple[Tone, str]] = {
    StatusCategory.CONFIRMED: (Tone.GOOD, "✔"),
    StatusCategory.PENDING: (Tone.WARNING, "◷"),
    StatusCategory.FAILED: (Tone.BAD, "✖"),
    StatusCategory.REFUNDED: (Tone.REFUNDED, "↩"),
    StatusCategory.OTHER: (Tone.NEUTRAL, "•"),
}
UNVERIFIED_ICON = "⚠"


def _look(tone: Tone, icon: str, category: StatusCategory | None, palette: QPalette | None) -> StatusStyle:
    chosen = palette if palette is not None else QGuiApplication.palette()
    return StatusStyle(tone_on_tint(tone, chosen), tint(tone, chosen), icon, category)


def look_of(category: StatusCategory, palette: QPalette | None = None) -> StatusStyle:
    """A category's look on `palette` (default: the application's)."""
    tone, icon = _LOOKS[category]
    return _look(tone, icon, category, palette)


def unverified_look(palette: QPalette | None = None) -> StatusStyle:
    """An unchecked claim: a warning, never the look of money."""
    return _look(Tone.WARNING, UNVERIFIED_ICON, None, palette)


def style_for(provider: str | None, entity_type: str | None, status: str | None) -> StatusStyle:
    return look_of(status_category(provider, entity_type, status))


def status_text(provider: str | None, entity_type: str | None, status: str | None) -> str:
    """'✔ PAID · Confirmed'; '' when there is no status yet."""
    if not status:
        return ""
    style = style_for(provider, entity_type, status)
    word = status.upper()
    return f"{style.icon} {word} · {style.label}" if style.label else f"{style.icon} {word}"


def category_style(category: str | None) -> StatusStyle:
    """The look of a stored category ('confirmed'...); OTHER for anything unknown."""
    try:
        known = StatusCategory(category or "other")
    except ValueError:
        known = StatusCategory.OTHER
    return look_of(known)


def sale_style(row: dict[str, Any]) -> StatusStyle:
    """A sale's look: an unchecked claim looks like a warning, never like money."""
    return unverified_look() if row.get("claimed_status") else category_style(row.get("category"))


def sale_status_text(row: dict[str, Any]) -> str:
    """'✔ PAID · Confirmed', '↩ CUSTOMER_PAID_BACK · Refunded', '⚠ PAID · unverified'."""
    claimed = row.get("claimed_status")
    if claimed:
        text = f"{UNVERIFIED_ICON} {str(claimed).upper()} · {unverified_word()}"
        if row.get("status"):
            return text + QCoreApplication.translate("PaymentsStatus", " (verified: {status})").format(
                status=str(row["status"]).upper()
            )
        return text
    status = row.get("status")
    if not status:
        return ""
    style = category_style(row.get("category"))
    word = str(status).upper()
    return f"{style.icon} {word} · {style.label}" if style.label else f"{style.icon} {word}"


def type_text(entity_type: str | None) -> str:
    return entity_type_label(entity_type)


class PaymentsStatus(QObject):
    """The plural texts of the Alerts column. A class, not module functions: pyside6-lupdate
    marks a plural (numerus) entry only for `self.tr(text, "", n)`, and the class name is the
    context both lupdate and the runtime use."""

    def flags_text(self, row: dict[str, Any]) -> str:
        parts = []
        if row["refused"]:
            parts.append("⚠ " + self.tr("%n invalid signature(s)", "", int(row["refused"])))
        if row.get("unverified"):
            parts.append("? " + self.tr("%n unverified", "", int(row["unverified"])))
        if row["out_of_order"]:
            parts.append("↶ " + self.tr("%n out of order", "", int(row["out_of_order"])))
        if row["redelivered"]:
            parts.append("↻ " + self.tr("%n duplicate(s)", "", int(row["redelivered"])))
        return " · ".join(parts)

    def flags_tooltip(self, row: dict[str, Any]) -> str | None:
        lines = []
        if row["refused"]:
            lines.append(
                self.tr(
                    "%n event(s) with an invalid, missing or stale signature: the status did not change.",
                    "",
                    int(row["refused"]),
                )
            )
        if row.get("unverified"):
            lines.append(
                self.tr(
                    "%n unverified event(s) (the endpoint has no secret yet): no status change, not "
                    "counted in the totals. Set the endpoint's secret to verify.",
                    "",
                    int(row["unverified"]),
                )
            )
        if row["out_of_order"]:
            lines.append(
                self.tr(
                    "%n event(s) out of order (older than the current status): the status did not go back.",
                    "",
                    int(row["out_of_order"]),
                )
            )
        if row["redelivered"]:
            lines.append(self.tr("%n event(s) received again: ignored.", "", int(row["redelivered"])))
        return "\n".join(lines) or None


_TEXTS: list[PaymentsStatus] = []


def _texts() -> PaymentsStatus:
    if not _TEXTS:
        _TEXTS.append(PaymentsStatus())
    return _TEXTS[0]


def flags_text(row: dict[str, Any]) -> str:
    """'⚠ 2 invalid signatures · ↶ 1 out of order · ↻ 1 duplicate' (only what happened)."""
    return _texts().flags_text(row)


def flags_tooltip(row: dict[str, Any]) -> str | None:
    return _texts().flags_tooltip(row)
