"""Auto-forward as a user sees it: rules, the queue view, retry by hand, a queue that survives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.core.records import ForwardRule, JobState
from desktop.core.targets import Target
from desktop.delivery.backoff import RetryPolicy
from desktop.runtime import Services
from desktop.ui.delivery.queue_view import Col, QueueView
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.feed import EventFeed
from tests.app.conftest import send_raw
from tests.delivery.support import RecordingServer
from tests.ui_delivery.conftest import QT_OFFSCREEN_WARNING, juno_request, wait_until

pytestmark = pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)


@pytest.fixture
def listening(services: Services) -> Iterator[Services]:
    """The real listener, with recognised events fed to whichever service connects to `feed`."""
    services.start_listener()
    yield services


def connect_feed(services: Services, service: DeliveryService) -> EventFeed:
    feed = EventFeed(service)
    services.store.writer.add_derived_listener(feed.notify_derived)
    feed.recognised.connect(service.on_recognised)
    return feed


def post(services: Services, path: str, body: bytes) -> None:
    reply = send_raw(services.listener.port, "POST", path, [("Content-Type", "application/json")], body)
    assert reply.status == 200


def delivered(service: DeliveryService, count: int) -> bool:
    return service.queue_counts()[JobState.DELIVERED] == count


def test_a_forward_rule_forwards_recognised_events_and_the_queue_shows_them_delivered(
    qtbot, qtmodeltester, listening: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    target = service.save_target(Target(name="my app", url=server.url + "/relay", strip_prefix="/juno"))
    service.save_rule(ForwardRule(target_id=target.id or 0, ordered=True))
    connect_feed(listening, service)
    view = QueueView(service)
    qtbot.addWidget(view)

    for n in range(3):
        post(listening, "/juno/notify", f'{{"n": {n}}}'.encode())
    run(wait_until(lambda: delivered(service, 3) and view.model.rowCount() == 3, service.queue_changed))

    assert server.bodies() == [b'{"n": 0}', b'{"n": 1}', b'{"n": 2}']  # in arrival order
    assert [server.received[n].path for n in range(3)] == ["/relay/notify"] * 3
    states = [view.model.index(row, Col.STATE).data() for row in range(3)]
    assert states == ["delivered (in order)"] * 3
    assert view.model.index(0, Col.TARGET).data() == "my app"
    assert "3 delivered" in view.counts.text()
    assert view.rules.item(0, 1).text() == "(every event)"
    qtmodeltester.check(view.model)


def test_a_filtered_rule_forwards_only_matching_events(
    listening: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    target = service.save_target(Target(name="juno only", url=server.url, keep_path=False))
    service.save_rule(ForwardRule(target_id=target.id or 0, filter="provider:juno"))
    connect_feed(listening, service)

    post(listening, "/other", b'{"skip": true}')
    post(listening, "/juno/notify", b'{"forward": true}')
    run(wait_until(lambda: delivered(service, 1), service.queue_changed))

    assert server.bodies() == [b'{"forward": true}']
    assert sum(service.queue_counts().values()) == 1


def test_a_failed_job_is_delivered_after_retry_by_hand(
    qtbot, services: Services, server: RecordingServer, run
) -> None:
    service = DeliveryService(services.store, services.deriver, policy=RetryPolicy(max_attempts=1))
    run(service.start())
    try:
        server.fail_times, server.fail_status = 1, 503
        target = service.save_target(Target(name="flaky", url=server.url))
        service.save_rule(ForwardRule(target_id=target.id or 0))
        view = QueueView(service)
        qtbot.addWidget(view)
        event_id = services.store.writer.submit(_request()).result(5)
        service.on_recognised([event_id])
        run(wait_until(lambda: service.queue_counts()[JobState.FAILED] == 1, service.queue_changed))
        assert view.model.index(0, Col.ERROR).data() == "HTTP 503"
        assert view.retry_button.isEnabled()

        view.retry_button.click()
        run(wait_until(lambda: delivered(service, 1), service.queue_changed))

        assert "1 failed job queued again" in view.message.text()
        assert len(service.attempts_for_event(event_id)) == 2
    finally:
        run(service.close())


def test_the_queue_survives_closing_the_service_and_resumes_on_the_next_start(
    services: Services, server: RecordingServer, run
) -> None:
    url = server.url
    server.stop()  # the target is down: the job waits in the queue
    quick = RetryPolicy(max_attempts=100, base_s=0.05, max_s=0.2)
    first = DeliveryService(services.store, services.deriver, policy=quick)
    run(first.start())
    target = first.save_target(Target(name="later", url=url))
    first.save_rule(ForwardRule(target_id=target.id or 0))
    event_id = services.store.writer.submit(_request()).result(5)
    first.on_recognised([event_id])
    run(wait_until(lambda: first.queue_counts()[JobState.RETRYING] == 1, first.queue_changed))
    run(first.close())

    server.start()  # same port: the target is back
    second = DeliveryService(services.store, services.deriver, policy=quick)
    run(second.start())
    try:
        run(wait_until(lambda: delivered(second, 1), second.queue_changed))
        assert server.bodies() == [b'{"queued": true}']
        assert second.attempts_for_event(event_id)[-1].status_code == 200
    finally:
        run(second.close())


def test_the_rule_dialog_says_why_a_filter_is_refused(
    qtbot, service: DeliveryService, server: RecordingServer
) -> None:
    service.save_target(Target(name="my app", url=server.url))
    view = QueueView(service)
    qtbot.addWidget(view)
    dialog = view.add_rule()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)

    dialog.filter.setText("status:(")
    save.click()
    assert "The filter is not valid" in dialog.error.text() and dialog.isVisible()
    dialog.filter.setText("status:PAID")
    save.click()

    assert not dialog.isVisible()
    assert view.rules.rowCount() == 1 and view.rules.item(0, 1).text() == "status:PAID"


def _request():
    return juno_request(b'{"queued": true}')
