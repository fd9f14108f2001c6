"""Money truth in team mode: on PostgreSQL too, only a verified delivery moves money.

An unverified "PAID" (no secret configured for its endpoint) is a claim: it shows as such,
is kept out of the finance day's totals and of the accountant's export, and its endpoint is
named as wanting a secret. The same sale signed with the endpoint's secret counts.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest
from desktop.core.payments import StatusCategory
from desktop.core.query import parse
from desktop.runtime import Deriver
from desktop.store.follow import StoreNews
from desktop.store.postgres.entities import enrich_batch
from desktop.store.postgres.store import PgStore, open_pg_store
from tests.polling import wait_for
from tests.postgres.stories import EVER, juno_story, signed

SECRET = "pg-money-secret"
ENDPOINTS = (
    Endpoint(path="/juno", provider="juno", secret_env="TEST_PG_MONEY_SECRET"),
    Endpoint(path="/juno-open", provider="juno"),  # no secret: nobody can check its deliveries
)


@pytest.fixture
def store(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PgStore]:
    monkeypatch.setenv("TEST_PG_MONEY_SECRET", SECRET)
    opened = open_pg_store(pg_url, tmp_path, Deriver(Settings(endpoints=ENDPOINTS)), enrich_batch)
    yield opened
    opened.close()


def send_sale(store: PgStore, path: str, seed: int) -> None:
    for delivery in juno_story(random.Random(seed)):
        headers = signed(delivery, SECRET, path)
        store.writer.submit(CapturedRequest("POST", path, "", headers, delivery.body, 1.0)).result(10)


def test_an_unverified_paid_is_not_money_and_a_valid_one_is(store: PgStore) -> None:
    send_sale(store, "/juno-open", 1)  # a claim: PAID, but unchecked
    store.settled().result(timeout=30)
    totals = store.totals(*EVER)
    assert totals.confirmed_count == 0
    assert totals.of(StatusCategory.CONFIRMED).amount == 0
    assert list(store.iter_sales()) == []  # the accountant's export leaves it out
    (claim,) = store.iter_sales(include_unverified=True)
    assert claim["claimed_status"] is not None and claim["unverified"] > 0
    assert store.unverified_paths() == ["/juno-open"]
    assert len(store.entity_keys(parse("signature:unverified"))) == 1

    send_sale(store, "/juno", 2)  # the same kind of sale, signed with the endpoint's secret
    store.settled().result(timeout=30)
    totals = store.totals(*EVER)
    assert totals.confirmed_count == 1
    (sale,) = store.iter_sales()
    assert str(totals.confirmed_amount) == sale["amount"]
    assert len(store.entity_keys(parse("category:confirmed"))) == 1
    assert len(store.entity_keys()) == 2

    # Deleting the verified sale's events takes its money away again.
    key = store.entity_keys(parse("category:confirmed"))[0]
    ids = [row["id"] for row in store.timeline(*key)]
    assert store.delete(ids).result(timeout=30) == 3
    assert store.totals(*EVER).confirmed_count == 0
    assert len(store.entity_keys()) == 1


def test_the_follower_reports_new_and_recognised_rows_and_own_deletes(store: PgStore) -> None:
    seen: list[StoreNews] = []
    lock = threading.Lock()

    def on_news(news: StoreNews) -> None:
        with lock:
            seen.append(news)

    def collected(kind: str) -> set[int]:
        with lock:
            return {i for news in seen for i in getattr(news, kind)}

    follower = store.follower(on_news)
    follower.start()
    try:
        send_sale(store, "/juno", 3)
        store.settled().result(timeout=30)
        ids = set(store.event_ids())
        wait_for(lambda: collected("arrived") == ids, what="the new rows to be reported")
        wait_for(lambda: collected("recognised") == ids, what="their recognition to be reported")
        first = min(ids)
        store.delete([first]).result(timeout=30)
        wait_for(lambda: first in collected("deleted"), what="the delete to be reported")
    finally:
        follower.stop()
