"""The Overview in the window (issue 13): the first tab, live after a POST to the real listener,
and a click on a figure opens the Events or Payments tab with the filter of its rows."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from desktop.core.config import Endpoint, Settings
from desktop.runtime import Services, build_services
from desktop.ui.app import create_window
from desktop.ui.events.model import Col
from desktop.ui.main_window import MainWindow
from desktop.ui.overview.view import money_text
from tests.app.conftest import no_keyring, send_raw

SECRET = "overview-window-secret"


@pytest.fixture
def services(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    monkeypatch.setenv("OVERVIEW_SECRET", SECRET)
    endpoints = (Endpoint(path="/loja", provider="juno", secret_env="OVERVIEW_SECRET"),)
    running = build_services(Settings(port=0, endpoints=endpoints), data_dir, keyring_backend=no_keyring())
    running.start_listener()
    yield running
    running.close()


@pytest.fixture
def window(qtbot, services: Services) -> Iterator[MainWindow]:
    win = create_window(services)
    qtbot.addWidget(win)
    win.start_listener()
    yield win
    win.close()


def juno_paid(entity_id: str, amount: str) -> bytes:
    # Now, in São Paulo: today's finance day whatever the machine's zone.
    now = datetime.now(ZoneInfo("America/Sao_Paulo")).isoformat(timespec="milliseconds")
    attributes = {"status": "PAID", "amount": amount, "reference": f"pedido-{entity_id}"}
    entity = {"entityId": entity_id, "entityType": "CHARGE", "attributes": attributes}
    envelope = {"eventId": f"e-{entity_id}", "eventType": "CHARGE_STATUS_CHANGED", "timestamp": now}
    return json.dumps({**envelope, "data": [entity]}).encode()


def post(window: MainWindow, body: bytes, signature: str) -> None:
    headers = [("Content-Type", "application/json"), ("X-Signature", signature)]
    assert send_raw(window.services.listener.port, "POST", "/loja", headers, body).status == 200


def signed(body: bytes) -> str:
    return hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


def test_the_overview_is_the_first_tab_and_shows_the_listener(qtbot, window: MainWindow) -> None:
    assert window.tabs.widget(0) is window.overview
    assert window.tabs.tabText(0) == "Overview"
    card = window.overview.listener_card
    qtbot.waitUntil(lambda: card.value.text() == "● Listening", timeout=5000)
    assert card.detail.text() == window.services.listener.url


def test_a_post_to_the_listener_shows_up_live(qtbot, window: MainWindow) -> None:
    overview = window.overview
    qtbot.waitUntil(lambda: overview.events_card.value.text() == "0", timeout=5000)
    post(window, body := juno_paid("chr_LIVE", "149.90"), signed(body))
    post(window, juno_paid("chr_FAKE", "9999.00"), "0" * 64)  # forged: a failure, not money
    qtbot.waitUntil(lambda: overview.events_card.value.text() == "2", timeout=10000)
    qtbot.waitUntil(
        lambda: overview.confirmed_card.value.text() == money_text(Decimal("149.90")), timeout=10000
    )
    qtbot.waitUntil(lambda: overview.signatures_card.value.text() == "1", timeout=10000)
    assert sum(overview.minutes_chart.values) == 2
    assert overview.days_chart.values[-1] == 149.90
    assert overview.provider_buttons["juno"].text() == "juno: 2"


def test_a_click_on_a_figure_opens_its_tab_with_its_filter(qtbot, window: MainWindow) -> None:
    post(window, body := juno_paid("chr_ONE", "10.00"), signed(body))
    post(window, juno_paid("chr_BAD", "20.00"), "0" * 64)
    overview = window.overview
    qtbot.waitUntil(lambda: overview.signatures_card.value.text() == "1", timeout=10000)
    window.tabs.setCurrentWidget(overview)
    qtbot.mouseClick(overview.signatures_card, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.events
    assert window.events.filter_bar.text().startswith(
        "(signature:invalid OR signature:stale OR signature:missing)"
    )
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=5000)
    window.tabs.setCurrentWidget(overview)
    qtbot.mouseClick(overview.confirmed_card, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.payments
    assert window.payments.filter_bar.text() == "category:confirmed today"
    qtbot.waitUntil(lambda: window.payments.model.rowCount() == 1, timeout=5000)
    assert window.payments.model.key(0) == ("juno", "chr_ONE")


def test_events_no_provider_recognised_have_a_chip_that_lists_them(qtbot, window: MainWindow) -> None:
    post(window, body := juno_paid("chr_TWO", "10.00"), signed(body))
    assert send_raw(window.services.listener.port, "POST", "/elsewhere", [], b"hello").status == 200
    chips = window.overview.provider_buttons
    qtbot.waitUntil(lambda: "" in chips and chips[""].text() == "not recognised: 1", timeout=10000)
    assert chips["juno"].text() == "juno: 1"
    qtbot.mouseClick(chips[""], Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.events
    assert window.events.filter_bar.text().startswith("-provider:* after:")
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=5000)
    assert window.events.model.index(0, Col.PATH).data() == "/elsewhere"
