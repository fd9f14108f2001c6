"""The empty window explains what to do, sends itself a test sale, and goes away at the first event."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.config import Endpoint, Settings
from desktop.runtime import Services, build_services
from desktop.ui.app import create_window
from desktop.ui.main_window import MainWindow
from tests.app.conftest import no_keyring
from tests.app.receivers import Receiver, post
from tests.bench.bench_payloads import juno_body


def open_window(qtbot, services: Services) -> MainWindow:
    window = create_window(services)
    qtbot.addWidget(window)
    window.start_listener()
    return window


@pytest.fixture
def bare_services(data_dir: Path) -> Iterator[Services]:
    """No endpoints at all: the state of a first start."""
    services = build_services(Settings(host="127.0.0.1", port=0), data_dir, keyring_backend=no_keyring())
    yield services
    services.close()


@pytest.fixture
def window(qtbot, bare_services: Services) -> Iterator[MainWindow]:
    win = open_window(qtbot, bare_services)
    yield win
    win.close()


def signatures(window: MainWindow) -> list[str]:
    """The verdicts once recognition has run (a row shows before its signature is checked)."""
    store = window.services.store
    store.settled().result(timeout=30)
    return [store.summaries([i])[i]["signature"] for i in store.newest_ids(limit=50)]


def test_an_empty_store_shows_the_page_with_the_real_url_and_a_curl_line(window: MainWindow) -> None:
    page = window.first_run.page
    url = f"http://127.0.0.1:{window.services.listener.port}/"
    assert not page.isHidden()  # (the window itself is never shown offscreen)
    assert page.url.text() == url
    assert page.curl.text().startswith(f"curl -X POST {url}juno ")
    providers = [page.providers.itemAt(i).widget() for i in range(page.providers.count())]
    assert f"{url}juno" in [w.text() for w in providers if hasattr(w, "isReadOnly")]
    assert "public" in page.public_note.text()


def test_the_curl_line_can_be_copied(qtbot, window: MainWindow) -> None:
    page = window.first_run.page
    copy_buttons = [b for b in page.findChildren(type(page.test_button)) if b.text() == "Copy"]
    qtbot.mouseClick(copy_buttons[1], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == page.curl.text()


def test_the_test_button_creates_the_juno_endpoint_and_its_sale_arrives_valid(
    qtbot, window: MainWindow
) -> None:
    page = window.first_run.page
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.isHidden(), timeout=10000)
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=10000)  # the whole sale was answered
    assert window.events.model.rowCount() >= 1
    assert set(signatures(window)) == {"valid"}
    endpoint = window.services.deriver.settings.endpoint_for("/juno")
    assert endpoint is not None and endpoint.provider == "juno"
    assert window.services.endpoints.secret_lookup(endpoint)  # kept, so real Juno events verify too


def test_the_test_sale_uses_the_secret_the_app_already_holds(
    qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIRST_RUN_JUNO_SECRET", "the-users-own-secret")
    settings = Settings(
        host="127.0.0.1",
        port=0,
        endpoints=(Endpoint(path="/juno", provider="juno", secret_env="FIRST_RUN_JUNO_SECRET"),),
    )
    services = build_services(settings, data_dir, keyring_backend=no_keyring())
    try:
        window = open_window(qtbot, services)
        qtbot.mouseClick(window.first_run.page.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.first_run.page.test_button.isEnabled(), timeout=10000)
        qtbot.waitUntil(lambda: window.events.model.rowCount() >= 3, timeout=10000)
        assert set(signatures(window)) == {"valid"}
        window.close()
    finally:
        services.close()


def test_without_a_secret_for_juno_the_page_says_what_to_do(qtbot, data_dir: Path) -> None:
    settings = Settings(host="127.0.0.1", port=0, endpoints=(Endpoint(path="/juno", provider="juno"),))
    services = build_services(settings, data_dir, keyring_backend=no_keyring())
    try:
        window = open_window(qtbot, services)
        page = window.first_run.page
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=10000)
        assert "no secret" in page.result.text()
        assert "Endpoints & secrets" in page.result.text()
        qtbot.waitUntil(lambda: window.events.model.rowCount() >= 3, timeout=10000)
        assert set(signatures(window)) == {"unverified"}
        window.close()
    finally:
        services.close()


def test_the_page_goes_away_when_another_process_stores_the_first_event(
    qtbot, data_dir: Path, tmp_path: Path
) -> None:
    receiver = Receiver(data_dir)
    services = build_services(Settings(host="127.0.0.1", port=0), data_dir, keyring_backend=no_keyring())
    try:
        window = create_window(services)  # its own listener is not even started
        qtbot.addWidget(window)
        assert not window.first_run.page.isHidden()
        assert post(receiver.port, "/juno", juno_body(1)) is not None
        qtbot.waitUntil(lambda: window.first_run.page.isHidden(), timeout=10000)
        window.close()
    finally:
        receiver.stop()
        services.close()


def test_the_page_comes_back_when_every_event_is_cleared(qtbot, window: MainWindow) -> None:
    page = window.first_run.page
    post(window.services.listener.port, "/hello", b'{"a": 1}')
    qtbot.waitUntil(lambda: page.isHidden(), timeout=10000)
    window.clear_all()
    qtbot.waitUntil(lambda: not page.isHidden(), timeout=10000)
