"""The edit-and-re-send note writes the body's size as the window's language does."""

from __future__ import annotations

import pytest

from desktop.runtime import Services
from desktop.ui.delivery.resend_dialog import ResendDialog
from desktop.ui.delivery.service import DeliveryService
from tests.ui_delivery.conftest import QT_OFFSCREEN_WARNING, juno_request, store_event

pytestmark = pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)

EDITED = '{"data": "' + "x" * 1222 + '"}'  # 1,234 bytes


def edited_note(qtbot, services: Services, service: DeliveryService) -> str:
    event_id = store_event(services, juno_request(b'{"data": []}'))
    event = service.load_event(event_id)
    assert event is not None
    dialog = ResendDialog(service, event)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.body.selectAll()
    dialog.body.insertPlainText(EDITED)
    return dialog.body_note.text()


def test_in_english_the_edited_size_is_grouped_with_a_comma(
    qtbot, services: Services, service: DeliveryService
) -> None:
    assert len(EDITED.encode()) == 1234
    assert edited_note(qtbot, services, service).startswith("Body edited (1,234 bytes): ")


def test_in_pt_br_the_edited_size_is_grouped_with_a_dot(
    qtbot, pt_br, services: Services, service: DeliveryService
) -> None:
    assert edited_note(qtbot, services, service).startswith("Corpo editado (1.234 bytes): ")
