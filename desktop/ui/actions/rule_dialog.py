"""Add or edit one action rule: a name, a filter, and what to do (command, e-mail, notification).

The command is an argument list, one argument per line, never a shell string: what a person
types on a line is one argument, whatever characters it holds.
"""

from __future__ import annotations

import shlex

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.actions import DEFAULT_TIMEOUT_S, MAX_TIMEOUT_S, ActionKind, ActionRule
from desktop.core.query import QuerySyntaxError, parse
from desktop.ui.actions.models import kind_label
from desktop.ui.payments.notifier import BUILTIN_ORIGIN
from desktop.ui.theme import Tone, text_style

MONEY_HINT = "signature:valid"


class ActionRuleDialog(QDialog):
    """`rule()` is the edited rule once the dialog is accepted.

    A built-in rule (the notifier's) keeps its name, kind and filter: only its title and text
    templates are edited; `fields_hint` names the fields they may use.
    """

    def __init__(self, rule: ActionRule | None, parent: QWidget | None = None, fields_hint: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Action rule") if rule is None else self.tr("Action rule: %s") % rule.name
        )
        self.resize(560, 480)
        self._id = rule.id if rule is not None else None
        self._origin = rule.origin if rule is not None else ""
        self.name = QLineEdit(rule.name if rule else "")
        self.filter = QLineEdit(rule.filter if rule else "")
        self.filter.setPlaceholderText("provider:juno status:CONFIRMED signature:valid")
        self.filter_hint = QLabel(
            self.tr("For anything touching money, add %s: only verified deliveries then match.") % MONEY_HINT
        )
        self.filter_hint.setWordWrap(True)
        self.kind = QComboBox()
        for kind in ActionKind:
            self.kind.addItem(kind_label(kind), kind)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._command_page(rule))
        self.pages.addWidget(self._email_page(rule))
        self.pages.addWidget(self._notify_page(rule))
        self.kind.currentIndexChanged.connect(self.pages.setCurrentIndex)
        self.kind.setCurrentIndex(list(ActionKind).index(rule.kind) if rule else 0)
        self.error = QLabel()
        self.error.setStyleSheet(text_style(Tone.BAD))
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Filter"), self.filter)
        form.addRow("", self.filter_hint)
        form.addRow(self.tr("Action"), self.kind)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.pages, 1)
        if fields_hint:
            hint = QLabel(fields_hint)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        if rule is not None and rule.origin == BUILTIN_ORIGIN:
            # Built in: what it is and when it is due are the app's; only its templates change.
            for widget in (self.name, self.filter, self.kind):
                widget.setEnabled(False)
            self.filter_hint.setVisible(False)
            self.filter.setPlaceholderText(self.tr("built in: the app decides when it is due"))
            self.title.setPlaceholderText(self.tr("empty: the default text"))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._rule: ActionRule | None = None
        self._enabled = rule.enabled if rule else True

    def _command_page(self, rule: ActionRule | None) -> QWidget:
        page = QWidget()
        self.argv = QPlainTextEdit("\n".join(rule.command) if rule else "")
        self.argv.setPlaceholderText("python3\n/home/me/scripts/on_paid.py")
        self.argv_preview = QLabel()
        self.argv_preview.setWordWrap(True)
        self.argv.textChanged.connect(self._show_argv)
        self.cwd = QLineEdit(rule.cwd if rule else "")
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(0.1, MAX_TIMEOUT_S)
        self.timeout.setSuffix(" s")
        self.timeout.setValue(rule.timeout_s if rule else DEFAULT_TIMEOUT_S)
        form = QFormLayout(page)
        form.addRow(self.tr("Arguments (one per line)"), self.argv)
        form.addRow("", self.argv_preview)
        form.addRow(self.tr("Working directory"), self.cwd)
        form.addRow(self.tr("Timeout"), self.timeout)
        note = QLabel(
            self.tr(
                "The event's body arrives on stdin; WEBHOOK_EVENT_ID, WEBHOOK_STATUS, WEBHOOK_AMOUNT, "
                "WEBHOOK_REFERENCE… in the environment; WEBHOOK_EVENT_JSON names a file with the whole "
                "event. Exit code 0 is success. No shell is involved."
            )
        )
        note.setWordWrap(True)
        form.addRow("", note)
        self._show_argv()
        return page

    def _email_page(self, rule: ActionRule | None) -> QWidget:
        page = QWidget()
        self.to = QLineEdit(", ".join(rule.to) if rule else "")
        self.to.setPlaceholderText(self.tr("finance@example.com"))
        self.subject = QLineEdit(rule.subject if rule and rule.kind is ActionKind.EMAIL else "")
        self.subject.setPlaceholderText(self.tr("empty: the built-in Portuguese subject"))
        self.body = QPlainTextEdit(rule.body if rule and rule.kind is ActionKind.EMAIL else "")
        self.body.setPlaceholderText(
            self.tr("Order {{ reference }} from {{ payer }} is paid: {{ amount_text }}.")
        )
        form = QFormLayout(page)
        form.addRow(self.tr("To"), self.to)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Body"), self.body)
        return page

    def _notify_page(self, rule: ActionRule | None) -> QWidget:
        page = QWidget()
        self.title = QLineEdit(rule.subject if rule and rule.kind is ActionKind.NOTIFY else "")
        self.title.setPlaceholderText(self.tr("empty: the rule's name"))
        self.message = QPlainTextEdit(rule.body if rule and rule.kind is ActionKind.NOTIFY else "")
        self.message.setPlaceholderText("{{ reference }} {{ status }} — {{ amount_text }}")
        form = QFormLayout(page)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Text"), self.message)
        return page

    def _argv(self) -> tuple[str, ...]:
        return tuple(line for line in self.argv.toPlainText().splitlines() if line.strip())

    def _show_argv(self) -> None:
        argv = self._argv()
        self.argv_preview.setText(self.tr("Runs: %s") % shlex.join(argv) if argv else "")

    def _current(self) -> ActionRule:
        kind = ActionKind(self.kind.currentData())
        rule = ActionRule(
            name=self.name.text().strip(),
            kind=kind,
            filter=self.filter.text().strip(),
            enabled=self._enabled,
            origin=self._origin,
            id=self._id,
        )
        if kind is ActionKind.COMMAND:
            return rule.with_(
                command=self._argv(), cwd=self.cwd.text().strip(), timeout_s=self.timeout.value()
            )
        if kind is ActionKind.EMAIL:
            to = tuple(a.strip() for a in self.to.text().split(",") if a.strip())
            return rule.with_(to=to, subject=self.subject.text(), body=self.body.toPlainText())
        return rule.with_(subject=self.title.text(), body=self.message.toPlainText())

    def _save(self) -> None:
        rule = self._current()
        try:
            parse(rule.filter)
        except QuerySyntaxError as exc:
            self.error.setText(self.tr("The filter is not valid: %s") % exc)
            return
        problem = rule.problem()
        if problem is not None:
            self.error.setText(problem)
            return
        self._rule = rule
        self.accept()

    def rule(self) -> ActionRule | None:
        return self._rule
