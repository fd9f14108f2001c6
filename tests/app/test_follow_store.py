"""Following the store: news of rows any connection commits, recognition done later, deletes
and clears."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.config import Endpoint, Settings
from desktop.runtime import Deriver
from desktop.store.database import connect, open_database
from desktop.store.entities import enrich_event
from desktop.store.events import Store, open_store
from desktop.store.follow import StoreFollower, StoreNews
from tests.app.test_multiprocess_claims import juno, store_unrecognised


class Collected:
    def __init__(self) -> None:
        self.news: list[StoreNews] = []
        self.changed = threading.Condition()

    def __call__(self, news: StoreNews) -> None:
        with self.changed:
            self.news.append(news)
            self.changed.notify_all()

    def ids(self, kind: str) -> list[int]:
        return sorted(i for news in self.news for i in getattr(news, kind))

    def wait(self, predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
        with self.changed:
            assert self.changed.wait_for(predicate, timeout), self.news


@pytest.fixture
def writer_store(data_dir: Path) -> Iterator[Store]:
    """Another "process": its own writer and connections on the same data directory."""
    store = open_store(data_dir, Deriver(Settings(endpoints=(Endpoint("/juno", "juno"),))), enrich_event)
    yield store
    store.close()


def follow(data_dir: Path, collected: Collected) -> StoreFollower:
    open_database(data_dir).close()
    follower = StoreFollower(lambda: connect(data_dir / "events.sqlite3"), collected, poll_s=0.02)
    follower.start()
    return follower


def test_new_rows_arrive_and_are_reported_again_once_recognised(data_dir: Path, writer_store: Store) -> None:
    collected = Collected()
    follower = follow(data_dir, collected)
    try:
        ids = [writer_store.writer.submit(juno(n)).result(10) for n in range(5)]
        collected.wait(lambda: collected.ids("recognised") == ids)
        assert collected.ids("arrived") == ids
    finally:
        follower.stop()


def test_rows_stored_unrecognised_are_reported_when_another_writer_recognises_them(data_dir: Path) -> None:
    store_unrecognised(data_dir, 3)  # a receiver was killed before recognising them
    collected = Collected()
    follower = follow(data_dir, collected)  # they exist already: not "arrived"
    try:
        deriver = Deriver(Settings(endpoints=(Endpoint("/juno", "juno"),)))
        late = open_store(data_dir, deriver, enrich_event)  # takes over the backlog at start
        collected.wait(lambda: collected.ids("recognised") == [1, 2, 3])
        late.close()
        assert collected.ids("arrived") == []
    finally:
        follower.stop()


def test_deletes_and_clears_by_another_process_are_reported(data_dir: Path, writer_store: Store) -> None:
    ids = [writer_store.writer.submit(juno(n)).result(10) for n in range(4)]
    writer_store.writer.call(lambda _conn: None).result(10)  # recognised too
    collected = Collected()
    follower = follow(data_dir, collected)
    try:
        assert writer_store.delete(ids[:2]).result(10) == 2
        collected.wait(lambda: collected.ids("deleted") == ids[:2])
        writer_store.clear().result(10)
        collected.wait(lambda: any(news.reset for news in collected.news))
    finally:
        follower.stop()
