"""How payments read and look: status colour, symbol and Portuguese label, entity type
names, flags and times, shared by the payments table, its timeline and the events table.

Colour is never the only signal (colour-blind readers, grey-scale printouts): every status is
also written out with a symbol and its category in words, e.g. "✔ PAID · Confirmado".
The symbols are in DejaVu Sans and the common system fonts, so they render everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop.core.payments import STATUS_LABELS_PT, StatusCategory, status_category
from desktop.ui.theme import Tone, tint, tone_on_tint


@dataclass(frozen=True, slots=True)
class StatusStyle:
    foreground: QColor  # readable on `background` and on the bare rows (contrast >= 4.5:1)
    background: QColor  # a quiet tint: the cell stands out without shouting
    icon: str
    label: str  # the category in pt-BR ("" for statuses that are not about money)


# Colours are not fixed here: each category has a tone, made into colours for the palette in
# use (light or dark, see ui/theme.py), so they read on both.
_LOOKS: dict[StatusCategory, tuple[Tone, str]] = {
    StatusCategory.CONFIRMED: (Tone.GOOD, "✔"),
    StatusCategory.PENDING: (Tone.WARNING, "◷"),
    StatusCategory.FAILED: (Tone.BAD, "✖"),
    StatusCategory.REFUNDED: (Tone.REFUNDED, "↩"),
    StatusCategory.OTHER: (Tone.NEUTRAL, "•"),
}


def _look(tone: Tone, icon: str, label: str, palette: QPalette | None = None) -> StatusStyle:
    chosen = palette if palette is not None else QGuiApplication.palette()
    return StatusStyle(tone_on_tint(tone, chosen), tint(tone, chosen), icon, label)


def look_of(category: StatusCategory, palette: QPalette | None = None) -> StatusStyle:
    """A category's look on `palette` (default: the application's)."""
    tone, icon = _LOOKS[category]
    # "Outro" says nothing a reader can use: statuses outside the money categories show bare.
    label = "" if category is StatusCategory.OTHER else STATUS_LABELS_PT[category]
    return _look(tone, icon, label, palette)


def style_for(provider: str | None, entity_type: str | None, status: str | None) -> StatusStyle:
    return look_of(status_category(provider, entity_type, status))


def status_text(provider: str | None, entity_type: str | None, status: str | None) -> str:
    """'✔ PAID · Confirmado'; '' when there is no status yet."""
    if not status:
        return ""
    style = style_for(provider, entity_type, status)
    word = status.upper()
    return f"{style.icon} {word} · {style.label}" if style.label else f"{style.icon} {word}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PaymentsStatus", text)


UNVERIFIED_ICON, UNVERIFIED_LABEL = "⚠", "não verificado"


def unverified_look(palette: QPalette | None = None) -> StatusStyle:
    return _look(Tone.WARNING, UNVERIFIED_ICON, UNVERIFIED_LABEL, palette)


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
    """'✔ PAID · Confirmado', '↩ CUSTOMER_PAID_BACK · Estornado', '⚠ PAID · não verificado'."""
    claimed = row.get("claimed_status")
    if claimed:
        text = f"{UNVERIFIED_ICON} {str(claimed).upper()} · {_tr(UNVERIFIED_LABEL)}"
        if row.get("status"):
            return text + _tr(" (verificado: {status})").format(status=str(row["status"]).upper())
        return text
    status = row.get("status")
    if not status:
        return ""
    style = category_style(row.get("category"))
    word = str(status).upper()
    return f"{style.icon} {word} · {style.label}" if style.label else f"{style.icon} {word}"


ENTITY_TYPES_PT = {
    "CHARGE": "Cobrança",
    "PAYMENT": "Pagamento",
    "PAYMENT_INTENT": "Pagamento",
    "INVOICE": "Fatura",
    "ORDER": "Pedido",
    "TRANSFER": "Transferência",
    "P2P_TRANSFER": "Transferência P2P",
    "BILL_PAYMENT": "Pagamento de conta",
    "PAYOUT": "Saque",
    "REFUND": "Estorno",
    "SUBSCRIPTION": "Recorrência",
    "DIGITAL_ACCOUNT": "Conta digital",
    "DOCUMENT": "Documento",
}


# The zone the Payments tab writes times in: the finance day's (set by the tab from the
# setting), so a server on UTC shows Brasília times like the totals count them. None: the
# machine's zone (until a Payments tab says otherwise).
_display_zone: tzinfo | None = None


def set_display_zone(zone: tzinfo | None) -> None:
    global _display_zone
    _display_zone = zone


def local_time(timestamp: float | None) -> str:
    """pt-BR date and time in the finance zone (see set_display_zone)."""
    if timestamp is None:
        return ""
    return datetime.fromtimestamp(timestamp, _display_zone).strftime("%d/%m/%Y %H:%M:%S")


def type_text(entity_type: str | None) -> str:
    raw = entity_type or ""
    return ENTITY_TYPES_PT.get(raw.upper(), raw)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def flags_text(row: dict[str, Any]) -> str:
    """'⚠ 2 assinaturas inválidas · ↶ 1 fora de ordem · ↻ 1 duplicada' (only what happened)."""
    parts = []
    if row["refused"]:
        parts.append("⚠ " + _plural(row["refused"], "assinatura inválida", "assinaturas inválidas"))
    if row.get("unverified"):
        parts.append("? " + _plural(row["unverified"], _tr("não verificada"), _tr("não verificadas")))
    if row["out_of_order"]:
        parts.append(f"↶ {row['out_of_order']} fora de ordem")
    if row["redelivered"]:
        parts.append("↻ " + _plural(row["redelivered"], "duplicada", "duplicadas"))
    return " · ".join(parts)


def flags_tooltip(row: dict[str, Any]) -> str | None:
    lines = []
    if row["refused"]:
        lines.append(
            f"{row['refused']} entrega(s) com assinatura inválida, ausente ou vencida: não mudaram o status."
        )
    if row.get("unverified"):
        lines.append(
            _tr(
                "{n} entrega(s) não verificada(s) (o endpoint ainda não tem segredo): não mudaram o "
                "status nem contam nos totais. Defina o segredo do endpoint para verificá-las."
            ).format(n=row["unverified"])
        )
    if row["out_of_order"]:
        lines.append(
            f"{row['out_of_order']} evento(s) fora de ordem (mais antigos que o status atual): "
            "o status não voltou atrás."
        )
    if row["redelivered"]:
        lines.append(f"{row['redelivered']} entrega(s) repetida(s) de um evento já recebido: ignoradas.")
    return "\n".join(lines) or None
