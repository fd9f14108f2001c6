"""The events tab: the live table above, the inspector below."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QVBoxLayout, QWidget

from desktop.store.events import Store
from desktop.ui.events_model import Col, EventsModel
from desktop.ui.inspector import Inspector

COLUMN_WIDTHS = {
    Col.TIME: 145,
    Col.METHOD: 65,
    Col.PATH: 230,
    Col.RESPONSE: 75,
    Col.PROVIDER: 120,
    Col.EVENT: 210,
    Col.STATUS: 150,
    Col.AMOUNT: 110,
    Col.SIGNATURE: 80,
    Col.SIZE: 70,
    Col.CONTENT_TYPE: 150,
    Col.SOURCE: 90,
}


class EventsView(QWidget):
    """Signals:
    selection_changed(count): how many events are selected now.
    """

    selection_changed = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = EventsModel(store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never asks every row for its size (1,000,000 rows).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.inspector = Inspector()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.inspector)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([480, 320])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

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
        self.inspector.show_event(self.store.event(event_id) if event_id is not None else None)

    def select_event(self, event_id: int) -> bool:
        """Select and show an event by id (e.g. from a payment's timeline)."""
        row = self.model.row_of(event_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectRow(row)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True
