"""The two forms of a PostgreSQL events filter (filter_density_pg.py): every SQLite filter
case finds the same events whether its values are read through the full-text index first
(rare) or tested on each row (common), and the estimate tells a rare value from a common
one on a table big enough to be analysed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from desktop.core.query import parse
from desktop.store.database import open_database as open_sqlite
from desktop.store.fts import MAX_INDEXED_BODY
from desktop.store.postgres.copy_history import copy_history
from desktop.store.postgres.database import open_database
from desktop.store.postgres.filter_density_pg import PgDensity
from desktop.store.postgres.filter_pg import to_pg_sql
from desktop.store.postgres.reads import PgReads
from tests.postgres.test_pg_filter import insert_events
from tests.store.test_filter_sql import CASES, NOW, TZ


class FixedDensity(PgDensity):
    """Always the same answer, whatever the statistics say."""

    def __init__(self, conn: psycopg.Connection[Any], rare: bool) -> None:
        super().__init__(conn)
        self.answer = rare
        self.asked: list[str] = []

    def rare(self, select: str, params: list[object]) -> bool:
        self.asked.append(select)
        return self.answer


@pytest.fixture(scope="module")
def conn(pg_module_url: str) -> Iterator[psycopg.Connection]:
    open_database(pg_module_url)
    with psycopg.connect(pg_module_url) as connection:
        insert_events(connection)
        connection.autocommit = True
        yield connection


def ids(conn: psycopg.Connection, text: str, density: PgDensity) -> list[int]:
    where, params = to_pg_sql(parse(text), NOW, tz=TZ, density=density)
    return [row[0] for row in conn.execute(f"SELECT id FROM events WHERE {where} ORDER BY id", params)]


@pytest.mark.parametrize("rare", [True, False], ids=["rare", "common"])
@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text or "<empty>" for text, _ in CASES])
def test_both_forms_find_what_sqlite_finds(
    conn: psycopg.Connection, text: str, expected: list[int], rare: bool
) -> None:
    assert ids(conn, text, FixedDensity(conn, rare)) == expected


def test_rare_values_are_read_through_the_index_first(conn: psycopg.Connection) -> None:
    density = FixedDensity(conn, rare=True)
    for text in ("pedido-1001", "header.x-signature:730e*", "body.data[0].attributes.status:PAID"):
        where, _params = to_pg_sql(parse(text), NOW, tz=TZ, density=density)
        assert "events.id = ANY(ARRAY(SELECT s.event_id FROM events_search" in where
    where, _params = to_pg_sql(parse("pedido-1001"), NOW, tz=TZ, density=FixedDensity(conn, rare=False))
    assert "ANY(ARRAY" not in where and "OFFSET 0" in where
    # Values the index cannot narrow are not asked about: presence, inner wildcards, numbers.
    density = FixedDensity(conn, rare=True)
    for text in ("header.x-signature:*", "header.content-type:*json", "body.data[0].attributes.amount:>100"):
        to_pg_sql(parse(text), NOW, tz=TZ, density=density)
    assert density.asked == []


def test_unindexed_events_and_long_bodies_stay_candidates(pg_url: str) -> None:
    """The index cannot speak for an event recognition has not indexed yet, nor for a body
    past its first 64 KiB: a rare value there is still found."""
    open_database(pg_url)
    long_body = json.dumps({"pad": "x" * MAX_INDEXED_BODY, "order": "zebra-77"}).encode()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for event_id, body, derived in ((1, long_body, 1), (2, b'{"order": "zebra-77"}', 0)):
            conn.execute(
                "INSERT INTO events (id, received_at, method, path, headers, size, response_status, derived)"
                " VALUES (%s, 0, 'POST', '/p', %s, %s, 200, %s)",
                (event_id, json.dumps([["X-Tag", "zebra-77"]]), len(body), derived),
            )
            conn.execute("INSERT INTO bodies (event_id, body) VALUES (%s, %s)", (event_id, body))
        conn.execute(
            "INSERT INTO events_search (event_id, head, body) VALUES"
            " (1, to_tsvector('simple', 'post p x tag zebra 77'), to_tsvector('simple', 'pad'))"
        )
        density = FixedDensity(conn, rare=True)
        assert ids(conn, "body.order:zebra-77", density) == [1, 2]
        assert ids(conn, "body.order:zebra-*", density) == [1, 2]
        assert ids(conn, "header.x-tag:zebra-77", density) == [1, 2]
        assert ids(conn, "header.x-tag:zebra-78", density) == []


def test_the_estimate_tells_rare_from_common(pg_url: str) -> None:
    open_database(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        # 20,000 events: every one says "common", one in 5,000 says "seldom".
        conn.execute(
            "INSERT INTO events (id, received_at, method, path, headers, size, response_status)"
            " SELECT n, n, 'POST', '/p', '[]', 0, 200 FROM generate_series(1, 20000) n"
        )
        conn.execute(
            "INSERT INTO events_search (event_id, head, body) SELECT n, to_tsvector('simple', 'post p'),"
            " to_tsvector('simple', 'common ' || CASE WHEN n % 5000 = 0 THEN 'seldom' ELSE 'usual' END)"
            " FROM generate_series(1, 20000) n"
        )
        conn.execute("ANALYZE")
        density = PgDensity(conn)
        where, _ = to_pg_sql(parse("seldom"), NOW, density=density)
        assert "ANY(ARRAY" in where
        where, _ = to_pg_sql(parse("common"), NOW, density=density)
        assert "OFFSET 0" in where
        # The window's page, newest first, either way.
        reads = PgReads(conn)
        assert list(reads.newest_ids(parse("seldom"), now=NOW, limit=3)) == [5000, 10000, 15000, 20000][-3:]
        assert list(reads.newest_ids(parse("common"), now=NOW, limit=3)) == [19998, 19999, 20000]


def test_a_copied_history_is_analysed(pg_url: str, tmp_path: Path) -> None:
    """migrate-store ends with ANALYZE: the estimates see the copied events at once."""
    history = open_sqlite(tmp_path)
    with history:
        history.execute(
            "INSERT INTO events (received_at, method, path, headers, size, response_status)"
            " VALUES (1, 'POST', '/p', '[]', 0, 200)"
        )
    history.close()
    copy_history(tmp_path, pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert PgDensity(conn).events() == 1.0  # 0 (analysed empty by the migration) without it
