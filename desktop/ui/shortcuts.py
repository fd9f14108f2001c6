"""Every keyboard shortcut of the main window, in one list that both installs them and lists them.

The F1 / `?` dialog is generated from `SHORTCUTS`, and `install` is the only place a window
shortcut is made, so the help cannot drift from what the keys do. Keys Qt provides on its own
(Tab, Ctrl+Tab between tabs, arrows in tables) are listed as `builtin`: shown, not installed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class Shortcut:
    """One command: its keys (QKeySequence portable text), what it does and where it works."""

    name: str  # the handler's key in `install`
    keys: tuple[str, ...]
    what: str  # English; translated in the "Shortcuts" context when shown
    where: str
    builtin: bool = False  # Qt does it already: listed only


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "filter_or_find",
        ("Ctrl+F",),
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Focus the filter of the current tab (in the inspector: search in the body)"
        ),
        QT_TRANSLATE_NOOP("Shortcuts", "Window"),
    ),
    Shortcut(
        "focus_filter",
        ("Ctrl+L", "/"),
        QT_TRANSLATE_NOOP("Shortcuts", "Focus the filter of the current tab"),
        QT_TRANSLATE_NOOP("Shortcuts", "Window"),
    ),
    Shortcut(
        "open_inspector",
        ("Return", "Enter"),
        QT_TRANSLATE_NOOP("Shortcuts", "Open the selected event in the inspector"),
        QT_TRANSLATE_NOOP("Shortcuts", "Events"),
    ),
    Shortcut(
        "resend",
        ("Ctrl+R",),
        QT_TRANSLATE_NOOP("Shortcuts", "Re-send the selected events to a target"),
        QT_TRANSLATE_NOOP("Shortcuts", "Events"),
    ),
    Shortcut(
        "edit_resend",
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP("Shortcuts", "Edit and re-send the current event"),
        QT_TRANSLATE_NOOP("Shortcuts", "Events"),
    ),
    Shortcut(
        "delete",
        ("Del",),
        QT_TRANSLATE_NOOP("Shortcuts", "Delete the selected events (asks first)"),
        QT_TRANSLATE_NOOP("Shortcuts", "Events"),
    ),
    Shortcut(
        "help",
        ("F1", "?"),
        QT_TRANSLATE_NOOP("Shortcuts", "List every shortcut (this list)"),
        QT_TRANSLATE_NOOP("Shortcuts", "Window"),
    ),
    Shortcut(
        "next_tab",
        ("Ctrl+Tab", "Ctrl+PgDown"),
        QT_TRANSLATE_NOOP("Shortcuts", "Next tab"),
        QT_TRANSLATE_NOOP("Shortcuts", "Window"),
        builtin=True,
    ),
    Shortcut(
        "previous_tab",
        ("Ctrl+Shift+Tab", "Ctrl+PgUp"),
        QT_TRANSLATE_NOOP("Shortcuts", "Previous tab"),
        QT_TRANSLATE_NOOP("Shortcuts", "Window"),
        builtin=True,
    ),
    Shortcut(
        "leave",
        ("Tab", "Shift+Tab"),
        QT_TRANSLATE_NOOP("Shortcuts", "Next or previous control (also out of a table)"),
        QT_TRANSLATE_NOOP("Shortcuts", "Window"),
        builtin=True,
    ),
    Shortcut(
        "menus",
        ("Alt",),
        QT_TRANSLATE_NOOP("Shortcuts", "The menu bar (then arrows)"),
        QT_TRANSLATE_NOOP("Shortcuts", "Window"),
        builtin=True,
    ),
    Shortcut(
        "quit",
        ("Ctrl+Q",),
        QT_TRANSLATE_NOOP("Shortcuts", "Quit"),
        QT_TRANSLATE_NOOP("Shortcuts", "Window"),
        builtin=True,
    ),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


def keys_text(shortcut: Shortcut) -> str:
    """'Ctrl+F, Ctrl+L, /' in the platform's words (NativeText: ⌘ on macOS)."""
    return ", ".join(
        QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in shortcut.keys
    )


def install(
    window: QWidget,
    handlers: Mapping[str, Callable[[], Any]],  # what a handler returns is ignored
    scopes: Mapping[str, QWidget] | None = None,
) -> dict[str, list[QShortcut]]:
    """Make a QShortcut for every key of every non-builtin entry, calling `handlers[name]`.

    `scopes[name]` limits an entry to one widget (and its children) instead of the whole window
    (Enter and Delete only mean something in the events table). Returns the shortcuts by name.
    """
    made: dict[str, list[QShortcut]] = {}
    for entry in SHORTCUTS:
        if entry.builtin:
            continue
        handler = handlers[entry.name]  # a KeyError here means the list and the window disagree
        scope = (scopes or {}).get(entry.name)
        made[entry.name] = []
        for key in entry.keys:
            shortcut = QShortcut(QKeySequence(key), scope or window)
            shortcut.setContext(
                Qt.ShortcutContext.WidgetWithChildrenShortcut if scope else Qt.ShortcutContext.WindowShortcut
            )
            shortcut.activated.connect(handler)
            made[entry.name].append(shortcut)
    return made


class ShortcutsDialog(QDialog):
    """The list of every shortcut (F1 or `?`), generated from SHORTCUTS."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(640, 500)
        self.table = QTableWidget(len(SHORTCUTS), 3)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What it does"), self.tr("Where")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for row, entry in enumerate(SHORTCUTS):
            for column, text in enumerate((keys_text(entry), tr(entry.what), tr(entry.where))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
