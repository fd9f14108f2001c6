"""Every schema this project has shipped migrates forward, each step in one transaction.

The fixture databases were written by the project's own code at the commits that had each
schema version (tests/fixtures/make_fixture_dbs.py); a test copies one into a fresh data
directory and opens it the way the app does.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.core.model import Derived
from desktop.core.query import parse
from desktop.store import fts, schema
from desktop.store.database import DB_FILENAME, StoreError, connect, open_database
from desktop.store.events import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLD_DATABASES = sorted(FIXTURES.glob("schema-v*.sqlite3"))


def _copy(fixture: Path, data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / DB_FILENAME
    shutil.copyfile(fixture, target)
    return target


def _shape(conn: sqlite3.Connection) -> dict[str, object]:
    """Tables with their columns, and index names: what the queries rely on."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    columns = {t: [tuple(c[1:]) for c in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
    indexes = sorted(
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    )
    return {"columns": columns, "indexes": indexes}


def _bodies(path: Path) -> dict[int, bytes]:
    conn = sqlite3.connect(path)
    try:
        return {row[0]: bytes(row[1]) for row in conn.execute("SELECT event_id, body FROM bodies")}
    finally:
        conn.close()


def test_every_schema_version_has_a_fixture_database():
    versions = set()
    for fixture in OLD_DATABASES:
        conn = sqlite3.connect(fixture)
        versions.add(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.close()
    assert set(range(1, schema.SCHEMA_VERSION)) <= versions


@pytest.mark.parametrize("fixture", OLD_DATABASES, ids=lambda p: p.stem)
def test_an_old_database_migrates_to_the_shape_of_a_new_one(fixture: Path, tmp_path: Path):
    _copy(fixture, tmp_path / "old")
    migrated = open_database(tmp_path / "old")
    fresh = open_database(tmp_path / "new")
    try:
        assert schema.schema_version(migrated) == schema.SCHEMA_VERSION
        assert _shape(migrated) == _shape(fresh)
    finally:
        migrated.close()
        fresh.close()


@pytest.mark.parametrize("fixture", OLD_DATABASES, ids=lambda p: p.stem)
def test_an_old_database_keeps_every_event_byte_exact_and_can_be_filtered(fixture: Path, tmp_path: Path):
    before = _bodies(fixture)
    path = _copy(fixture, tmp_path)
    # Every fixture event was recognised by the old app: nothing here needs deriving again.
    store = open_store(tmp_path, derive=lambda request: Derived())
    try:
        assert store.count() == len(before) > 0
        for event_id, body in before.items():
            event = store.event(event_id)
            assert event is not None and event.request.body == body
        juno = store.event_ids(parse("provider:juno signature:valid"))
        assert len(juno) > 0
        # Old history joins the full-text index when the writer is idle (fts.catch_up_some);
        # here all at once, on the writer thread as the app does it.
        store.writer.call(fts.catch_up).result(timeout=30)
        first = store.event(juno[0])
        assert first is not None and first.derived.entity_id
        assert juno[0] in store.event_ids(parse(first.derived.entity_id))
    finally:
        store.close()
    assert _bodies(path) == before


def test_a_newer_database_is_refused_in_words_and_left_untouched(tmp_path: Path):
    path = _copy(OLD_DATABASES[-1], tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer than this app understands") as caught:
        open_database(tmp_path)
    assert "cannot be read" not in str(caught.value)  # not "corrupt": nothing to set aside
    assert path.read_bytes() == before


def test_a_failing_step_leaves_the_previous_version_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    conn = connect(tmp_path / DB_FILENAME)
    schema.migrate(conn)
    step = schema.SCHEMA_VERSION + 1
    monkeypatch.setitem(
        schema._MIGRATIONS, step, "CREATE TABLE half_done (x);\nSELECT no_such_column FROM events;"
    )
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn, upto=step)
    assert schema.schema_version(conn) == schema.SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_a_function_step_runs_in_one_transaction_with_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    conn = connect(tmp_path / DB_FILENAME)
    schema.migrate(conn)
    step = schema.SCHEMA_VERSION + 1

    def add_note(db):  # type: ignore[no-untyped-def]
        db["events"].add_column("note", str)
        raise RuntimeError("power cut")

    monkeypatch.setitem(schema._MIGRATIONS, step, add_note)
    with pytest.raises(RuntimeError, match="power cut"):
        schema.migrate(conn, upto=step)
    assert "note" not in [c[1] for c in conn.execute("PRAGMA table_info(events)")]

    monkeypatch.setitem(schema._MIGRATIONS, step, lambda db: db["events"].add_column("note", str))
    schema.migrate(conn, upto=step)
    assert schema.schema_version(conn) == step
    assert "note" in [c[1] for c in conn.execute("PRAGMA table_info(events)")]


def test_a_step_that_commits_on_its_own_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    conn = connect(tmp_path / DB_FILENAME)
    schema.migrate(conn)
    step = schema.SCHEMA_VERSION + 1
    monkeypatch.setitem(schema._MIGRATIONS, step, lambda db: db.conn.commit())
    with pytest.raises(schema.MigrationError, match="committed on its own"):
        schema.migrate(conn, upto=step)
    assert schema.schema_version(conn) == schema.SCHEMA_VERSION


def test_the_migrations_import_nothing_of_this_project():
    """A frozen step cannot change behind its back when today's tables change."""
    source = Path(schema.__file__).read_text().splitlines()
    assert [line for line in source if line.startswith(("from desktop", "import desktop"))] == []


def test_version_4_keeps_the_queue_and_adds_claims_changes_and_rule_origin(tmp_path: Path):
    """Migration 4 (one store, many processes) on a real version-3 file: the queued jobs and
    rules stay as they were, unclaimed, and the new uniqueness holds for rule jobs only."""
    path = _copy(FIXTURES / "schema-v3.sqlite3", tmp_path)
    before = sqlite3.connect(path)
    jobs = before.execute("SELECT id, event_id, target_id, state FROM forward_queue ORDER BY id").fetchall()
    rules = before.execute("SELECT id, target_id, filter FROM forward_rules ORDER BY id").fetchall()
    before.close()
    assert jobs and rules  # the fixture has a queue to carry over

    conn = open_database(tmp_path)
    try:
        assert schema.schema_version(conn) == schema.SCHEMA_VERSION  # through 4 and on
        columns = "id, event_id, target_id, state, rule_id, claimed_by, lease_until"
        kept = conn.execute(f"SELECT {columns} FROM forward_queue ORDER BY id").fetchall()
        assert [tuple(r[:4]) for r in kept] == jobs
        assert all(r[4:] == (None, None, None) for r in kept)
        origins = conn.execute("SELECT id, target_id, filter, origin FROM forward_rules ORDER BY id")
        assert [tuple(r) for r in origins] == [(*rule, "") for rule in rules]
        assert conn.execute("SELECT count(*) FROM store_changes").fetchone()[0] == 0
        # A rule's job is unique per (target, event); jobs queued by hand (rule_id NULL) are not.
        event_id, target_id = jobs[0][1], jobs[0][2]
        insert = (
            "INSERT OR IGNORE INTO forward_queue (event_id, target_id, next_at, created_at, rule_id)"
            " VALUES (?, ?, 0, 0, ?)"
        )
        assert conn.execute(insert, (event_id, target_id, rules[0][0])).rowcount == 1
        assert conn.execute(insert, (event_id, target_id, rules[0][0])).rowcount == 0
        assert conn.execute(insert, (event_id, target_id, None)).rowcount == 1
        conn.rollback()
    finally:
        conn.close()
