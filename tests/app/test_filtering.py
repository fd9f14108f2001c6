"""Filtering in the window: the query language applied live, errors in place, saved filters."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from desktop.core.query import parse
from desktop.runtime import Services
from desktop.store.saved_filters import SavedFilters
from desktop.ui.app import create_window
from desktop.ui.events.model import Col
from desktop.ui.main_window import MainWindow
from tests.app.conftest import send_raw
from tests.conftest import case_body, load_cases


@pytest.fixture
def window(qtbot, services: Services, monkeypatch) -> Iterator[MainWindow]:
    win = create_window(services)
    qtbot.addWidget(win)
    win.start_listener()
    yield win
    win.close()


def _send_fixtures(port: int) -> int:
    cases = load_cases()
    for case in cases:
        target = case["path"] + (f"?{case['query']}" if case["query"] else "")
        send_raw(port, case["method"], target, case["headers"], case_body(case))
    return len(cases)


def _paths(window: MainWindow) -> list[str]:
    model = window.events.model
    return [model.index(r, Col.PATH).data() for r in range(model.rowCount())]


def test_a_field_filter_narrows_the_table_and_new_arrivals_respect_it(qtbot, window: MainWindow) -> None:
    port = window.services.listener.port
    total = _send_fixtures(port)
    model = window.events.model
    qtbot.waitUntil(lambda: model.rowCount() == total, timeout=3000)
    window.events.filter_bar.set_text("provider:github")
    qtbot.waitUntil(lambda: _paths(window) == ["/github"], timeout=3000)
    send_raw(port, "POST", "/other", [], b"not github")
    send_raw(port, "POST", "/github", [("X-GitHub-Event", "ping")], b"{}")
    qtbot.waitUntil(lambda: len(_paths(window)) == 2, timeout=3000)
    assert _paths(window) == ["/github", "/github"], _paths(window)


def test_a_syntax_error_is_shown_in_place_and_the_last_filter_stays(qtbot, window: MainWindow) -> None:
    _send_fixtures(window.services.listener.port)
    bar = window.events.filter_bar
    bar.set_text("method:GET")
    qtbot.waitUntil(lambda: len(_paths(window)) == 1, timeout=3000)
    assert _paths(window) == ["/health?ping=1&ping=2"]
    bar.set_text("status:(")
    assert bar.error.isVisible() or not bar.error.isHidden()
    assert "character" in bar.error.text()
    assert _paths(window) == ["/health?ping=1&ping=2"]


def test_filter_by_this_value_adds_a_condition(qtbot, window: MainWindow, monkeypatch) -> None:
    juno_secret = next(c["secret"] for c in load_cases() if c["provider"] == "juno")
    monkeypatch.setenv("TEST_JUNO_SECRET", juno_secret)
    _send_fixtures(window.services.listener.port)
    qtbot.waitUntil(lambda: window.events.model.rowCount() > 5, timeout=3000)
    window.events.filter_bar.add_condition("signature", "invalid")
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=3000)
    assert window.events.model.index(0, Col.SIGNATURE).data() == "invalid"
    window.events.filter_bar.set_text("")
    window.events.filter_bar.add_condition("signature", "invalid", exclude=True)
    assert window.events.filter_bar.text() == "-signature:invalid"


def test_saved_filters_persist_and_apply(qtbot, window: MainWindow, data_dir) -> None:
    _send_fixtures(window.services.listener.port)
    window.saved_filters.add("Only GitHub", "provider:github")
    assert "Only GitHub" in [f.name for f in SavedFilters(data_dir).load()]
    items = window.saved_filters.list.findItems("Only GitHub", Qt.MatchFlag.MatchExactly)
    window.saved_filters.list.itemClicked.emit(items[0])
    qtbot.waitUntil(lambda: _paths(window) == ["/github"], timeout=3000)


def test_free_text_finds_a_reference_inside_bodies(qtbot, window: MainWindow) -> None:
    _send_fixtures(window.services.listener.port)
    window.events.filter_bar.set_text("pedido-1001")
    qtbot.waitUntil(lambda: window.events.model.rowCount() > 0, timeout=3000)
    model, store = window.events.model, window.services.store
    bodies = [store.body(model.event_id(r) or 0) for r in range(model.rowCount())]
    assert all(b"pedido-1001" in body for body in bodies)
    assert len(bodies) == sum(b"pedido-1001" in case_body(c) for c in load_cases())


def test_a_field_that_payments_do_not_have_is_explained(qtbot, window: MainWindow) -> None:
    window.payments.filter_bar.set_text("code:>=400")
    assert "does not apply" in window.payments.filter_bar.error.text()


# The completion popup is a real popup; the offscreen platform warns it cannot raise or grab.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_completion_offers_field_names_and_known_statuses(window: MainWindow) -> None:
    edit = window.events.filter_bar.edit
    edit.setText("stat")
    edit.setCursorPosition(4)
    edit.textEdited.emit("stat")
    assert "status:" in edit.suggestions.stringList()
    edit.setText("status:PA")
    edit.setCursorPosition(9)
    edit.textEdited.emit("status:PA")
    assert "status:PAID" in edit.suggestions.stringList()
    edit._insert("status:PAID")
    assert edit.text() == "status:PAID"


def test_exporting_what_the_filter_shows_writes_a_csv_for_the_accountant(
    qtbot, window: MainWindow, tmp_path
) -> None:
    _send_fixtures(window.services.listener.port)
    window.events.filter_bar.set_text("provider:juno status:PAID")
    qtbot.waitUntil(lambda: window.events.model.rowCount() > 0, timeout=3000)
    target = tmp_path / "pagos.csv"
    with qtbot.waitSignal(window.exporter.finished, timeout=5000) as done:
        window.exporter.export(target, "csv", window.events.model.filter)
    assert done.args[0].startswith(f"Exported {window.events.model.rowCount()} events")
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows and {row["status"] for row in rows} == {"PAID"}
    assert {row["currency"] for row in rows} == {"BRL"}


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_save_filter_asks_for_a_name_without_blocking(qtbot, window: MainWindow, data_dir) -> None:
    window.save_filter("provider:github")
    dialog = window.findChild(QInputDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("Só GitHub")
    dialog.accept()
    assert ("Só GitHub", "provider:github") in [(f.name, f.query) for f in SavedFilters(data_dir).load()]


def test_dates_in_the_events_filter_are_the_finance_days(qtbot, window: MainWindow) -> None:
    """`today` and `on:` on the Events tab read days in the finance zone, as the Payments tab
    and the commands do, not in the machine's zone. Two zones 26 hours apart always disagree
    on an event's date, so the check does not depend on when it runs."""
    assert window.events.model.timezone == ZoneInfo(window.finance_timezone)
    send_raw(window.services.listener.port, "POST", "/dated", [], b"{}")
    model = window.events.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    received = window.services.store.event(window.services.store.event_ids()[0], with_body=False)
    assert received is not None
    east, west = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12")  # UTC+14, UTC-12
    day_in_the_east = datetime.fromtimestamp(received.request.received_at, east).date().isoformat()
    on_that_day = parse(f"on:{day_in_the_east}")
    model.timezone = east
    window.events.apply_query(on_that_day)
    qtbot.waitUntil(lambda: model.filter.query == on_that_day and model.rowCount() == 1, timeout=3000)
    model.timezone = west
    window.events.apply_query(on_that_day)
    qtbot.waitUntil(lambda: model.filter.tz == west and model.rowCount() == 0, timeout=3000)
