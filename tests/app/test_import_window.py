"""File > Import, Compact and Retention in the window; export -> import -> export round trip."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QMessageBox

from desktop.core.config import load_settings
from desktop.core.query.parser import parse
from desktop.core.retention import RetentionPolicy
from desktop.runtime import Services, build_services
from desktop.store.retention import load_policy
from desktop.ui.app import create_window
from desktop.ui.main_window import MainWindow
from tests.app.conftest import send_raw

ROOT = Path(__file__).resolve().parents[2]
# The offscreen platform says this whenever a dialog opens; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CONFIG = """
[listener]
host = "127.0.0.1"
port = 0

[[endpoints]]
path = "/juno"
provider = "juno"
response = { status = 201, body = "ok {{ id }} {{ json.charge }}", headers = { "X-Ack" = "1" } }
"""


@pytest.fixture
def window(qtbot, services: Services) -> Iterator[MainWindow]:
    win = create_window(services)
    qtbot.addWidget(win)
    win.start_listener()
    yield win
    win.close()


def _main(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def _har(path: Path) -> Path:
    """A HAR 1.2 file shaped like a browser's (Chrome DevTools "Save all as HAR")."""
    entry = {
        "_initiator": {"type": "script"},
        "_priority": "High",
        "_resourceType": "fetch",
        "cache": {},
        "connection": "443",
        "pageref": "page_1",
        "request": {
            "method": "POST",
            "url": "https://shop.example/juno/hook?attempt=2",
            "httpVersion": "http/2.0",
            "headers": [
                {"name": ":authority", "value": "shop.example"},
                {"name": "content-type", "value": "application/json"},
                {"name": "X-Signature", "value": "abc"},
            ],
            "queryString": [{"name": "attempt", "value": "2"}],
            "cookies": [],
            "headersSize": -1,
            "bodySize": 22,
            "postData": {"mimeType": "application/json", "text": '{"charge": "chr_har1"}'},
        },
        "response": {
            "status": 200,
            "statusText": "",
            "httpVersion": "http/2.0",
            "headers": [],
            "cookies": [],
            "content": {"size": 2, "mimeType": "text/plain", "text": "ok"},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
            "_transferSize": 120,
        },
        "serverIPAddress": "203.0.113.9",
        "startedDateTime": "2026-11-27T18:04:05.123Z",
        "time": 81.2,
        "timings": {"blocked": 1, "dns": -1, "ssl": -1, "connect": -1, "send": 0, "wait": 80, "receive": 0.2},
    }
    har = {
        "log": {
            "version": "1.2",
            "creator": {"name": "WebInspector", "version": "537.36"},
            "pages": [{"startedDateTime": "2026-11-27T18:04:05.000Z", "id": "page_1", "title": "shop"}],
            "entries": [entry],
        }
    }
    path.write_text(json.dumps(har), encoding="utf-8")
    return path


def test_file_import_adds_marked_events_off_the_ui_thread_and_twice_adds_nothing(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    har = _har(tmp_path / "browser.har")
    store = window.services.store

    with qtbot.waitSignal(window.importer.finished, timeout=10000) as first:
        window.importer.import_file(har)
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=5000)
    with qtbot.waitSignal(window.importer.finished, timeout=10000) as second:
        window.importer.import_file(har)

    assert first.args[0] is True and "Imported 1 event(s)" in first.args[1]
    assert "Imported 0 event(s)" in second.args[1] and "1 already stored" in second.args[1]
    assert isinstance(window.import_result, QMessageBox)
    (event_id,) = store.newest_ids(None, limit=10)
    event = store.event(event_id)
    assert event is not None and event.imported
    assert event.request.body == b'{"charge": "chr_har1"}'
    assert (event.request.path, event.request.query) == ("/juno/hook", "attempt=2")
    # Recognised by this window's writer like a live capture (the /juno endpoint).
    qtbot.waitUntil(lambda: store.event(event_id).derived.provider == "juno", timeout=5000)  # type: ignore[union-attr]
    window.events.inspector.show_event(event)
    assert "imported from a file" in window.events.inspector._fields["flags"].text()
    # Filterable: the imported event matches imported:yes, a live capture does not.
    send_raw(window.services.listener.port, "POST", "/live", [], b"{}")
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 2, timeout=5000)
    assert list(store.newest_ids(parse("imported:yes"), limit=10)) == [event_id]
    assert len(store.newest_ids(parse("imported:no"), limit=10)) == 1


def test_a_file_that_is_not_an_export_says_why_in_the_window(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.jsonl"
    bad.write_text("this is not json\n", encoding="utf-8")

    with qtbot.waitSignal(window.importer.finished, timeout=10000) as done:
        window.importer.import_file(bad)

    assert done.args[0] is False and "notes.jsonl line 1" in done.args[1]


def test_compact_runs_off_the_ui_thread_and_reports_the_sizes(qtbot, window: MainWindow) -> None:
    send_raw(window.services.listener.port, "POST", "/x", [], b"y" * 50_000)
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=5000)
    assert window.storage.size_label.text().startswith("Database: ")

    with qtbot.waitSignal(window.storage.compacted, timeout=30000) as done:
        window.storage.compact()

    assert done.args[0] is True and "Compacted:" in done.args[1]


def test_the_retention_setting_saved_in_the_window_prunes_at_once(qtbot, window: MainWindow) -> None:
    port = window.services.listener.port
    for n in range(6):
        send_raw(port, "POST", f"/n{n}", [], b"{}")
    qtbot.waitUntil(lambda: window.services.store.count() == 6, timeout=5000)

    dialog = window.storage.open_retention(window)
    dialog.events_box.setChecked(True)
    dialog.events_spin.setValue(2)
    dialog.accept()

    assert load_policy(window.services.store.data_dir) == RetentionPolicy(keep_events=2)
    qtbot.waitUntil(lambda: window.services.store.count() == 2, timeout=10000)


def test_export_import_export_gives_identical_lines(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    source = tmp_path / "source"
    services = build_services(load_settings(config), source, keyring_backend=fail.Keyring())
    services.start_listener()
    try:
        port = services.listener.port
        send_raw(port, "POST", "/juno/hook", [("Content-Type", "application/json")], b'{"charge": "chr_1"}')
        send_raw(port, "PUT", "/other?x=1", [("X-Twice", "a"), ("x-twice", "b")], bytes(range(256)))
        send_raw(port, "POST", "/juno", [], "João".encode())
    finally:
        services.close()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    target = tmp_path / "target"

    steps = [
        ("export", "--format", "jsonl", "-o", first, "--data-dir", source),
        ("import", first, "--data-dir", target),
        ("export", "--format", "jsonl", "-o", second, "--data-dir", target),
    ]
    for step in steps:
        result = _main(*step, "--config", config)
        assert result.returncode == 0, result.stderr

    lines = first.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and json.loads(lines[0])["response"]["status"] == 201
    assert second.read_text(encoding="utf-8").splitlines() == lines
