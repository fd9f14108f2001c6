"""Recovery: events stored but not yet recognised when the process died are recognised later."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.config import Settings
from desktop.runtime import build_services
from tests.app.conftest import no_keyring, send_raw


def test_unrecognised_events_are_recognised_at_the_next_start(settings: Settings, data_dir: Path) -> None:
    first = build_services(settings, data_dir, keyring_backend=no_keyring())
    first.start_listener()
    body = (
        b'{"eventId":"e-1","eventType":"CHARGE_CREATED",'
        b'"data":[{"entityId":"chr_1","entityType":"CHARGE","attributes":{"status":"ACTIVE"}}]}'
    )
    send_raw(first.listener.port, "POST", "/juno", [("Content-Type", "application/json")], body)
    first.close()
    # As if the process had died between the acknowledging commit and recognition:
    conn = sqlite3.connect(data_dir / "events.sqlite3")
    with conn:
        conn.execute("UPDATE events SET derived = 0, provider = NULL, status = NULL")
    conn.close()

    second = build_services(settings, data_dir, keyring_backend=no_keyring())
    try:
        second.store.writer.call(lambda _conn: None).result()
        event = second.store.event(1)
        assert event is not None
        assert (event.derived.provider, event.derived.status) == ("juno", "ACTIVE")
        assert second.store.writer.backlog == 0
    finally:
        second.close()


def test_deleting_the_paid_event_puts_the_charge_back_to_its_previous_status(
    settings: Settings, data_dir: Path, monkeypatch
) -> None:
    from tests.conftest import case_body, load_cases

    cases = {c["name"]: c for c in load_cases()}
    monkeypatch.setenv("TEST_JUNO_SECRET", cases["juno-charge-created"]["secret"])
    services = build_services(settings, data_dir, keyring_backend=no_keyring())
    services.start_listener()
    try:
        for name in ("juno-charge-created", "juno-charge-paid"):
            case = cases[name]
            send_raw(services.listener.port, "POST", case["path"], case["headers"], case_body(case))
        store = services.store
        store.writer.call(lambda _conn: None).result()
        status = "SELECT status, event_count FROM entities WHERE entity_id LIKE 'chr_%'"
        assert store.reader().execute(status).fetchone()[:] == ("PAID", 2)
        store.delete([2]).result()
        assert store.reader().execute(status).fetchone()[:] == ("ACTIVE", 1)
    finally:
        services.close()
