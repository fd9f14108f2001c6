"""The day's totals in the status bar: "Confirmados hoje: 3 · R$ 1.234,56 | Pendentes: 2 | Falhas hoje: 1"."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.money import format_amount, format_brl
from desktop.store.interface import BackgroundReads, EventStore, StoreReads, Totals

log = logging.getLogger(__name__)

# Totals cost scans of `entities` (~0.6 s for a million, see store/totals.py): they run
# on a reader thread, during a burst at most this often, and at most MAX_SHARE of its time.
THROTTLE_MS = 1000
MAX_SHARE = 0.25
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


class _Relay(QObject):
    """Carries a result from the reader thread (queued by Qt); it outlives the label, so a late
    result never lands on a widget being destroyed."""

    done = Signal(int, object, float)  # (generation, Totals or None when it failed, seconds taken)


class TotalsLabel(QLabel):
    """Call `refresh(store)` for an update as soon as possible, `schedule(store)` from a live feed.

    The query runs on a reader thread; the text changes when it is done. One runs at a time:
    a refresh asked for meanwhile runs once it finishes.

    Signals:
        updated(): the text shows new totals.
    """

    updated = Signal()

    def __init__(self, clock: Callable[[], float] = time.time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._store: EventStore | None = None
        self._reader: BackgroundReads | None = None
        self._reader_store: EventStore | None = None  # the store `_reader` reads
        self._running = False
        self._again = False
        self._generation = 0  # a result from a reader since closed is ignored
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
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

    def refresh(self, store: EventStore) -> None:
        if self._reader is None or store is not self._reader_store:
            self._close_reader()
            self._reader = reader = store.background_reader()
            self._reader_store = store
            # Not a bound method: the label is half destroyed by the time `destroyed` is emitted.
            self.destroyed.connect(lambda *_: reader.close())
        self._store = store
        if not self._midnight.isActive():
            self._midnight.start()
        if self._running:
            self._again = True
            return
        self._running = True
        self._day = day = start_of_day(self._clock())
        relay, generation = self._relay, self._generation

        started = time.monotonic()

        def job(reads: StoreReads) -> Totals:
            return reads.totals(day)

        def done(future: Future[Totals]) -> None:
            error = future.exception()
            if error is not None and "interrupted" not in str(error):  # interrupted: closing
                log.error("could not compute the totals: %s", error)
            result = None if error is not None else future.result()
            relay.done.emit(generation, result, time.monotonic() - started)

        self._reader.submit(job).add_done_callback(done)

    def _on_done(self, generation: int, result: Totals | None, seconds: float) -> None:
        if generation != self._generation:
            return
        self._running = False
        # A slow count (a million entities) is redone less often during a burst.
        self._throttle.setInterval(max(THROTTLE_MS, int(seconds / MAX_SHARE * 1000)))
        if result is not None:
            self.totals = result
            self.setText(totals_text(result))
            self.updated.emit()
        if self._again and self._store is not None and self._reader is not None:
            self._again = False
            self.refresh(self._store)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close_reader()
        super().closeEvent(event)

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._generation += 1
            self._reader.close()
            self._reader = None
            self._running = self._again = False

    def schedule(self, store: EventStore) -> None:
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
