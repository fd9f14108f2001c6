"""A real main window on real services (a free port, a fresh data directory), shown and active,
so keys reach it as they do a user's: shortcuts only fire in the active window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from desktop.core.config import Settings
from desktop.runtime import Services, build_services
from desktop.ui.app import create_window
from desktop.ui.main_window import MainWindow
from tests.app.conftest import FIXTURE_SECRETS_ENDPOINTS, no_keyring, send_raw

# Windows, dialogs and the filter's completion list shown offscreen: the platform has no window
# manager to pass size hints to, raise a popup with or grab the keyboard for.
OFFSCREEN_WARNINGS = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


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


INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QAbstractItemView,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
    QAbstractSlider,
)


def _qt_part(widget: QWidget) -> bool:
    """Pieces Qt builds inside a control and names itself (a table's header and corner button,
    a line edit's clear button, a toolbar's overflow button): not ours to name."""
    parent = widget.parentWidget()
    return (
        widget.objectName().startswith("qt_")
        or isinstance(widget, QHeaderView | QScrollBar)
        or isinstance(parent, QLineEdit | QAbstractSpinBox)
    )


def _shown_text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    if isinstance(widget, QTabBar):  # every tab has its title
        titles = [widget.tabText(i).strip() for i in range(widget.count())]
        return "tabs" if titles and all(titles) else ""
    return ""


def unnamed_controls(root: QWidget) -> list[str]:
    """Every interactive widget under `root` a screen reader could not name: no accessible name
    and no text of its own. Described by class and parents, to find it in the code."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _qt_part(widget):
            continue
        if widget.accessibleName().strip() or _shown_text(widget):
            continue
        chain, parent = [], widget.parentWidget()
        while parent is not None and parent is not root and len(chain) < 4:
            chain.append(type(parent).__name__)
            parent = parent.parentWidget()
        missing.append(f"{type(widget).__name__} in {' < '.join(chain)}")
    return missing
