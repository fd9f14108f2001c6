"""The finance day's totals in the status bar, each a link to the rows it counts.

"Confirmed today: 3 · R$1,234.56 | Refunded today: 1 · R$50.00 | Failed today: 1 | Pending: 2"
("Confirmados hoje: 3 · R$ 1.234,56 | ..." in pt-BR).
The definitions are the store's (store/totals.py) and are written in the tooltip; a click on a
total emits `total_clicked(category)`, and the window filters the Payments tab with
`totals.filter_for(category)`, which lists exactly those sales.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from html import escape
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.finance_day import DEFAULT_TIMEZONE, day_bounds, day_of, zone
from desktop.core.payments import StatusCategory
from desktop.core.totals import CategoryTotal, Totals
from desktop.store.interface import BackgroundReads, EventStore, StoreReads
from desktop.ui.locale_format import format_amount

log = logging.getLogger(__name__)

# Totals cost scans of `entities` (~0.6 s for a million, see store/totals.py): they run
# on a reader thread, during a burst at most this often, and at most MAX_SHARE of its time.
THROTTLE_MS = 1000
MAX_SHARE = 0.25
# Without new events the day still ends: look at the clock once a minute.
MIDNIGHT_CHECK_MS = 60_000


def tooltip_text(tz_name: str) -> str:
    """One definition of each total, on screen (the label's tooltip)."""
    return QCoreApplication.translate(
        "TotalsLabel",
        "Finance day: the calendar day in {zone} (not the computer's).\n"
        "Each sale (a charge and its payment) counts once, in the category of its current "
        "status, on the day that status happened (the provider's time; the time received when "
        "the provider does not say).\n"
        "Only verified deliveries count (a valid signature, or unsigned on an endpoint marked as "
        "trusted): a 'PAID · unverified' is in no total.\n"
        "Confirmed today: sales paid today, not refunded. Refunded today: payments given back "
        "or disputed today (they leave the confirmed). Failed today: sales that failed today.\n"
        "Pending: sales open now, from any day.\n"
        "Click a total to see exactly the rows it counts.",
    ).format(zone=tz_name)


def _money(total: CategoryTotal) -> str:
    text = format_amount(total.amount, "BRL")
    for currency, amount in sorted(total.other_amounts.items()):
        text += f" + {format_amount(amount, currency or None)}"
    return text


def totals_parts(result: Totals) -> list[tuple[StatusCategory, str]]:
    """Each total as (category it lists, text)."""
    confirmed = result.of(StatusCategory.CONFIRMED)
    refunded = result.of(StatusCategory.REFUNDED)
    failed, pending = result.of(StatusCategory.FAILED).count, result.open_pending.count
    # Not plural forms: "Pending: 3" reads the same for one and many in both languages, and
    # pyside6-lupdate makes a plural entry only for self.tr(), never for translate().
    confirmed_text = QCoreApplication.translate("TotalsLabel", "Confirmed today: {count} · {money}")
    refunded_text = QCoreApplication.translate("TotalsLabel", "Refunded today: {count} · {money}")
    return [
        (StatusCategory.CONFIRMED, confirmed_text.format(count=confirmed.count, money=_money(confirmed))),
        (StatusCategory.REFUNDED, refunded_text.format(count=refunded.count, money=_money(refunded))),
        (
            StatusCategory.FAILED,
            QCoreApplication.translate("TotalsLabel", "Failed today: {count}").format(count=failed),
        ),
        (
            StatusCategory.PENDING,
            QCoreApplication.translate("TotalsLabel", "Pending: {count}").format(count=pending),
        ),
    ]


def totals_text(result: Totals) -> str:
    """The totals as plain text: 'Confirmed today: 1 · R$149.90 | Refunded today: ...'."""
    return " | ".join(text for _, text in totals_parts(result))


def totals_html(result: Totals) -> str:
    """The same, each total a link named after its category."""
    links = [f'<a href="{category}">{escape(text)}</a>' for category, text in totals_parts(result)]
    return " | ".join(links)


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
        total_clicked(category): the user clicked a total (a StatusCategory value).
    """

    updated = Signal()
    total_clicked = Signal(str)

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        parent: QWidget | None = None,
        timezone: str = DEFAULT_TIMEZONE,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._tz_name = timezone
        self._tz: ZoneInfo = zone(timezone)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(self.total_clicked)
        self._store: EventStore | None = None
        self._reader: BackgroundReads | None = None
        self._reader_store: EventStore | None = None  # the store `_reader` reads
        self._running = False
        self._again = False
        self._generation = 0  # a result from a reader since closed is ignored
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._day: date | None = None
        self.totals = Totals()
        self.setToolTip(tooltip_text(timezone))
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
        self._day = day = day_of(self._clock(), self._tz)
        start, end = day_bounds(day, self._tz)
        relay, generation = self._relay, self._generation

        started = time.monotonic()

        def job(reads: StoreReads) -> Totals:
            return reads.totals(start, end)

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
            self.setText(totals_html(result))
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

    def plain_text(self) -> str:
        """What the label says, without its links."""
        return totals_text(self.totals)

    def set_timezone(self, name: str) -> None:
        """Count by another zone's day from now on (the user changed the setting)."""
        self._tz_name, self._tz = name, zone(name)
        self.setToolTip(tooltip_text(name))
        self._refresh_known()

    def _check_day(self) -> None:
        if day_of(self._clock(), self._tz) != self._day:
            self._refresh_known()
