"""The JSON tree tab: expand and collapse, copy a value's path as a filter, copy the value.

The model is lazy: a container's children are made when it is expanded, a page at a time
(Qt asks for more as the user scrolls), so a 20 MB document opens as one row.
"""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.json_tree import JsonRow, children, copy_value_text, filter_text
from desktop.ui.events.text_pane import copy_to_clipboard, mono_font

PAGE = 500  # children made per fetch
PRETTY_COPY_LIMIT = 100 * 1024  # bigger values are copied compact (json.dumps(indent) is slow)
ModelIndex = QModelIndex | QPersistentModelIndex

_TYPE_COLOURS = {
    "string": "#0b7a0b",
    "number": "#1f4fb5",
    "boolean": "#8a2be2",
    "null": "#777777",
}


class Col(IntEnum):
    KEY = 0
    VALUE = 1
    TYPE = 2


class _Node:
    __slots__ = ("children", "parent", "position", "row")

    def __init__(self, row: JsonRow, parent: _Node | None, position: int) -> None:
        self.row = row
        self.parent = parent
        self.position = position
        self.children: list[_Node] = []


class JsonTreeModel(QAbstractItemModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._root = _Node(JsonRow(None, (), None), None, 0)  # invisible; its child is the body

    def set_document(self, document: Any) -> None:
        self.beginResetModel()
        self._root = _Node(JsonRow(None, (), None), None, 0)
        self._root.children = [_Node(JsonRow(None, (), document), self._root, 0)]
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._root = _Node(JsonRow(None, (), None), None, 0)
        self.endResetModel()

    def node(self, index: ModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[no-any-return]

    def row_at(self, index: ModelIndex) -> JsonRow | None:
        return self.node(index).row if index.isValid() else None

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        owner = self.node(parent)
        if not 0 <= row < len(owner.children) or not 0 <= column < len(Col):
            return QModelIndex()
        return self.createIndex(row, column, owner.children[row])

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        owner = self.node(index).parent
        if owner is None or owner is self._root:
            return QModelIndex()
        return self.createIndex(owner.position, 0, owner)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(Col)

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self._root.children)
        return parent.column() == 0 and self.node(parent).row.child_count > 0

    def canFetchMore(self, parent: ModelIndex) -> bool:
        if not parent.isValid():
            return False
        node = self.node(parent)
        return len(node.children) < node.row.child_count

    def fetchMore(self, parent: ModelIndex) -> None:
        node = self.node(parent)
        start = len(node.children)
        rows = children(node.row, start, PAGE)
        if not rows:
            return
        self.beginInsertRows(parent, start, start + len(rows) - 1)
        node.children.extend(_Node(row, node, start + i) for i, row in enumerate(rows))
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Key"), self.tr("Value"), self.tr("Type"))[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.node(index).row
        column = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == Col.VALUE:
            colour = _TYPE_COLOURS.get(row.type_text)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column == Col.KEY:
            return filter_text(row.path, row.value) or self.tr("This key cannot be written in a filter")
        return None


def _display(row: JsonRow, column: Col) -> str:
    if column == Col.KEY:
        return row.key_text
    if column == Col.VALUE:
        return row.value_text
    return row.type_text


class JsonTreePane(QWidget):
    """The tree with its buttons.

    Signals:
        copied(text): something was put on the clipboard (the note says what).
    """

    copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = JsonTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)  # constant-time layout for very long arrays
        self.tree.setFont(mono_font())
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Col.KEY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Col.VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Col.TYPE, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(Col.KEY, 240)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.copy_path_button = QPushButton(self.tr("Copy path as filter"))
        self.copy_path_button.clicked.connect(self.copy_path)
        self.copy_value_button = QPushButton(self.tr("Copy value"))
        self.copy_value_button.clicked.connect(self.copy_value)
        collapse = QPushButton(self.tr("Collapse all"))
        collapse.clicked.connect(self._collapse)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet("color: #555;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_path_button)
        buttons.addWidget(self.copy_value_button)
        buttons.addWidget(collapse)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def set_document(self, document: Any) -> None:
        self.model.set_document(document)
        root = self.model.index(0, 0)
        self.tree.expand(root)  # the first level is what people look at first
        self.tree.setCurrentIndex(root)
        self.status.clear()
        self._update_buttons()

    def clear(self) -> None:
        self.model.clear()
        self.status.clear()
        self._update_buttons()

    def current_row(self) -> JsonRow | None:
        return self.model.row_at(self.tree.currentIndex())

    def copy_path(self) -> None:
        row = self.current_row()
        if row is None:
            return
        text = filter_text(row.path, row.value)
        if text is None:
            self.status.setText(self.tr("This key cannot be written in a filter"))
            return
        copy_to_clipboard(text)
        self.status.setText(self.tr("Copied {0}").format(_cut(text)))
        self.copied.emit(text)

    def copy_value(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if isinstance(row.value, dict | list):
            compact = json.dumps(row.value, ensure_ascii=False)  # the C encoder: fast
            text = copy_value_text(row.value) if len(compact) <= PRETTY_COPY_LIMIT else compact
        else:
            text = copy_value_text(row.value)
        copy_to_clipboard(text)
        self.status.setText(self.tr("Copied the value of {0}").format(_cut(row.key_text)))
        self.copied.emit(text)

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.copy_value_button.setEnabled(row is not None)
        self.copy_path_button.setEnabled(row is not None and filter_text(row.path, row.value) is not None)

    def _collapse(self) -> None:
        self.tree.collapseAll()
        self.tree.expand(self.model.index(0, 0))

    def _menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if not index.isValid():
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        path = menu.addAction(self.tr("Copy path as filter"))
        path.setEnabled(self.copy_path_button.isEnabled())
        path.triggered.connect(self.copy_path)
        menu.addAction(self.tr("Copy value")).triggered.connect(self.copy_value)
        menu.popup(self.tree.viewport().mapToGlobal(pos))
        self._open_menu = menu  # kept alive while shown


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
