"""Re-send and edit-and-re-send as a user sees them: what arrives, what is said, what is kept."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QGuiApplication

from desktop.core import providers
from desktop.core.model import CapturedRequest, Verdict
from desktop.core.records import ErrorKind
from desktop.core.targets import Target
from desktop.runtime import Services
from desktop.ui.delivery.attempts_panel import AttemptsPanel
from desktop.ui.delivery.resend_dialog import ResendDialog
from desktop.ui.delivery.service import DeliveryService
from tests.delivery.support import RecordingServer
from tests.ui_delivery.conftest import (
    JUNO_SECRET,
    QT_OFFSCREEN_WARNING,
    juno_request,
    store_event,
)

pytestmark = pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)

ODD_HEADERS = [
    ("content-TYPE", "application/json"),
    ("X-Signature", "ab" * 32),
    ("x-request-ID", "r-1"),
    ("X-Dup", "one"),
    ("X-Dup", "two"),
    ("Connection", "keep-alive"),  # hop-by-hop: recomputed, not replayed
]


def open_dialog(qtbot, service: DeliveryService, event_id: int) -> ResendDialog:
    event = service.load_event(event_id)
    assert event is not None
    dialog = ResendDialog(service, event)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def type_body(dialog: ResendDialog, text: str) -> None:
    """Replace the body as typing would (so the editor knows it was edited)."""
    dialog.body.selectAll()
    dialog.body.insertPlainText(text)


def test_a_stored_event_arrives_byte_exact_with_its_original_header_case(
    services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    body = b'{"caf\xc3\xa9": "\xc2\xa0nbsp",\r\n "n": 1}'
    event_id = store_event(services, juno_request(body, ODD_HEADERS))
    target = Target(name="my app", url=server.url + "/webhooks", strip_prefix="/juno")

    result = run(service.resend([event_id], target))

    assert result.ok == 1
    [got] = server.received
    assert got.body == body
    assert got.path == "/webhooks/notify"
    sent = [(name, value) for name, value in got.headers if name not in ("Host", "Content-Length")]
    assert sent == ODD_HEADERS[:5]
    [attempt] = service.attempts_for_event(event_id)
    assert attempt.status_code == 200 and attempt.target_name == "my app"


def test_untouched_dialog_sends_the_original_bytes(
    qtbot, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    body = b"line one\r\nnon\xc2\xa0breaking\r\n"  # a text editor would turn these into \n and a space
    event_id = store_event(services, juno_request(body, [("Content-Type", "text/plain")]))
    dialog = open_dialog(qtbot, service, event_id)
    dialog.url.setText(server.url + "/raw")

    dialog.send_button.click()
    run(dialog.task)

    assert server.received[0].body == body
    assert "HTTP 200 OK" in dialog.result_view.summary.text()


def test_edited_body_re_signed_with_the_juno_secret_verifies_at_the_target(
    qtbot, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    original = b'{"eventId": "e1", "eventType": "PAYMENT_STATUS_CHANGED", "data": []}'
    event_id = store_event(services, juno_request(original))
    dialog = open_dialog(qtbot, service, event_id)
    dialog.url.setText(server.url + "/juno")
    edited = '{"eventId": "e1", "eventType": "PAYMENT_STATUS_CHANGED", "data": [{"x": 1}]}'
    type_body(dialog, edited)
    assert dialog.resign.isEnabled()

    dialog.resign.setChecked(True)
    assert "X-Signature →" in dialog.resign_note.text()
    dialog.send_button.click()
    run(dialog.task)

    got = server.received[0]
    assert got.body == edited.encode()
    received = CapturedRequest("POST", "/juno", "", got.headers, got.body, time.time())
    assert providers.derive(received, "juno", JUNO_SECRET, time.time()).signature == Verdict.VALID


def test_an_edited_body_without_re_signing_is_flagged_before_sending(
    qtbot, services: Services, service: DeliveryService
) -> None:
    event_id = store_event(services, juno_request(b'{"a": 1}'))
    dialog = open_dialog(qtbot, service, event_id)

    type_body(dialog, '{"a": 2}')
    qtbot.waitUntil(lambda: "tick this" in dialog.resign_note.text())


def test_an_invalid_url_is_said_in_place_and_recorded_as_an_attempt(
    qtbot, services: Services, service: DeliveryService, run
) -> None:
    event_id = store_event(services, juno_request(b"{}"))
    dialog = open_dialog(qtbot, service, event_id)

    dialog.url.setText("127.0.0.1:3000/webhooks")
    assert "needs a scheme" in dialog.url_error.text()
    dialog.send_button.click()
    attempt = run(dialog.task)

    assert attempt.error_kind == ErrorKind.INVALID_URL
    assert "invalid URL: it needs a scheme" in dialog.result_view.summary.text()
    [stored] = service.attempts_for_event(event_id)
    assert stored.error_kind == ErrorKind.INVALID_URL and stored.url == "127.0.0.1:3000/webhooks"


def test_an_unreachable_target_is_said_in_words(
    qtbot, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    url = server.url + "/gone"
    server.stop()  # nothing listens on that port now
    event_id = store_event(services, juno_request(b"{}"))
    dialog = open_dialog(qtbot, service, event_id)
    dialog.url.setText(url)

    dialog.send_button.click()
    run(dialog.task)

    assert "connection refused" in dialog.result_view.summary.text()
    assert "is the target app running" in dialog.result_view.summary.text()
    assert service.attempts_for_event(event_id)[0].error_kind == ErrorKind.REFUSED


def test_a_body_over_the_limit_is_refused_with_a_message_and_an_attempt(
    qtbot, services: Services, server: RecordingServer, run
) -> None:
    service = DeliveryService(services.store, services.deriver, max_body=16)
    run(service.start())
    try:
        event_id = store_event(services, juno_request(b'{"padding": "' + b"x" * 64 + b'"}'))
        dialog = open_dialog(qtbot, service, event_id)
        dialog.url.setText(server.url)
        dialog.send_button.click()
        run(dialog.task)
        assert "body too large" in dialog.result_view.summary.text()
        assert service.attempts_for_event(event_id)[0].error_kind == ErrorKind.TOO_LARGE
        assert server.received == []
    finally:
        run(service.close())


def test_attempts_survive_closing_and_reopening_the_service(
    qtbot, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    event_id = store_event(services, juno_request(b'{"kept": true}'))
    run(service.resend([event_id], Target(name="t", url=server.url)))
    run(service.close())

    reopened = DeliveryService(services.store, services.deriver)
    run(reopened.start())
    try:
        panel = AttemptsPanel(reopened)
        qtbot.addWidget(panel)
        panel.show_event(event_id)
        assert panel.model.rowCount() == 1
        assert "HTTP 200 OK" in panel.details.summary.text()
        assert "1 attempt" in panel.empty.text()
    finally:
        run(reopened.close())


def test_the_attempts_tab_follows_new_sends_of_the_shown_event(
    qtbot, qtmodeltester, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    event_id = store_event(services, juno_request(b"{}"))
    panel = AttemptsPanel(service)
    qtbot.addWidget(panel)
    panel.show_event(event_id)
    assert panel.model.rowCount() == 0
    server.fail_times, server.fail_status = 1, 503

    run(service.resend([event_id], Target(name="first", url=server.url)))
    run(service.resend([event_id], Target(name="second", url=server.url)))

    assert panel.model.rowCount() == 2
    assert panel.model.index(0, 1).data() == "second"  # newest first
    assert panel.model.index(1, 2).data() == "HTTP 503 Service Unavailable"
    qtmodeltester.check(panel.model)


def test_copy_as_curl_puts_a_binary_body_in_a_file_and_says_so(
    qtbot, services: Services, service: DeliveryService
) -> None:
    body = b"\x00\x01\xffbinary"
    event_id = store_event(services, juno_request(body, [("Content-Type", "application/octet-stream")]))
    dialog = open_dialog(qtbot, service, event_id)
    dialog.url.setText("http://127.0.0.1:3000/in")

    assert dialog.body.isReadOnly() and "shown as hex" in dialog.body_note.text()
    command = dialog.copy_as_curl()

    assert QGuiApplication.clipboard().text() == command
    path = command.split("--data-binary @", 1)[1].strip().strip("'")
    with open(path, "rb") as handle:
        assert handle.read() == body
    assert path in dialog.copy_note.text() and "binary" in dialog.copy_note.text()


def test_choosing_a_target_prefills_the_url_as_a_plain_re_send_would(
    qtbot, services: Services, service: DeliveryService
) -> None:
    service.save_target(Target(name="my app", url="http://127.0.0.1:3000/hooks", strip_prefix="/juno"))
    event_id = store_event(services, juno_request(b"{}"))
    dialog = open_dialog(qtbot, service, event_id)

    dialog.target_combo.setCurrentIndex(0)

    assert dialog.url.text() == "http://127.0.0.1:3000/hooks/notify"
    assert dialog.headers.headers()[0] == ("Content-Type", "application/json")
