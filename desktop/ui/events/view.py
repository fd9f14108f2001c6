"""The events tab: the live table above, the inspector below."""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelection, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.body_decode import content_codings, decode_body
from desktop.core.model import CapturedRequest, StoredEvent
from desktop.core.query import Query, QuerySyntaxError
from desktop.store.interface import EventStore
from desktop.ui.events.inspector import Inspector
from desktop.ui.events.model import Col, EventsModel, Role
from desktop.ui.widgets.filter_bar import FilterBar
from desktop.ui.widgets.table_model import large_table_view

# Which filter field a column's "filter by this value" uses.
COLUMN_FIELDS = {
    Col.METHOD: "method",
    Col.PATH: "path",
    Col.RESPONSE: "code",
    Col.PROVIDER: "provider",
    Col.EVENT: "type",
    Col.STATUS: "status",
    Col.AMOUNT: "amount",
    Col.SIGNATURE: "signature",
    Col.SOURCE: "ip",
}

COLUMN_WIDTHS = {
    Col.TIME: 140,
    Col.METHOD: 60,
    Col.PATH: 170,
    Col.RESPONSE: 70,
    Col.PROVIDER: 90,
    Col.EVENT: 200,
    Col.STATUS: 140,
    Col.AMOUNT: 100,
    Col.SIGNATURE: 80,
    Col.SIZE: 70,
    Col.CONTENT_TYPE: 150,
    Col.SOURCE: 90,
}


def decoded_body(request: CapturedRequest) -> bytes | None:
    """The inspector's decoded view of a `Content-Encoding` body (None: show it as received).

    Bounded (desktop/core/body_decode.py): a body that does not decode, or decodes past the
    limit (a gzip bomb), is shown as received rather than cut or half undone.
    """
    codings = content_codings(request.headers)
    if not codings:
        return None
    decoded = decode_body(request.body, codings)
    if decoded.error or decoded.truncated:
        return None
    return decoded.body


class EventsView(QWidget):
    """Signals:
    selection_changed(count): how many events are selected now.
    context_menu_opening(menu, event_id): a row's menu is about to show; add actions to it.
    """

    selection_changed = Signal(int)
    context_menu_opening = Signal(QMenu, int)  # others add actions (event id, or 0 off any row)

    def __init__(self, store: EventStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = EventsModel(store, self)
        self.table = large_table_view(
            self.model, COLUMN_WIDTHS, QAbstractItemView.SelectionMode.ExtendedSelection
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.filter_bar = FilterBar()
        self.filter_bar.query_changed.connect(self.apply_query)
        self.model.loading.connect(lambda busy: self.filter_bar.status.setText("searching…" if busy else ""))
        self.model.load_failed.connect(self._on_load_failed)
        self.inspector = Inspector()
        self.inspector.bodies.decode_body = decoded_body
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.inspector)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([520, 280])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(splitter, 1)

    def apply_query(self, query: Query | None) -> None:
        """Show only the events matching a parsed query (the query runs off the UI thread)."""
        try:
            self.store.check_query(query)
        except QuerySyntaxError as exc:
            self.filter_bar.show_error(exc)
            return
        self.model.load(query, time.time())

    def _on_load_failed(self, why: str) -> None:
        if "interrupted" not in why:  # a superseded query, not a failure
            self.filter_bar.error.setText(f"✖ The search failed: {why}")
            self.filter_bar.error.setVisible(True)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        menu = QMenu(self)
        field = COLUMN_FIELDS.get(Col(index.column())) if index.isValid() else None
        value = index.data(Role.RAW) if field else None
        if field is not None and value is not None and value != "":
            shown = index.data()
            include = QAction(f"Filter by {field}: {shown}", menu)
            include.triggered.connect(lambda: self.filter_bar.add_condition(field, value))
            exclude = QAction(f"Exclude {field}: {shown}", menu)
            exclude.triggered.connect(lambda: self.filter_bar.add_condition(field, value, exclude=True))
            menu.addAction(include)
            menu.addAction(exclude)
        event_id = self.model.event_id(index.row()) if index.isValid() else None
        self.context_menu_opening.emit(menu, event_id or 0)
        if menu.isEmpty():
            return
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self._menu = menu  # keep it alive while it is shown

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [event_id for row in rows if (event_id := self.model.event_id(row)) is not None]

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        ids = self.selected_ids()
        self.selection_changed.emit(len(ids))
        current = self.table.selectionModel().currentIndex()
        event_id = self.model.event_id(current.row()) if current.isValid() else None
        if event_id is None and ids:
            event_id = ids[0]
        self.inspector.show_event(self._read(event_id))
        # Two selected: the inspector's Diff tab compares them.
        pair = [self._read(i) for i in ids] if len(ids) == 2 else [None, None]
        self.inspector.show_diff(pair[0], pair[1])

    def _read(self, event_id: int | None) -> StoredEvent | None:
        """The one place this view reads a whole event from the store."""
        return self.store.event(event_id) if event_id is not None else None

    def select_event(self, event_id: int) -> bool:
        """Select and show an event by id (e.g. from a payment's timeline)."""
        row = self.model.row_of(event_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectRow(row)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True
