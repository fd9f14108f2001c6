"""The Diff tab: two selected events compared, headers by name and JSON bodies path by path."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.body_diff import Change, Comparison, Difference
from desktop.core.model import StoredEvent
from desktop.ui.events.highlight import DiffHighlighter
from desktop.ui.events.text_pane import TextPane, mono_font
from desktop.ui.locale_format import format_moment

CHANGE_COLOURS = {
    Change.CHANGED: "#fff3cd",
    Change.ADDED: "#e3f4e6",
    Change.REMOVED: "#fde2e4",
}


def _table(first_header: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, 4, parent)
    table.setHorizontalHeaderLabels(
        [first_header, QCoreApplication.translate("DiffPane", "Change"), "A", "B"]
    )
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.setFont(mono_font())
    # One line a row: the inspector is often a short pane under the table.
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    return table


def describe(event: StoredEvent) -> str:
    request = event.request
    when = format_moment(request.received_at, None)  # the finance zone, as every table shows it
    kind = event.derived.event_type or request.content_type or ""
    return f"#{event.id} · {request.method} {request.path} · {when} · {event.response_status} {kind}"


class DiffPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setStyleSheet("font-weight: bold;")
        self.headers = _table(self.tr("Header"), self)
        self.body = _table(self.tr("Path"), self)
        self.text = TextPane(self.tr("Copy diff"))
        self.text.setVisible(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.headers)
        splitter.addWidget(self.body)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self._change_names = {
            Change.CHANGED: self.tr("changed"),
            Change.ADDED: self.tr("added"),
            Change.REMOVED: self.tr("removed"),
        }

    def comparing(self, a: StoredEvent, b: StoredEvent) -> None:
        """Shows which events are compared while the comparison runs."""
        self.title.setText(f"A: {describe(a)}\nB: {describe(b)}")
        self.summary.setText(self.tr("Comparing…"))
        self.headers.setRowCount(0)
        self.body.setRowCount(0)
        self.text.setVisible(False)

    def show_comparison(self, comparison: Comparison) -> None:
        self._fill(self.headers, comparison.headers)
        self._fill(self.body, comparison.body)
        self.headers.setVisible(bool(comparison.headers))  # "same headers" says it; the room goes to the body
        self.body.setVisible(comparison.text is None and not comparison.same_body)
        self.text.setVisible(comparison.text is not None)
        if comparison.text is not None:
            note = self.tr("The bodies are not both JSON: a line diff")
            self.text.show_plain(comparison.text, note, highlighter=DiffHighlighter)
        self.summary.setText(self._summary(comparison))

    def show_failure(self, why: str) -> None:
        self.summary.setText(self.tr("Cannot compare: {0}").format(why))

    def _summary(self, comparison: Comparison) -> str:
        count = len(comparison.headers)
        headers = self.tr("{0} headers differ").format(count) if count else self.tr("same headers")
        if comparison.same_body:
            body = self.tr("the bodies are identical")
        elif comparison.text is not None:
            body = self.tr("the bodies differ (text)")
        else:
            counts = {change: sum(1 for d in comparison.body if d.change == change) for change in Change}
            body = self.tr("{0} body paths differ: {1} changed, {2} added, {3} removed").format(
                len(comparison.body), counts[Change.CHANGED], counts[Change.ADDED], counts[Change.REMOVED]
            )
            if comparison.body_cut:
                body += self.tr(" (list cut)")
        return f"{headers} · {body}"

    def _fill(self, table: QTableWidget, differences: list[Difference]) -> None:
        table.setRowCount(len(differences))
        for row, difference in enumerate(differences):
            values = (
                difference.where,
                self._change_names[difference.change],
                difference.before,
                difference.after,
            )
            colour = QColor(CHANGE_COLOURS[difference.change])
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setBackground(colour)
                item.setForeground(QColor("#1d1d1d"))  # readable on the pale colours in dark themes too
                item.setToolTip(value)
                table.setItem(row, column, item)
