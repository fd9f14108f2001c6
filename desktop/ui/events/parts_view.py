"""Form fields and multipart parts as a table; a file part is saved with its exact bytes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.form_parts import Part
from desktop.ui.events.model import human_size
from desktop.ui.events.text_pane import copy_to_clipboard, mono_font


class PartsPane(QWidget):
    """Name, file name, type, size and value of each field or part."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts: list[Part] = []
        self.fields: list[tuple[str, str]] = []
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("File"), self.tr("Type"), self.tr("Size"), self.tr("Value")]
        )
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setFont(mono_font())
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())
        self.copy_button = QPushButton(self.tr("Copy value"))
        self.copy_button.clicked.connect(self.copy_value)
        self.save_button = QPushButton(self.tr("Save part as…"))
        self.save_button.clicked.connect(self._ask_where_to_save)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def show_fields(self, fields: list[tuple[str, str]]) -> None:
        self.parts, self.fields = [], fields
        rows = [(name, "", "", human_size(len(value.encode())), value) for name, value in fields]
        self._fill(rows)
        self.summary.setText(self.tr("{0} form fields").format(len(fields)))
        self.table.setColumnHidden(1, True)
        self.table.setColumnHidden(2, True)

    def show_parts(self, parts: list[Part]) -> None:
        self.parts, self.fields = parts, []
        rows = [
            (
                part.name,
                part.filename or "",
                part.content_type,
                human_size(len(part.data)),
                self.tr("(file: save it to see it)") if part.is_file else part.text(200),
            )
            for part in parts
        ]
        self._fill(rows)
        self.summary.setText(self.tr("{0} parts").format(len(parts)))
        self.table.setColumnHidden(1, False)
        self.table.setColumnHidden(2, False)

    def _fill(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value.replace("\n", "⏎"))
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.table.currentRow()
        self.copy_button.setEnabled(row >= 0 and (bool(self.fields) or bool(self.parts)))
        self.save_button.setVisible(bool(self.parts))
        self.save_button.setEnabled(0 <= row < len(self.parts))

    def copy_value(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.fields):
            copy_to_clipboard(self.fields[row][1])
        elif 0 <= row < len(self.parts):
            copy_to_clipboard(self.parts[row].data.decode("utf-8", errors="replace"))

    def save_part(self, row: int, path: Path) -> None:
        """Write a part's exact bytes."""
        path.write_bytes(self.parts[row].data)

    def _ask_where_to_save(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.parts):
            return
        part = self.parts[row]
        suggested = Path(part.filename or f"{part.name or 'part'}.bin").name
        dialog = QFileDialog(self, self.tr("Save part"), suggested)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda name: self.save_part(row, Path(name)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): no nested event loop under qasync
