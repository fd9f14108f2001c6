"""The `sales` table: kept by each write, rebuilt from events, filled on a migrated database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest
from desktop.runtime import Deriver
from desktop.store import schema
from desktop.store.database import open_database
from desktop.store.entities import enrich_event, rebuild_entities
from desktop.store.events import open_store
from tests.conftest import case_body, load_cases
from tests.store.test_entities_query import CHARGE, JUNO_STORY, deliver, open_juno_store

CASES = {case["name"]: case for case in load_cases()}


def sales(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [tuple(row) for row in conn.execute("SELECT * FROM sales ORDER BY provider, entity_id")]


def test_rebuilding_from_events_gives_the_same_sales(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_juno_store(data_dir, monkeypatch)
    try:
        deliver(store, JUNO_STORY)
        before = sales(store.reader())
        assert [row[1] for row in before][:1] == [CHARGE[1]]
        store.writer.call(rebuild_entities).result(timeout=10)
        assert sales(store.reader()) == before
    finally:
        store.close()


def test_a_database_from_before_sales_gets_them_on_first_open(data_dir: Path) -> None:
    # Schema version 6 (the last before sales, migration 7), holding one recognised Juno
    # "PAID" and its entity. (The branch wrote sales as migration 3 and started from version 2.)
    conn = sqlite3.connect(data_dir / "events.sqlite3")
    schema.migrate(conn, upto=6)
    conn.execute(
        "INSERT INTO events (received_at, method, path, headers, size, response_status, provider, "
        "event_type, event_id, event_time, entity_type, entity_id, status, amount, currency, signature) "
        "VALUES (1, 'POST', '/juno', '[]', 0, 200, 'juno', 'CHARGE_STATUS_CHANGED', 'e1', 1, 'CHARGE', "
        "'chr_X', 'PAID', '10.00', 'BRL', 'valid')"
    )
    conn.execute(
        "INSERT INTO entities (provider, entity_id, entity_type, status, amount, first_seen, last_update, "
        "last_event) VALUES ('juno', 'chr_X', 'CHARGE', 'PAID', '10.00', 1, 1, 1)"
    )
    conn.commit()
    conn.close()
    migrated = open_database(data_dir)
    try:
        assert migrated.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        row = migrated.execute("SELECT entity_id, status, category, amount, last_event FROM sales").fetchone()
        assert tuple(row) == ("chr_X", "PAID", "confirmed", "10.00", 1)
    finally:
        migrated.close()


def test_the_version_5_fixture_gets_its_sales_on_first_open(data_dir: Path) -> None:
    # A real database written by main before migration 7 (tests/fixtures/schema-v5.sqlite3):
    # opening it migrates to 7 and folds its entities into sales before anyone reads them.
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schema-v5.sqlite3"
    (data_dir / "events.sqlite3").write_bytes(fixture.read_bytes())
    migrated = open_database(data_dir)
    try:
        assert migrated.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        entities = migrated.execute("SELECT count(*) FROM entities").fetchone()[0]
        sold = migrated.execute("SELECT count(*) FROM sales").fetchone()[0]
        assert entities > 0 and sold > 0
    finally:
        migrated.close()


@pytest.mark.parametrize(("trusted", "unverified"), [(True, 0), (False, 1)])
def test_an_unsigned_sender_counts_only_on_an_endpoint_marked_trusted(
    data_dir: Path, trusted: bool, unverified: int
) -> None:
    case = CASES["juno-v1-legacy-form"]
    endpoint = Endpoint("/juno/legacy", "juno-v1", trusted=trusted)
    store = open_store(data_dir, Deriver(Settings(endpoints=(endpoint,))), enrich_event)
    try:
        request = CapturedRequest(
            case["method"], case["path"], case["query"], case["headers"], case_body(case), 1.0
        )
        store.writer.submit(request).result(timeout=10)
        store.writer.call(lambda _conn: None).result(timeout=10)
        row = store.reader().execute("SELECT endpoint_trusted, signature FROM events").fetchone()
        assert (row[0], row[1]) == (int(trusted), "unsigned")
        assert store.reader().execute("SELECT unverified FROM entities").fetchone()[0] == unverified
    finally:
        store.close()


def test_deleting_a_payments_events_leaves_its_charge_a_sale_alone(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_juno_store(data_dir, monkeypatch)
    try:
        ids = deliver(store, JUNO_STORY[:4])  # charge created, paid; payment confirmed, redelivered
        assert store.reader().execute("SELECT members FROM sales").fetchone()[0] == 2
        assert store.delete(ids[2:4]).result(timeout=10) == 2
        row = (
            store.reader().execute("SELECT entity_id, members, payment_id, event_count FROM sales").fetchone()
        )
        assert tuple(row) == (CHARGE[1], 1, None, 2)
    finally:
        store.close()
