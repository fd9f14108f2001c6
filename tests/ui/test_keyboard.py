"""The window without a mouse: every key of desktop/ui/shortcuts.py, pressed as a user presses it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.runtime import Services
from desktop.ui.events.model import Col
from desktop.ui.main_window import MainWindow
from desktop.ui.shortcuts import SHORTCUTS, ShortcutsDialog, keys_text
from tests.ui.window_helpers import OFFSCREEN_WARNINGS, post_events, running_services, shown_window

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_WARNINGS)


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    yield from running_services(data_dir)


@pytest.fixture
def window(qtbot, services: Services) -> Iterator[MainWindow]:
    win = shown_window(qtbot, services)
    yield win
    win.close()


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def answer(qtbot, dialog: QWidget, key: Qt.Key) -> None:
    """Press a key in a dialog once it is the active window (a window manager activates it;
    the offscreen platform needs telling), as a user answers it."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    qtbot.keyClick(focus() or dialog, key)


def in_table(qtbot, window: MainWindow, row: int = 0) -> None:
    table = window.events.table
    table.setFocus()
    qtbot.waitUntil(lambda: focus() is table, timeout=2000)
    table.setCurrentIndex(window.events.model.index(row, 0))
    table.selectRow(row)


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Slash, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_ctrl_f_ctrl_l_and_slash_focus_the_filter_from_the_table(
    qtbot, window: MainWindow, key, modifier
) -> None:
    post_events(qtbot, window, ["/a"])
    in_table(qtbot, window)
    qtbot.keyClick(window.events.table, key, modifier)
    assert focus() is window.events.filter_bar.edit


def test_slash_is_typed_in_the_filter_not_taken_as_a_shortcut(qtbot, window: MainWindow) -> None:
    edit = window.events.filter_bar.edit
    edit.setFocus()
    qtbot.waitUntil(lambda: focus() is edit, timeout=2000)
    qtbot.keyClicks(edit, "path:/juno/x?")
    assert edit.text() == "path:/juno/x?"
    assert not window.findChildren(ShortcutsDialog)  # "?" was typed, not a request for help


def test_ctrl_f_in_the_inspector_body_searches_the_body(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/a"])
    in_table(qtbot, window)
    inspector = window.events.inspector
    body = inspector._body.text
    inspector.setCurrentWidget(inspector._body)
    body.setFocus()
    qtbot.waitUntil(lambda: focus() is body, timeout=2000)
    qtbot.keyClick(body, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert inspector._body.find_bar.isVisible()
    assert focus() is not window.events.filter_bar.edit


def test_on_the_payments_tab_ctrl_f_focuses_the_payments_filter(qtbot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.payments)
    window.payments.table.setFocus()
    qtbot.waitUntil(lambda: focus() is window.payments.table, timeout=2000)
    qtbot.keyClick(window.payments.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focus() is window.payments.filter_bar.edit


def test_enter_on_a_row_opens_it_in_the_inspector(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/older", "/newer"])
    in_table(qtbot, window, row=1)
    qtbot.keyClick(window.events.table, Qt.Key.Key_Return)
    inspector = window.events.inspector
    assert inspector.current is not None and inspector.current.request.path == "/older"
    assert focus() is not None and (focus() is inspector or inspector.isAncestorOf(focus()))


def test_tab_leaves_the_table_instead_of_walking_its_cells(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/a"])
    in_table(qtbot, window)
    qtbot.keyClick(window.events.table, Qt.Key.Key_Tab)
    assert focus() is not window.events.table


def test_delete_asks_and_escape_keeps_the_event(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/a"])
    in_table(qtbot, window)
    qtbot.keyClick(window.events.table, Qt.Key.Key_Delete)
    question = window.findChild(QMessageBox)
    assert question is not None and question.isVisible()
    assert "Delete 1 selected event" in question.text()
    answer(qtbot, question, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not question.isVisible(), timeout=2000)
    assert window.services.store.count() == 1


def test_delete_then_enter_deletes_and_selects_the_row_that_took_its_place(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/n0", "/n1", "/n2", "/n3"])  # shown newest first: n3 n2 n1 n0
    in_table(qtbot, window, row=1)  # /n2
    qtbot.keyClick(window.events.table, Qt.Key.Key_Delete)
    question = window.findChild(QMessageBox)
    assert question is not None
    answer(qtbot, question, Qt.Key.Key_Return)  # "Delete" is the default button
    model = window.events.model
    qtbot.waitUntil(lambda: model.rowCount() == 3 and bool(window.events.selected_ids()), timeout=5000)
    assert [model.index(r, Col.PATH).data() for r in range(3)] == ["/n3", "/n1", "/n0"]
    [selected] = window.events.selected_ids()
    assert model.row_of(selected) == 1  # /n1 took /n2's place
    assert window.events.inspector.current is not None
    assert window.events.inspector.current.request.path == "/n1"
    assert window.services.store.count() == 3


@pytest.mark.parametrize("key", [Qt.Key.Key_F1, Qt.Key.Key_Question])
def test_f1_and_question_mark_list_every_shortcut_from_the_one_list(qtbot, window: MainWindow, key) -> None:
    post_events(qtbot, window, ["/a"])
    in_table(qtbot, window)
    qtbot.keyClick(window.events.table, key)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    listed = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert listed == [keys_text(entry) for entry in SHORTCUTS]
    assert any("Ctrl+R" in keys for keys in listed)
    dialog.grab().save(str(Path(window.services.store.data_dir) / "shortcuts.png"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def test_every_toolbar_command_is_also_in_a_menu_for_the_keyboard(window: MainWindow) -> None:
    in_menus = {
        action.text()
        for menu_action in window.menuBar().actions()
        if menu_action.menu() is not None
        for action in menu_action.menu().actions()
    }
    toolbar = [a.text() for a in window.toolbar.actions() if not a.isSeparator() and a.text()]
    assert toolbar and set(toolbar) <= in_menus
    assert "Keyboard shortcuts…\tF1" in in_menus
