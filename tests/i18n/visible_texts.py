"""Every text a person can see on a screen, for the untranslated-string test.

`visible_texts(root)` walks a window or dialog and returns {where: text}: labels, buttons,
group titles, tab texts, menu and toolbar actions, table headers, tooltips, placeholder texts
and the window title. Building the same screen twice, once in English and once in pt_BR,
gives the same slots with the texts of each language.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

# Texts that are the same in both languages on purpose: names, formats, protocol words.
SAME_IN_BOTH = {
    "Webhook Monitor",
    "JSON",
    "JSONL",
    "HAR",
    "CSV",
    "URL",
    "URL:",
    "Hex",
    "Status",
    "Status:",
    "Token",
    "OK",
    "A",
    "B",
    "ms",
    "s",
    "KB",
    "GB",
    # Examples of what to type (a header line, a response template): code, not prose.
    "X-Ack: 1",
    "X-Forwarded-For, Cookie",
    '{"received": {{ id }}}',
    # The action rule dialog's examples: a query, a template line and a command are code.
    "provider:juno status:CONFIRMED signature:valid",
    "{{ reference }} {{ status }} — {{ amount_text }}",
    "python3\n/home/me/scripts/on_paid.py",
    # What the providers' dashboards call these credentials, in both languages (Juno, PagBank).
    "Client ID",
    "Client Secret",
}

# Words spelled the same in Portuguese.
SAME_WORDS = {"bytes", "byte", "Status", "Hex", "JSON", "JSONL", "HAR", "CSV", "URL", "Webhook", "webhooks"}

_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}")


def _clean(text: str) -> str:
    return _TAGS.sub(" ", text).replace("&&", "&").replace("&", "").strip()


def _action_texts(action: QAction, where: str) -> list[tuple[str, str]]:
    if action.isSeparator():
        return []
    found = [(f"{where}/action", action.text()), (f"{where}/action-tip", action.toolTip())]
    menu = action.menu()
    if isinstance(menu, QMenu):
        for child in menu.actions():
            found += _action_texts(child, f"{where}/{action.text()}")
    return found


def _widget_texts(widget: QWidget, where: str) -> list[tuple[str, str]]:
    found = [(f"{where}/tooltip", widget.toolTip())]
    if isinstance(widget, QLabel):
        found.append((f"{where}/label", widget.text()))
    if isinstance(widget, QAbstractButton):
        found.append((f"{where}/button", widget.text()))
    if isinstance(widget, QGroupBox):
        found.append((f"{where}/title", widget.title()))
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        found.append((f"{where}/placeholder", widget.placeholderText()))
    if isinstance(widget, QTabWidget):
        found += [(f"{where}/tab{i}", widget.tabText(i)) for i in range(widget.count())]
    if isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
        model = widget.model()
        found += [
            (f"{where}/header{c}", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
            for c in range(model.columnCount())
        ]
    return found


def _path(widget: QWidget, root: QWidget) -> str:
    """'MainWindow/QWidget[0]/QTabWidget[0]/…': the class and rank among same-class siblings of
    each ancestor, so the same slot has the same name in two builds of a screen (a flat index
    would shift when Qt creates a scroll bar or a viewport in one build and not the other)."""
    parts = []
    current: QObject | None = widget
    while current is not None and current is not root:
        parent = current.parent()
        siblings = [c for c in parent.children() if type(c) is type(current)] if parent is not None else []
        parts.append(f"{type(current).__name__}[{siblings.index(current) if siblings else 0}]")
        current = parent
    return "/".join(reversed(parts))


def visible_texts(root: QWidget) -> dict[str, str]:
    """{where: text} for every visible-string slot of `root` and its children."""
    found = [("window-title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QMenu):
            continue
        where = _path(widget, root)
        found += _widget_texts(widget, where)
        for action in widget.actions():
            found += _action_texts(action, where)
    return {where: _clean(text) for where, text in found if text}


def needs_translation(text: str, data: Collection[str] = ()) -> bool:
    """Whether a text has words to translate: not a number, a URL, a name on the allow-list, or
    `data` (what the screen shows from a stored event: a provider, a status, a path)."""
    if text in SAME_IN_BOTH or text in data or text.startswith(("http://", "https://", "/")):
        return False
    # Paths and media types (application/json) are data, whatever the language.
    prose = " ".join(token for token in text.split() if "/" not in token)
    return any(word not in SAME_WORDS for word in _WORD.findall(prose))


def untranslated(
    english: dict[str, str], portuguese: dict[str, str], data: set[str] = frozenset()
) -> list[str]:  # type: ignore[assignment]
    """'where: text' of every text that reads the same in pt_BR as in English."""
    both = english.keys() & portuguese.keys()
    # The two builds must show the same slots, or a screen could pass by showing nothing.
    assert len(both) >= 0.95 * len(english), sorted(english.keys() - portuguese.keys())[:10]
    return sorted(
        f"{where}: {english[where]!r}"
        for where in both
        if english[where] == portuguese[where] and needs_translation(english[where], data)
    )
