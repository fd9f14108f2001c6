"""The filter language on PostgreSQL: the SQLite filter tests' events, payments and cases
(tests/store/test_filter_sql.py), run against the PostgreSQL translator and a real server,
must find exactly what they find on SQLite."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import timedelta, timezone

import psycopg
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.core.query import Not, Query, QuerySyntaxError, parse, to_text
from desktop.core.query.parser import MAX_DEPTH
from desktop.store.filter_sql import UnsupportedFieldError
from desktop.store.postgres.database import open_database
from desktop.store.postgres.filter_pg import to_pg_sql
from desktop.store.postgres.search import index_events
from desktop.store.schema import EVENT_COLUMNS
from tests.core.test_query_parser import queries
from tests.store.test_filter_sql import (
    ALL,
    CASES,
    CHARGE,
    DEFAULTS,
    ENTITIES,
    ENTITY_CASES,
    EVENTS,
    NOW,
    TZ,
    query_texts,
)


def insert_events(conn: psycopg.Connection) -> None:
    with conn.transaction():
        for event_id, (columns, body) in EVENTS.items():
            row = {"id": event_id, "size": len(body or b""), **DEFAULTS, **columns}
            names = [name for name in row if name in EVENT_COLUMNS]
            conn.execute(
                f"INSERT INTO events ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})",
                [row[name] for name in names],
            )
            if body is not None:
                conn.execute("INSERT INTO bodies (event_id, body) VALUES (%s, %s)", (event_id, body))
        for provider, entity, kind, status, amount, reference, last, dups, invalid in ENTITIES:
            conn.execute(
                "INSERT INTO entities (provider, entity_id, entity_type, status, amount, currency, reference,"
                " first_seen, last_update, event_count, duplicates, invalid_signatures)"
                " VALUES (%s, %s, %s, %s, %s, 'BRL', %s, %s, %s, 1, %s, %s)",
                (provider, entity, kind, status, amount, reference, last, last, dups, invalid),
            )
        index_events(conn, sorted(EVENTS))


@pytest.fixture(scope="module")
def conn(pg_module_url: str) -> Iterator[psycopg.Connection]:
    open_database(pg_module_url)
    with psycopg.connect(pg_module_url) as connection:
        insert_events(connection)
        connection.autocommit = True
        yield connection


def ids(conn: psycopg.Connection, text: str, tz: timezone | None = TZ) -> list[int]:
    where, params = to_pg_sql(parse(text), NOW, tz=tz)
    return [row[0] for row in conn.execute(f"SELECT id FROM events WHERE {where} ORDER BY id", params)]


def entities(conn: psycopg.Connection, text: str) -> list[str]:
    where, params = to_pg_sql(parse(text), NOW, "entities", tz=TZ)
    sql = f'SELECT entity_id FROM entities WHERE {where} ORDER BY entity_id COLLATE "C"'
    return [row[0] for row in conn.execute(sql, params)]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text or "<empty>" for text, _ in CASES])
def test_events_matching(conn: psycopg.Connection, text: str, expected: list[int]) -> None:
    assert ids(conn, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), ENTITY_CASES, ids=[text or "<empty>" for text, _ in ENTITY_CASES]
)
def test_payments_matching(conn: psycopg.Connection, text: str, expected: list[str]) -> None:
    assert entities(conn, text) == expected


def test_injection_leaves_the_database_alone(conn: psycopg.Connection) -> None:
    for text, _ in CASES[-8:]:
        where, _params = to_pg_sql(parse(text), NOW, tz=TZ)
        assert "DROP" not in where
        assert "'1'" not in where
    assert conn.execute("SELECT count(*) FROM events").fetchone() == (len(EVENTS),)


def test_long_and_deep_queries_run(conn: psycopg.Connection) -> None:
    assert ids(conn, " ".join(["-status:NOPE"] * 700)) == ALL
    assert ids(conn, " OR ".join([f"id:{n}" for n in range(1, 1000)])) == ALL
    inner = "body.data[0].attributes.status:PAID OR header.x-github-event:pull* OR pedido-2002"
    text = "-(" * (MAX_DEPTH // 2) + inner + ")" * (MAX_DEPTH // 2)
    assert ids(conn, text) == [2, 3, 4, 6, 9]
    text = text.replace("header.x-github-event:pull*", "amount:>100")
    assert entities(conn, text) == [CHARGE, "pay_5D4C3B2A19087F6E5D4C3B2A", "trf_1A2B3C4D5E6F7A8B"]


def test_local_time_defaults_to_the_system_zone(conn: psycopg.Connection) -> None:
    ids(conn, 'after:2026-11-01 before:"2026-11-27 18:00" today on:2026-11-27', tz=None)
    ids(conn, "after:0001-01-01 before:9999-12-31 on:9999-12-31", tz=None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query_texts)
def test_any_query_runs_and_not_is_its_complement(conn: psycopg.Connection, text: str) -> None:
    try:
        query = parse(text)
    except QuerySyntaxError:
        return
    found = set(ids(conn, text))
    negated = set(ids(conn, f"-({to_text(query)})"))
    assert found | negated == set(ALL)
    assert not found & negated
    with contextlib.suppress(UnsupportedFieldError):
        entities(conn, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_free_text_is_safe(conn: psycopg.Connection, text: str) -> None:
    for query in (f'"{text}"', f'"{text}*"', f"x:{text}", f"path:{text}", f"body.a:{text}"):
        try:
            parse(query)
        except QuerySyntaxError:
            continue
        ids(conn, query)  # never a PostgreSQL error, whatever the text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries())
def test_every_query_translates_to_sql_that_runs(conn: psycopg.Connection, query: Query) -> None:
    try:
        parse(to_text(query))
    except QuerySyntaxError:
        assume(False)
    try:
        where, params = to_pg_sql(query, NOW, tz=TZ)
    except UnsupportedFieldError:  # a payments-only field (category:) is refused in words
        pass
    else:
        found = {row[0] for row in conn.execute(f"SELECT id FROM events WHERE {where}", params)}
        where, params = to_pg_sql(Not(query), NOW, tz=TZ)
        not_found = conn.execute(f"SELECT id FROM events WHERE {where}", params)
        assert found.isdisjoint(row[0] for row in not_found)
    for tz in (None, timezone(timedelta(hours=5, minutes=30))):
        for target in ("entities", "sales"):
            try:
                where, params = to_pg_sql(query, NOW, target, tz=tz)
            except UnsupportedFieldError:
                continue
            conn.execute(f"SELECT count(*) FROM {target} WHERE {where}", params).fetchall()


def test_escaped_json_text_is_searchable(pg_url: str) -> None:
    open_database(pg_url)
    body = (
        b'{"name": "Jo\\u00e3o", "url": "https:\\/\\/shop.example\\/p",'
        b' "q": "say \\"hi\\"", "note": "a\\nline2"}'
    )
    with psycopg.connect(pg_url) as db:
        db.execute(
            "INSERT INTO events (id, received_at, method, path, headers, size, response_status)"
            " VALUES (1, 0, 'POST', '/x', '[]', %s, 200)",
            (len(body),),
        )
        db.execute("INSERT INTO bodies (event_id, body) VALUES (1, %s)", (body,))
        index_events(db, [1])
        db.commit()
        texts = [
            "joão",
            "body.name:joão",
            "body.url:https://shop.example/p",
            'body.q:"say \\"hi\\""',
            "line2",
        ]
        for text in texts:
            where, params = to_pg_sql(parse(text), NOW)
            assert [row[0] for row in db.execute(f"SELECT id FROM events WHERE {where}", params)] == [1], text
    assert json.loads(body)["name"] == "João"
