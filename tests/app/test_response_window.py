"""Custom responses and fail-next-N set in the window's endpoints dialog, answered over a socket."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.core.config import Endpoint, Settings
from desktop.runtime import Services
from desktop.store.endpoints import EndpointStore
from desktop.ui.app import create_window
from desktop.ui.endpoints.dialog import COL_RESPONSE, EndpointsDialog
from desktop.ui.main_window import MainWindow
from tests.app.conftest import send_raw

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def settings() -> Settings:
    return Settings(host="127.0.0.1", port=0, endpoints=(Endpoint("/gh", "github"),))


@pytest.fixture
def window(qtbot, services: Services) -> Iterator[MainWindow]:
    win = create_window(services)
    qtbot.addWidget(win)
    win.start_listener()
    yield win
    win.close()


def _select(dialog: EndpointsDialog, path: str) -> None:
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == path)
    dialog.table.selectRow(row)


def test_a_response_set_in_the_dialog_is_saved_and_answered(qtbot, window: MainWindow) -> None:
    dialog = window.endpoints.open_dialog(window)
    dialog.add_endpoint()
    dialog.path_edit.setText("/shop")
    dialog.path_edit.textEdited.emit("/shop")
    editor = dialog.edit_response()
    assert editor is not None
    editor.custom.setChecked(True)
    editor.status.setValue(202)
    editor.headers.setPlainText("X-Ack: yes")
    editor.body.setPlainText("got {{ id }} via {{ method }}")
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    row = dialog.table.rowCount() - 1
    assert dialog.table.item(row, COL_RESPONSE).text() == "202"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    reply = send_raw(window.services.listener.port, "POST", "/shop/order", [], b"{}")

    event_id = window.services.store.newest_ids(None, limit=1)[0]
    assert (reply.status, reply.body) == (202, f"got {event_id} via POST".encode())
    saved = json.loads(window.services.endpoints.path.read_text(encoding="utf-8"))
    assert saved["endpoints"][0]["response"]["status"] == 202
    reloaded = EndpointStore(window.services.endpoints.path.parent).user_endpoints()
    assert reloaded[0].response is not None and reloaded[0].response.headers == (("X-Ack", "yes"),)


def test_fail_next_n_from_the_dialog_applies_at_once_even_to_a_config_endpoint(
    qtbot, window: MainWindow
) -> None:
    dialog = window.endpoints.open_dialog(window)
    _select(dialog, "/gh")
    editor = dialog.edit_response()
    assert editor is not None and not editor.custom.isEnabled()  # the config file owns its answer
    editor.fail_count.setValue(2)
    editor.fail_status.setValue(502)
    editor.fail_apply.click()
    port = window.services.listener.port

    statuses = [send_raw(port, "POST", "/gh", [], b"{}").status for _ in range(3)]

    assert statuses == [502, 502, 200]
    assert "next 2 request(s) get 502" in editor.fail_state.text()


def test_a_template_that_does_not_parse_is_refused_in_words(qtbot, window: MainWindow) -> None:
    dialog = window.endpoints.open_dialog(window)
    dialog.add_endpoint()
    editor = dialog.edit_response()
    assert editor is not None
    editor.custom.setChecked(True)
    editor.body.setPlainText("{{ id ")

    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    assert editor.isVisible() and "not a valid template" in editor.error.text()
