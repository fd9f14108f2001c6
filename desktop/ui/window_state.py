"""The window's layout, remembered between runs in the data directory's settings.ini.

Geometry and toolbars (saveGeometry/saveState), each splitter, each table header (widths,
order, sort indicator: QHeaderView.saveState) and the current tab. Saved when the window
closes, restored when it is built; a missing or unreadable value keeps the default layout.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QTabWidget


def save(
    settings: QSettings,
    window: QMainWindow,
    tabs: QTabWidget,
    splitters: Mapping[str, QSplitter],
    headers: Mapping[str, QHeaderView],
) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    # By the tab's kind, not its index: tabs come and go (Overview, Actions, Forwarding), so an
    # index would reopen a different tab.
    current = tabs.currentWidget()
    settings.setValue("window/tab", type(current).__name__ if current is not None else "")
    for name, splitter in splitters.items():
        settings.setValue(f"splitters/{name}", splitter.saveState())
    for name, header in headers.items():
        settings.setValue(f"columns/{name}", header.saveState())
    settings.sync()


def restore(
    settings: QSettings,
    window: QMainWindow,
    tabs: QTabWidget,
    splitters: Mapping[str, QSplitter],
    headers: Mapping[str, QHeaderView],
) -> None:
    def saved(key: str) -> QByteArray | None:
        value = settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    if (geometry := saved("window/geometry")) is not None:
        window.restoreGeometry(geometry)
    if (state := saved("window/state")) is not None:
        window.restoreState(state)
    for name, splitter in splitters.items():
        if (value := saved(f"splitters/{name}")) is not None:
            splitter.restoreState(value)
    for name, header in headers.items():
        if (value := saved(f"columns/{name}")) is not None:
            header.restoreState(value)
    # Nothing saved (a first start): the window's own choice stands (Overview once events exist).
    kind = str(settings.value("window/tab", ""))
    for index in range(tabs.count()):
        if kind and type(tabs.widget(index)).__name__ == kind:
            tabs.setCurrentIndex(index)
            break
