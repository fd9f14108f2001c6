"""The day's totals in the status bar: "Confirmados hoje: 3 · R$ 1.234,56 | Pendentes: 2 | Falhas hoje: 1"."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.money import format_amount, format_brl
from desktop.store.entities_query import Totals, totals
from desktop.store.events import Store

# Totals cost two scans of `entities`: during a burst, recompute at most this often.
THROTTLE_MS = 1000
# Without new events the day still ends: look at the clock once a minute.
MIDNIGHT_CHECK_MS = 60_000

TOOLTIP = (
    "Confirmados hoje: dinheiro recebido desde a meia-noite (hora do provedor); uma cobrança e o seu "
    "pagamento contam uma vez.\n"
    "Pendentes: tudo o que está pendente agora, de qualquer dia.\n"
    "Falhas hoje: cobranças, pagamentos e transferências que falharam desde a meia-noite."
)


def start_of_day(now: float) -> float:
    """Local midnight before `now` (the finance day is the machine's calendar day)."""
    return datetime.fromtimestamp(now).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def totals_text(result: Totals) -> str:
    money = format_brl(result.confirmed_amount)
    for currency, amount in sorted(result.other_amounts.items()):
        money += f" + {format_amount(amount, currency or None)}"
    return (
        f"Confirmados hoje: {result.confirmed_count} · {money} | "
        f"Pendentes: {result.pending} | Falhas hoje: {result.failed}"
    )


class TotalsLabel(QLabel):
    """Call `refresh(store)` for an immediate update, `schedule(store)` from a live feed."""

    def __init__(self, clock: Callable[[], float] = time.time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._store: Store | None = None
        self._day = 0.0
        self.totals = Totals()
        self.setToolTip(TOOLTIP)
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(THROTTLE_MS)
        self._throttle.timeout.connect(self._refresh_known)
        self._midnight = QTimer(self)
        self._midnight.setInterval(MIDNIGHT_CHECK_MS)
        self._midnight.timeout.connect(self._check_day)

    def refresh(self, store: Store) -> None:
        self._store = store
        self._day = start_of_day(self._clock())
        self.totals = totals(store.reader(), self._day)
        self.setText(totals_text(self.totals))
        if not self._midnight.isActive():
            self._midnight.start()

    def schedule(self, store: Store) -> None:
        """Refresh soon: many calls within THROTTLE_MS cost one query."""
        self._store = store
        if not self._throttle.isActive():
            self._throttle.start()

    def _refresh_known(self) -> None:
        if self._store is not None:
            self.refresh(self._store)

    def _check_day(self) -> None:
        if start_of_day(self._clock()) != self._day:
            self._refresh_known()
