"""Desktop notifications: money confirmed, and deliveries whose signature failed.

Only trusted deliveries notify "confirmed" (core/trust.py): an unverified "PAID" never does.
Every notification also goes to the persistent alert list (ui/payments/alerts.py) when one is
given, with a link to its sale: where there is no tray, that list is where it stays.
One notification per kind per batch of new events, so a burst never floods the screen.
A Juno charge PAID and its payment CONFIRMED are one receipt: events of different entity
types with the same provider, reference and amount are merged, in the same batch and across
batches within MERGE_WINDOW_S (Juno sends the two about half a second apart, which is often
two batches of the feed).
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

from desktop.core.model import Derived
from desktop.core.money import format_amount
from desktop.core.payments import STATUS_LABELS_PT, is_money_confirmed, is_money_problem, status_category
from desktop.core.trust import is_refused
from desktop.store.interface import EventStore
from desktop.ui.payments.alerts import AlertList

MERGE_WINDOW_S = 120.0
SHOW_MS = 15_000
_FAILED_TITLES = {
    "invalid": "Assinatura inválida",
    "missing": "Assinatura ausente",
    "stale": "Assinatura vencida",
}
_LISTED = 3  # references or event numbers named in a summary before "…"

Receipt = tuple[Any, ...]  # (provider, reference, amount, currency) or (provider, entity id)


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

    def set_settings(self, settings: NotifySettings) -> None:
        self.settings = settings
        settings.save(self._qsettings)

    def actions(self, parent: QObject) -> list[QAction]:
        """Checkable menu entries bound to the settings (for a "Notificações" menu)."""
        entries = (
            ("money_confirmed", "Avisar quando um pagamento for confirmado"),
            ("invalid_signature", "Avisar quando uma entrega falhar na assinatura"),
            ("money_problem", "Avisar quando um pagamento falhar, for recusado ou estornado"),
        )
        actions = []
        for name, text in entries:
            action = QAction(text, parent)
            action.setCheckable(True)
            action.setChecked(getattr(self.settings, name))
            action.toggled.connect(lambda on, name=name: self._toggle(name, on))
            actions.append(action)
        return actions

    def _toggle(self, name: str, on: bool) -> None:
        values = {f.name: getattr(self.settings, f.name) for f in fields(self.settings)}
        values[name] = on
        self.set_settings(NotifySettings(**values))

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
            label = STATUS_LABELS_PT[status_category(derived.provider, derived.entity_type, derived.status)]
            what = " ".join(p for p in (derived.reference or derived.entity_id, amount) if p)
            lines.append(f"{derived.status} · {label}: {what}")
        more = f" (+{len(problems) - _LISTED})" if len(problems) > _LISTED else ""
        title = "Pagamento com problema" if len(problems) == 1 else f"{len(problems)} pagamentos com problema"
        self._deliver(title, "; ".join(lines) + more, _sale(problems[0][1]))

    def _notify_money(self, store: EventStore, confirmed: list[tuple[int, Derived]]) -> None:
        groups: dict[Receipt, list[Derived]] = {}
        for _, derived in confirmed:
            groups.setdefault(_receipt(derived), []).append(derived)
        now = self._clock()
        self._recent = {k: v for k, v in self._recent.items() if now - v[0] < MERGE_WINDOW_S}
        fresh: list[list[Derived]] = []
        for receipt, group in groups.items():
            types = {d.entity_type or "" for d in group}
            seen = self._recent.get(receipt)
            # The other half of a receipt already announced (the charge after its payment)
            # stays quiet; the same type again is a new receipt (a second payment).
            other_half = seen is not None and not (types & seen[1])
            if not other_half:
                fresh.append(group)
            self._recent[receipt] = (now, types | (seen[1] if seen else set()))
        if not fresh:
            return
        if len(fresh) == 1:
            self._deliver("Pagamento confirmado", self._describe(store, fresh[0]), _sale(fresh[0][0]))
            return
        total = _money_total([group[0] for group in fresh])
        names = [group[0].reference or group[0].entity_id or "?" for group in fresh]
        listed = ", ".join(names[:_LISTED]) + (", …" if len(names) > _LISTED else "")
        self._deliver(f"{len(fresh)} pagamentos confirmados", f"{total} — {listed}", _sale(fresh[0][0]))

    def _describe(self, store: EventStore, group: list[Derived]) -> str:
        first = group[0]
        text = f"{format_amount(first.amount, first.currency)} — {first.reference or first.entity_id}"
        payer = next((d.payer for d in group if d.payer), None)
        if payer is None:
            # A Juno charge does not name its payer, but an earlier event of the entity may have.
            payer = _known_payer(store, group)
        return f"{text} ({payer})" if payer else text

    def _notify_signatures(self, failed: list[tuple[int, Derived]]) -> None:
        if len(failed) == 1:
            event_id, derived = failed[0]
            verdict = str(derived.signature)
            title = _tr(_FAILED_TITLES.get(verdict, "Assinatura inválida"))
            what = ", ".join(p for p in (derived.event_type, derived.status, derived.entity_id) if p)
            # Says what happened, not "recusado": the delivery was stored, and changed nothing.
            message = _tr("Evento nº {id} de {provider}{what}: {title}: não mudou o status. {reason}").format(
                id=event_id,
                provider=derived.provider,
                what=f" ({what})" if what else "",
                title=title.lower(),
                reason=derived.signature_reason,
            )
            message = message.rstrip()
            self._deliver(title, message, _sale(derived))
            return
        numbers = [str(event_id) for event_id, _ in failed]
        listed = ", ".join(numbers[:_LISTED]) + (", …" if len(numbers) > _LISTED else "")
        self._deliver(
            _tr("{n} entregas com assinatura inválida").format(n=len(failed)),
            _tr("Eventos nº {listed}: assinatura inválida: não mudaram o status.").format(listed=listed),
            _sale(failed[0][1]),
        )

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
