"""The Overview's reads on PostgreSQL (team mode): the same scenario and the same checks as on
SQLite (tests/store/test_overview_reads.py), so both engines give the dashboard the same figures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.core.actions import ActionKind, ActionRule
from desktop.core.config import load_settings
from desktop.core.finance_day import zone
from desktop.core.overview import QueueCounts
from desktop.core.targets import Target
from desktop.runtime import Deriver
from desktop.store.postgres.entities import enrich_batch
from desktop.store.postgres.store import PgStore, open_pg_store
from desktop.ui.overview.loader import OverviewLoader
from desktop.ui.overview.view import OverviewView
from desktop.ui.widgets.listener_bar import ListenerBar
from tests.money_truth_scenario import DAY, SECRET, SECRET_ENV, Scenario, build, local, write_config
from tests.store.test_overview_reads import check_confirmed_per_day, check_events_per_minute, check_traffic

NOW = local(DAY, 23, 55).timestamp()


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return build()


@pytest.fixture(scope="module")
def store(
    pg_module_url: str, tmp_path_factory: pytest.TempPathFactory, scenario: Scenario
) -> Iterator[PgStore]:
    # Module-scoped (the checks only read): one scenario load for the module.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SECRET_ENV, SECRET)
        directory = tmp_path_factory.mktemp("pg-overview")
        opened = open_pg_store(
            pg_module_url, directory, Deriver(load_settings(write_config(directory))), enrich_batch
        )
        for request in scenario.requests:
            opened.writer.submit(request)
        opened.settled().result(timeout=60)
        yield opened
        opened.close()


def test_todays_traffic_is_counted_as_on_sqlite(store: PgStore, scenario: Scenario) -> None:
    check_traffic(store, scenario)


def test_events_per_minute_are_bucketed_as_on_sqlite(store: PgStore, scenario: Scenario) -> None:
    # PostgreSQL's CAST rounds where SQLite's truncates: 23:50:59 must stay in 23:50's bar.
    check_events_per_minute(store, scenario)


def test_confirmed_per_finance_day_is_the_totals_definition(store: PgStore, scenario: Scenario) -> None:
    check_confirmed_per_day(store, scenario)


def test_the_queues_are_counted_by_state_as_on_sqlite(store: PgStore, scenario: Scenario) -> None:
    assert store.queue_counts() == QueueCounts()
    delivery = store.open_delivery()
    try:
        target = delivery.save_target(Target(name="app", url="http://127.0.0.1:9/hook"))
        first, second, third = delivery.enqueue([1, 2, 3], target.id or 0, now=0.0)
        delivery.mark_retry(second, next_at=10.0, error="refused")
        delivery.mark_failed(third, "gone")
        rule = delivery.actions().save_rule(ActionRule(name="notify", kind=ActionKind.NOTIFY))
        delivery.actions().run_again(rule, 1, now=0.0)
    finally:
        delivery.close()
    assert store.queue_counts() == QueueCounts(
        forward_pending=1, forward_failing=2, actions_pending=1, actions_failing=0
    )
    assert first


def test_the_reads_run_on_a_background_reader(store: PgStore, scenario: Scenario) -> None:
    reader = store.background_reader()
    try:
        reader.submit(lambda reads: check_traffic(reads, scenario)).result(timeout=30)
    finally:
        reader.close()


def test_the_tab_reads_team_mode_off_the_ui_thread_with_its_queues(qtbot, store: PgStore) -> None:
    bar = ListenerBar()
    qtbot.addWidget(bar)
    loader = OverviewLoader(store, zone("America/Sao_Paulo"), clock=lambda: NOW)
    view = OverviewView(store, bar, "America/Sao_Paulo", loader=loader)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.updated, timeout=30000):
        view.refresh()
    assert view.events_card.value.text() == "170"
    assert view.confirmed_card.detail.text() == "20 sales"
    # The module's store is shared: whatever the queue test left, the cards show the same counts.
    queues = store.queue_counts()
    assert queues is not None
    assert view.forward_pending_card.value.text() == str(queues.forward_pending)
    assert view.actions_failing_card.value.text() == str(queues.actions_failing)
