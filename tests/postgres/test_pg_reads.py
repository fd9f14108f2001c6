"""The PostgreSQL engine's reads as the window uses them: a background reader whose slow query
a newer one interrupts, and the store's errors in the store's own words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.model import CapturedRequest, Derived
from desktop.core.query import parse
from desktop.core.storage import QueryInterrupted, StorageError
from desktop.store.filter_sql import UnsupportedFieldError
from desktop.store.postgres.store import PgStore, open_pg_store
from tests.polling import wait_for


@pytest.fixture
def store(pg_url: str, tmp_path: Path) -> Iterator[PgStore]:
    opened = open_pg_store(pg_url, tmp_path, lambda _request: Derived())
    yield opened
    opened.close()


def test_a_slow_query_is_interrupted_and_the_reader_goes_on(store: PgStore) -> None:
    reader = store.background_reader()
    try:
        slow = reader.submit(lambda reads: reads._conn.execute("SELECT pg_sleep(30)").fetchone())
        wait_for(slow.running, what="the slow query to start")
        wait_for(lambda: _sleeping(store), what="the query to reach the server")
        reader.interrupt()
        with pytest.raises(QueryInterrupted):
            slow.result(timeout=10)
        assert reader.submit(lambda reads: reads.count()).result(timeout=10) == 0
    finally:
        reader.close()


def _sleeping(store: PgStore) -> bool:
    with store._pool.connection() as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%%' AND state = 'active'"
        ).fetchone()
    return bool(row and row[0])


def test_reads_after_writes_and_deletes(store: PgStore) -> None:
    ids = [
        store.writer.submit(CapturedRequest("POST", f"/p{n}", "", [], b"x", 1.0)).result(10) for n in range(3)
    ]
    store.settled().result(timeout=10)
    assert list(store.event_ids()) == ids
    assert list(store.newest_ids(limit=2)) == ids[1:]
    assert store.matching_ids(parse("path:/p1"), ids) == {ids[1]}
    assert set(store.summaries(ids)) == set(ids)
    assert store.delete([ids[0]]).result(timeout=10) == 1
    assert store.count() == 2 and store.event(ids[0]) is None
    assert store.clear().result(timeout=10) == 2
    assert store.count() == 0


def test_a_query_the_store_cannot_answer_is_refused_before_it_runs(store: PgStore) -> None:
    with pytest.raises(UnsupportedFieldError, match="does not apply to payments"):
        store.check_query(parse("code:>=400"), "entities")


def test_errors_reach_callers_as_storage_errors(store: PgStore) -> None:
    reader = store.background_reader()
    try:
        broken = reader.submit(lambda reads: reads._conn.execute("SELECT * FROM no_such_table").fetchall())
        with pytest.raises(StorageError, match="no_such_table"):
            broken.result(timeout=10)
    finally:
        reader.close()


def test_reverifying_with_a_new_secret_updates_verdicts_and_payments(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    from desktop.core.config import Endpoint, Settings
    from desktop.runtime import Deriver
    from desktop.store.postgres.entities import enrich_batch
    from tests.postgres.stories import EVER, juno_story, signed

    endpoints = (Endpoint(path="/juno", provider="juno", secret_env="TEST_PG_REVERIFY"),)
    monkeypatch.setenv("TEST_PG_REVERIFY", "an-old-wrong-secret")
    deriver = Deriver(Settings(endpoints=endpoints))
    store = open_pg_store(pg_url, tmp_path, deriver, enrich_batch)
    try:
        for delivery in juno_story(random.Random(5)):
            headers = signed(delivery, "the-secret")
            store.writer.submit(CapturedRequest("POST", "/juno", "", headers, delivery.body, 1.0)).result(10)
        store.settled().result(timeout=10)
        assert store.totals(*EVER).confirmed_count == 0  # invalid signatures: not money
        assert store.entity_rows(store.entity_keys())  # the entities exist, refused deliveries counted
        monkeypatch.setenv("TEST_PG_REVERIFY", "the-secret")
        assert store.reverify(deriver, ["/juno"]).result(timeout=30) == 3
        event = store.event(store.newest_ids(limit=1)[0], with_body=False)
        assert event is not None and event.derived.signature.value == "valid"
        assert store.totals(*EVER).confirmed_count == 1
    finally:
        store.close()
