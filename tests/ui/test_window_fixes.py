"""The smaller things found in the window: counts per tab, the inspector under a filter, the
completion list after clearing, cURL as it arrived, a forged sale's claim."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox, QToolButton

from desktop.core.config import Endpoint, Settings
from desktop.runtime import Deriver, Services
from desktop.store.entities import enrich_event
from desktop.store.events import Store, open_store
from desktop.ui.events.model import Col as EventCol
from desktop.ui.main_window import MainWindow
from desktop.ui.payments.columns import Col as PayCol
from tests.app.conftest import send_raw
from tests.ui.test_money_truth_ui import FORGED_PAID, SECRET_LATER, loaded_view, post, totals_label
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


def events_text(window: MainWindow, total: int, shown: int | None = None) -> str:
    """The count as the window words it in the language loaded ("3 of 5 events" in English)."""
    if shown is None:
        return window.tr("%Ln event(s)", "", total)
    return window.tr("{shown} of %Ln event(s)", "", total).format(shown=shown)


def type_filter(qtbot, window: MainWindow, text: str) -> None:
    """Type a filter as a user does (Ctrl+L, the text, Enter) and wait for the table to load."""
    qtbot.keyClick(window.events.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    edit = window.current_filter_bar().edit
    assert QApplication.focusWidget() is edit
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    model = window.events.model
    with qtbot.waitSignal(model.loading, check_params_cb=lambda busy: not busy, timeout=5000):
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    # Offscreen, the completion list shown while typing stays the active window once hidden (a
    # window manager would hand activation back): give it back, so the window's keys work again.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def test_the_status_bar_says_how_many_of_how_many_and_each_tab_its_own(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/keep/1", "/keep/2", "/keep/3", "/other/1", "/other/2"])
    assert window.count_label.text() == events_text(window, 5)
    type_filter(qtbot, window, "path:/keep/*")
    assert window.events.model.rowCount() == 3
    assert window.count_label.text() == events_text(window, 5, shown=3)
    window.tabs.setCurrentWidget(window.payments)
    # The Payments tab's own count, not the events'.
    assert window.count_label.text() == window.tr("%n sale(s)", "", 0)
    window.tabs.setCurrentWidget(window.events)
    assert window.count_label.text() == events_text(window, 5, shown=3)


def test_the_total_follows_arrivals_that_the_filter_hides(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/keep/1", "/other/1"])
    type_filter(qtbot, window, "path:/keep/*")
    send_raw(window.services.listener.port, "POST", "/other/2", [], b"x")
    qtbot.waitUntil(lambda: window.count_label.text() == events_text(window, 3, shown=1), timeout=5000)


def test_a_filter_that_hides_the_inspected_event_empties_the_inspector(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/keep/1", "/other/1"])
    window.events.table.selectRow(0)  # /other/1, the newest
    inspector = window.events.inspector
    assert inspector.current is not None and inspector.current.request.path == "/other/1"
    window.events.table.setFocus()
    type_filter(qtbot, window, "path:/keep/*")
    assert inspector.current is None
    assert not window.delete_action.isEnabled()  # nothing selected any more


def test_a_filter_that_still_shows_the_inspected_event_keeps_it(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/keep/1", "/other/1"])
    window.events.table.selectRow(1)  # /keep/1
    window.events.table.setFocus()
    type_filter(qtbot, window, "path:/keep/*")
    inspector = window.events.inspector
    assert inspector.current is not None and inspector.current.request.path == "/keep/1"
    assert window.events.selected_ids() == [inspector.current.id]


def test_clearing_the_filter_does_not_pop_the_completion_list(qtbot, window: MainWindow) -> None:
    edit = window.events.filter_bar.edit
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit, timeout=2000)
    qtbot.keyClicks(edit, "stat")
    popup = edit.completer_.popup()
    assert popup.isVisible()  # typing suggests
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == ""
    assert not popup.isVisible()
    # The clear button (a user's click on the ✕) clears the same way: no list either.
    qtbot.keyClicks(edit, "s")
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    [clear] = [button for button in edit.findChildren(QToolButton) if button.isVisible()]
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert edit.text() == ""
    assert not popup.isVisible()


ALL_BYTES = bytes(range(256)) + b"'\"$`\\%s%%\n\r\n{a,b}[1-2] $(touch /tmp/x)"


@pytest.mark.skipif(shutil.which("curl") is None, reason="the curl command is not installed")
def test_copy_as_curl_as_it_arrived_sends_the_same_bytes_again(qtbot, window: MainWindow) -> None:
    headers = [("X-Second", "2"), ("x-first", "1"), ("Content-Type", "application/octet-stream")]
    port = window.services.listener.port
    send_raw(port, "PUT", "/in/a%20b?x=1&y=%C3%A9", headers, ALL_BYTES)
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=5000)
    window.events.table.selectRow(0)
    window.events.inspector.curl_button.click()
    command = QApplication.clipboard().text()
    assert command.startswith("printf ")

    subprocess.run(["sh", "-c", command], check=True, capture_output=True, timeout=30)

    qtbot.waitUntil(lambda: window.services.store.count() == 2, timeout=5000)
    store = window.services.store
    original, again = store.event(1), store.event(2)
    assert original is not None and again is not None
    assert again.request.body == ALL_BYTES
    assert (again.request.method, again.request.path, again.request.query) == (
        "PUT",
        "/in/a%20b",
        "x=1&y=%C3%A9",
    )
    sent = [(name, value) for name, value in again.request.headers if name.lower() != "content-length"]
    kept = [(name, value) for name, value in original.request.headers if name.lower() != "content-length"]
    assert sent == kept  # the same names, case, order and values (Host included)
    assert "Copied the cURL command" in window.statusBar().currentMessage()


@pytest.fixture
def juno_store(data_dir: Path) -> Iterator[Store]:
    """/juno with its secret set: a delivery signed with anything else fails its check."""
    deriver = Deriver(
        Settings(endpoints=(Endpoint("/juno", "juno"),)), secret_for=lambda _endpoint: SECRET_LATER
    )
    opened = open_store(data_dir, deriver, enrich_event)
    yield opened
    opened.close()


def test_a_forged_sale_shows_what_it_claimed_struck_through_and_counts_nowhere(
    qtbot, juno_store: Store
) -> None:
    post(juno_store, FORGED_PAID, "deadbeef")
    view = loaded_view(qtbot, juno_store)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)

    def cell(col: PayCol, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return view.model.index(0, col).data(role)

    assert cell(PayCol.STATUS) == "✖ PAID · not verified"
    assert cell(PayCol.AMOUNT) == "R$ 9.999,00"
    assert cell(PayCol.REFERENCE) == "pedido-x"
    for col in (PayCol.STATUS, PayCol.AMOUNT, PayCol.REFERENCE):
        font = cell(col, Qt.ItemDataRole.FontRole)
        assert isinstance(font, QFont) and font.strikeOut()
        assert "never counted" in str(cell(col, Qt.ItemDataRole.ToolTipRole))
    assert cell(PayCol.FLAGS) == "⚠ 1 invalid signature"
    assert totals_label(qtbot, juno_store).totals.confirmed_count == 0
    view.resize(1200, 300)
    view.grab().save(str(juno_store.data_dir / "forged.png"))


def test_after_a_deletion_the_total_is_counted_again(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/keep/1", "/keep/2", "/other/1"])
    type_filter(qtbot, window, "path:/keep/*")
    table = window.events.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    question = window.findChild(QMessageBox)
    assert question is not None
    question.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is question, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget() or question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.count_label.text() == events_text(window, 2, shown=1), timeout=5000)


def test_every_cell_with_text_has_it_whole_in_a_tooltip(qtbot, window: MainWindow) -> None:
    long_path = "/hooks/" + "very-long-segment/" * 12 + "end"
    post_events(qtbot, window, [long_path])
    model = window.events.model
    for col in (EventCol.PATH, EventCol.CONTENT_TYPE, EventCol.SOURCE, EventCol.METHOD):
        shown = str(model.index(0, col).data())
        tooltip = str(model.index(0, col).data(Qt.ItemDataRole.ToolTipRole))
        assert shown and shown in tooltip
    assert long_path in str(model.index(0, EventCol.PATH).data(Qt.ItemDataRole.ToolTipRole))
    assert model.index(0, EventCol.PROVIDER).data(Qt.ItemDataRole.ToolTipRole) is None  # empty cell


def test_after_clear_all_under_a_filter_the_total_is_counted_again(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/keep/1", "/other/1"])
    type_filter(qtbot, window, "path:/keep/*")
    assert window.count_label.text() == events_text(window, 2, shown=1)
    window.clear_action.trigger()  # the toolbar button, or Events ▸ Clear all… from the keyboard
    question = window.findChild(QMessageBox)
    assert question is not None
    question.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is question, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget() or question, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.services.store.count() == 0, timeout=5000)
    qtbot.waitUntil(lambda: window.count_label.text() == events_text(window, 0, shown=0), timeout=5000)


def test_a_reset_by_another_writer_under_a_filter_counts_the_total_again(qtbot, window: MainWindow) -> None:
    post_events(qtbot, window, ["/keep/1", "/keep/2", "/other/1"])
    type_filter(qtbot, window, "path:/keep/*")
    window.services.store.clear().result(timeout=10)  # as another process on the data directory would
    qtbot.waitUntil(lambda: window.count_label.text() == events_text(window, 0, shown=0), timeout=5000)
