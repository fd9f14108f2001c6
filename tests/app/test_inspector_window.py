"""The inspector in the window, fed through a real socket: a gzip body shown decoded, a big body
read off the UI thread."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.config import Settings
from desktop.runtime import Services, build_services
from desktop.ui.app import create_window
from desktop.ui.events.view import BIG_BODY
from desktop.ui.main_window import MainWindow
from tests.app.conftest import no_keyring, send_raw

CURL_HEADERS = [
    ("User-Agent", "curl/8.5.0"),
    ("Accept", "*/*"),
    ("Content-Type", "application/json"),
]


@pytest.fixture
def window(qtbot, settings: Settings, data_dir: Path) -> Iterator[MainWindow]:
    services: Services = build_services(
        replace(settings, max_body_mb=4), data_dir, keyring_backend=no_keyring()
    )
    win = create_window(services)
    qtbot.addWidget(win)
    win.start_listener()
    yield win
    win.close()  # the window (its readers) before the store, as the app does
    services.close()


def _select_the_only_row(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=5000)
    window.events.table.selectRow(0)
    qtbot.waitUntil(lambda: not window.events.reading and window.events.inspector.bodies.request is not None)


def test_a_gzip_body_is_shown_decoded_and_saved_as_received(qtbot, window: MainWindow) -> None:
    document = {"event": "CHARGE_PAID", "charge": {"id": "chr_1", "amount": 1990}}
    raw = gzip.compress(json.dumps(document).encode())
    reply = send_raw(
        window.services.listener.port, "POST", "/juno", [*CURL_HEADERS, ("Content-Encoding", "gzip")], raw
    )
    assert reply.status == 200

    _select_the_only_row(qtbot, window)

    bodies = window.events.inspector.bodies
    assert bodies.body.note.text().startswith(f"Decoded view of a gzip body of {len(raw)} bytes")
    assert "Save body as… writes those bytes" in bodies.body.note.text()
    assert json.loads(bodies.body.text.toPlainText()) == document
    assert bodies.hex.text.toPlainText().startswith("00000000  1f 8b")  # the bytes as received
    assert bodies.request is not None and bodies.request.body == raw  # what Save body as… writes


def test_a_body_that_does_not_decode_is_shown_as_received(qtbot, window: MainWindow) -> None:
    send_raw(window.services.listener.port, "POST", "/juno", [("Content-Encoding", "gzip")], b"not gzip")

    _select_the_only_row(qtbot, window)

    bodies = window.events.inspector.bodies
    assert not bodies.body.note.text().startswith("Decoded view")
    assert bodies.body.text.toPlainText() == "not gzip"


def test_a_big_body_is_read_off_the_ui_thread_and_shown(qtbot, window: MainWindow, monkeypatch) -> None:
    body = json.dumps({"items": ["x" * 64] * (2 * BIG_BODY // 64)}).encode()
    assert len(body) > BIG_BODY
    send_raw(window.services.listener.port, "POST", "/juno", CURL_HEADERS, body)
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=5000)
    view = window.events

    def not_on_the_ui_thread(event_id: int | None) -> None:
        raise AssertionError(f"event {event_id} was read on the UI thread")

    monkeypatch.setattr(view, "_read", not_on_the_ui_thread)
    view.table.selectRow(0)
    assert view.reading  # asked of the reader thread, not read here
    qtbot.waitUntil(lambda: not view.reading and view.inspector.bodies.request is not None, timeout=10000)
    assert view.inspector.bodies.request.body == body
