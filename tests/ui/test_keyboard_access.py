"""Every control of the main window has a name a screen reader can say."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from desktop.runtime import Services
from tests.ui.window_helpers import (
    OFFSCREEN_WARNINGS,
    post_events,
    running_services,
    shown_window,
    unnamed_controls,
)

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_WARNINGS)


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    yield from running_services(data_dir)


def test_every_interactive_widget_of_the_window_has_an_accessible_name(qtbot, services: Services) -> None:
    window = shown_window(qtbot, services)
    post_events(qtbot, window, ["/a", "/b"])
    window.events.table.selectRow(0)  # the inspector's pages filled in too
    missing = unnamed_controls(window)
    assert missing == [], "\n".join(missing)
    assert window.events.table.accessibleName() == "Events"
    assert window.events.filter_bar.edit.accessibleName() == "Filter events"
    window.close()


def test_the_walk_finds_a_control_without_a_name() -> None:
    root = QWidget()
    QLineEdit(root)
    QPushButton("Named by its text", root)
    QPushButton("", root)
    assert unnamed_controls(root) == ["QLineEdit in ", "QPushButton in "]
