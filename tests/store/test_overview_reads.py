"""The Overview's store reads (issue 13) give the money-truth scenario's figures, computed here by
hand from the scenario (never through the app's code). tests/postgres/test_pg_overview.py runs
the same checks (`check_*`) on PostgreSQL, so both engines count alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.actions import ActionKind, ActionRule
from desktop.core.config import load_settings
from desktop.core.finance_day import day_bounds, zone
from desktop.core.overview import QueueCounts
from desktop.core.payments import StatusCategory
from desktop.core.records import JobState
from desktop.core.targets import Target
from desktop.runtime import Deriver
from desktop.store import overview
from desktop.store.entities import enrich_event
from desktop.store.events import Store, open_store
from desktop.store.interface import StoreReads
from tests.money_truth_scenario import (
    DAY,
    KINDS,
    PAID,
    PAID_TONIGHT,
    PAID_YESTERDAY_NIGHT,
    PENDING_FORGED,
    SECRET,
    SECRET_ENV,
    UNVERIFIED,
    Scenario,
    build,
    local,
    write_config,
)

TZ = zone("America/Sao_Paulo")


def expected_failures(scenario: Scenario) -> int:
    """One forged PAID per PENDING_FORGED sale; the unverified ones (no secret) are not failures."""
    return sum(1 for sale in scenario.sales if sale.kind == PENDING_FORGED)


def expected_duplicates(scenario: Scenario) -> int:
    """Every fourth sale's confirmation is sent twice, byte for byte (signed sales only)."""
    return sum(
        1 for sale in scenario.sales if sale.number % 4 == 0 and sale.kind not in (UNVERIFIED, PENDING_FORGED)
    )


def confirmed_on(scenario: Scenario, kinds: tuple[str, ...]) -> tuple[int, Decimal]:
    chosen = [sale for sale in scenario.sales if sale.kind in kinds]
    return len(chosen), sum((sale.amount for sale in chosen), Decimal("0.00"))


def check_traffic(reads: StoreReads, scenario: Scenario) -> None:
    start, end = day_bounds(DAY, TZ)
    traffic = reads.traffic(start, end)
    assert traffic.total == len(scenario.requests)
    assert traffic.per_provider == {"juno": len(scenario.requests)}
    assert traffic.signature_failures == expected_failures(scenario) == 10
    assert traffic.duplicates == expected_duplicates(scenario) == 10
    # Received from 02:50 UTC on the 29th: the machine's (UTC) day before has none of them.
    utc_day_before = reads.traffic(start - 3 * 3600, start)
    assert utc_day_before.total == 0


def check_events_per_minute(reads: StoreReads, scenario: Scenario) -> None:
    start = local(DAY, 23, 0).timestamp()
    by_minute = Counter(int((request.received_at - start) // 60) for request in scenario.requests)
    expected = [by_minute.get(minute, 0) for minute in range(60)]
    assert reads.events_per_minute(start, 60) == expected
    assert sum(expected) == len(scenario.requests)  # 23:50 to 23:52: all inside the hour


def check_confirmed_per_day(reads: StoreReads, scenario: Scenario) -> None:
    days = [DAY - timedelta(days=2), DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)]
    bounds = [day_bounds(day, TZ)[0] for day in days] + [day_bounds(days[-1], TZ)[1]]
    per_day = reads.confirmed_per_day(bounds)
    assert [(total.count, total.amount) for total in per_day] == [
        (0, Decimal("0.00")),
        # 22:30 on the 27th in São Paulo is 01:30 on the 28th in UTC: the 27th's money.
        confirmed_on(scenario, (PAID_YESTERDAY_NIGHT,)),
        # 23:30 on the 28th is 02:30 on the 29th in UTC: still the 28th's. The forged PAID,
        # the unverified PAID and the refunded sales are in neither.
        confirmed_on(scenario, (PAID, PAID_TONIGHT)),
        (0, Decimal("0.00")),
    ]
    # The very definition of the status bar's total for the day (store `totals`).
    assert per_day[2] == reads.totals(*day_bounds(DAY, TZ)).of(StatusCategory.CONFIRMED)


@pytest.fixture
def scenario() -> Scenario:
    scenario = build()
    assert {sale.kind for sale in scenario.sales} == set(KINDS)
    return scenario


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


def test_todays_traffic_counts_per_provider_failed_signatures_and_duplicates(
    store: Store, scenario: Scenario
) -> None:
    check_traffic(store, scenario)


def test_events_per_minute_is_one_bucket_per_minute_of_the_hour(store: Store, scenario: Scenario) -> None:
    check_events_per_minute(store, scenario)


def test_confirmed_per_finance_day_is_the_totals_definition(store: Store, scenario: Scenario) -> None:
    check_confirmed_per_day(store, scenario)


def test_the_same_reads_run_on_a_background_reader(store: Store, scenario: Scenario) -> None:
    reader = store.background_reader()
    try:
        reader.submit(lambda reads: check_traffic(reads, scenario)).result(timeout=10)
        reader.submit(lambda reads: check_confirmed_per_day(reads, scenario)).result(timeout=10)
    finally:
        reader.close()


def test_the_queues_are_counted_by_state(store: Store) -> None:
    assert store.queue_counts() == QueueCounts()
    delivery = store.open_delivery()
    try:
        target = delivery.save_target(Target(name="app", url="http://127.0.0.1:9/hook"))
        first, second, third = delivery.enqueue([1, 2, 3], target.id or 0, now=0.0)
        delivery.mark_retry(second, next_at=10.0, error="refused")
        delivery.mark_failed(third, "gone")
        rule = delivery.actions().save_rule(ActionRule(name="notify", kind=ActionKind.NOTIFY))
        delivery.actions().run_again(rule, 1, now=0.0)
        # The counts below are over exactly these states: one waiting, one retrying, one failed.
        states = {job.id: job.state for job in delivery.list_jobs()}
    finally:
        delivery.close()
    assert states == {first: JobState.PENDING, second: JobState.RETRYING, third: JobState.FAILED}
    assert store.queue_counts() == QueueCounts(
        forward_pending=1, forward_failing=2, actions_pending=1, actions_failing=0
    )


def test_the_time_ranges_read_the_received_at_index_not_every_event(store: Store) -> None:
    # A scan was 2 s at 720,000 events: too slow for a refresh every second (schema v9).
    conn = store.reader()
    for sql, params in (
        (overview.per_minute_sql("?"), (0.0, 0.0, 3600.0)),
        (overview.traffic_sql("?"), (0.0, 86400.0)),
    ):
        plan = " ".join(str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "events_received_at" in plan, plan
