"""Ctrl+F in the inspector: a find bar with a match count, scoped to the inspector."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desktop.ui.events.inspector import Inspector
from tests.ui.inspector_helpers import event

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BODY = json.dumps({"status": "PAID", "history": ["PAID", "refunded", "paid again"]}).encode()


def window_with_inspector(qtbot) -> tuple[QWidget, QLineEdit, Inspector]:
    """The inspector beside another widget, as the events tab has the table and filter bar."""
    window = QWidget()
    other = QLineEdit()
    inspector = Inspector()
    layout = QVBoxLayout(window)
    layout.addWidget(other)
    layout.addWidget(inspector)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    # Shortcuts work only in the active window.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window, other, inspector


def test_ctrl_f_in_the_inspector_finds_and_counts_matches(qtbot) -> None:
    _window, _other, inspector = window_with_inspector(qtbot)
    inspector.show_event(event(1, BODY))
    inspector.setCurrentWidget(inspector._body)
    inspector._body.text.setFocus()
    qtbot.keyClick(inspector._body.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = inspector._body.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "paid")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 3", timeout=2000)  # case-insensitive
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 3"
    assert inspector._body.text.textCursor().selectedText() == "PAID"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "1 of 3"
    assert len(inspector._body.text.extraSelections()) == 3
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and inspector._body.text.extraSelections() == []


def test_no_match_says_so(qtbot) -> None:
    _window, _other, inspector = window_with_inspector(qtbot)
    inspector.show_event(event(1, BODY))
    inspector.open_find()
    bar = inspector._body.find_bar
    bar.edit.setText("boleto")
    bar.search()
    assert bar.count.text() == "no matches"


def test_ctrl_f_elsewhere_in_the_window_is_not_the_inspectors(qtbot) -> None:
    _window, other, inspector = window_with_inspector(qtbot)
    inspector.show_event(event(1, BODY))
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert not inspector._body.find_bar.isVisible()


def test_ctrl_f_on_a_tab_without_text_goes_to_the_body(qtbot) -> None:
    _window, _other, inspector = window_with_inspector(qtbot)
    inspector.show_event(event(1, BODY))
    inspector.setCurrentWidget(inspector.bodies.tree)
    inspector.bodies.tree.tree.setFocus()
    qtbot.keyClick(inspector.bodies.tree.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert inspector.currentWidget() is inspector._body
    assert inspector._body.find_bar.isVisible()


def test_the_hex_tab_has_its_own_find_bar(qtbot) -> None:
    _window, _other, inspector = window_with_inspector(qtbot)
    inspector.show_event(event(1, b"\x00\x01PAID\xff", "application/octet-stream"))
    inspector.setCurrentWidget(inspector.bodies.hex)
    inspector.open_find()
    bar = inspector.bodies.hex.find_bar
    bar.edit.setText("50 41 49 44")
    bar.search()
    assert bar.count.text() == "1 of 1"
