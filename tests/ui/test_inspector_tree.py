"""The Tree tab: a JSON body as rows to expand, copy a path as a filter, copy a value."""

from __future__ import annotations

import json

from PySide6.QtCore import QModelIndex

from desktop.core.body_render import SYNC_LIMIT
from desktop.core.query import JsonPath, parse
from desktop.ui.events.inspector import Inspector
from desktop.ui.events.json_tree_view import JsonTreeModel
from tests.ui.inspector_helpers import clipboard_bytes, event

DELIVERY = {
    "eventType": "CHARGE_STATUS_CHANGED",
    "data": [{"entityId": "chr_1", "attributes": {"status": "PAID", "amount": "10.50", "payer": {"n": 1}}}],
}


def child(model: JsonTreeModel, parent: QModelIndex, key: str) -> QModelIndex:
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data() == key:
            return index
    raise AssertionError(f"no row {key!r} under {parent.data()!r}")


def open_path(qtbot, inspector: Inspector, *keys: str) -> QModelIndex:
    """Expand the tree down to a row (pages may arrive later from the body process)."""
    pane = inspector.bodies.tree
    model = pane.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
    index = model.index(0, 0)
    for key in keys:
        pane.tree.expand(index)
        parent = index
        qtbot.waitUntil(lambda parent=parent: model.rowCount(parent) > 0, timeout=10_000)
        index = child(model, parent, key)
    pane.tree.setCurrentIndex(index)
    return index


def test_a_json_body_opens_as_a_tree_whose_paths_copy_as_filters(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, json.dumps(DELIVERY).encode()))
    tree = inspector.bodies.tree
    assert inspector.isTabVisible(inspector.indexOf(tree))
    index = open_path(qtbot, inspector, "data", "[0]", "attributes", "status")
    assert index.siblingAtColumn(1).data() == '"PAID"'
    assert index.siblingAtColumn(2).data() == "string"
    tree.copy_path_button.click()
    assert clipboard_bytes() == b"body.data[0].attributes.status:PAID"
    parsed = parse("body.data[0].attributes.status:PAID")
    assert isinstance(parsed, JsonPath) and parsed.path == ("data", 0, "attributes", "status")
    tree.copy_value_button.click()
    assert clipboard_bytes() == b"PAID"


def test_copying_an_object_copies_it_as_json(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, json.dumps(DELIVERY).encode()))
    open_path(qtbot, inspector, "data", "[0]", "attributes")
    inspector.bodies.tree.copy_value()
    assert json.loads(clipboard_bytes()) == DELIVERY["data"][0]["attributes"]
    inspector.bodies.tree.copy_path()
    assert clipboard_bytes() == b"body.data[0].attributes:*"


def test_a_big_body_is_paged_from_the_body_process(qtbot) -> None:
    items = [{"id": n, "status": "PAID" if n % 2 else "FAILED"} for n in range(30_000)]
    body = json.dumps({"items": items}).encode()
    assert len(body) > SYNC_LIMIT
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, body))
    model = inspector.bodies.tree.model
    index = open_path(qtbot, inspector, "items")
    assert model.rowCount(index) < len(items)  # a page, not 30,000 rows
    assert index.siblingAtColumn(1).data() == "[30000 items]"
    model.fetchMore(index)
    first_page = model.rowCount(index)
    qtbot.waitUntil(lambda: model.rowCount(index) > first_page, timeout=10_000)
    status = open_path(qtbot, inspector, "items", "[1]", "status")
    assert status.siblingAtColumn(1).data() == '"PAID"'
    inspector.bodies.tree.copy_value()
    qtbot.waitUntil(lambda: clipboard_bytes() == b"PAID", timeout=10_000)


def test_bodies_that_are_not_json_have_no_tree(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, b"a=1", "application/x-www-form-urlencoded"))
    assert not inspector.isTabVisible(inspector.indexOf(inspector.bodies.tree))
    inspector.show_event(event(2, b'{"a": 1e999999999}'))  # shown as text, with a note
    assert not inspector.isTabVisible(inspector.indexOf(inspector.bodies.tree))
