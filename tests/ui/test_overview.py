"""The Overview tab (issue 13) as a user sees it: the money-truth scenario's figures, computed by
hand, on cards and charts; a click on any figure lists exactly the rows behind it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from desktop.core.config import load_settings
from desktop.core.finance_day import zone
from desktop.core.payments import StatusCategory
from desktop.runtime import Deriver
from desktop.store.entities import enrich_event
from desktop.store.events import Store, open_store
from desktop.ui.events.view import EventsView
from desktop.ui.overview.cards import FigureCard
from desktop.ui.overview.figures import PAST_DAYS_EVERY_S, load_figures
from desktop.ui.overview.loader import OverviewLoader
from desktop.ui.overview.view import OverviewView, money_text
from desktop.ui.payments.view import PaymentsView
from desktop.ui.widgets.listener_bar import ListenerBar
from tests.money_truth_scenario import (
    DAY,
    PAID,
    PAID_TONIGHT,
    PAID_YESTERDAY_NIGHT,
    SECRET,
    SECRET_ENV,
    Scenario,
    build,
    local,
    write_config,
)
from tests.store.test_overview_reads import confirmed_on, expected_duplicates, expected_failures

# Shown offscreen (the cards lay out, a grab sees them), which Qt's offscreen platform remarks on.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NOW = local(DAY, 23, 55).timestamp()
TZ_NAME = "America/Sao_Paulo"


@pytest.fixture
def scenario() -> Scenario:
    return build()


@pytest.fixture
def store(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scenario: Scenario
) -> Iterator[Store]:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    opened = open_store(data_dir, Deriver(load_settings(write_config(tmp_path))), enrich_event)
    for request in scenario.requests:
        opened.writer.submit(request)
    opened.writer.call(lambda _conn: None).result(timeout=30)
    yield opened
    opened.close()


@pytest.fixture
def machine_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock in UTC (a server): its day is not the finance day at 23:55 in São Paulo."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def view(qtbot, store: Store) -> OverviewView:
    bar = ListenerBar()
    qtbot.addWidget(bar)
    bar.show_listening("http://127.0.0.1:8080/")
    loader = OverviewLoader(store, zone(TZ_NAME), clock=lambda: NOW)
    overview = OverviewView(store, bar, TZ_NAME, loader=loader)
    qtbot.addWidget(overview)
    overview.resize(1280, 820)
    overview.show()
    with qtbot.waitSignal(overview.updated, timeout=10000):
        overview.refresh()
    return overview


def sales(n: int) -> str:
    """The English plural form the window shows (tests run with the English translation)."""
    return f"{n} sale" if n == 1 else f"{n} sales"


def test_the_cards_show_the_scenarios_figures(view: OverviewView, scenario: Scenario) -> None:
    requests = len(scenario.requests)
    assert view.events_card.value.text() == str(requests)
    assert view.signatures_card.value.text() == str(expected_failures(scenario)) == "10"
    assert view.duplicates_card.value.text() == str(expected_duplicates(scenario)) == "10"
    # Only signed, verified PAIDs count: the forged and the unverified ones are in no total,
    # the refunded sales moved to "refunded", and 23:30 in São Paulo is still the 28th.
    count, amount = confirmed_on(scenario, (PAID, PAID_TONIGHT))
    assert (count, amount) == (20, Decimal("41095.70"))
    assert view.confirmed_card.value.text() == money_text(amount) == "R$41,095.70"  # tests run in English
    assert view.confirmed_card.detail.text() == "20 sales"
    assert view.refunded_card.value.text() == money_text(scenario.expected("refunded")[1])
    assert view.pending_card.detail.text() == sales(scenario.expected("pending")[0])
    assert view.failed_card.value.text() == money_text(Decimal("0.00"))
    assert view.listener_card.value.text() == "● Listening"
    assert view.listener_card.detail.text() == "http://127.0.0.1:8080/"
    assert view.provider_buttons["juno"].text() == f"juno: {requests}"
    assert [card.value.text() for card in _queue_cards(view)] == ["0", "0", "0", "0"]


def test_the_charts_hold_the_last_hour_and_the_last_30_finance_days(
    view: OverviewView, scenario: Scenario
) -> None:
    minutes = view.minutes_chart.values
    assert len(minutes) == 60
    # The hour ends with 23:55's minute: the deliveries of 23:50, 23:51 and 23:52 are bars 54-56.
    first = (local(DAY, 23, 55).timestamp() // 60) * 60 - 59 * 60
    by_minute = [0] * 60
    for request in scenario.requests:
        by_minute[int((request.received_at - first) // 60)] += 1
    assert minutes == by_minute
    assert [index for index, count in enumerate(minutes) if count] == [54, 55, 56]
    days = view.days_chart.values
    assert len(days) == 30
    assert view.figures.days[-1] == DAY and view.figures.days[0] == DAY - timedelta(days=29)
    assert days[-1] == float(confirmed_on(scenario, (PAID, PAID_TONIGHT))[1])
    assert days[-2] == float(confirmed_on(scenario, (PAID_YESTERDAY_NIGHT,))[1])
    assert not any(days[:-2])


@pytest.mark.usefixtures("machine_in_utc")
def test_each_event_figure_lists_exactly_its_events(qtbot, view: OverviewView, store: Store) -> None:
    events = EventsView(store)
    qtbot.addWidget(events)
    asked: list[str] = []
    view.events_filter_requested.connect(asked.append)
    view.events_filter_requested.connect(events.filter_bar.set_text)
    traffic = view.figures.traffic
    for card, expected in (
        (view.events_card, traffic.total),
        (view.signatures_card, traffic.signature_failures),
        (view.duplicates_card, traffic.duplicates),
    ):
        with qtbot.waitSignal(events.model.loading, check_params_cb=lambda busy: not busy, timeout=5000):
            qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        assert events.model.rowCount() == expected, asked[-1]
    assert asked[1] == (
        '(signature:invalid OR signature:stale OR signature:missing) after:"2026-11-28 00:00-03:00"'
        ' before:"2026-11-29 00:00-03:00"'
    )
    with qtbot.waitSignal(events.model.loading, check_params_cb=lambda busy: not busy, timeout=5000):
        qtbot.mouseClick(view.provider_buttons["juno"], Qt.MouseButton.LeftButton)
    assert events.model.rowCount() == traffic.per_provider["juno"]


@pytest.mark.usefixtures("machine_in_utc")
def test_each_money_figure_lists_exactly_its_sales(qtbot, view: OverviewView, store: Store) -> None:
    payments = PaymentsView(store, timezone=TZ_NAME)
    payments.clock = lambda: NOW
    qtbot.addWidget(payments)
    asked: list[str] = []
    view.payments_filter_requested.connect(asked.append)
    view.payments_filter_requested.connect(payments.show_filter)
    totals = view.figures.totals
    for card, expected in (
        (view.confirmed_card, totals.of(StatusCategory.CONFIRMED).count),
        (view.refunded_card, totals.of(StatusCategory.REFUNDED).count),
        (view.pending_card, totals.open_pending.count),
    ):
        with qtbot.waitSignal(payments.model.loading, check_params_cb=lambda busy: not busy, timeout=5000):
            qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        assert payments.model.rowCount() == expected, asked[-1]
    assert asked == ["category:confirmed today", "category:refunded today", "category:pending"]
    # A bar of the 30-day chart: that finance day's confirmed sales (the 27th: 22:30 in São Paulo).
    chart = view.days_chart
    bar = chart.plot.plotItem.vb.mapViewToScene(QPointF(28, chart.values[28] / 2))
    assert chart.index_at(bar) == 28
    with qtbot.waitSignal(payments.model.loading, check_params_cb=lambda busy: not busy, timeout=5000):
        chart.bar_clicked.emit(chart.index_at(bar))
    assert asked[-1] == "category:confirmed on:2026-11-27"
    assert payments.model.rowCount() == view.figures.per_day[28].count == 10


def test_the_tab_looks_like_a_dashboard(view: OverviewView, tmp_path: Path) -> None:
    picture = view.grab()
    assert picture.width() >= 1200
    picture.save(str(tmp_path / "overview.png"))
    # Cards with big numbers: the figure's font is twice the title's.
    card = view.confirmed_card
    assert card.value.font().pointSizeF() >= 1.9 * card.title.font().pointSizeF()
    # Readable axes: clock times under the last hour (the current minute last), days under the month.
    minute_ticks = view.minutes_chart.plot.getAxis("bottom")._tickLevels[0]
    assert [label for _, label in minute_ticks] == [
        "22:56",
        "23:05",
        "23:15",
        "23:25",
        "23:35",
        "23:45",
        "23:55",
    ]
    day_ticks = view.days_chart.plot.getAxis("bottom")._tickLevels[0]
    # The locale's short date without the year: month first in en_US ('28/11' read as day 28 of
    # month 11 only in Brazil).
    assert [label for _, label in day_ticks] == ["11/3", "11/8", "11/13", "11/18", "11/23", "11/28"]


def test_in_pt_br_the_days_read_day_first(pt_br, view: OverviewView) -> None:
    day_ticks = view.days_chart.plot.getAxis("bottom")._tickLevels[0]
    assert [label for _, label in day_ticks] == ["03/11", "08/11", "13/11", "18/11", "23/11", "28/11"]
    assert view.days_chart._tooltips[-1].startswith("28/11: ")


def _queue_cards(view: OverviewView) -> list[FigureCard]:
    return [
        view.forward_pending_card,
        view.forward_failing_card,
        view.actions_pending_card,
        view.actions_failing_card,
    ]


class CountingReads:
    """The store's reads, counting the month query (the refresh's dearest)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.months = 0

    def confirmed_per_day(self, bounds):
        self.months += 1
        return self.store.confirmed_per_day(bounds)

    def __getattr__(self, name: str):
        return getattr(self.store, name)


def test_a_refresh_within_a_minute_reuses_the_days_before_today(store: Store, scenario: Scenario) -> None:
    reads = CountingReads(store)
    tz = zone(TZ_NAME)
    first = load_figures(reads, NOW, tz)  # type: ignore[arg-type]
    again = load_figures(reads, NOW + PAST_DAYS_EVERY_S - 1, tz, first)  # type: ignore[arg-type]
    assert reads.months == 1
    assert again.per_day == first.per_day
    # Today's bar is the status bar's own confirmed total, read every time.
    assert again.per_day[-1] == store.totals(first.day_start, first.day_end).of(StatusCategory.CONFIRMED)
    assert again.per_day[-2].amount == confirmed_on(scenario, (PAID_YESTERDAY_NIGHT,))[1]
    load_figures(reads, NOW + PAST_DAYS_EVERY_S, tz, again)  # type: ignore[arg-type]
    assert reads.months == 2
    load_figures(reads, NOW + 1, tz, None)  # type: ignore[arg-type]  # forgotten (a delete, a reset)
    assert reads.months == 3
