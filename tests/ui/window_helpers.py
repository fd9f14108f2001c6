"""A real main window on real services (a free port, a fresh data directory), shown and active,
so keys reach it as they do a user's: shortcuts only fire in the active window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.core.config import Settings
from desktop.runtime import Services, build_services
from desktop.ui.app import create_window
from desktop.ui.main_window import MainWindow
from tests.app.conftest import FIXTURE_SECRETS_ENDPOINTS, no_keyring, send_raw


def window_settings() -> Settings:
    return Settings(host="127.0.0.1", port=0, max_body_mb=1, endpoints=FIXTURE_SECRETS_ENDPOINTS)


def running_services(data_dir: Path) -> Iterator[Services]:
    services = build_services(window_settings(), data_dir, keyring_backend=no_keyring())
    services.start_listener()
    yield services
    services.close()


def shown_window(qtbot, services: Services) -> MainWindow:
    window = create_window(services)
    qtbot.addWidget(window)
    window.start_listener()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window


def post_events(qtbot, window: MainWindow, paths: list[str]) -> None:
    """POST one event per path to the window's listener; wait until the table shows them all."""
    port = window.services.listener.port
    before = window.events.model.rowCount()
    for path in paths:
        send_raw(port, "POST", path, [("Content-Type", "application/json")], b'{"n": 1}')
    qtbot.waitUntil(lambda: window.events.model.rowCount() == before + len(paths), timeout=5000)
