"""The window as a user sees it: live rows, the inspector, delete, clear, restart, port in use."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.config import Settings
from desktop.runtime import Services, build_services
from desktop.ui.app import create_window
from desktop.ui.events.model import Col
from desktop.ui.main_window import MainWindow
from tests.app.conftest import no_keyring, send_raw


@pytest.fixture
def window(qtbot, services: Services) -> Iterator[MainWindow]:
    win = create_window(services)
    qtbot.addWidget(win)
    win.start_listener()
    yield win
    win.close()


def test_a_post_appears_on_top_of_the_table(qtbot, window: MainWindow) -> None:
    port = window.services.listener.port
    send_raw(port, "POST", "/first", [("Content-Type", "application/json")], b'{"a":1}')
    send_raw(port, "POST", "/anything", [("Content-Type", "application/json")], b'{"a":2}')
    model = window.events.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=2000)
    assert model.index(0, Col.PATH).data() == "/anything"
    assert model.index(0, Col.METHOD).data() == "POST"
    assert model.index(0, Col.RESPONSE).data() == "200"
    assert model.index(0, Col.CONTENT_TYPE).data() == "application/json"
    assert model.index(0, Col.SIZE).data() == "7 B"
    assert model.index(0, Col.SOURCE).data() == "127.0.0.1"


def test_the_listener_bar_shows_the_url_to_copy(window: MainWindow) -> None:
    assert window.listener_bar.url.text() == f"http://127.0.0.1:{window.services.listener.port}/"
    window.listener_bar.copy.click()
    assert QApplication.clipboard().text() == window.listener_bar.url.text()


def test_selecting_a_row_shows_headers_in_order_and_pretty_json(qtbot, window: MainWindow) -> None:
    headers = [("X-Second", "2"), ("x-first", "1"), ("Content-Type", "application/json")]
    send_raw(window.services.listener.port, "POST", "/j?k=v", headers, b'{"b":{"c":[1,2]}}')
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=2000)
    window.events.table.selectRow(0)
    inspector = window.events.inspector
    names = [inspector.header_table.item(r, 0).text() for r in range(inspector.header_table.rowCount())]
    assert names[1:4] == ["X-Second", "x-first", "Content-Type"]
    assert inspector._body.text.toPlainText() == json.dumps({"b": {"c": [1, 2]}}, indent=2)
    assert inspector.query_table.item(0, 0).text() == "k"
    assert inspector._fields["request"].text() == "POST /j?k=v HTTP/1.1"


def test_binary_body_is_shown_as_hex(qtbot, window: MainWindow) -> None:
    send_raw(
        window.services.listener.port,
        "POST",
        "/bin",
        [("Content-Type", "application/octet-stream")],
        b"\x00\xffAB",
    )
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=2000)
    window.events.table.selectRow(0)
    text = window.events.inspector._body.text.toPlainText()
    assert text.startswith("00000000  00 ff 41 42")
    assert "binary" in window.events.inspector._body.note.text()


def test_delete_selected_and_clear_all(qtbot, window: MainWindow) -> None:
    port = window.services.listener.port
    for n in range(3):
        send_raw(port, "POST", f"/n{n}", [], b"x")
    model = window.events.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=2000)
    window.events.table.selectRow(0)
    window.delete_selected()
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=2000)
    assert window.services.store.count() == 2
    assert [model.index(r, Col.PATH).data() for r in range(2)] == ["/n1", "/n0"]
    window.clear_all()
    qtbot.waitUntil(lambda: model.rowCount() == 0 and window.clear_action.isEnabled(), timeout=2000)
    assert window.services.store.count() == 0


def test_events_survive_a_restart(qtbot, settings: Settings, data_dir: Path) -> None:
    first = build_services(settings, data_dir, keyring_backend=no_keyring())
    first.start_listener()
    send_raw(first.listener.port, "POST", "/kept", [], b"still here")
    first.close()
    second = build_services(settings, data_dir, keyring_backend=no_keyring())
    try:
        win = create_window(second)
        qtbot.addWidget(win)
        qtbot.waitUntil(lambda: win.events.model.rowCount() == 1, timeout=2000)
        assert win.events.model.index(0, Col.PATH).data() == "/kept"
        assert second.store.event(1).request.body == b"still here"
    finally:
        second.close()


def test_port_in_use_is_shown_with_another_port_offered(qtbot, settings: Settings, data_dir: Path) -> None:
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    taken = blocker.getsockname()[1]
    from dataclasses import replace

    services = build_services(replace(settings, port=taken), data_dir, keyring_backend=no_keyring())
    win = create_window(services)
    qtbot.addWidget(win)
    try:
        win.start_listener()
        bar = win.listener_bar
        assert f"port {taken} on 127.0.0.1 is already in use" in bar.message.text()
        assert not bar.other_port.isHidden()
        bar.other_port.click()
        assert services.listener.port != taken
        assert bar.url.text() == f"http://127.0.0.1:{services.listener.port}/"
        assert send_raw(services.listener.port, "GET", "/", [], b"").status == 200
    finally:
        blocker.close()
        win.close()  # the app's order: the window (its feed and readers) before the store
        services.close()


def test_events_model_passes_the_model_tester(qtbot, qtmodeltester, window: MainWindow) -> None:
    port = window.services.listener.port
    for n in range(5):
        send_raw(port, "POST", f"/m{n}", [], b"x" * n)
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 5, timeout=2000)
    qtmodeltester.check(window.events.model)


def test_a_large_text_body_is_previewed_and_copied_whole(qtbot, window: MainWindow) -> None:
    from desktop.core.body_view import PREVIEW_LIMIT

    line = "linha de log com acentuação\n".encode()
    text = line * (900 * 1024 // len(line))  # ~900 KB: past the preview, under the 1 MB limit
    send_raw(window.services.listener.port, "POST", "/log", [("Content-Type", "text/plain")], text)
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=3000)
    window.events.table.selectRow(0)
    pane = window.events.inspector._body
    qtbot.waitUntil(lambda: "preview cut" in pane.note.text(), timeout=3000)  # rendered off the UI thread
    assert len(pane.text.toPlainText()) <= PREVIEW_LIMIT
    assert pane.copy_text.encode() == text


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_clear_all_asks_first_and_cancel_keeps_everything(qtbot, window: MainWindow) -> None:
    send_raw(window.services.listener.port, "POST", "/keep", [], b"x")
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=2000)
    box = window.confirm_clear_all()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.services.store.count() == 1
    box = window.confirm_clear_all()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.services.store.count() == 0, timeout=2000)
