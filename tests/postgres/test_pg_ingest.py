"""Durable ingest into PostgreSQL: the listener answers 2xx only for what is committed,
keeps bytes, headers and their order exactly, recognises payments as the SQLite engine
does, and answers 503 while the database is down, losing and duplicating nothing."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pgserver
import psycopg
import pytest
from keyring.backends import fail

from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest
from desktop.runtime import Services, build_services
from desktop.store.postgres.store import PgStore
from tests.app.conftest import send_raw
from tests.polling import wait_for
from tests.postgres.stories import EVER, juno_story, signed

SECRET = "pg-test-juno-secret"
ENDPOINTS = (Endpoint(path="/juno", provider="juno", secret_env="TEST_PG_JUNO_SECRET"),)


def start(data_dir: Path, store_url: str | None) -> Services:
    settings = Settings(host="127.0.0.1", port=0, endpoints=ENDPOINTS, store_url=store_url)
    services = build_services(settings, data_dir, keyring_backend=fail.Keyring())
    services.start_listener()
    return services


@pytest.fixture
def pg_services(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    monkeypatch.setenv("TEST_PG_JUNO_SECRET", SECRET)
    running = start(tmp_path / "data", pg_url)
    yield running
    running.close()


def test_the_store_url_picks_postgresql(pg_services: Services) -> None:
    assert isinstance(pg_services.store, PgStore)
    assert pg_services.team_mode


def test_an_acknowledged_request_is_already_committed_byte_exact(pg_services: Services, pg_url: str) -> None:
    body = bytes(range(256)) + b"\x00 not utf-8 \xff"
    headers = [("X-Dup", "one"), ("x-dup", "two"), ("X-MiXeD-CaSe", "Value  with  spaces")]
    reply = send_raw(pg_services.listener.port, "POST", "/hook?a=1&b=%20", headers, body)
    assert reply.status == 200
    event_id = json.loads(reply.body)["id"]
    # Read on a connection of our own, without waiting on the app: the 200 came after the commit.
    with psycopg.connect(pg_url) as conn:
        row = conn.execute(
            "SELECT e.method, e.path, e.query, e.headers, b.body FROM events e "
            "JOIN bodies b ON b.event_id = e.id WHERE e.id = %s",
            (event_id,),
        ).fetchone()
    assert row is not None
    method, path, query, stored_headers, stored_body = row
    assert (method, path, query) == ("POST", "/hook", "a=1&b=%20")
    assert bytes(stored_body) == body
    pairs = [tuple(pair) for pair in json.loads(stored_headers)]
    assert [pair for pair in pairs if pair[0].lower() in ("x-dup", "x-mixed-case")] == headers
    event = pg_services.store.event(event_id)
    assert event is not None and event.request.body == body


def send_story(services: Services, seed: int) -> tuple[list[tuple[str, str]], bytes]:
    """Send one charge's story, signed; returns the last delivery (to send it again)."""
    last: tuple[list[tuple[str, str]], bytes] = ([], b"")
    for delivery in juno_story(random.Random(seed)):
        headers = signed(delivery, SECRET)
        reply = send_raw(services.listener.port, "POST", "/juno", headers, delivery.body)
        assert reply.status == 200
        last = (headers, delivery.body)
    return last


def test_payments_are_recognised_as_on_sqlite(pg_services: Services, tmp_path: Path) -> None:
    sqlite = start(tmp_path / "sqlite", None)
    try:
        for seed in range(3):
            send_story(pg_services, seed)
            send_story(sqlite, seed)
        # A redelivery of a story's last event, on each engine: a duplicate on both.
        for services in (pg_services, sqlite):
            headers, body = send_story(services, 3)
            assert send_raw(services.listener.port, "POST", "/juno", headers, body).status == 200
        pg_services.store.settled().result(timeout=30)
        sqlite.store.settled().result(timeout=30)
        results = []
        for services in (pg_services, sqlite):
            store = services.store
            keys = store.entity_keys()
            rows = store.entity_rows(keys)
            comparable = sorted(
                (row["entity_type"], row["status"], row["amount"], row["event_count"], row["redelivered"])
                for row in rows.values()
            )
            confirmed = store.totals(*EVER).confirmed_count
            results.append((len(keys), comparable, confirmed, store.count(), store.high_water() > 0))
        assert results[0] == results[1]
        assert results[0][0] == 4  # four sales: each a charge and its payment, one row
        assert results[0][2] == 4  # a charge and its payment are one sale
        assert sum(row[4] for row in results[0][1]) == 1  # the redelivery
        event = pg_services.store.event(pg_services.store.newest_ids(limit=1)[0], with_body=False)
        assert event is not None and event.derived.signature.value == "valid"
        timeline = pg_services.store.timeline("juno", pg_services.store.entity_keys()[-1][1])
        assert timeline and timeline[-1]["effect"] in ("changed", "same")
    finally:
        sqlite.close()


def test_a_database_that_goes_down_gets_503_and_loses_nothing(
    pg_server: pgserver.PostgresServer, pg_services: Services, pg_url: str
) -> None:
    port = pg_services.listener.port
    acknowledged: list[int] = []

    def send(n: int) -> int:
        reply = send_raw(port, "POST", "/hook", [("Content-Type", "text/plain")], f"event {n}".encode())
        if reply.status == 200:
            acknowledged.append(json.loads(reply.body)["id"])
        return reply.status

    assert [send(n) for n in range(5)] == [200] * 5
    pgserver.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pg_server.pgdata, user=pg_server.system_user)
    try:
        assert [send(n) for n in range(5, 8)] == [503] * 3
        assert pg_services.store.writer.fault is not None
        assert "PostgreSQL" in pg_services.store.writer.fault
    finally:
        pg_server.ensure_postgres_running()
    # Back: the writer connects anew at the next batch.
    assert [send(n) for n in range(8, 13)] == [200] * 5
    assert pg_services.store.writer.fault is None
    pg_services.store.settled().result(timeout=30)
    with psycopg.connect(pg_url) as conn:
        stored = [row[0] for row in conn.execute("SELECT id FROM events ORDER BY id")]
        bodies = sorted(bytes(row[0]) for row in conn.execute("SELECT body FROM bodies"))
    assert stored == sorted(acknowledged)
    assert bodies == sorted(f"event {n}".encode() for n in [*range(5), *range(8, 13)])
    wait_for(lambda: pg_services.store.high_water() == max(acknowledged), what="recognition after the outage")


def _terminate_other_sessions(pg_url: str) -> None:
    """What a server restart or a proxy dropping idle connections does to the app's sessions."""
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def test_a_connection_that_died_while_idle_costs_no_503(pg_services: Services, pg_url: str) -> None:
    port = pg_services.listener.port
    assert send_raw(port, "POST", "/a", [], b"before").status == 200
    pg_services.store.settled().result(timeout=30)
    _terminate_other_sessions(pg_url)
    # Nothing was sent on the dead connection yet, so the batch is safely tried on a new one.
    assert send_raw(port, "POST", "/a", [], b"after").status == 200
    assert pg_services.store.count() == 2
    assert pg_services.store.writer.fault is None


def test_a_read_only_database_gets_503_until_it_takes_writes(pg_services: Services, pg_url: str) -> None:
    port = pg_services.listener.port
    assert send_raw(port, "POST", "/a", [], b"one").status == 200
    name = psycopg.conninfo.conninfo_to_dict(pg_url)["dbname"]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    _terminate_other_sessions(pg_url)
    try:
        assert send_raw(port, "POST", "/a", [], b"refused").status == 503
        fault = pg_services.store.writer.fault
        assert fault is not None and "read-only" in fault
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("SET default_transaction_read_only = off")
            conn.execute(f'ALTER DATABASE "{name}" RESET default_transaction_read_only')
    assert send_raw(port, "POST", "/a", [], b"two").status == 200
    pg_services.store.settled().result(timeout=30)
    assert sorted(e.request.body for e in pg_services.store.iter_events()) == [b"one", b"two"]


def test_text_postgresql_cannot_hold_is_stored_escaped_not_refused(pg_services: Services) -> None:
    # PostgreSQL text cannot hold NUL or a lone surrogate (what undecodable bytes become);
    # such a request is stored with them escaped, and its neighbours in the batch as they are.
    odd = CapturedRequest("POST", "/odd\x00", "q=\udcff", [("X-Odd", "\udcfe")], b"\x00\xff", 1.0)
    plain = CapturedRequest("POST", "/plain", "", [("X", "1")], b"ok", 1.0)
    writer = pg_services.store.writer
    futures = [writer.submit(odd), writer.submit(plain)]
    ids = [future.result(timeout=30) for future in futures]
    stored = [pg_services.store.event(event_id) for event_id in ids]
    assert stored[0] is not None and stored[1] is not None
    assert stored[0].request.body == b"\x00\xff"  # the body stays byte-exact
    assert (stored[0].request.path, stored[0].request.query) == ("/odd\\x00", "q=\\udcff")
    assert stored[0].request.headers == [("X-Odd", "\udcfe")]  # headers are JSON: escapes kept
    assert stored[1].request.path == "/plain"
