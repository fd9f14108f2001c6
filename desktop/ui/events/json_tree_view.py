"""The JSON tree tab: expand and collapse, copy a value's path as a filter, copy the value.

The model is lazy: a container's children are made when it is expanded, a page at a time
(Qt asks for more as the user scrolls), so a 20 MB document opens as one row. A big document
lives in the body process; its pages arrive a moment after the view asks.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication
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

from desktop.core.json_tree import Path as JsonPath
from desktop.core.json_tree import TreeRow, page, value_bytes
from desktop.ui.events.text_pane import copy_to_clipboard, mono_font
from desktop.ui.theme import Tone, tone_colour, window_tone

PAGE = 200  # children made per fetch
ModelIndex = QModelIndex | QPersistentModelIndex

# Tones, made into colours for the palette in use (ui/theme.py).
_TYPE_COLOURS = {
    "string": Tone.GOOD,
    "number": Tone.INFO,
    "boolean": Tone.REFUNDED,
    "null": Tone.NEUTRAL,
}


class Col(IntEnum):
    KEY = 0
    VALUE = 1
    TYPE = 2


class TreeSource(Protocol):
    """Where rows come from: the document itself, or the body process that holds it."""

    def request_page(
        self, path: JsonPath | None, start: int, count: int, reply: Callable[[list[TreeRow]], None]
    ) -> None: ...

    def request_value(self, path: JsonPath, reply: Callable[[bytes], None]) -> None: ...


class LocalTree:
    """A small document parsed on the UI thread: every answer is immediate."""

    def __init__(self, document: Any) -> None:
        self.document = document

    def request_page(
        self, path: JsonPath | None, start: int, count: int, reply: Callable[[list[TreeRow]], None]
    ) -> None:
        reply(page(self.document, path, start, count))

    def request_value(self, path: JsonPath, reply: Callable[[bytes], None]) -> None:
        reply(value_bytes(self.document, path))


class _Node:
    __slots__ = ("children", "loading", "parent", "position", "row")

    def __init__(self, row: TreeRow | None, parent: _Node | None, position: int) -> None:
        self.row = row
        self.parent = parent
        self.position = position
        self.children: list[_Node] = []
        self.loading = False

    @property
    def child_count(self) -> int:
        return self.row.child_count if self.row is not None else 1


class JsonTreeModel(QAbstractItemModel):
    """Rows made a page at a time, as the view asks (`fetchMore`), possibly answered later."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._root = _Node(None, None, 0)  # invisible; its one child is the body
        self._source: TreeSource | None = None
        self._generation = 0  # answers for a previous document are dropped

    @property
    def source(self) -> TreeSource | None:
        return self._source

    def set_source(self, source: TreeSource | None) -> None:
        self.beginResetModel()
        self._generation += 1
        self._root = _Node(None, None, 0)
        self._source = source
        self.endResetModel()
        if source is not None:
            self.fetchMore(QModelIndex())

    def node(self, index: ModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[no-any-return]

    def row_at(self, index: ModelIndex) -> TreeRow | None:
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
        if parent.isValid() and parent.column() != 0:
            return False
        node = self.node(parent)
        return node.child_count > 0 if parent.isValid() else bool(node.children)

    def canFetchMore(self, parent: ModelIndex) -> bool:
        node = self.node(parent)
        return self._source is not None and not node.loading and len(node.children) < node.child_count

    def fetchMore(self, parent: ModelIndex) -> None:
        node = self.node(parent)
        if self._source is None or node.loading or len(node.children) >= node.child_count:
            return
        node.loading = True
        generation = self._generation
        path = node.row.path if node.row is not None else None
        self._source.request_page(
            path, len(node.children), PAGE, lambda rows: self._add(node, generation, rows)
        )

    def _add(self, node: _Node, generation: int, rows: list[TreeRow]) -> None:
        if generation != self._generation:
            return
        node.loading = False
        if not rows:
            return
        parent = QModelIndex() if node is self._root else self.createIndex(node.position, 0, node)
        start = len(node.children)
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
        row = self.row_at(index)
        if row is None:
            return None
        column = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.key_text, row.value_text, row.type_text)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == Col.VALUE:
            tone = _TYPE_COLOURS.get(row.type_text)
            return tone_colour(tone) if tone else None
        if role == Qt.ItemDataRole.ToolTipRole and column == Col.KEY:
            return row.filter or self.tr("This key cannot be written in a filter")
        return None


class JsonTreePane(QWidget):
    """The tree with its buttons.

    Signals:
        copied(what): a path (the filter text) or a value (its key) was put on the clipboard.
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
        # Fixed widths: ResizeToContents asks data() of every loaded row at each change (0.25 s
        # of UI thread for a page of 500).
        header.setSectionResizeMode(Col.TYPE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Col.KEY, 240)
        header.resizeSection(Col.TYPE, 80)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.model.rowsInserted.connect(self._on_rows_inserted)
        # QTreeView fetches on expand only when it is laid out; a hidden tab must fetch too.
        self.tree.expanded.connect(self._fetch)
        self.copy_path_button = QPushButton(self.tr("Copy path as filter"))
        self.copy_path_button.clicked.connect(self.copy_path)
        self.copy_value_button = QPushButton(self.tr("Copy value"))
        self.copy_value_button.clicked.connect(self.copy_value)
        collapse = QPushButton(self.tr("Collapse all"))
        collapse.clicked.connect(self._collapse)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet(f"color: {window_tone(Tone.NEUTRAL).name()};")
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

    def set_source(self, source: TreeSource | None) -> None:
        self.model.set_source(source)
        self.status.clear()
        self._update_buttons()

    def _on_rows_inserted(self, parent: QModelIndex, first: int, _last: int) -> None:
        if not parent.isValid() and first == 0:  # the body row: open its first level
            root = self.model.index(0, 0)
            self.tree.expand(root)
            self.tree.setCurrentIndex(root)

    def _fetch(self, index: QModelIndex) -> None:
        if self.model.canFetchMore(index):
            self.model.fetchMore(index)

    def current_row(self) -> TreeRow | None:
        return self.model.row_at(self.tree.currentIndex())

    def copy_path(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row.filter is None:
            self.status.setText(self.tr("This key cannot be written in a filter"))
            return
        copy_to_clipboard(row.filter)
        self.status.setText(self.tr("Copied {0}").format(_cut(row.filter)))
        self.copied.emit(row.filter)

    def copy_value(self) -> None:
        row = self.current_row()
        source = self.model.source
        if row is None or source is None:
            return
        key = row.key_text

        def copied(data: bytes) -> None:
            # The bytes as they are: a 20 MB value is never turned into a str here.
            mime = QMimeData()
            payload = QByteArray(data)
            mime.setData("text/plain;charset=utf-8", payload)
            mime.setData("text/plain", payload)
            QGuiApplication.clipboard().setMimeData(mime)
            self.status.setText(self.tr("Copied the value of {0}").format(_cut(key)))
            self.copied.emit(key)

        source.request_value(row.path, copied)

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.copy_value_button.setEnabled(row is not None)
        self.copy_path_button.setEnabled(row is not None and row.filter is not None)

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
