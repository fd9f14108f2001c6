"""Bulk re-send: progress, cancel, a summary in words, and a window that keeps moving."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.targets import Target
from desktop.runtime import Services
from desktop.ui.delivery.bulk_resend import BulkBusyError, curl_menu, resend_menu, start_bulk_resend
from desktop.ui.delivery.service import DeliveryService
from tests.delivery.support import RecordingServer
from tests.ui_delivery.conftest import QT_OFFSCREEN_WARNING, juno_request, wait_until

pytestmark = pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)


def store_many(services: Services, count: int) -> list[int]:
    futures = [services.store.writer.submit(juno_request(f'{{"n": {n}}}'.encode())) for n in range(count)]
    return [future.result(5) for future in futures]


def test_bulk_resend_of_200_events_shows_progress_and_can_be_cancelled(
    qtbot, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    ids = store_many(services, 200)
    target = Target(name="my app", url=server.url)
    seen: list[int] = []
    service.bulk_progress.connect(lambda done, _total: seen.append(done))

    def cancel_at_50(done: int, _total: int) -> None:
        if done == 50:
            dialog.button.click()  # what the user does

    dialog = start_bulk_resend(service, ids, target, progress_cb=cancel_at_50)
    qtbot.addWidget(dialog)
    result = run(dialog.task)

    assert result.cancelled and 50 <= result.done < 200
    assert result.not_sent == 200 - result.done
    assert len(server.received) == result.done  # nothing not counted went out
    assert dialog.bar.maximum() == 200 and dialog.bar.value() == result.done
    assert seen and max(seen) == result.done
    assert dialog.title.text() == "Re-send cancelled"
    assert f"{result.not_sent} not sent" in dialog.detail.text()
    assert dialog.button.text() == "Close"
    assert len(service.attempts_for_event(ids[0])) == 1  # what was sent is recorded


def test_a_finished_bulk_resend_sums_up_failures_in_words(
    qtbot, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    ids = store_many(services, 10)
    server.fail_times, server.fail_status = 3, 503
    dialog = start_bulk_resend(service, ids, Target(name="my app", url=server.url))
    qtbot.addWidget(dialog)

    result = run(dialog.task)

    assert (result.ok, result.failed, result.cancelled) == (7, 3, False)
    assert dialog.title.text() == "Re-send finished"
    assert "10 of 10 sent to my app, 7 answered 2xx, 3 failed" in dialog.detail.text()
    assert "HTTP 503 (3×)" in dialog.detail.text()


def test_a_second_bulk_resend_waits_for_the_first(
    qtbot, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    ids = store_many(services, 20)
    first = start_bulk_resend(service, ids, Target(name="t", url=server.url))
    qtbot.addWidget(first)

    with pytest.raises(BulkBusyError):
        start_bulk_resend(service, ids, Target(name="t", url=server.url))
    run(first.task)


def test_the_loop_keeps_ticking_during_a_bulk_send(
    qtbot, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    # Counted, not timed: a zero-interval timer fires on every pass of the UI thread's loop, and
    # each tick notes how many requests the target had received by then. A bulk send that kept
    # the loop busy until it finished would let the ticks see only 0 and 300; one that gives the
    # loop back while each request is on the wire lets them see the sends in between.
    ids = store_many(services, 300)
    seen: list[int] = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: seen.append(len(server.received)))
    timer.start()
    try:
        result = run(service.resend(ids, Target(name="t", url=server.url)))
    finally:
        timer.stop()

    assert result.ok == 300
    between = {count for count in seen if 0 < count < 300}
    assert len(between) >= 10, f"the loop ticked at only {len(between)} points of the bulk send"


def test_the_resend_menu_lists_targets_and_starts_a_bulk_for_the_ids_of_that_moment(
    qtbot, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    service.save_target(Target(name="my app", url=server.url))
    ids = store_many(services, 3)
    chosen: list[int] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = resend_menu(service, "Re-send selected to", lambda: list(chosen), parent, print)
    chosen.extend(ids[:2])  # the selection when the target is picked is what goes

    menu.actions()[0].trigger()
    assert not service.bulk_running  # nothing goes out before the user says yes
    question = parent.findChild(QMessageBox)
    assert question.text().startswith("Send 2 event") and "my app" in question.text()
    qtbot.keyClick(question, Qt.Key.Key_Return)  # "Send 2 events" is the default button
    assert service.bulk_running
    run(_finished(service))

    assert sorted(server.bodies()) == [b'{"n": 0}', b'{"n": 1}']


async def _finished(service: DeliveryService) -> None:
    await wait_until(lambda: not service.bulk_running, service.bulk_finished)


def test_copy_as_curl_from_a_menu_uses_the_target_and_says_so(
    qtbot, services: Services, service: DeliveryService
) -> None:
    service.save_target(Target(name="my app", url="http://127.0.0.1:3000/in", strip_prefix="/juno"))
    [event_id] = store_many(services, 1)
    messages: list[str] = []
    parent = QWidget()
    qtbot.addWidget(parent)

    curl_menu(service, event_id, parent, messages.append).actions()[0].trigger()

    assert QGuiApplication.clipboard().text().startswith("curl -X POST http://127.0.0.1:3000/in/notify")
    assert messages == ["Copied the cURL command to the clipboard."]
