"""The words the finance screens put on stored codes, in the window's language.

desktop/core stays Qt-free and hands out codes: a status category ('confirmed'), an entity
type ('CHARGE'), a signature verdict ('invalid'). Their names on screen are decided here, as
English sources marked with QT_TRANSLATE_NOOP (so the translation tools find them) and
translated when shown, so a language chosen at run time applies to the next paint.

The CLI and the accountant's CSV keep their own Portuguese words (core/payments.py
STATUS_LABELS_PT): they are a contract with the accountant, not the window's language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.payments import StatusCategory
from desktop.core.translation_marks import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP

CONTEXT = "PaymentLabels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


_CATEGORIES: dict[StatusCategory, str] = {
    StatusCategory.CONFIRMED: QT_TRANSLATE_NOOP("PaymentLabels", "Confirmed"),
    StatusCategory.PENDING: QT_TRANSLATE_NOOP("PaymentLabels", "Pending"),
    StatusCategory.FAILED: QT_TRANSLATE_NOOP("PaymentLabels", "Failed"),
    StatusCategory.REFUNDED: QT_TRANSLATE_NOOP("PaymentLabels", "Refunded"),
    StatusCategory.OTHER: QT_TRANSLATE_NOOP("PaymentLabels", "Other"),
}

_ENTITY_TYPES: dict[str, str] = {
    "CHARGE": QT_TRANSLATE_NOOP("PaymentLabels", "Charge"),
    "PAYMENT": QT_TRANSLATE_NOOP("PaymentLabels", "Payment"),
    "PAYMENT_INTENT": QT_TRANSLATE_NOOP("PaymentLabels", "Payment"),
    "INVOICE": QT_TRANSLATE_NOOP("PaymentLabels", "Invoice"),
    "ORDER": QT_TRANSLATE_NOOP("PaymentLabels", "Order"),
    "TRANSFER": QT_TRANSLATE_NOOP("PaymentLabels", "Transfer"),
    "P2P_TRANSFER": QT_TRANSLATE_NOOP("PaymentLabels", "P2P transfer"),
    "BILL_PAYMENT": QT_TRANSLATE_NOOP("PaymentLabels", "Bill payment"),
    "PAYOUT": QT_TRANSLATE_NOOP("PaymentLabels", "Payout"),
    "REFUND": QT_TRANSLATE_NOOP("PaymentLabels", "Refund"),
    "SUBSCRIPTION": QT_TRANSLATE_NOOP("PaymentLabels", "Subscription"),
    "DIGITAL_ACCOUNT": QT_TRANSLATE_NOOP("PaymentLabels", "Digital account"),
    "DOCUMENT": QT_TRANSLATE_NOOP("PaymentLabels", "Document"),
}

# The verdict with its symbol: colour is never the only signal.
_SIGNATURES: dict[str, str] = {
    "valid": QT_TRANSLATE_NOOP("PaymentLabels", "✔ valid"),
    "invalid": QT_TRANSLATE_NOOP("PaymentLabels", "✖ invalid"),
    "missing": QT_TRANSLATE_NOOP("PaymentLabels", "✖ missing"),
    "unsigned": QT_TRANSLATE_NOOP("PaymentLabels", "— unsigned"),
    "unverified": QT_TRANSLATE_NOOP("PaymentLabels", "? unverified"),
    "stale": QT_TRANSLATE_NOOP("PaymentLabels", "✖ stale"),
}

# The titles of a failed check, for notifications ("Invalid signature").
_FAILED_CHECKS: dict[str, str] = {
    "invalid": QT_TRANSLATE_NOOP("PaymentLabels", "Invalid signature"),
    "missing": QT_TRANSLATE_NOOP("PaymentLabels", "Missing signature"),
    "stale": QT_TRANSLATE_NOOP("PaymentLabels", "Stale signature"),
}

# The saved filters a new user finds (store/saved_filters.py DEFAULTS, English names):
# shown in the window's language; a name the user typed is shown as typed.
_SAVED_FILTERS: dict[str, str] = {
    "Confirmed today": QT_TRANSLATE_NOOP("PaymentLabels", "Confirmed today"),
    "Invalid signature": QT_TRANSLATE_NOOP("PaymentLabels", "Invalid signature"),
    "Duplicates": QT_TRANSLATE_NOOP("PaymentLabels", "Duplicates"),
    "Juno · last hour": QT_TRANSLATE_NOOP("PaymentLabels", "Juno · last hour"),
    "Errors (code ≥ 400)": QT_TRANSLATE_NOOP("PaymentLabels", "Errors (code ≥ 400)"),
}

UNVERIFIED_WORD = QT_TRANSLATE_NOOP("PaymentLabels", "unverified")


def category_label(category: StatusCategory | str | None) -> str:
    """'Confirmed' ('Confirmado' in pt-BR); unknown categories read as 'Other'."""
    try:
        known = StatusCategory(category or "other")
    except ValueError:
        known = StatusCategory.OTHER
    return _tr(_CATEGORIES[known])


def entity_type_label(entity_type: str | None) -> str:
    """'Charge' for CHARGE; a type this module does not name is shown as the provider sent it."""
    raw = entity_type or ""
    source = _ENTITY_TYPES.get(raw.upper())
    return _tr(source) if source else raw


def signature_label(verdict: str | None) -> str:
    """'✔ valid', '✖ invalid'...; an unknown verdict as it is stored."""
    word = verdict or ""
    source = _SIGNATURES.get(word)
    return _tr(source) if source else word


def failed_check_title(verdict: str | None) -> str:
    """'Invalid signature', 'Stale signature'...: the title of a notification about it."""
    return _tr(_FAILED_CHECKS.get(verdict or "", _FAILED_CHECKS["invalid"]))


def unverified_word() -> str:
    return _tr(UNVERIFIED_WORD)


def saved_filter_name(name: str) -> str:
    """A built-in saved filter's name in the window's language; the user's own names as typed."""
    source = _SAVED_FILTERS.get(name)
    return _tr(source) if source else name
