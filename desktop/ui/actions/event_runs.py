"""The action runs of one event, for the inspector's Attempts tab (below the HTTP attempts)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.delivery.actions.runner import RunUpdate
from desktop.delivery.hub import DeliveryHub
from desktop.ui.actions.models import RunCol, RunsModel


class EventRunsView(QWidget):
    """A run's full output is the Result cell's tooltip; the Actions tab shows it in full."""

    _ran = Signal(int)

    def __init__(self, hub: DeliveryHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._event_id: int | None = None
        self.model = RunsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Action runs of this event"))
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(RunCol.RESULT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(RunCol.EVENT, True)  # it is the shown event
        self.table.setMaximumHeight(140)
        self.title = QLabel(self.tr("Action runs"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self._ran.connect(lambda event_id: self.reload() if event_id == self._event_id else None)
        hub.add_run_listener(self._on_run)
        self.destroyed.connect(lambda: hub.remove_run_listener(self._on_run))

    def _on_run(self, update: RunUpdate) -> None:
        self._ran.emit(update.event_id)  # from the hub's loop

    def show_event(self, event_id: int | None) -> None:
        self._event_id = event_id
        self.reload()

    def reload(self) -> None:
        store = self._hub.actions
        runs = (
            store.runs_for_event(self._event_id) if store is not None and self._event_id is not None else []
        )
        self.model.set_runs(runs)
        self.title.setText(self.tr("Action runs (%d)") % len(runs) if runs else self.tr("Action runs: none"))
