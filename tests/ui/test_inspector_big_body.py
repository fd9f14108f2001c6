"""Big bodies: shown at once, laid out by the body process, copied and saved byte for byte."""

from __future__ import annotations

import json
import os
import signal

import pytest

from desktop.core.body_render import SYNC_LIMIT
from desktop.core.body_view import PREVIEW_LIMIT
from desktop.ui.events.inspector import Inspector
from tests.ui.inspector_helpers import clipboard_bytes, event

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def big_json(items: int = 60_000) -> bytes:
    return json.dumps([{"id": n, "nome": "Fulano de Tal", "status": "PAGO"} for n in range(items)]).encode()


def test_a_big_json_body_shows_its_start_at_once_then_the_layout(qtbot) -> None:
    body = big_json()
    assert len(body) > 2 * PREVIEW_LIMIT
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, body))
    pane = inspector._body
    assert pane.note.text().startswith("Reading ")  # nothing parsed on the UI thread
    assert pane.text.toPlainText().startswith('[{"id": 0,')
    qtbot.waitUntil(
        lambda: pane.note.text() == "JSON — preview cut; copy or save takes every byte", timeout=20_000
    )
    assert pane.text.toPlainText().startswith('[\n  {\n    "id": 0,\n    "nome": "Fulano de Tal"')
    assert len(pane.shown) == PREVIEW_LIMIT
    assert not inspector.bodies.busy


def test_copy_takes_every_byte_of_a_big_body(qtbot) -> None:
    body = big_json()
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, body))
    inspector._body.copy_button.click()  # even before the layout is ready
    assert clipboard_bytes() == body
    assert inspector._body.copy_text.encode() == body


def test_the_text_is_appended_as_the_user_scrolls(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.resize(800, 500)
    inspector.show()
    inspector.show_event(event(1, big_json()))
    pane = inspector._body
    qtbot.waitUntil(lambda: not inspector.bodies.busy, timeout=20_000)
    inspector.setCurrentWidget(pane)
    loaded = len(pane.text.toPlainText())
    assert loaded < len(pane.shown)
    bar = pane.text.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert len(pane.text.toPlainText()) > loaded


def test_a_newer_selection_wins_over_a_big_body_still_parsing(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, big_json()))
    inspector.show_event(event(2, b'{"small": true}'))
    assert inspector._body.text.toPlainText() == '{\n  "small": true\n}'
    # The big body's replies still arrive; none may replace what is shown now.
    inspector.show_event(event(3, big_json(30_000)))
    qtbot.waitUntil(lambda: not inspector.bodies.busy, timeout=20_000)
    assert inspector.bodies.event_id == 3
    assert '"id": 0' in inspector._body.text.toPlainText()


def test_a_body_just_over_the_threshold_goes_through_the_body_process(qtbot) -> None:
    body = json.dumps({"pad": "x" * SYNC_LIMIT}).encode()
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, body))
    assert inspector.bodies.busy
    qtbot.waitUntil(lambda: not inspector.bodies.busy, timeout=20_000)
    assert inspector._body.note.text() == "JSON"


def test_a_crashed_body_process_is_said_and_replaced(qtbot) -> None:
    body = big_json(30_000)
    inspector = Inspector()
    qtbot.addWidget(inspector)
    big = event(1, body)
    inspector.show_event(big)
    qtbot.waitUntil(lambda: not inspector.bodies.busy, timeout=20_000)
    pid = inspector.process.pid
    assert pid is not None
    os.kill(pid, signal.SIGTERM)
    status = inspector.bodies.tree.status
    qtbot.waitUntil(lambda: "the body process stopped" in status.text(), timeout=10_000)
    inspector.show_event(big)  # selected again: a new process renders it
    qtbot.waitUntil(lambda: not inspector.bodies.busy, timeout=20_000)
    assert inspector.process.pid not in (None, pid)
    assert inspector._body.note.text().startswith("JSON")


def test_a_search_in_a_cut_preview_also_counts_the_whole_body(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show()  # the find bar searches only when it can be seen
    inspector.show_event(event(1, big_json()))
    qtbot.waitUntil(lambda: not inspector.bodies.busy, timeout=20_000)
    inspector.open_find()
    bar = inspector._body.find_bar
    bar.edit.setText("pago")
    bar.search()
    assert bar.count.text().startswith("1 of ") and "(in the preview)" in bar.count.text()
    assert bar.total < 60_000
    qtbot.waitUntil(lambda: bar.count.text().endswith(" · 60,000 in the whole body"), timeout=10_000)
