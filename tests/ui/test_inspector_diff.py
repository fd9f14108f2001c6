"""Two selected events compared in the inspector's Diff tab."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel

from desktop.core.config import Settings
from desktop.core.model import CapturedRequest
from desktop.runtime import Deriver
from desktop.store.events import Store, open_store
from desktop.ui.events.inspector import Inspector
from desktop.ui.events.view import EventsView
from tests.ui.inspector_helpers import event

WORKING = {"status": "PAID", "data": {"amount": "10.50", "due": "2026-12-05"}}
FAILING = {"status": "FAILED", "data": {"amount": "10.50"}, "retry": 2}


def rows(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]


def test_two_events_are_compared_path_by_path(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    failing = event(9, json.dumps(FAILING).encode(), headers=[("X-Signature", "def")])
    working = event(7, json.dumps(WORKING).encode(), headers=[("X-Signature", "abc")])
    inspector.show_diff(failing, working)  # shown oldest first, whatever the order given
    diff = inspector._diff
    assert inspector.currentWidget() is diff
    assert diff.title.text().startswith("A: #7 · POST /hook")
    qtbot.waitUntil(lambda: not inspector.comparing, timeout=10_000)
    assert rows(diff.body) == [
        ["body.status", "changed", '"PAID"', '"FAILED"'],
        ["body.data.due", "removed", '"2026-12-05"', ""],
        ["body.retry", "added", "", "2"],
    ]
    assert rows(diff.headers) == [["X-Signature", "changed", "abc", "def"]]
    assert diff.summary.text() == "1 headers differ · 3 body paths differ: 1 changed, 1 added, 1 removed"


def test_text_bodies_are_compared_line_by_line(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_diff(event(1, b"ok\nlinha 2\n", "text/plain"), event(2, b"ok\nlinha dois\n", "text/plain"))
    qtbot.waitUntil(lambda: not inspector.comparing, timeout=10_000)
    text = inspector._diff.text.text.toPlainText()
    assert "-linha 2" in text and "+linha dois" in text
    assert inspector._diff.text.isVisibleTo(inspector._diff)


def test_hiding_the_diff_goes_back_to_the_tab_before(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, b"{}"))
    inspector.setCurrentWidget(inspector.bodies.hex)
    inspector.show_diff(event(1, b"{}"), event(2, b"[]"))
    assert inspector.currentWidget() is inspector._diff
    inspector.show_diff(None, None)
    assert inspector.currentWidget() is inspector.bodies.hex
    assert not inspector.isTabVisible(inspector.indexOf(inspector._diff))


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir, Deriver(Settings(), lambda _endpoint: None))
    yield opened
    opened.close()


def test_selecting_two_rows_in_the_events_tab_compares_them(qtbot, store: Store) -> None:
    for document in (WORKING, FAILING):
        request = CapturedRequest("POST", "/hook", "", [("Content-Type", "application/json")], b"", 1.0)
        request = CapturedRequest(**{**request_fields(request), "body": json.dumps(document).encode()})
        store.writer.submit(request).result(timeout=30)
    store.writer.call(lambda _conn: None).result(timeout=30)
    view = EventsView(store)
    qtbot.addWidget(view)
    view.model.load()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)
    view.table.selectRow(0)
    assert not view.inspector.isTabVisible(view.inspector.indexOf(view.inspector._diff))
    selection = view.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(view.model.index(1, 0), flags)
    inspector = view.inspector
    assert inspector.currentWidget() is inspector._diff
    qtbot.waitUntil(lambda: not inspector.comparing, timeout=10_000)
    assert rows(inspector._diff.body)[0] == ["body.status", "changed", '"PAID"', '"FAILED"']
    view.table.selectRow(1)
    assert not inspector.isTabVisible(inspector.indexOf(inspector._diff))
    view.model.close()


def request_fields(request: CapturedRequest) -> dict[str, object]:
    return {name: getattr(request, name) for name in CapturedRequest.__slots__}
