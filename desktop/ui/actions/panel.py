"""The Actions tab: the rules and their queues above, the runs below, a run's output beside.

It observes the delivery hub (runs end on the hub's loop, which in the window is the qasync
loop) through a signal, coalesced, and reloads from the store: the hub's runner and store are
the same ones headless mode uses. "Dry run" shows what a rule would do with the event selected
in the Events tab; "Run again" queues one more run, by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.actions import ActionRule, ActionRun, JobState
from desktop.core.model import StoredEvent
from desktop.delivery.actions.runner import RunUpdate
from desktop.delivery.hub import DeliveryHub
from desktop.ui.actions.models import (
    BuiltinInfo,
    JobCol,
    JobsModel,
    RuleCol,
    RulesModel,
    RunCol,
    RunsModel,
    run_details,
)
from desktop.ui.actions.rule_dialog import ActionRuleDialog
from desktop.ui.payments.notifier import BUILTIN_ORIGIN, TEMPLATE_FIELDS, Notifier

REFRESH_MS = 200  # runs ending in a burst reload the tables once


def _table(model: QAbstractTableModel, stretch: int) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def show_text(parent: QWidget, title: str, text: str) -> QDialog:
    """A read-only text window (dry runs); opened, not exec()'d, so no nested event loop."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(720, 520)
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class ActionsPanel(QWidget):
    """Args:
    hub: the delivery hub (its `actions` store and `runner` exist once it is started).
    load_event: a stored event by id, with its body (for dry runs).
    selected_event: the id of the event selected in the Events tab, if any.

    With a notifier (`set_builtin`), its notifications are rules too, after the store's:
    built-in, on or off and with their templates in its settings, never deleted.
    """

    _changed = Signal()

    def __init__(
        self,
        hub: DeliveryHub,
        load_event: Callable[[int], StoredEvent | None],
        selected_event: Callable[[], int | None],
        save_smtp_password: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self._load_event = load_event
        self._selected_event = selected_event
        self._save_smtp_password = save_smtp_password
        self._builtin: Notifier | None = None
        self.rules_model = RulesModel(self)
        self.runs_model = RunsModel(self)
        self.rules = _table(self.rules_model, RuleCol.FILTER)
        self.rules.setAccessibleName(self.tr("Action rules"))
        self.runs = _table(self.runs_model, RunCol.RESULT)
        self.runs.setAccessibleName(self.tr("Action runs"))
        self.jobs_model = JobsModel(self)
        self.jobs = _table(self.jobs_model, JobCol.ERROR)
        self.jobs.setAccessibleName(self.tr("Queued action runs"))
        self.retry_button = QPushButton(self.tr("Retry failed"))
        self.retry_button.clicked.connect(self.retry_failed)
        queue = QWidget()
        queue_layout = QVBoxLayout(queue)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addWidget(self.jobs, 1)
        queue_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.lower_tabs = QTabWidget()
        self.lower_tabs.addTab(self.runs, self.tr("Runs"))
        self.lower_tabs.addTab(queue, self.tr("Queue"))
        self.details = QPlainTextEdit()
        self.details.setAccessibleName(self.tr("Run details"))
        self.details.setReadOnly(True)  # output is text to read, never run
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setPlaceholderText(self.tr("Select a run to see its output"))

        self.add_button = QPushButton(self.tr("New rule…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.toggle_button = QPushButton(self.tr("Turn off"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.restore_button = QPushButton(self.tr("Restore default"))
        self.restore_button.setToolTip(self.tr("The built-in notification's own title and text"))
        self.restore_button.clicked.connect(self.restore_default)
        self.dry_run_button = QPushButton(self.tr("Dry run on the selected event"))
        self.run_again_button = QPushButton(self.tr("Run again"))
        self.smtp_button = QPushButton(self.tr("SMTP password…"))
        self.smtp_button.setToolTip(self.tr("Kept in the system keyring; [smtp] password_env wins when set"))
        self.smtp_button.clicked.connect(self.ask_smtp_password)
        self.smtp_button.setVisible(save_smtp_password is not None)
        self.add_button.clicked.connect(self.add_rule)
        self.edit_button.clicked.connect(self.edit_rule)
        self.toggle_button.clicked.connect(self.toggle_rule)
        self.delete_button.clicked.connect(self.delete_rule)
        self.dry_run_button.clicked.connect(self.dry_run)
        self.run_again_button.clicked.connect(self.run_again)
        bar = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.toggle_button,
            self.delete_button,
            self.restore_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.smtp_button)
        bar.addWidget(self.dry_run_button)
        bar.addWidget(self.run_again_button)
        self.status = QLabel()
        self.status.setWordWrap(True)

        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(self.lower_tabs)
        below.addWidget(self.details)
        below.setSizes([640, 420])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.rules)
        split.addWidget(below)
        split.setSizes([220, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._changed.connect(self._timer.start)
        hub.add_run_listener(self._on_run)
        self.rules.selectionModel().selectionChanged.connect(self._on_rule_selected)
        self.runs.selectionModel().selectionChanged.connect(self._on_run_selected)
        self.destroyed.connect(lambda: hub.remove_run_listener(self._on_run))
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------------

    def _on_run(self, _update: RunUpdate) -> None:
        self._changed.emit()  # from the hub's loop; the timer coalesces a burst

    def set_builtin(self, notifier: Notifier) -> None:
        """Show the notifier's notifications as built-in rules, and follow their changes."""
        self._builtin = notifier
        notifier.rules_changed.connect(self.refresh)
        self.refresh()

    def _builtin_rules(self) -> tuple[list[ActionRule], dict[int, BuiltinInfo]]:
        notifier = self._builtin
        if notifier is None:
            return [], {}
        rules = notifier.builtin_rules()
        info = {
            r.id or 0: BuiltinInfo(
                *notifier.builtin_when(r.id), notifier.builtin_problem(r.id), notifier.builtin_edited(r.id)
            )
            for r in rules
        }
        return rules, info

    def refresh(self) -> None:
        store = self._hub.actions
        builtin, info = self._builtin_rules()
        chosen = self.current_rule()
        if store is None:
            self.rules_model.set_rules(builtin, {}, info)
            if chosen is not None:
                self._select_rule(chosen.id)
            self.status.setText(self.tr("Actions run once the delivery hub has started."))
            self._update_buttons()
            return
        self.rules_model.set_rules(store.list_rules() + builtin, store.queue_counts(), info)
        if chosen is not None:
            self._select_rule(chosen.id)
        self._load_runs()
        count = len(store.list_rules())
        self.status.setText(
            self.tr("%n rule(s); actions also run in headless mode, from the same store.", "", count)
        )
        self._update_buttons()

    def _load_runs(self) -> None:
        store = self._hub.actions
        if store is None:
            return
        rule = self.current_rule()
        if rule is not None and rule.origin == BUILTIN_ORIGIN:  # shown at once: no runs, no queue
            self.runs_model.set_runs([])
            self.jobs_model.set_jobs([])
            self.details.clear()
            return
        self.runs_model.set_runs(store.runs(rule.id if rule else None))
        self.jobs_model.set_jobs(store.jobs(rule.id if rule else None))
        self.details.clear()

    def _select_rule(self, rule_id: int | None) -> None:
        for row in range(self.rules_model.rowCount()):
            rule = self.rules_model.rule(row)
            if rule is not None and rule.id == rule_id:
                self.rules.selectRow(row)
                return

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    # --- selection -------------------------------------------------------------------------

    def current_rule(self) -> ActionRule | None:
        rows = self.rules.selectionModel().selectedRows()
        return self.rules_model.rule(rows[0].row()) if rows else None

    def current_run(self) -> ActionRun | None:
        rows = self.runs.selectionModel().selectedRows()
        return self.runs_model.run(rows[0].row()) if rows else None

    def _on_rule_selected(self, *_args: object) -> None:
        self._load_runs()
        self._update_buttons()

    def _on_run_selected(self, *_args: object) -> None:
        run = self.current_run()
        self.details.setPlainText(run_details(run) if run else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        rule = self.current_rule()
        running = self._hub.actions is not None
        builtin = rule is not None and rule.origin == BUILTIN_ORIGIN
        own = rule is not None and rule.origin not in ("config", BUILTIN_ORIGIN)
        self.add_button.setEnabled(running)
        for button in (self.edit_button, self.delete_button, self.toggle_button):
            button.setEnabled((running and own) or (builtin and button is not self.delete_button))
            button.setToolTip("" if own or rule is None else self.tr("This rule comes from the config file"))
        if builtin:
            self.delete_button.setToolTip(self.tr("A built-in notification cannot be deleted: turn it off"))
        self.restore_button.setVisible(self._builtin is not None)
        self.restore_button.setEnabled(builtin)
        self.toggle_button.setText(
            self.tr("Turn on") if rule is not None and not rule.enabled else self.tr("Turn off")
        )
        self.dry_run_button.setEnabled(running and rule is not None and not builtin)
        self.retry_button.setEnabled(
            running and any(j.state is JobState.FAILED for j in self.jobs_model.jobs())
        )
        self.run_again_button.setEnabled(running and (self.current_run() is not None or own))

    # --- editing ---------------------------------------------------------------------------

    def add_rule(self) -> None:
        self._edit(None)

    def edit_rule(self) -> None:
        rule = self.current_rule()
        if rule is not None:
            self._edit(rule)

    def _edit(self, rule: ActionRule | None) -> ActionRuleDialog:
        dialog = ActionRuleDialog(rule, self, fields_hint=self._fields_hint(rule))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save(dialog.rule()))
        dialog.open()  # not exec(): no nested loop on the qasync loop
        return dialog

    def _fields_hint(self, rule: ActionRule | None) -> str:
        if rule is None or rule.origin != BUILTIN_ORIGIN:
            return ""
        return self.tr("Fields: %s. Empty: the default text.") % TEMPLATE_FIELDS

    def _save(self, rule: ActionRule | None) -> None:
        if rule is not None and rule.origin == BUILTIN_ORIGIN and self._builtin is not None:
            self._builtin.set_builtin_templates(rule.id, rule.subject, rule.body)
            self._select_rule(rule.id)
            return
        store = self._hub.actions
        if rule is None or store is None:
            return
        try:
            rule_id = store.save_rule(rule)
        except Exception as exc:  # a name already taken (UNIQUE), the store locked
            QMessageBox.warning(self, self.tr("Action rule"), self.tr("Could not save the rule: %s") % exc)
            return
        self.refresh()
        self._select_rule(rule_id)

    def toggle_rule(self) -> None:
        rule, store = self.current_rule(), self._hub.actions
        if rule is not None and rule.origin == BUILTIN_ORIGIN and self._builtin is not None:
            self._builtin.set_builtin_enabled(rule.id, not rule.enabled)  # the menu follows
            self._select_rule(rule.id)
            return
        if rule is not None and rule.id is not None and store is not None:
            store.set_enabled(rule.id, not rule.enabled)
            self.refresh()

    def restore_default(self) -> None:
        rule = self.current_rule()
        if rule is not None and rule.origin == BUILTIN_ORIGIN and self._builtin is not None:
            self._builtin.restore_builtin(rule.id)
            self._select_rule(rule.id)

    def delete_rule(self) -> None:
        rule, store = self.current_rule(), self._hub.actions
        if rule is not None and rule.origin != BUILTIN_ORIGIN and rule.id is not None and store is not None:
            store.delete_rule(rule.id)
            self.refresh()

    def ask_smtp_password(self) -> QInputDialog:
        """Ask for the SMTP password (echo off) and keep it in the secret store."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("SMTP password"))
        dialog.setLabelText(self.tr("Password of the [smtp] user (kept in the system keyring):"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self._store_smtp_password)
        dialog.open()  # not exec(): no nested loop on the qasync loop
        return dialog

    def _store_smtp_password(self, password: str) -> None:
        if not password or self._save_smtp_password is None:
            return
        try:
            where = self._save_smtp_password(password)
        except Exception as exc:  # no keyring and no writable file
            self.status.setText(self.tr("Could not keep the SMTP password: %s") % exc)
            return
        self.status.setText(self.tr("SMTP password kept (%s).") % where)

    # --- running ---------------------------------------------------------------------------

    def dry_run(self) -> QDialog | None:
        rule, runner = self.current_rule(), self._hub.runner
        event_id = self._selected_event()
        if rule is None or runner is None:
            return None
        event = self._load_event(event_id) if event_id is not None else None
        if event is None:
            self.status.setText(self.tr("Select an event in the Events tab first: the dry run uses it."))
            return None
        title = self.tr("Dry run: %s on event #%d") % (rule.name, event.id)
        return show_text(self, title, runner.dry_run(rule, event))

    def retry_failed(self) -> None:
        """Failed jobs of the shown queue back in it, with a fresh set of attempts."""
        store, runner = self._hub.actions, self._hub.runner
        failed = [j.id for j in self.jobs_model.jobs() if j.state is JobState.FAILED]
        if store is None or runner is None or not failed:
            return
        count = store.retry_failed(failed, time.time())
        runner.wake()
        self.status.setText(self.tr("%n failed job(s) queued again.", "", count))
        self.refresh()

    def run_again(self) -> None:
        runner = self._hub.runner
        if runner is None:
            return
        run, rule = self.current_run(), self.current_rule()
        if run is not None:
            target = (run.rule_id, run.event_id)
        else:
            event_id = self._selected_event()
            if rule is None or rule.id is None or event_id is None:
                self.status.setText(self.tr("Select a run, or a rule and an event in the Events tab."))
                return
            target = (rule.id, event_id)
        runner.run_again(*target)
        self.status.setText(self.tr("Queued: rule #%d on event #%d, by hand.") % target)
        self.refresh()
