"""Least-privilege roles (deploy/roles.sql): the owner migrates, a receiver running as
`webhook_receiver` stores and recognises, and a window on `webhook_viewer` shows the events
read-only (nothing it would be refused is offered, and a refused write breaks nothing)."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from desktop.core.config import Settings
from desktop.runtime import Services, build_services
from desktop.store.database import StoreError
from desktop.ui.app import create_window
from desktop.ui.main_window import MainWindow
from tests.actions.support import charge_body, python, recorded, recorder
from tests.app.conftest import no_keyring, send_raw
from tests.app.receivers import Receiver, RecordingTarget, post
from tests.app.test_cli import ROOT, Headless
from tests.polling import wait_for
from tests.postgres.stories import juno_story, signed
from tests.postgres.test_pg_ingest import ENDPOINTS, SECRET

ROLES_SQL = ROOT / "deploy" / "roles.sql"


def as_role(url: str, role: str) -> str:
    """The same database, connecting as `role` (pgserver trusts local connections)."""
    assert url.startswith("postgresql://postgres:@")
    return url.replace("postgresql://postgres:@", f"postgresql://{role}:@", 1)


def login_in(owner_url: str, group: str) -> str:
    """A login of its own in `group` (roles are cluster-wide: one per test, never reused)."""
    name = f"{group}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN IN ROLE {group}')
    return as_role(owner_url, name)


def migrate_schema(url: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "main.py"), "migrate-schema", "--store", url]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=60)


@pytest.fixture
def team_db(pg_url: str) -> str:
    """A database migrated by its owner (`migrate-schema`), with deploy/roles.sql applied."""
    migrated = migrate_schema(pg_url)
    assert migrated.returncode == 0, migrated.stderr
    assert "schema version" in migrated.stdout
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(ROLES_SQL.read_text())
        conn.execute(ROLES_SQL.read_text())  # idempotent: re-running it changes nothing
    return pg_url


def write_config(path: Path) -> Path:
    path.write_text('[[endpoints]]\npath = "/juno"\nprovider = "juno"\nsecret_env = "TEST_PG_JUNO_SECRET"\n')
    return path


def send_sale(port: int, seed: int) -> None:
    for delivery in juno_story(random.Random(seed)):
        reply = send_raw(port, "POST", "/juno", signed(delivery, SECRET), delivery.body)
        assert reply.status == 200, reply.body


def recognised(owner_url: str) -> tuple[int, int, int]:
    """(events, events recognised as Juno, sales) as the owner sees them."""
    with psycopg.connect(owner_url) as conn:
        row = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE derived = 1 AND provider = 'juno'),"
            " (SELECT count(*) FROM sales) FROM events"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def test_a_receiver_role_stores_and_recognises_but_cannot_delete(
    team_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_PG_JUNO_SECRET", SECRET)
    receiver_url = login_in(team_db, "webhook_receiver")
    config = write_config(tmp_path / "config.toml")
    receiver = Headless(tmp_path / "receiver", "--store", receiver_url, "--config", str(config))
    try:
        send_sale(receiver.port, 1)
        wait_for(lambda: recognised(team_db) == (3, 3, 1), timeout=30, what="the sale recognised")
    finally:
        receiver.proc.send_signal(signal.SIGTERM)
        _out, err = receiver.proc.communicate(timeout=30)
    assert receiver.proc.returncode == 0, err
    assert "Traceback" not in err and "permission denied" not in err
    with psycopg.connect(receiver_url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("DELETE FROM events")


def test_a_least_privilege_role_cannot_migrate_and_is_told_who_should(pg_url: str, tmp_path: Path) -> None:
    """Not migrated yet: a role without CREATE (as receivers and viewers are) is refused in words."""
    name = f"plain_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN')
    settings = Settings(host="127.0.0.1", port=0, store_url=as_role(pg_url, name))
    with pytest.raises(StoreError, match="migrate-schema --store URL` as the database's owner"):
        build_services(settings, tmp_path / "data", keyring_backend=no_keyring())


@pytest.fixture
def viewer_window(
    qtbot, team_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setenv("TEST_PG_JUNO_SECRET", SECRET)
    # A receiver with the owner's rights stores a sale first, then the finance window opens.
    owner = build_services(
        Settings(host="127.0.0.1", port=0, endpoints=ENDPOINTS, store_url=team_db),
        tmp_path / "owner",
        keyring_backend=no_keyring(),
    )
    owner.start_listener()
    send_sale(owner.listener.port, 2)
    owner.store.settled().result(timeout=30)
    owner.close()
    settings = Settings(
        host="127.0.0.1", port=0, endpoints=ENDPOINTS, store_url=login_in(team_db, "webhook_viewer")
    )
    services: Services = build_services(settings, tmp_path / "viewer", keyring_backend=no_keyring())
    win = create_window(services)
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.start_listener()
    yield win
    win.close()
    services.close()


def test_a_viewer_window_is_read_only_with_a_note_and_shows_the_events(
    qtbot, viewer_window: MainWindow
) -> None:
    model = viewer_window.events.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=10_000)
    assert viewer_window.services.read_only_role is not None
    assert not viewer_window.read_only_note.isHidden()
    assert "Read-only" in viewer_window.read_only_note.text()
    viewer_window.events.table.selectRow(0)  # a selection enables Delete in a window that may write
    assert viewer_window.events.inspector.current is not None
    assert not viewer_window.delete_action.isEnabled()
    assert not viewer_window.clear_action.isEnabled()
    assert not viewer_window.endpoints_action.isEnabled()
    assert viewer_window.events.inspector.resend_button.isHidden()
    assert not viewer_window.services.listener.running  # the receivers store; this window only reads
    assert "read-only" in viewer_window.listener_bar.message.text()
    payments = viewer_window.payments.model
    qtbot.waitUntil(lambda: payments.rowCount() == 1, timeout=10_000)
    assert not viewer_window.grab().isNull()


def test_a_write_the_viewer_role_refuses_breaks_nothing(qtbot, viewer_window: MainWindow) -> None:
    store = viewer_window.services.store
    refused = store.delete(store.event_ids()).exception(timeout=30)
    assert isinstance(refused, psycopg.errors.InsufficientPrivilege)
    store.settled().result(timeout=30)  # the store thread carries on
    assert store.count() == 3
    qtbot.waitUntil(lambda: viewer_window.events.model.rowCount() == 3, timeout=10_000)


def test_a_receiver_role_forwards_and_runs_actions_without_permission_errors(
    team_db: str, tmp_path: Path
) -> None:
    """A receiver on a `webhook_receiver` login with a `[[forward]]` rule to a real local target
    and an `[[actions]]` command: it writes its config's rules, queues, claims, sends, runs and
    records each, with no "permission denied" anywhere in its stderr."""
    script, out = recorder(tmp_path)
    config = tmp_path / "config.toml"
    target = RecordingTarget()
    config.write_text(
        "\n".join(
            [
                "[[endpoints]]",
                'path = "/juno"',
                'provider = "juno"',
                "",
                "[[forward]]",
                'name = "my app"',
                'filter = "provider:juno"',
                f"url = {json.dumps(target.url)}",
                "",
                "[[actions]]",
                'name = "stock"',
                'filter = "provider:juno status:CONFIRMED"',
                f"command = {json.dumps([python(), str(script), str(out)])}",
            ]
        ),
        encoding="utf-8",
    )
    receiver = Receiver(tmp_path / "receiver", config, "--store", login_in(team_db, "webhook_receiver"))
    try:
        ids = [post(receiver.port, "/juno/notify", charge_body(n, status="CONFIRMED")) for n in range(3)]
        assert None not in ids
        wait_for(lambda: target.count() == 3, what="every event forwarded")
        wait_for(lambda: len(recorded(out)) == 3, what="the action run for every event")
        wait_for(
            lambda: (
                owner_sees(team_db, "SELECT count(*) FROM action_runs WHERE ok = 1") == 3
                and owner_sees(team_db, "SELECT count(*) FROM forward_queue WHERE state = 'delivered'") == 3
            ),
            what="the runs and deliveries recorded",
        )
    finally:
        code = receiver.stop()
        target.close()
    errors = "".join(receiver.errors)
    assert code == 0, errors
    assert "permission denied" not in errors.lower() and "Traceback" not in errors
    assert sorted(target.bodies) == sorted(charge_body(n, status="CONFIRMED") for n in range(3))
    assert sorted(int(line["event"]) for line in recorded(out)) == sorted(i for i in ids if i is not None)
    assert owner_sees(team_db, "SELECT count(*) FROM attempts") == 3


def owner_sees(owner_url: str, sql: str) -> int:
    with psycopg.connect(owner_url) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None
    return int(row[0])
