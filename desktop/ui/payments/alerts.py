"""Alerts that stay: every notification, listed with its time and a link to its sale.

Where there is no system tray (some Linux desktops, servers over VNC) a notification used to
be a 15-second status-bar message, gone before anyone looked. Here each one is a row (time,
what, detail) kept in `alerts.jsonl` in the data directory, so it is still there after a
restart; double-clicking a row opens its sale in the Payments tab.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.finance_day import DEFAULT_TIMEZONE, zone
from desktop.ui.locale_format import format_moment

log = logging.getLogger(__name__)

FILENAME = "alerts.jsonl"
KEEP = 500  # rows kept (and reloaded); older alerts are dropped from the file on the next start


@dataclass(frozen=True, slots=True)
class Alert:
    at: float  # Unix seconds
    title: str
    message: str
    provider: str = ""
    sale_id: str = ""  # the sale to open; '' when the alert is about no one sale


class AlertLog:
    """The alerts file: one JSON object a line, appended as alerts come."""

    def __init__(self, data_dir: Path | None) -> None:
        self.path = data_dir / FILENAME if data_dir is not None else None

    def load(self) -> list[Alert]:
        if self.path is None or not self.path.exists():
            return []
        alerts = []
        try:
            for line in self.path.read_text(encoding="utf-8").splitlines()[-KEEP:]:
                raw = json.loads(line)
                alerts.append(Alert(**{k: raw[k] for k in ("at", "title", "message", "provider", "sale_id")}))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("the alerts file %s cannot be read (%s); starting a new list", self.path, exc)
            return []
        return alerts

    def append(self, alert: Alert) -> None:
        if self.path is None:
            return
        try:
            with self.path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(asdict(alert), ensure_ascii=False) + "\n")
        except OSError as exc:  # a full disk must not stop the window
            log.warning("could not keep an alert in %s: %s", self.path, exc)


class AlertList(QWidget):
    """The list, newest on top. Signals: sale_requested(provider, sale id) on double-click."""

    sale_requested = Signal(str, str)

    def __init__(
        self, data_dir: Path | None = None, timezone: str = DEFAULT_TIMEZONE, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._log = AlertLog(data_dir)
        self._tz = zone(timezone)
        self.alerts: list[Alert] = []
        self.title = QLabel()
        self.clear_button = QPushButton(self.tr("Clear list"))
        self.clear_button.clicked.connect(self.clear)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Alerts"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Alert"), self.tr("Detail")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 140)
        self.table.setColumnWidth(1, 260)
        self.table.itemDoubleClicked.connect(lambda item: self._open(item.row()))
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        for alert in self._log.load():
            self._show(alert)
        self._update_title()

    def add(self, title: str, message: str, provider: str = "", sale_id: str = "") -> Alert:
        alert = Alert(time.time(), title, message, provider, sale_id)
        self._log.append(alert)
        self._show(alert)
        self._update_title()
        return alert

    def clear(self) -> None:
        self.alerts = []
        self.table.setRowCount(0)
        if self._log.path is not None and self._log.path.exists():
            self._log.path.unlink()
        self._update_title()

    def _show(self, alert: Alert) -> None:
        self.alerts.insert(0, alert)
        self.table.insertRow(0)
        texts = (format_moment(alert.at, self._tz.key), alert.title, alert.message)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(alert.message if column == 2 else text)
            if alert.sale_id:
                item.setData(Qt.ItemDataRole.UserRole, (alert.provider, alert.sale_id))
            self.table.setItem(0, column, item)
        while len(self.alerts) > KEEP:
            self.alerts.pop()
            self.table.removeRow(self.table.rowCount() - 1)

    def _update_title(self) -> None:
        count = len(self.alerts)
        self.title.setText(
            self.tr("%n alert(s) (double-click opens the sale)", "", count)
            if count
            else self.tr("No alerts.")
        )

    def _open(self, row: int) -> None:
        alert = self.alerts[row] if 0 <= row < len(self.alerts) else None
        if alert is not None and alert.sale_id:
            self.sale_requested.emit(alert.provider, alert.sale_id)
