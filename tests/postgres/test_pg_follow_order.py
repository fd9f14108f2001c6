"""The PostgreSQL follower and ids that commit out of order (a real server, two connections).

Ids come from a sequence before the commit: with two writers a lower id can commit after a
higher one. The follower must still report it, and must not report as deleted an id it never
reported.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from desktop.store.follow import StoreNews
from desktop.store.postgres.follow import PgFollower
from desktop.store.postgres.notify import Heard, announce_arrived, announce_deleted
from desktop.store.postgres.schema import migrate
from tests.polling import wait_for
from tests.postgres.test_live import Heard as Reports
from tests.postgres.test_live import following

_INSERT = (
    "INSERT INTO events (received_at, method, path, headers, size, response_status)"
    " VALUES (0, 'POST', '/hook', '[]', 0, 200) RETURNING id"
)


@pytest.fixture
def url(pg_url: str) -> str:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        migrate(conn)
    return pg_url


@pytest.fixture
def writers(url: str) -> Iterator[tuple[psycopg.Connection, psycopg.Connection]]:
    a = psycopg.connect(url)
    b = psycopg.connect(url)
    yield a, b
    a.close()
    b.close()


def insert(conn: psycopg.Connection) -> int:
    """Store one event in `conn`'s open transaction (announced, as the writers do)."""
    row = conn.execute(_INSERT).fetchone()
    assert row is not None
    announce_arrived(conn, [int(row[0])])
    return int(row[0])


def test_a_lower_id_committed_last_is_reported(
    url: str, writers: tuple[psycopg.Connection, psycopg.Connection]
) -> None:
    """The reviewer's scenario: A takes id 1 and stays open, B takes id 2 and commits, then A."""
    a, b = writers
    reports = Reports()
    follower = following(lambda: psycopg.connect(url, autocommit=True), reports)
    try:
        first = insert(a)
        second = insert(b)
        assert first < second
        b.commit()
        wait_for(lambda: second in reports.ids("arrived"), what="the higher id to be reported")
        assert first not in reports.ids("arrived")
        a.commit()
        wait_for(lambda: first in reports.ids("arrived"), what="the lower id, committed last, to be reported")
        assert reports.resets() == 0
        arrivals = [event_id for news in reports.news for event_id in news.arrived]
        assert sorted(arrivals) == [first, second]  # each once
    finally:
        follower.stop()


def test_a_transaction_open_at_the_start_is_reported_when_it_commits(
    url: str, writers: tuple[psycopg.Connection, psycopg.Connection]
) -> None:
    """The follower starts between B's commit and A's: A's lower id is still awaited."""
    a, b = writers
    first = insert(a)
    second = insert(b)
    b.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        follower = PgFollower(lambda: conn, lambda _news: None)
        follower._baseline(conn)
        assert follower.look(conn, Heard()) == StoreNews()
        a.commit()
        news = follower.look(conn, Heard())
        assert news.arrived == [first] and news.recognised == [first]
        assert follower.look(conn, Heard()) == StoreNews()  # reported once
        assert second not in news.arrived  # it existed at the start: the window loaded it


def test_deleted_names_only_ids_the_follower_reported(
    url: str, writers: tuple[psycopg.Connection, psycopg.Connection]
) -> None:
    a, b = writers
    with psycopg.connect(url, autocommit=True) as conn:
        follower = PgFollower(lambda: conn, lambda _news: None)
        follower._baseline(conn)
        old = insert(b)
        b.commit()
        assert follower.look(conn, Heard()).arrived == [old]
        awaited = insert(a)  # stays open: a gap below the next id
        above = insert(b)
        b.commit()
        assert follower.look(conn, Heard()).arrived == [above]
        a.rollback()  # the awaited id never appears
        # Another writer stores and deletes a row between two looks; then deletes `old`.
        unseen = insert(b)
        b.execute("DELETE FROM events WHERE id = ANY(%s)", ([unseen, old],))
        announce_deleted(b, [unseen, old, awaited])
        b.commit()
        heard = Heard()
        heard.add(f"deleted:{unseen},{old},{awaited}")
        news = follower.look(conn, heard)
        assert news.deleted == [old]  # not the id above, nor the one never seen
        assert news.arrived == []
        # The count it keeps still matches the rows: a reconnection's check does not reset.
        assert follower._catch_up(conn) == StoreNews()
