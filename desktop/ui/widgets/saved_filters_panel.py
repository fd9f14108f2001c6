"""The side list of saved filters: click one to apply it to the table in view."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop.store.saved_filters import SavedFilter, SavedFilters
from desktop.ui.payments.labels import saved_filter_name

QUERY_ROLE = Qt.ItemDataRole.UserRole + 1
# The name as stored: a built-in filter is shown in the window's language ("Confirmados hoje")
# but found and removed by its stored English name, whatever the language it was shown in.
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


class SavedFiltersPanel(QWidget):
    """Signals:
    picked(str): the query text of the filter the user chose.
    """

    picked = Signal(str)

    def __init__(self, saved: SavedFilters, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved = saved
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Saved filters"))
        self.list.itemActivated.connect(self._pick)
        self.list.itemClicked.connect(self._pick)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._remove_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        title = QLabel("<b>" + self.tr("Saved filters") + "</b>")
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.remove_button)
        self.show_filters(saved.load())

    def show_filters(self, filters: list[SavedFilter]) -> None:
        self.list.clear()
        for saved in filters:
            item = QListWidgetItem(saved_filter_name(saved.name))
            item.setToolTip(saved.query)
            item.setData(QUERY_ROLE, saved.query)
            item.setData(NAME_ROLE, saved.name)
            self.list.addItem(item)

    def add(self, name: str, query: str) -> None:
        self.show_filters(self.saved.add(name, query))

    def _pick(self, item: QListWidgetItem) -> None:
        self.picked.emit(item.data(QUERY_ROLE))

    def _remove_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.show_filters(self.saved.remove(item.data(NAME_ROLE)))
