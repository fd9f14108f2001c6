"""Re-send and forwarding as they appear in the main window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenu

from desktop.runtime import Services
from desktop.ui.app import create_window
from desktop.ui.delivery.resend_dialog import ResendDialog
from desktop.ui.delivery.service import DeliveryService
from tests.ui_delivery.conftest import juno_request, store_event


# Showing a dialog offscreen: the platform warns it cannot pass size hints to a window manager.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_window_has_attempts_and_forwarding_and_row_actions(
    qtbot, services: Services, service: DeliveryService
):
    window = create_window(services, service)
    qtbot.addWidget(window)
    inspector_tabs = [window.events.inspector.tabText(i) for i in range(window.events.inspector.count())]
    assert "Attempts" in inspector_tabs
    assert "Forwarding" in [window.tabs.tabText(i) for i in range(window.tabs.count())]

    event_id = store_event(services, juno_request(b'{"eventId":"e1","eventType":"CHARGE_CREATED"}'))
    menu = QMenu()
    window.events.context_menu_opening.emit(menu, event_id)
    labels = [action.text() for action in menu.actions()]
    assert "Edit and re-send…" in labels
    assert any(action.menu() and action.menu().title() == "Copy as cURL for" for action in menu.actions())

    window.delivery.edit_and_resend(event_id)
    dialogs = [d for d in window.findChildren(ResendDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].close()
    window.close()
