"""Auto-forward: the rules ("forward events matching F to target T") and the delivery queue.

The jobs table shows every waiting and failed job (what needs attention) and the deliveries
made recently; it follows the service's coalesced `queue_changed`, updating rows by job id.
"""

from __future__ import annotations

import time
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.query import QuerySyntaxError
from desktop.core.records import ForwardRule, JobState, QueueJob
from desktop.core.targets import TargetError
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.locale_format import format_moment, format_number
from desktop.ui.theme import Tone, text_style, tone_colour

Index = QModelIndex | QPersistentModelIndex
# Tones, made into colours for the palette in use (ui/theme.py).
STATE_COLOURS = {JobState.DELIVERED: Tone.GOOD, JobState.RETRYING: Tone.WARNING, JobState.FAILED: Tone.BAD}
JOB_ROLE = Qt.ItemDataRole.UserRole + 1  # the QueueJob of a row
RULE_ROLE = Qt.ItemDataRole.UserRole + 2  # the ForwardRule of a rules row


class RuleDialog(QDialog):
    """Add or edit one forward rule; saves through the service, which validates the filter."""

    def __init__(
        self, service: DeliveryService, rule: ForwardRule | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._rule = rule
        self.setWindowTitle(
            self.tr("Forward rule") if rule is None else self.tr("Forward rule #{0}").format(rule.id)
        )
        self.target = QComboBox()
        for target in service.list_targets():
            self.target.addItem(f"{target.name} — {target.url}", target.id)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("empty: every event; e.g. provider:juno status:PAID"))
        self.ordered = QCheckBox(self.tr("Deliver in arrival order (one at a time to this target)"))
        self.enabled = QCheckBox(self.tr("Enabled"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(text_style(Tone.BAD))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Target:"), self.target)
        form.addRow(self.tr("Filter:"), self.filter)
        form.addRow("", self.ordered)
        form.addRow("", self.enabled)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.enabled.setChecked(rule.enabled if rule else True)
        if rule is not None:
            self.target.setCurrentIndex(max(0, self.target.findData(rule.target_id)))
            self.filter.setText(rule.filter)
            self.ordered.setChecked(rule.ordered)
        if not self.target.count():
            self.error.setText(self.tr("Add a target first (Targets…), then a rule that forwards to it."))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def save(self) -> None:
        rule = ForwardRule(
            target_id=self.target.currentData(),
            filter=self.filter.text().strip(),
            ordered=self.ordered.isChecked(),
            enabled=self.enabled.isChecked(),
            id=self._rule.id if self._rule else None,
        )
        try:
            self._service.save_rule(rule)
        except QuerySyntaxError as exc:
            self.error.setText(self.tr("The filter is not valid: {0}").format(exc))
            return
        except TargetError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class Col(IntEnum):
    JOB = 0
    EVENT = 1
    TARGET = 2
    STATE = 3
    ATTEMPTS = 4
    NEXT = 5
    ERROR = 6


HEADERS = (
    QT_TRANSLATE_NOOP("JobsModel", "Job"),
    QT_TRANSLATE_NOOP("JobsModel", "Event"),
    QT_TRANSLATE_NOOP("JobsModel", "Target"),
    QT_TRANSLATE_NOOP("JobsModel", "State"),
    QT_TRANSLATE_NOOP("JobsModel", "Attempts"),
    QT_TRANSLATE_NOOP("JobsModel", "Next try"),
    QT_TRANSLATE_NOOP("JobsModel", "Last error"),
)
STATE_TEXTS = {
    JobState.PENDING: QT_TRANSLATE_NOOP("JobsModel", "pending"),
    JobState.RETRYING: QT_TRANSLATE_NOOP("JobsModel", "retrying"),
    JobState.DELIVERED: QT_TRANSLATE_NOOP("JobsModel", "delivered"),
    JobState.FAILED: QT_TRANSLATE_NOOP("JobsModel", "failed"),
}


def state_text(state: JobState) -> str:
    return QCoreApplication.translate("JobsModel", STATE_TEXTS.get(state, str(state)))


class JobsModel(QAbstractTableModel):
    """Queue jobs in id order. Refreshes apply by job id: changed rows, appended rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[QueueJob] = []
        self._names: dict[int, str] = {}

    def set_jobs(self, jobs: list[QueueJob], target_names: dict[int, str]) -> None:
        old = self._jobs
        if [job.id for job in jobs[: len(old)]] != [job.id for job in old]:
            self.beginResetModel()  # jobs left the list (delivered long ago, purged): reload
            self._jobs, self._names = list(jobs), dict(target_names)
            self.endResetModel()
            return
        renamed = target_names != self._names
        self._names = dict(target_names)
        changed = [row for row, job in enumerate(jobs[: len(old)]) if renamed or job != old[row]]
        self._jobs[: len(old)] = jobs[: len(old)]
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(Col) - 1))
        if len(jobs) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(jobs) - 1)
            self._jobs.extend(jobs[len(old) :])
            self.endInsertRows()

    def tick(self) -> None:
        """Repaint the "Next try" column (its text counts down) if anything is waiting."""
        waiting = [row for row, job in enumerate(self._jobs) if job.state in _WAITING]
        if waiting:
            self.dataChanged.emit(
                self.index(min(waiting), Col.NEXT),
                self.index(max(waiting), Col.NEXT),
                [Qt.ItemDataRole.DisplayRole],
            )

    def job(self, row: int) -> QueueJob | None:
        return self._jobs[row] if 0 <= row < len(self._jobs) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                QCoreApplication.translate("JobsModel", HEADERS[section])
                if 0 <= section < len(HEADERS)
                else None
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        job = self.job(index.row()) if index.isValid() else None
        if job is None:
            return None
        col = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(job, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == Col.STATE and job.state in STATE_COLOURS:
            return tone_colour(STATE_COLOURS[job.state])
        if role == Qt.ItemDataRole.ToolTipRole and col == Col.ERROR:
            return job.last_error or None
        if role == JOB_ROLE:
            return job
        return None

    def _cell(self, job: QueueJob, col: Col) -> str:
        if col == Col.JOB:
            return str(job.id)
        if col == Col.EVENT:
            return f"#{job.event_id}"
        if col == Col.TARGET:
            return self._names.get(job.target_id, self.tr("(deleted target {0})").format(job.target_id))
        if col == Col.STATE:
            return state_text(job.state) + (self.tr(" (in order)") if job.ordered else "")
        if col == Col.ATTEMPTS:
            return str(job.attempts)
        if col == Col.NEXT:
            return _next_try(job)
        return job.last_error


_WAITING = (JobState.PENDING, JobState.RETRYING)


def _next_try(job: QueueJob) -> str:
    if job.state not in _WAITING:
        return ""
    wait = job.next_at - time.time()
    if wait <= 1:
        return QCoreApplication.translate("JobsModel", "now")
    when = format_moment(job.next_at, None)
    return QCoreApplication.translate("JobsModel", "{0} (in {1} s)").format(when, format_number(round(wait)))


class QueueView(QWidget):
    """Rules above, the queue below, "Retry failed" for jobs that gave up."""

    def __init__(self, service: DeliveryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.rules = QTableWidget(0, 4)
        self.rules.setAccessibleName(self.tr("Forwarding rules"))
        self.rules.setTabKeyNavigation(False)
        self.rules.setHorizontalHeaderLabels(
            [self.tr("Target"), self.tr("Filter"), self.tr("Order"), self.tr("Enabled")]
        )
        self.rules.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rules.setColumnWidth(0, 200)
        self.rules.verticalHeader().setVisible(False)
        self.rules.verticalHeader().setDefaultSectionSize(22)
        self.rules.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules.doubleClicked.connect(lambda _index: self.edit_rule())
        self.model = JobsModel(self)
        self.jobs = QTableView()
        self.jobs.setAccessibleName(self.tr("Forwarding queue"))
        self.jobs.setTabKeyNavigation(False)
        self.jobs.setModel(self.model)
        self.jobs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.jobs.verticalHeader().setVisible(False)
        self.jobs.verticalHeader().setDefaultSectionSize(22)
        self.jobs.horizontalHeader().setStretchLastSection(True)
        for col, width in (
            (Col.JOB, 60),
            (Col.EVENT, 80),
            (Col.TARGET, 160),
            (Col.STATE, 130),
            (Col.NEXT, 150),
        ):
            self.jobs.setColumnWidth(col, width)
        self.counts = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Retry failed"))
        self.retry_button.setToolTip(
            self.tr("Send the selected failed jobs again (all failed jobs if none is selected)")
        )
        self.retry_button.clicked.connect(self.retry_failed)

        rules_box = QGroupBox(
            self.tr("Forward rules: every stored event that matches is delivered to the target")
        )
        rules_layout = QVBoxLayout(rules_box)
        rules_layout.addWidget(self.rules, 1)
        rule_buttons = QHBoxLayout()
        for label, slot in (
            (self.tr("Add rule…"), self.add_rule),
            (self.tr("Edit…"), self.edit_rule),
            (self.tr("Remove"), self.remove_rule),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            rule_buttons.addWidget(button)
        rule_buttons.addStretch(1)
        rules_layout.addLayout(rule_buttons)
        queue_box = QGroupBox(self.tr("Queue"))
        queue_layout = QVBoxLayout(queue_box)
        queue_layout.addWidget(self.counts)
        queue_layout.addWidget(self.jobs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.retry_button)
        bottom.addWidget(self.message, 1)
        queue_layout.addLayout(bottom)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(rules_box)
        splitter.addWidget(queue_box)
        splitter.setSizes([180, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        # "Next try: in 12 s" counts down without re-reading the queue.
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.model.tick)
        self._clock.start()
        service.queue_changed.connect(self.refresh)
        service.targets_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if not self._service.started:
            self.counts.setText(self.tr("Forwarding starts with the app."))
            return
        names = {t.id: t.name for t in self._service.list_targets() if t.id is not None}
        self._fill_rules(names)
        self.model.set_jobs(self._service.queue_jobs(), names)
        counts = self._service.queue_counts()
        self.counts.setText(
            " · ".join(f"{format_number(counts[state])} {state_text(state)}" for state in JobState)
        )
        self.retry_button.setEnabled(counts[JobState.FAILED] > 0)

    def _fill_rules(self, names: dict[int, str]) -> None:
        rules = self._service.list_rules()
        self.rules.setRowCount(len(rules))
        for row, rule in enumerate(rules):
            cells = (
                names.get(rule.target_id, "?"),
                rule.filter or self.tr("(every event)"),
                self.tr("arrival order") if rule.ordered else self.tr("any"),
                self.tr("yes") if rule.enabled else self.tr("no"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(RULE_ROLE, rule)
                self.rules.setItem(row, col, item)

    def _selected_rule(self) -> ForwardRule | None:
        item = self.rules.item(self.rules.currentRow(), 0)
        return item.data(RULE_ROLE) if item is not None else None

    def add_rule(self) -> RuleDialog:
        return self._open_rule(None)

    def edit_rule(self) -> RuleDialog | None:
        rule = self._selected_rule()
        return self._open_rule(rule) if rule is not None else None

    def _open_rule(self, rule: ForwardRule | None) -> RuleDialog:
        dialog = RuleDialog(self._service, rule, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        self.rule_dialog = dialog  # kept for tests and so it lives while shown
        return dialog

    def remove_rule(self) -> None:
        rule = self._selected_rule()
        if rule is not None and rule.id is not None:
            self._service.delete_rule(rule.id)
            self.refresh()

    def retry_failed(self) -> None:
        rows = {index.row() for index in self.jobs.selectionModel().selectedRows()}
        selected = [job.id for row in rows if (job := self.model.job(row)) and job.state == JobState.FAILED]
        count = self._service.retry_failed(selected or None)
        self.message.setText(self.tr("%Ln failed job(s) queued again.", "", count))
