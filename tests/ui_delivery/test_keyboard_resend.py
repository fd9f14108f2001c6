"""Re-send from the keyboard in the main window: Ctrl+R, Ctrl+E, and the question before a bulk send.

Beside the other delivery UI tests for their fixtures (a qasync loop, a started delivery
service, a recording target); the window's other keys are in tests/ui/test_keyboard.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from desktop.core.targets import Target
from desktop.runtime import Services
from desktop.ui.app import create_window
from desktop.ui.delivery.resend_dialog import ResendDialog
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.main_window import MainWindow
from tests.delivery.support import RecordingServer
from tests.ui.window_helpers import OFFSCREEN_WARNINGS, unnamed_controls
from tests.ui_delivery.conftest import juno_request, store_event, wait_until

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_WARNINGS)


def active(qtbot, widget: QWidget) -> None:
    """Make a window the active one, as a window manager does when it opens (offscreen needs
    telling): keys then go where a user's would."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=2000)


def shown(qtbot, services: Services, service: DeliveryService) -> MainWindow:
    window = create_window(services, service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    active(qtbot, window)
    return window


def select_rows(qtbot, window: MainWindow, count: int) -> None:
    table = window.events.table
    # A window opened on a store with events shows the Overview first: go to Events, as a user does.
    window.tabs.setCurrentWidget(window.events)
    qtbot.waitUntil(lambda: window.events.model.rowCount() >= count, timeout=5000)
    table.setFocus()
    table.setCurrentIndex(window.events.model.index(0, 0))
    table.selectRow(0)
    for _ in range(count - 1):
        qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)


def test_ctrl_r_then_enter_asks_and_a_second_enter_sends_the_selected_events(
    qtbot, services: Services, service: DeliveryService, server: RecordingServer, run
) -> None:
    service.save_target(Target(name="my app", url=server.url))
    for n in range(3):
        store_event(services, juno_request(b'{"n": %d}' % n))
    window = shown(qtbot, services, service)
    select_rows(qtbot, window, 2)  # the two newest

    qtbot.keyClick(window.events.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    menu = window.keys.resend_popup
    assert isinstance(menu, QMenu) and menu.isVisible()
    qtbot.keyClick(menu, Qt.Key.Key_Return)  # the first target is the active entry
    question = window.findChild(QMessageBox)
    assert question is not None and "my app" in question.text()
    assert not service.bulk_running  # nothing went out before the answer
    active(qtbot, question)
    qtbot.keyClick(QApplication.focusWidget() or question, Qt.Key.Key_Return)

    run(wait_until(lambda: len(server.bodies()) == 2 and not service.bulk_running, service.bulk_finished))
    assert sorted(server.bodies()) == [b'{"n": 1}', b'{"n": 2}']
    window.close()


def test_ctrl_e_opens_edit_and_resend_and_the_body_note_follows_the_edit(
    qtbot, services: Services, service: DeliveryService
) -> None:
    store_event(services, juno_request(b'{"amount": 1}'))
    window = shown(qtbot, services, service)
    select_rows(qtbot, window, 1)

    qtbot.keyClick(window.events.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    [dialog] = [d for d in window.findChildren(ResendDialog) if d.isVisible()]
    assert "untouched, it goes byte for byte" in dialog.body_note.text()
    active(qtbot, dialog)
    dialog.body.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.body, timeout=2000)
    qtbot.keyClick(dialog.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.body, " ")
    assert "untouched" not in dialog.body_note.text()
    assert dialog.body_note.text().startswith("Body edited (14 bytes)")
    qtbot.keyClick(dialog.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undone
    assert "untouched, it goes byte for byte" in dialog.body_note.text()
    dialog.close()
    window.close()


def test_the_window_with_re_send_has_a_name_for_every_control(
    qtbot, services: Services, service: DeliveryService
) -> None:
    store_event(services, juno_request(b'{"n": 1}'))
    window = shown(qtbot, services, service)
    select_rows(qtbot, window, 1)
    missing = unnamed_controls(window)
    assert missing == [], "\n".join(missing)
    window.close()
