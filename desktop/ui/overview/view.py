"""The Overview tab (issue 13): the dashboard at a glance, every figure a way into its rows.

The listener's state and URL; today's events, failed signatures and duplicates; the forwarding
and actions queues; today's sales (confirmed, pending, failed, refunded: the status bar's own
totals); events per minute over the last hour and confirmed R$ per finance day over 30 days;
events per provider today. Figures come from `OverviewLoader` (a store reader thread,
throttled); a click emits the filter that lists exactly those rows, for the Events tab
(`events_filter_requested`) or the Payments tab (`payments_filter_requested`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.finance_day import zone
from desktop.core.payments import StatusCategory
from desktop.core.totals import CategoryTotal
from desktop.store.interface import EventStore
from desktop.ui.locale_format import format_amount, format_day_month, format_number
from desktop.ui.overview import figures as f
from desktop.ui.overview.cards import FigureCard
from desktop.ui.overview.charts import BarChart
from desktop.ui.overview.loader import OverviewLoader
from desktop.ui.overview.providers import ProviderChips
from desktop.ui.theme import Tone, tone_colour
from desktop.ui.widgets.listener_bar import ListenerBar

FAILURE, WARNING, GOOD = Tone.BAD, Tone.WARNING, Tone.GOOD  # figures that need a look


def money_text(amount: Decimal) -> str:
    """R$ in the app's locale, as every tab writes it (desktop/ui/locale_format.py)."""
    return format_amount(amount, "BRL")


def total_text(total: CategoryTotal) -> str:
    text = money_text(total.amount)
    for currency, amount in sorted(total.other_amounts.items()):
        text += f" + {format_amount(amount, currency or None)}"
    return text


class OverviewView(QWidget):
    """Signals:
    events_filter_requested(text): show the Events tab with this filter.
    payments_filter_requested(text): show the Payments tab with this filter.
    tab_requested(name): show another tab ("forwarding" or "actions").
    updated(): new figures are on screen.
    """

    events_filter_requested = Signal(str)
    payments_filter_requested = Signal(str)
    tab_requested = Signal(str)
    updated = Signal()

    def __init__(
        self,
        store: EventStore,
        listener: ListenerBar,
        timezone: str,
        parent: QWidget | None = None,
        loader: OverviewLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self.tz: ZoneInfo = zone(timezone)
        self.figures = f.Figures()
        self.loader = loader or OverviewLoader(store, self.tz, parent=self)
        self.loader.loaded.connect(self.show_figures)
        self.loader.failed.connect(self._failed)
        self._listener = listener
        listener.state_changed.connect(self._show_listener)

        self.listener_card = FigureCard(self.tr("Listener"), FAILURE)
        self.listener_card.clicked.connect(lambda: self.events_filter_requested.emit(f.last_hour_filter()))
        self.events_card = self._card(
            self.tr("Events today"), None, lambda: f.events_today(self.figures, self.tz)
        )
        self.signatures_card = self._card(
            self.tr("Signature failures today"),
            FAILURE,
            lambda: f.signature_failures_filter(self.figures, self.tz),
        )
        self.duplicates_card = self._card(
            self.tr("Duplicates today"), WARNING, lambda: f.duplicates_filter(self.figures, self.tz)
        )
        self.forward_pending_card = self._tab_card(self.tr("Forwarding pending"), None, "forwarding")
        self.forward_failing_card = self._tab_card(self.tr("Forwarding failing"), FAILURE, "forwarding")
        self.actions_pending_card = self._tab_card(self.tr("Actions pending"), None, "actions")
        self.actions_failing_card = self._tab_card(self.tr("Actions failing"), FAILURE, "actions")
        self.confirmed_card = self._sales_card(self.tr("Confirmed today"), GOOD, StatusCategory.CONFIRMED)
        self.pending_card = self._sales_card(
            self.tr("Pending (open, any day)"), WARNING, StatusCategory.PENDING
        )
        self.failed_card = self._sales_card(self.tr("Failed today"), FAILURE, StatusCategory.FAILED)
        self.refunded_card = self._sales_card(self.tr("Refunded today"), WARNING, StatusCategory.REFUNDED)

        self.minutes_chart = BarChart(self.tr("Events per minute, last hour"), self.tr("events"))
        self.minutes_chart.bar_clicked.connect(
            lambda index: self.events_filter_requested.emit(f.minute_filter(index, self.figures, self.tz))
        )
        self.days_chart = BarChart(self.tr("Confirmed R$ per finance day, last 30 days"), self.tr("R$"))
        self.days_chart.bar_clicked.connect(
            lambda index: self.payments_filter_requested.emit(f.confirmed_on_filter(self.figures.days[index]))
        )
        self.providers = ProviderChips()
        self.providers.picked.connect(
            lambda name: self.events_filter_requested.emit(f.provider_filter(name, self.figures, self.tz))
        )
        self.provider_buttons = self.providers.buttons
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.day_label = QLabel()
        self.day_label.setTextFormat(Qt.TextFormat.PlainText)
        self._lay_out()
        self._explain()
        self._show_listener()

    # -- building ---------------------------------------------------------------------------------

    def _card(self, title: str, accent: Tone | None, filter_text: Callable[[], str]) -> FigureCard:
        card = FigureCard(title, accent)
        card.clicked.connect(lambda: self.events_filter_requested.emit(filter_text()))
        return card

    def _tab_card(self, title: str, accent: Tone | None, tab: str) -> FigureCard:
        card = FigureCard(title, accent)
        card.clicked.connect(lambda: self.tab_requested.emit(tab))
        return card

    def _sales_card(self, title: str, accent: Tone | None, category: StatusCategory) -> FigureCard:
        card = FigureCard(title, accent)
        card.clicked.connect(lambda: self.payments_filter_requested.emit(f.sales_filter(category)))
        return card

    def _lay_out(self) -> None:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(10)
        heading = QHBoxLayout()
        heading.addWidget(self._heading(self.tr("Traffic")))
        heading.addStretch(1)
        self.hint = QLabel(self.tr("Click any figure to see the rows behind it."))
        heading.addWidget(self.hint)
        column.addLayout(heading)
        column.addLayout(
            self._grid(
                [self.listener_card, self.events_card, self.signatures_card, self.duplicates_card],
                [
                    self.forward_pending_card,
                    self.forward_failing_card,
                    self.actions_pending_card,
                    self.actions_failing_card,
                ],
            )
        )
        column.addWidget(self.providers)
        column.addWidget(self._heading(self.tr("Money")))
        column.addWidget(self.day_label)
        column.addLayout(
            self._grid([self.confirmed_card, self.pending_card, self.failed_card, self.refunded_card])
        )
        charts = QHBoxLayout()
        charts.setSpacing(12)
        charts.addWidget(self.minutes_chart, 1)
        charts.addWidget(self.days_chart, 1)
        column.addLayout(charts, 1)
        column.addWidget(self.status)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _explain(self) -> None:
        """Each figure's definition, where the user looks for it: its tooltip."""
        self.events_card.setToolTip(self.tr("Every request received since midnight of the finance day."))
        self.signatures_card.setToolTip(
            self.tr(
                "Deliveries received today whose signature was invalid, stale (a possible replay) or "
                "missing. They never move a payment."
            )
        )
        self.duplicates_card.setToolTip(self.tr("Deliveries received today that repeat one received before."))
        money = self.tr(
            "The status bar's totals: each sale counts once, on the finance day its current status "
            "happened; only verified deliveries count."
        )
        for card in (self.confirmed_card, self.failed_card, self.refunded_card):
            card.setToolTip(money)
        self.pending_card.setToolTip(self.tr("Sales still open now, whichever day they started."))
        self.minutes_chart.setToolTip(self.tr("Click a bar: that minute's events."))
        self.days_chart.setToolTip(self.tr("Click a bar: that day's confirmed sales."))

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        label.setFont(font)
        return label

    @staticmethod
    def _grid(*rows: list[FigureCard]) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(10)
        for r, row in enumerate(rows):
            for c, card in enumerate(row):
                grid.addWidget(card, r, c)
        return grid

    # -- showing ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read every figure now (on the reader thread)."""
        self.loader.refresh()

    def schedule(self, *_: object) -> None:
        """Store news: refresh soon (throttled; connect the feed's signals here)."""
        self.loader.schedule()

    def reload(self, *_: object) -> None:
        """Events were deleted, cleared or re-verified: read every figure again (connect the
        feed's deleted and reset signals here)."""
        self.loader.reload()

    def set_timezone(self, name: str) -> None:
        self.tz = zone(name)
        self.loader.set_timezone(self.tz)

    def show_figures(self, figures: f.Figures) -> None:
        self.figures = figures
        self._show_traffic(figures)
        self._show_queues(figures)
        self._show_money(figures)
        self._show_charts(figures)
        self.providers.show_counts(figures.traffic.per_provider)
        self.status.setText(
            self.tr("Updated %1 (read in %2 ms)")
            .replace("%1", _clock_text(figures.now, self.tz))
            .replace("%2", str(round(self.loader.last_seconds * 1000)))
        )
        self.updated.emit()

    def _failed(self, why: str) -> None:
        self.status.setText(self.tr("Could not read the figures: %1").replace("%1", why))

    def _show_listener(self) -> None:
        bar = self._listener
        if bar.listening:
            self.listener_card.set_figure(self.tr("● Listening"), bar.url.text())
            self.listener_card.value.setStyleSheet(f"color: {tone_colour(GOOD, self.palette()).name()}")
        else:
            self.listener_card.set_figure(self.tr("● Not listening"), bar.message.text(), alert=True)
        self.listener_card.setToolTip(self.tr("Click: the events of the last hour"))

    def _show_traffic(self, figures: f.Figures) -> None:
        traffic = figures.traffic
        self.events_card.set_figure(_count(traffic.total), self.tr("received since midnight"))
        self.signatures_card.set_figure(
            _count(traffic.signature_failures),
            self.tr("invalid, stale or missing"),
            alert=traffic.signature_failures > 0,
        )
        self.duplicates_card.set_figure(
            _count(traffic.duplicates), self.tr("deliveries seen before"), alert=traffic.duplicates > 0
        )

    def _show_queues(self, figures: f.Figures) -> None:
        queues = figures.queues
        cards = (
            self.forward_pending_card,
            self.forward_failing_card,
            self.actions_pending_card,
            self.actions_failing_card,
        )
        values = (
            queues.forward_pending,
            queues.forward_failing,
            queues.actions_pending,
            queues.actions_failing,
        )
        details = (
            self.tr("waiting for a first try"),
            self.tr("retrying or given up"),
            self.tr("waiting for a first run"),
            self.tr("retrying or given up"),
        )
        for index, (card, value, detail) in enumerate(zip(cards, values, details, strict=True)):
            card.set_figure(_count(value), detail, alert=value > 0)
            card.setEnabled(True)
            card.setToolTip(
                self.tr("Open the queue") if index % 2 == 0 else self.tr("Open the queue to retry")
            )

    def _show_money(self, figures: f.Figures) -> None:
        totals = figures.totals
        self.day_label.setText(
            self.tr("Finance day %1 (%2). Only verified deliveries count; each sale counts once.")
            .replace("%1", QLocale().toString(_qdate(figures.day), QLocale.FormatType.LongFormat))
            .replace("%2", self.tz.key)
        )
        for card, total in (
            (self.confirmed_card, totals.of(StatusCategory.CONFIRMED)),
            (self.pending_card, totals.open_pending),
            (self.failed_card, totals.of(StatusCategory.FAILED)),
            (self.refunded_card, totals.of(StatusCategory.REFUNDED)),
        ):
            card.set_figure(total_text(total), self.tr("%n sale(s)", "", total.count), alert=total.count > 0)

    def _show_charts(self, figures: f.Figures) -> None:
        minute_ticks = []
        minute_tips = []
        for index, count in enumerate(figures.per_minute):
            moment = _local(figures.minute_start + index * 60, self.tz)
            label = moment.strftime("%H:%M")
            if index % 10 == 9 or index == 0:
                minute_ticks.append((index, label))
            minute_tips.append(self.tr("%1: %n event(s)", "", count).replace("%1", label))
        self.minutes_chart.set_bars(figures.per_minute, minute_ticks, minute_tips)
        amounts = [float(total.amount) for total in figures.per_day]
        day_ticks = []
        day_tips = []
        for index, (day, total) in enumerate(zip(figures.days, figures.per_day, strict=True)):
            label = format_day_month(_qdate(day))
            if (len(figures.days) - 1 - index) % 5 == 0:
                day_ticks.append((index, label))
            day_tips.append(
                self.tr("%1: %2 in %n sale(s)", "", total.count)
                .replace("%1", label)
                .replace("%2", total_text(total))
            )
        self.days_chart.set_bars(amounts, day_ticks, day_tips)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.close()
        super().closeEvent(event)


def _count(value: int) -> str:
    return format_number(value)


def _local(timestamp: float, tz: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(timestamp, tz)


def _clock_text(timestamp: float, tz: ZoneInfo) -> str:
    moment = _local(timestamp, tz)
    return QLocale().toString(QTime(moment.hour, moment.minute, moment.second), "HH:mm:ss")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
