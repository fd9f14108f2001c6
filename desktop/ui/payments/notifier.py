"""Desktop notifications: money confirmed, and deliveries whose signature failed.

Only trusted deliveries notify "confirmed" (core/trust.py): an unverified "PAID" never does.
Every notification also goes to the persistent alert list (ui/payments/alerts.py) when one is
given, with a link to its sale: where there is no tray, that list is where it stays.
One notification per kind per batch of new events, so a burst never floods the screen.
A Juno charge PAID and its payment CONFIRMED are one receipt: events of different entity
types with the same provider, reference and amount are merged, in the same batch and across
batches within MERGE_WINDOW_S (Juno sends the two about half a second apart, which is often
two batches of the feed).

The three notifications are also built-in rules of the Actions tab (issue 11): the notifier
decides WHEN one is due (trust, merge, batches); the rule says whether it is on and gives its
title and text as templates, rendered in the actions' sandboxed Jinja2 environment with the
sale's fields (`template_fields`). settings.ini is the one store: "notify/<key>" says on or off
(the *Notifications* menu and the tab both write it), "notify_templates/<key>_title|_body" hold
edited templates (absent: the default, today's Portuguese text: templates are user content,
not the window's language, so they are not translated). A template that fails falls
back to the default text, and the failure shows in the rule's row until it renders again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QStatusBar, QSystemTrayIcon

from desktop.core.actions import ActionKind, ActionRule
from desktop.core.model import Derived
from desktop.core.payments import is_money_confirmed, is_money_problem, status_category
from desktop.core.trust import is_refused
from desktop.delivery.actions.templates import TemplateProblem, one_line, render
from desktop.store.interface import EventStore
from desktop.ui.locale_format import format_amount
from desktop.ui.payments.alerts import AlertList
from desktop.ui.payments.labels import QT_TRANSLATE_NOOP, category_label, failed_check_title

MERGE_WINDOW_S = 120.0
SHOW_MS = 15_000
_LISTED = 3  # references or event numbers named in a summary before "…"

Receipt = tuple[Any, ...]  # (provider, reference, amount, currency) or (provider, entity id)

BUILTIN_ORIGIN = "built-in"
# The built-in rules, by NotifySettings field: (id in the Actions tab, name). Ids are negative so
# they never meet a stored rule's.
BUILTIN: dict[str, tuple[int, str]] = {
    "money_confirmed": (-1, QT_TRANSLATE_NOOP("Notifier", "Payment confirmed")),
    "invalid_signature": (-2, QT_TRANSLATE_NOOP("Notifier", "Invalid signature")),
    "money_problem": (-3, QT_TRANSLATE_NOOP("Notifier", "Payment problem")),
}
# When each one is due (the notifier decides; shown in the rule's Filter column).
BUILTIN_WHEN = {
    "money_confirmed": (
        QT_TRANSLATE_NOOP("Notifier", "built-in: money confirmed"),
        QT_TRANSLATE_NOOP(
            "Notifier", "A trusted delivery confirms money; a charge and its payment notify once"
        ),
    ),
    "invalid_signature": (
        QT_TRANSLATE_NOOP("Notifier", "built-in: signature failed"),
        QT_TRANSLATE_NOOP("Notifier", "A delivery fails its signature check (it changes no status)"),
    ),
    "money_problem": (
        QT_TRANSLATE_NOOP("Notifier", "built-in: payment problem"),
        QT_TRANSLATE_NOOP("Notifier", "A payment fails, is declined, refunded or charged back"),
    ),
}
# Today's texts, as templates. `count` is how many sales one notification is about; with more
# than one, the sale's fields are the first's and `listed`/`total_text`/`summary` name them all.
DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "money_confirmed": (
        "{% if count > 1 %}{{ count }} pagamentos confirmados{% else %}Pagamento confirmado{% endif %}",
        "{% if count > 1 %}{{ total_text }} — {{ listed }}"
        "{% else %}{{ amount_text }} — {{ reference or entity_id }}{% if payer %} ({{ payer }}){% endif %}"
        "{% endif %}",
    ),
    "invalid_signature": (
        "{% if count > 1 %}{{ count }} entregas com assinatura inválida{% else %}{{ verdict }}{% endif %}",
        "{% if count > 1 %}Eventos nº {{ listed }}: assinatura inválida: não mudaram o status."
        "{% else %}Evento nº {{ id }} de {{ provider }}{% if what %} ({{ what }}){% endif %}: "
        "{{ verdict | lower }}: não mudou o status. {{ signature_reason }}{% endif %}",
    ),
    "money_problem": (
        "{% if count > 1 %}{{ count }} pagamentos com problema{% else %}Pagamento com problema{% endif %}",
        "{{ summary }}",
    ),
}
TEMPLATE_FIELDS = (
    "count, amount_text, amount, currency, reference, payer, status, status_label, provider, "
    "entity_type, entity_id, event_type, id, signature, signature_reason, verdict, what, "
    "listed, total_text, summary"
)


@dataclass
class NotifySettings:
    """Which events notify; persisted under "notify/" in the app's QSettings."""

    money_confirmed: bool = True
    invalid_signature: bool = True
    money_problem: bool = False  # a payment failed, was declined, refunded or charged back (opt in)

    @classmethod
    def load(cls, settings: QSettings) -> NotifySettings:
        def flag(name: str, default: bool) -> bool:
            return bool(settings.value(f"notify/{name}", default, type=bool))

        defaults = cls()
        return cls(
            money_confirmed=flag("money_confirmed", defaults.money_confirmed),
            invalid_signature=flag("invalid_signature", defaults.invalid_signature),
            money_problem=flag("money_problem", defaults.money_problem),
        )

    def save(self, settings: QSettings) -> None:
        for f in fields(self):
            settings.setValue(f"notify/{f.name}", bool(getattr(self, f.name)))
        settings.sync()


def make_tray_icon(icon: QIcon, parent: QObject | None = None) -> QSystemTrayIcon | None:
    """A visible tray icon, or None where there is no tray (offscreen, some Linux desktops)."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QSystemTrayIcon(icon, parent)
    tray.setToolTip("Webhook Monitor")
    tray.show()
    return tray


class Notifier(QObject):
    """Signals:
    notified(title, message): every notification, whether shown in the tray or the status bar.
    """

    notified = Signal(str, str)
    rules_changed = Signal()  # a built-in rule turned on or off, edited, or its template failing

    def __init__(
        self,
        qsettings: QSettings,
        tray: QSystemTrayIcon | None = None,
        status_bar: QStatusBar | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
        alerts: AlertList | None = None,
    ) -> None:
        super().__init__(parent)
        self._alerts = alerts
        self._qsettings = qsettings
        self.settings = NotifySettings.load(qsettings)
        self._tray = tray
        self._status_bar = status_bar
        self._clock = clock
        self._recent: dict[Receipt, tuple[float, set[str]]] = {}
        self.template_errors: dict[str, str] = {}  # by key: the last failure, until it renders

    def set_settings(self, settings: NotifySettings) -> None:
        self.settings = settings
        settings.save(self._qsettings)
        self.rules_changed.emit()

    # -- built-in rules (the Actions tab) -----------------------------------------------------

    def templates(self, key: str) -> tuple[str, str]:
        """The (title, text) templates of a built-in notification, edited or default."""
        title, body = default_templates(key)
        group = "notify_templates"
        return (
            str(self._qsettings.value(f"{group}/{key}_title", title)),
            str(self._qsettings.value(f"{group}/{key}_body", body)),
        )

    def builtin_rules(self) -> list[ActionRule]:
        rules = []
        for key, (rule_id, name) in BUILTIN.items():
            title, body = self.templates(key)
            rules.append(
                ActionRule(
                    name=_tr(name),
                    kind=ActionKind.NOTIFY,
                    subject=title,
                    body=body,
                    enabled=bool(getattr(self.settings, key)),
                    origin=BUILTIN_ORIGIN,
                    id=rule_id,
                )
            )
        return rules

    def builtin_when(self, rule_id: int | None) -> tuple[str, str]:
        """When a built-in notification is due: short, and in a sentence."""
        key = builtin_key(rule_id)
        return (_tr(BUILTIN_WHEN[key][0]), _tr(BUILTIN_WHEN[key][1])) if key else ("", "")

    def builtin_edited(self, rule_id: int | None) -> bool:
        key = builtin_key(rule_id)
        return bool(key) and self.templates(key) != default_templates(key)

    def builtin_problem(self, rule_id: int | None) -> str:
        key = builtin_key(rule_id)
        return self.template_errors.get(key, "") if key else ""

    def set_builtin_enabled(self, rule_id: int | None, on: bool) -> None:
        key = builtin_key(rule_id)
        if key:
            self._toggle(key, on)

    def set_builtin_templates(self, rule_id: int | None, title: str, body: str) -> None:
        """Keep edited templates; an empty or unchanged one is the default again."""
        key = builtin_key(rule_id)
        if not key:
            return
        for part, text, default in zip(("title", "body"), (title, body), default_templates(key), strict=True):
            name = f"notify_templates/{key}_{part}"
            if text.strip() and text != default:
                self._qsettings.setValue(name, text)
            else:
                self._qsettings.remove(name)
        self._qsettings.sync()
        self.template_errors.pop(key, None)
        self.rules_changed.emit()

    def restore_builtin(self, rule_id: int | None) -> None:
        self.set_builtin_templates(rule_id, "", "")

    def actions(self, parent: QObject) -> list[QAction]:
        """Checkable menu entries bound to the settings (for a "Notifications" menu)."""
        entries = (
            ("money_confirmed", self.tr("Notify when a payment is confirmed")),
            ("invalid_signature", self.tr("Notify when a delivery fails its signature check")),
            ("money_problem", self.tr("Notify when a payment fails, is declined or refunded")),
        )
        actions = []
        for name, text in entries:
            action = QAction(text, parent)
            action.setCheckable(True)
            action.setChecked(getattr(self.settings, name))
            action.toggled.connect(lambda on, name=name: self._toggle(name, on))
            # The Actions tab turns the same setting on and off: the menu follows.
            self.rules_changed.connect(
                lambda action=action, name=name: action.setChecked(getattr(self.settings, name))
            )
            actions.append(action)
        return actions

    def _toggle(self, name: str, on: bool) -> None:
        if getattr(self.settings, name) == on:
            return
        values = {f.name: getattr(self.settings, f.name) for f in fields(self.settings)}
        values[name] = on
        self.set_settings(NotifySettings(**values))

    def _render(self, key: str, values: dict[str, Any]) -> tuple[str, str]:
        """The title and text of a built-in notification; the default text if its template fails."""
        title, body = self.templates(key)
        try:
            shown = (one_line(render(title, values)), render(body, values).strip())
            problem = ""
        except Exception as exc:  # TemplateProblem, or a template's own TypeError and the like
            default_title, default_body = default_templates(key)
            shown = (one_line(render(default_title, values)), render(default_body, values).strip())
            reason = (
                str(exc)
                if isinstance(exc, TemplateProblem)
                else QCoreApplication.translate("Notifier", "template error: {error}").format(error=exc)
            )
            problem = QCoreApplication.translate("Notifier", "{reason}; the default text was shown").format(
                reason=reason
            )
        if self.template_errors.get(key, "") != problem:
            if problem:
                self.template_errors[key] = problem
            else:
                self.template_errors.pop(key, None)
            self.rules_changed.emit()
        return shown

    # -- events -------------------------------------------------------------------------------

    def on_events_arrived(self, store: EventStore, ids: Sequence[int]) -> None:
        wanted = self.settings
        if not ids or not (wanted.money_confirmed or wanted.invalid_signature or wanted.money_problem):
            return
        events = store.notable_events(ids)
        if self.settings.money_confirmed:
            confirmed = [(i, d) for i, d in events if is_money_confirmed(d)]
            if confirmed:
                self._notify_money(store, confirmed)
        if self.settings.invalid_signature:
            failed = [(i, d) for i, d in events if is_refused(d)]
            if failed:
                self._notify_signatures(failed)
        if self.settings.money_problem:
            problems = [(i, d) for i, d in events if is_money_problem(d)]
            if problems:
                self._notify_problems(problems)

    def _notify_problems(self, problems: list[tuple[int, Derived]]) -> None:
        lines = []
        for _, derived in problems[:_LISTED]:
            amount = format_amount(derived.amount, derived.currency)
            label = category_label(status_category(derived.provider, derived.entity_type, derived.status))
            what = " ".join(p for p in (derived.reference or derived.entity_id, amount) if p)
            lines.append(f"{derived.status} · {label}: {what}")
        more = f" (+{len(problems) - _LISTED})" if len(problems) > _LISTED else ""
        event_id, first = problems[0]
        values = template_fields(event_id, first, count=len(problems), summary="; ".join(lines) + more)
        self._deliver(*self._render("money_problem", values), _sale(first))

    def _notify_money(self, store: EventStore, confirmed: list[tuple[int, Derived]]) -> None:
        groups: dict[Receipt, list[tuple[int, Derived]]] = {}
        for event_id, derived in confirmed:
            groups.setdefault(_receipt(derived), []).append((event_id, derived))
        now = self._clock()
        self._recent = {k: v for k, v in self._recent.items() if now - v[0] < MERGE_WINDOW_S}
        fresh: list[list[tuple[int, Derived]]] = []
        for receipt, group in groups.items():
            types = {d.entity_type or "" for _, d in group}
            seen = self._recent.get(receipt)
            # The other half of a receipt already announced (the charge after its payment)
            # stays quiet; the same type again is a new receipt (a second payment).
            other_half = seen is not None and not (types & seen[1])
            if not other_half:
                fresh.append(group)
            self._recent[receipt] = (now, types | (seen[1] if seen else set()))
        if not fresh:
            return
        event_id, first = fresh[0][0]
        # A Juno charge does not name its payer, but an event of the same sale may have.
        payer = next((d.payer for _, d in fresh[0] if d.payer), None) if len(fresh) == 1 else None
        if len(fresh) == 1 and payer is None:
            payer = _known_payer(store, [d for _, d in fresh[0]])
        names = [group[0][1].reference or group[0][1].entity_id or "?" for group in fresh]
        values = template_fields(
            event_id,
            first,
            count=len(fresh),
            payer=payer or first.payer or "",
            total_text=_money_total([group[0][1] for group in fresh]),
            listed=", ".join(names[:_LISTED]) + (", …" if len(names) > _LISTED else ""),
        )
        self._deliver(*self._render("money_confirmed", values), _sale(first))

    def _notify_signatures(self, failed: list[tuple[int, Derived]]) -> None:
        numbers = [str(event_id) for event_id, _ in failed]
        event_id, first = failed[0]
        values = template_fields(
            event_id,
            first,
            count=len(failed),
            listed=", ".join(numbers[:_LISTED]) + (", …" if len(numbers) > _LISTED else ""),
        )
        self._deliver(*self._render("invalid_signature", values), _sale(first))

    def show(self, title: str, message: str) -> None:
        """A notification from elsewhere (a `notify` action, issue 11), shown the same way."""
        self._deliver(title, message)

    def _deliver(self, title: str, message: str, sale: tuple[str, str] = ("", "")) -> None:
        self.notified.emit(title, message)
        if self._alerts is not None:
            self._alerts.add(title, message, *sale)
        if self._tray is not None and self._tray.isVisible() and QSystemTrayIcon.supportsMessages():
            self._tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, SHOW_MS)
        elif self._status_bar is not None:
            self._status_bar.showMessage(f"{title}: {message}", SHOW_MS)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Notifier", text)


def builtin_key(rule_id: int | None) -> str:
    """The NotifySettings field of a built-in rule's id; '' for any other rule."""
    return next((key for key, (builtin_id, _) in BUILTIN.items() if builtin_id == rule_id), "")


def default_templates(key: str) -> tuple[str, str]:
    title, body = DEFAULT_TEMPLATES[key]
    return _tr(title), _tr(body)


def template_fields(event_id: int, derived: Derived, count: int = 1, **more: Any) -> dict[str, Any]:
    """The names a built-in notification's templates may use (TEMPLATE_FIELDS)."""

    def text(value: object) -> str:
        return "" if value is None else str(value)

    verdict = str(derived.signature)
    status_label = category_label(status_category(derived.provider, derived.entity_type, derived.status))
    values: dict[str, Any] = {
        "count": count,
        "id": event_id,
        "provider": text(derived.provider),
        "event_type": text(derived.event_type),
        "entity_type": text(derived.entity_type),
        "entity_id": text(derived.entity_id),
        "status": text(derived.status),
        "status_label": status_label,
        "amount": text(derived.amount),
        "amount_text": format_amount(derived.amount, derived.currency),
        "currency": text(derived.currency),
        "reference": text(derived.reference),
        "payer": text(derived.payer),
        "signature": verdict,
        "signature_reason": text(derived.signature_reason),
        "verdict": failed_check_title(verdict),
        "what": ", ".join(p for p in (derived.event_type, derived.status, derived.entity_id) if p),
        "listed": "",
        "total_text": format_amount(derived.amount, derived.currency),
        "summary": "",
    }
    values.update(more)
    return values


def _sale(derived: Derived) -> tuple[str, str]:
    """(provider, sale id) of the sale an event is about: the alert's link."""
    return (derived.provider or "", derived.sale_id or derived.entity_id or "")


def _known_payer(store: EventStore, group: list[Derived]) -> str | None:
    keys = [_sale(d) for d in group]
    return next((r["payer"] for r in store.entity_rows(keys).values() if r["payer"]), None)


def _receipt(derived: Derived) -> Receipt:
    if derived.reference:
        return (derived.provider, derived.reference, derived.amount, (derived.currency or "").upper())
    return (derived.provider, derived.entity_id)


def _money_total(events: list[Derived]) -> str:
    by_currency: dict[str, Decimal] = {}
    for derived in events:
        currency = (derived.currency or "").upper()
        by_currency[currency] = by_currency.get(currency, Decimal(0)) + (derived.amount or Decimal(0))
    return " + ".join(format_amount(amount, code or None) for code, amount in sorted(by_currency.items()))
