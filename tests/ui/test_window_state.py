"""The window's layout survives closing it: a second window on the same data directory opens
as the first was left (settings.ini in the data directory)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.runtime import Services
from desktop.ui.events.model import Col
from desktop.ui.main_window import MainWindow
from tests.ui.window_helpers import OFFSCREEN_WARNINGS, running_services, shown_window

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_WARNINGS)


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    yield from running_services(data_dir)


def test_geometry_splitters_columns_and_tab_are_restored(qtbot, services: Services) -> None:
    first = shown_window(qtbot, services)
    # Within the offscreen screen (800 x 600): restoreGeometry fits a window to its screen.
    first.resize(760, 560)
    size = (first.width(), first.height())
    first.events.splitter.setSizes([300, 300])
    header = first.events.table.horizontalHeader()
    header.resizeSection(Col.METHOD, 95)
    header.moveSection(header.visualIndex(Col.SOURCE), 1)  # Source dragged next to Time
    first.payments.table.horizontalHeader().resizeSection(0, 222)
    sizes = first.events.splitter.sizes()
    first.close()

    second = shown_window(qtbot, services)
    try:
        assert (second.width(), second.height()) == size
        assert second.events.splitter.sizes() == sizes
        restored = second.events.table.horizontalHeader()
        assert restored.sectionSize(Col.METHOD) == 95
        assert restored.visualIndex(Col.SOURCE) == 1
        assert second.payments.table.horizontalHeader().sectionSize(0) == 222
    finally:
        second.close()


def test_the_current_tab_is_restored(qtbot, services: Services) -> None:
    first = shown_window(qtbot, services)
    first.tabs.setCurrentWidget(first.payments)
    first.close()
    second = shown_window(qtbot, services)
    try:
        assert second.tabs.currentWidget() is second.payments
    finally:
        second.close()


def test_a_first_start_or_an_unreadable_file_keeps_the_default_layout(qtbot, services: Services) -> None:
    settings = QSettings(str(services.store.data_dir / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/tab", "not a number")
    settings.setValue("columns/events", "garbage")
    settings.sync()
    window: MainWindow = shown_window(qtbot, services)
    try:
        assert window.tabs.currentWidget() is window.events
        assert window.events.table.horizontalHeader().visualIndex(Col.SOURCE) == Col.SOURCE
    finally:
        window.close()


def test_spare_width_goes_to_path_and_event(qtbot, services: Services) -> None:
    window = shown_window(qtbot, services)
    try:
        header = window.events.table.horizontalHeader()
        window.resize(1400, 800)
        narrow = (header.sectionSize(Col.PATH), header.sectionSize(Col.EVENT), header.sectionSize(Col.SOURCE))
        window.resize(1900, 800)
        qtbot.waitUntil(lambda: header.sectionSize(Col.PATH) > narrow[0], timeout=2000)
        assert header.sectionSize(Col.EVENT) > narrow[1]
        assert header.sectionSize(Col.SOURCE) == narrow[2]  # the others keep their width
        viewport = window.events.table.viewport().width()
        used = sum(header.sectionSize(c) for c in range(header.count()))
        assert abs(viewport - used) <= 2  # no empty band on the right, no scroll bar
    finally:
        window.close()
