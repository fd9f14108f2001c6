"""Named targets: where events are re-sent or forwarded, and how they are adapted on the way.

Also `HeaderTable`, the editable (name, value) list that the edit-and-re-send dialog shares.
Open the dialog with `.open()`; it saves through the DeliveryService, which validates.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.targets import DEFAULT_TIMEOUT_S, Target, TargetError, validate_url
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.theme import Tone, text_style

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HeaderTable(QWidget):
    """An editable list of headers, order and case kept, with Add and Remove buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 180)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_button = QPushButton(self.tr("Add header"))
        self.add_button.clicked.connect(self._add_row)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_headers(self, headers: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> None:
        self.table.setRowCount(len(headers))
        for row, (name, value) in enumerate(headers):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(value))

    def headers(self) -> list[tuple[str, str]]:
        """The rows in order; rows whose name is blank are left out (an unfinished "Add")."""
        result = []
        for row in range(self.table.rowCount()):
            name, value = (self.table.item(row, col) for col in (0, 1))
            if name is not None and name.text().strip():
                result.append((name.text().strip(), value.text() if value is not None else ""))
        return result

    def _add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem("")
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(""))
        self.table.setCurrentCell(row, 0)
        self.table.editItem(name)

    def _remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)


class TargetsDialog(QDialog):
    """Add, edit and remove targets. Changes are saved per target with "Save target"."""

    def __init__(self, service: DeliveryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._editing: Target | None = None
        self.setWindowTitle(self.tr("Targets"))
        self.resize(760, 560)
        self.list = QListWidget()
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(self._on_current)
        self.new_button = QPushButton(self.tr("New target"))
        self.new_button.clicked.connect(self.new_target)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_current)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)

        self.form = self._build_form()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save target"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_current)
        right = QVBoxLayout()
        right.addWidget(self.form, 1)
        right.addWidget(self.message)
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.reload()

    def _build_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Target"))
        form = QFormLayout(box)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("my app"))
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("http://127.0.0.1:3000/webhooks")
        self.url_edit.textEdited.connect(self._check_url)
        self.url_error = QLabel()
        self.url_error.setStyleSheet(text_style(Tone.BAD))
        self.url_error.setWordWrap(True)
        self.strip_edit = QLineEdit()
        self.strip_edit.setPlaceholderText(self.tr("/juno — removed from the start of the event's path"))
        self.keep_path = QCheckBox(self.tr("Append the event's path and query to this URL"))
        self.keep_path.toggled.connect(self.strip_edit.setEnabled)
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(0.1, 600)
        self.timeout.setSuffix(" s")
        self.add_headers = HeaderTable()
        self.add_headers.setMinimumHeight(120)
        self.drop_edit = QLineEdit()
        self.drop_edit.setPlaceholderText("X-Forwarded-For, Cookie")
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("URL:"), self.url_edit)
        form.addRow("", self.url_error)
        form.addRow(self.tr("Path:"), self.keep_path)
        form.addRow(self.tr("Strip prefix:"), self.strip_edit)
        form.addRow(self.tr("Timeout:"), self.timeout)
        form.addRow(self.tr("Add headers:"), self.add_headers)
        form.addRow(self.tr("Drop headers:"), self.drop_edit)
        return box

    # --- list ------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for target in self._service.list_targets():
            item = QListWidgetItem(f"{target.name}\n{target.url}")
            item.setData(ID_ROLE, target.id)
            self.list.addItem(item)
            if target.id == select_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        current = self.list.currentItem()
        if current is None and self.list.count():
            self.list.setCurrentRow(0)
        elif current is not None:
            self._on_current(current, None)
        else:
            self.new_target()

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        target = self._service.get_target(item.data(ID_ROLE)) if item is not None else None
        if target is not None:
            self._fill(target)

    def new_target(self) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._fill(Target(name="", url="http://127.0.0.1:3000/webhooks"))
        self.message.setText(self.tr("New target: fill it in, then Save target."))
        self.message.setStyleSheet("")
        self.name_edit.setFocus()

    def _fill(self, target: Target) -> None:
        self._editing = target
        self.name_edit.setText(target.name)
        self.url_edit.setText(target.url)
        self.keep_path.setChecked(target.keep_path)
        self.strip_edit.setText(target.strip_prefix)
        self.strip_edit.setEnabled(target.keep_path)
        self.timeout.setValue(target.timeout_s or DEFAULT_TIMEOUT_S)
        self.add_headers.set_headers(target.add_headers)
        self.drop_edit.setText(", ".join(target.drop_headers))
        self.message.setText("")
        self._check_url(target.url)
        self.remove_button.setEnabled(target.id is not None)

    def _check_url(self, url: str) -> None:
        try:
            validate_url(url)
        except TargetError as exc:
            self.url_error.setText(str(exc))
        else:
            self.url_error.setText("")
        self.url_error.setVisible(bool(self.url_error.text()))

    # --- saving ----------------------------------------------------------------------------

    def target_from_form(self) -> Target:
        drops = tuple(name.strip() for name in self.drop_edit.text().split(",") if name.strip())
        return Target(
            name=self.name_edit.text().strip(),
            url=self.url_edit.text().strip(),
            add_headers=tuple(self.add_headers.headers()),
            drop_headers=drops,
            timeout_s=self.timeout.value(),
            keep_path=self.keep_path.isChecked(),
            strip_prefix=self.strip_edit.text().strip() if self.keep_path.isChecked() else "",
            id=self._editing.id if self._editing is not None else None,
        )

    def save_current(self) -> bool:
        """Validate and save; on a problem, say it next to the form and keep the edits."""
        try:
            saved = self._service.save_target(self.target_from_form())
        except TargetError as exc:
            self.message.setText(self.tr("Not saved: {0}").format(exc))
            self.message.setStyleSheet(text_style(Tone.BAD))
            return False
        self.reload(select_id=saved.id)
        self.message.setText(self.tr("Saved “{0}”.").format(saved.name))
        self.message.setStyleSheet("")
        return True

    def remove_current(self) -> None:
        """Ask first (its rules go with it), in a window-modal box opened with open()."""
        target = self._editing
        if target is None or target.id is None:
            return
        yes, cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove target"),
            self.tr(
                "Remove “{0}”? Its forward rules are removed with it, and deliveries "
                "still queued for it are marked failed."
            ).format(target.name),
            yes | cancel,
            self,
        )
        box.setDefaultButton(cancel)
        box.accepted.connect(lambda: self._remove(target.id or 0, target.name))
        self.confirm_box = box
        box.open()

    def _remove(self, target_id: int, name: str) -> None:
        self._service.delete_target(target_id)
        self.reload()
        self.message.setText(
            self.tr("Removed “{0}” and its forward rules; its queued deliveries are marked failed.").format(
                name
            )
        )
        self.message.setStyleSheet("")
