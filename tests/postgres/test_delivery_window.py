"""The window's delivery side on a PostgreSQL store (team mode): re-send from the window's
DeliveryService, a forward rule made in the window, and what the window offers (re-send,
Forwarding, Actions, File > Import), the same pipeline as on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from keyring.backends import fail

from desktop.core.config import Settings
from desktop.core.records import ForwardRule
from desktop.core.targets import Target
from desktop.runtime import Services, build_services
from desktop.store.postgres.database import connect
from desktop.store.postgres.delivery_store import PgDeliveryStore
from desktop.ui.app import create_window
from desktop.ui.delivery.service import DeliveryService
from tests.app.conftest import send_raw
from tests.delivery.support import RecordingServer
from tests.ui_delivery.conftest import (  # noqa: F401 (fixtures: the qasync loop, a target)
    QT_OFFSCREEN_WARNING,
    Runner,
    juno_request,
    loop,
    run,
    server,
    settings,
    store_event,
    wait_until,
)

pytestmark = pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)


@pytest.fixture
def pg_services(settings: Settings, pg_url: str, tmp_path: Path) -> Iterator[Services]:  # noqa: F811
    team = replace(settings, store_url=pg_url)
    running = build_services(team, tmp_path / "data", keyring_backend=fail.Keyring())
    yield running
    running.close()


@pytest.fixture
def pg_service(pg_services: Services, run: Runner) -> Iterator[DeliveryService]:  # noqa: F811
    svc = DeliveryService(pg_services.store, pg_services.deriver)
    run(svc.start())
    yield svc
    run(svc.close())


def test_resend_from_the_window_arrives_and_every_window_sees_the_attempt(
    pg_services: Services,
    pg_service: DeliveryService,
    server: RecordingServer,  # noqa: F811
    run: Runner,  # noqa: F811
    pg_url: str,
) -> None:
    body = b'{"caf\xc3\xa9": 1,\r\n "n": 2}'
    event_id = store_event(pg_services, juno_request(body, [("content-TYPE", "application/json")]))
    target = pg_service.save_target(Target(name="my app", url=server.url + "/in"))

    result = run(pg_service.resend([event_id], target))

    assert result.ok == 1
    [got] = server.received
    assert got.body == body
    # Recorded in the shared database: another machine's window reads the same attempt.
    other = PgDeliveryStore(connect(pg_url, autocommit=True))
    try:
        [attempt] = other.attempts_for_event(event_id)
    finally:
        other.close()
    assert (attempt.status_code, attempt.target_name) == (200, "my app")


def test_a_rule_made_in_the_window_forwards_what_the_listener_receives(
    pg_services: Services,
    pg_service: DeliveryService,
    server: RecordingServer,  # noqa: F811
    run: Runner,  # noqa: F811
) -> None:
    target = pg_service.save_target(Target(name="my app", url=server.url + "/fwd"))
    pg_service.save_rule(ForwardRule(target_id=target.id or 0, filter="path:/juno*"))
    pg_services.store.writer.add_derived_listener(pg_service.hub.wake_threadsafe)
    pg_services.start_listener()

    reply = send_raw(pg_services.listener.port, "POST", "/juno/notify", [], b'{"forward": "me"}')
    assert reply.status == 200
    run(wait_until(lambda: len(server.received) == 1, pg_service.queue_changed))

    assert server.received[0].body == b'{"forward": "me"}'
    assert [job.state for job in pg_service.queue_jobs()] == ["delivered"]


def test_the_window_offers_resend_forwarding_actions_and_import_in_team_mode(
    qtbot,
    pg_services: Services,
    pg_service: DeliveryService,
) -> None:
    window = create_window(pg_services, pg_service)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    event_id = store_event(pg_services, juno_request(b'{"shown": true}'))
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=10_000)
    window.events.table.selectRow(0)

    assert not window.events.inspector.resend_button.isHidden()
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Forwarding" in tabs and any("Actions" in name for name in tabs)
    menu = [action.text() for action in window.menuBar().actions()[0].menu().actions()]
    assert any("Import" in text for text in menu)
    assert not any("Compact" in text for text in menu)  # the SQLite file only
    assert event_id > 0
    window.show()
    assert window.grab().save("/tmp/pg-delivery-window.png")
    window.close()
