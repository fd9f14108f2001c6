"""The shape every flat table model here shares: columns from an IntEnum, headers from a dict.

Only the Qt plumbing that was copied between models lives here; how rows are held, read and
shown stays in each model.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex


class ColumnTableModel(QAbstractTableModel):
    """A table (no tree) whose columns are `columns`, headed by `headers`.

    Subclasses set both class attributes and say how many rows they hold in `_row_total`.
    Headers are shown translated in the context named as the subclass, so write them as
    `QT_TRANSLATE_NOOP("MyModel", "Time")` for lupdate to find them.
    """

    columns: ClassVar[type[IntEnum]]
    headers: ClassVar[Mapping[Any, str]]  # by column; Any because dict keys are invariant

    def _row_total(self) -> int:
        raise NotImplementedError

    # A valid parent is a cell, and cells have no children in a flat table: 0 rows, 0 columns.
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            # Headers are English sources marked with QT_TRANSLATE_NOOP(<model class name>, ...).
            return QCoreApplication.translate(type(self).__name__, self.headers[self.columns(section)])
        return None


def large_table_view(
    model: QAbstractItemModel, widths: Mapping[Any, int], selection: QAbstractItemView.SelectionMode
) -> QTableView:
    """A row-selecting table for a windowed model of up to millions of rows."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    # Fixed row heights: the view never asks every row for its size (1,000,000 rows).
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(22)
    table.horizontalHeader().setStretchLastSection(True)
    for column, width in widths.items():
        table.setColumnWidth(column, width)
    return table
