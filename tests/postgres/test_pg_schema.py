"""The PostgreSQL schema: versioned migrations, run once however many receivers start, and a
newer database refused untouched."""

from __future__ import annotations

import threading

import psycopg
import pytest

from desktop.store.database import StoreError
from desktop.store.postgres import schema
from desktop.store.postgres.database import open_database


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    return {row[0] for row in rows}


def test_a_fresh_database_is_migrated_to_the_current_version(pg_url):
    open_database(pg_url)
    assert {"events", "bodies", "entities", "events_search", "schema_version"} <= _tables(pg_url)
    with psycopg.connect(pg_url) as conn:
        assert schema.schema_version(conn) == schema.SCHEMA_VERSION
        columns = dict(
            conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'bodies'"
            ).fetchall()
        )
    assert columns["body"] == "bytea"


def test_migrating_again_changes_nothing(pg_url):
    open_database(pg_url)
    open_database(pg_url)
    with psycopg.connect(pg_url) as conn:
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, schema.SCHEMA_VERSION + 1))


def test_receivers_starting_together_migrate_once(pg_url):
    errors: list[BaseException] = []

    def start() -> None:
        try:
            open_database(pg_url)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone() == (schema.SCHEMA_VERSION,)


def test_a_newer_database_is_refused_and_left_untouched(pg_url):
    open_database(pg_url)
    newer = schema.SCHEMA_VERSION + 1
    with psycopg.connect(pg_url) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (newer,))
        conn.execute("CREATE TABLE from_the_future (x int)")
    with pytest.raises(StoreError, match="newer than this app understands"):
        open_database(pg_url)
    with psycopg.connect(pg_url) as conn, pytest.raises(schema.NewerSchemaError):
        schema.migrate(conn)
    assert "from_the_future" in _tables(pg_url)


def test_a_version_1_database_gets_its_sales_on_first_open(pg_url):
    """Version 2 adds the sales table empty; the first open folds the stored payments into it."""
    with psycopg.connect(pg_url) as conn:
        schema.migrate(conn, upto=1)
        conn.execute(
            "INSERT INTO events (id, received_at, method, path, headers, size, response_status, provider,"
            " event_type, event_id, event_time, entity_type, entity_id, status, amount, currency,"
            " signature, derived) VALUES (1, 100, 'POST', '/juno', '[]', 2, 200, 'juno',"
            " 'CHARGE_STATUS_CHANGED', 'evt-1', 100, 'CHARGE', 'chr_1', 'PAID', '10.00', 'BRL', 'valid', 1)"
        )
        conn.execute(
            "INSERT INTO entities (provider, entity_id, entity_type, status, amount, currency, first_seen,"
            " last_update, status_time, event_count, last_event)"
            " VALUES ('juno', 'chr_1', 'CHARGE', 'PAID', '10.00', 'BRL', 100, 100, 100, 1, 1)"
        )
        conn.commit()
    open_database(pg_url)
    with psycopg.connect(pg_url) as conn:
        assert schema.schema_version(conn) == schema.SCHEMA_VERSION
        rows = conn.execute("SELECT entity_id, status, amount, last_event FROM sales").fetchall()
    assert rows == [("chr_1", "PAID", "10.00", 1)]


def test_a_version_2_database_gains_the_delivery_and_action_tables_and_keeps_its_events(pg_url):
    """Version 3 (team-mode re-send, forwarding and actions) only adds tables."""
    with psycopg.connect(pg_url) as conn:
        schema.migrate(conn, upto=2)
        conn.execute(
            "INSERT INTO events (received_at, method, path, headers, size, response_status)"
            " VALUES (100, 'POST', '/hook', '[]', 0, 200)"
        )
        conn.commit()
    open_database(pg_url)
    with psycopg.connect(pg_url) as conn:
        assert schema.schema_version(conn) == schema.SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (1,)
    added = {"targets", "attempts", "forward_rules", "forward_queue"}
    added |= {"action_rules", "action_queue", "action_runs"}
    assert added <= _tables(pg_url)
