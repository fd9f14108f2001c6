"""Table models of the Actions tab: the rules (with their queue counts) and the runs.

Both are reloaded whole from the store (a few hundred rows at most); rows carry their record
under RECORD_ROLE so a proxy or a selection hands back the rule or run itself.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.actions import ActionJob, ActionKind, ActionRule, ActionRun, JobState
from desktop.core.translation_marks import QT_TRANSLATE_NOOP
from desktop.ui.locale_format import format_clock, format_moment
from desktop.ui.payments.notifier import BUILTIN_ORIGIN
from desktop.ui.theme import Tone, tone_colour

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
OK_COLOUR, BAD_COLOUR = Tone.GOOD, Tone.BAD  # colours for the palette in use (ui/theme.py)


def tr(text: str) -> str:
    """A text marked elsewhere (QT_TRANSLATE_NOOP("ActionsTab", ...)), translated where shown."""
    return QCoreApplication.translate("ActionsTab", text)


# A job's state as the Queue table shows it (core's values are stable English codes).
JOB_STATES: dict[JobState, str] = {
    JobState.PENDING: QT_TRANSLATE_NOOP("ActionsTab", "pending"),
    JobState.RUNNING: QT_TRANSLATE_NOOP("ActionsTab", "running"),
    JobState.RETRYING: QT_TRANSLATE_NOOP("ActionsTab", "retrying"),
    JobState.DONE: QT_TRANSLATE_NOOP("ActionsTab", "done"),
    JobState.FAILED: QT_TRANSLATE_NOOP("ActionsTab", "failed"),
}


def kind_label(kind: ActionKind) -> str:
    return {
        ActionKind.COMMAND: QCoreApplication.translate("ActionsTab", "Run a command"),
        ActionKind.EMAIL: QCoreApplication.translate("ActionsTab", "Send an e-mail"),
        ActionKind.NOTIFY: QCoreApplication.translate("ActionsTab", "Show a notification"),
    }[kind]


def what_it_does(rule: ActionRule) -> str:
    if rule.kind is ActionKind.COMMAND:
        return " ".join(rule.command)
    if rule.kind is ActionKind.EMAIL:
        return ", ".join(rule.to)
    return rule.subject or rule.name


class BuiltinInfo(NamedTuple):
    """What the rules table shows of a built-in notification besides its rule."""

    when: str  # short, in the Filter column
    when_long: str  # its tooltip
    problem: str  # the last template error, '' when it renders
    edited: bool  # its title or text differ from the default


class RuleCol(IntEnum):
    ENABLED = 0
    NAME = 1
    KIND = 2
    FILTER = 3
    DOES = 4
    QUEUE = 5


class RulesModel(QAbstractTableModel):
    HEADERS: ClassVar[dict[RuleCol, str]] = {
        RuleCol.ENABLED: QT_TRANSLATE_NOOP("ActionsTab", "On"),
        RuleCol.NAME: QT_TRANSLATE_NOOP("ActionsTab", "Name"),
        RuleCol.KIND: QT_TRANSLATE_NOOP("ActionsTab", "Action"),
        RuleCol.FILTER: QT_TRANSLATE_NOOP("ActionsTab", "Filter"),
        RuleCol.DOES: QT_TRANSLATE_NOOP("ActionsTab", "Command / recipients"),
        RuleCol.QUEUE: QT_TRANSLATE_NOOP("ActionsTab", "Queue"),
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rules: list[ActionRule] = []
        self._counts: dict[int, dict[str, int]] = {}
        self._builtin: dict[int, BuiltinInfo] = {}

    def set_rules(
        self,
        rules: list[ActionRule],
        counts: dict[int, dict[str, int]],
        builtin: dict[int, BuiltinInfo] | None = None,
    ) -> None:
        """`builtin`: what to show of the built-in rules, by id."""
        self.beginResetModel()
        self._rules = list(rules)
        self._counts = counts
        self._builtin = dict(builtin or {})
        self.endResetModel()

    def rule(self, row: int) -> ActionRule | None:
        return self._rules[row] if 0 <= row < len(self._rules) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rules)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RuleCol)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[RuleCol(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rule = self._rules[index.row()]
        col = RuleCol(index.column())
        if role == RECORD_ROLE:
            return rule
        if role == Qt.ItemDataRole.CheckStateRole and col == RuleCol.ENABLED:
            return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
        if rule.origin == BUILTIN_ORIGIN and col in (
            RuleCol.NAME,
            RuleCol.FILTER,
            RuleCol.DOES,
            RuleCol.QUEUE,
        ):
            return self._builtin_data(rule, col, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(rule, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == RuleCol.NAME and rule.origin == "config":
            return QCoreApplication.translate("ActionsTab", "From the config file: edit it there")
        if role == Qt.ItemDataRole.ForegroundRole and col == RuleCol.QUEUE:
            failed = self._counts.get(rule.id or 0, {}).get("failed", 0)
            return tone_colour(BAD_COLOUR) if failed else None
        return None

    def _builtin_data(self, rule: ActionRule, col: RuleCol, role: int) -> Any:
        """A built-in notification (ui/payments/notifier.py): no filter and no queue of its own."""
        info = self._builtin.get(rule.id or 0, BuiltinInfo("", "", "", False))
        display, tip = role == Qt.ItemDataRole.DisplayRole, role == Qt.ItemDataRole.ToolTipRole
        if col == RuleCol.NAME:
            if display:
                return rule.name + " " + QCoreApplication.translate("ActionsTab", "(built-in)")
            return (
                QCoreApplication.translate(
                    "ActionsTab", "Built-in: it can be turned off and its title and text edited, not deleted"
                )
                if tip
                else None
            )
        if col == RuleCol.FILTER:
            return info.when if display else info.when_long if tip else None
        if col == RuleCol.DOES:
            if display:
                return (
                    QCoreApplication.translate("ActionsTab", "edited title and text")
                    if info.edited
                    else QCoreApplication.translate("ActionsTab", "default title and text")
                )
            return (
                QCoreApplication.translate("ActionsTab", "Title: {title}\nText: {body}").format(
                    title=rule.subject, body=rule.body
                )
                if tip
                else None
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return tone_colour(BAD_COLOUR) if info.problem else None
        if display:
            return info.problem or QCoreApplication.translate("ActionsTab", "shown at once, no queue")
        return info.problem or None if tip else None

    def _text(self, rule: ActionRule, col: RuleCol) -> str | None:
        if col == RuleCol.NAME:
            return rule.name + (
                " " + QCoreApplication.translate("ActionsTab", "(config file)")
                if rule.origin == "config"
                else ""
            )
        if col == RuleCol.KIND:
            return kind_label(rule.kind)
        if col == RuleCol.FILTER:
            return rule.filter or QCoreApplication.translate("ActionsTab", "(every event)")
        if col == RuleCol.DOES:
            return what_it_does(rule)
        if col == RuleCol.QUEUE:
            counts = self._counts.get(rule.id or 0, {})
            waiting = counts.get("pending", 0) + counts.get("retrying", 0)
            return QCoreApplication.translate(
                "ActionsTab", "{done} done · {waiting} waiting · {failed} failed"
            ).format(done=counts.get("done", 0), waiting=waiting, failed=counts.get("failed", 0))
        return None


class RunCol(IntEnum):
    WHEN = 0
    RULE = 1
    EVENT = 2
    RESULT = 3
    DURATION = 4


class RunsModel(QAbstractTableModel):
    HEADERS: ClassVar[dict[RunCol, str]] = {
        RunCol.WHEN: QT_TRANSLATE_NOOP("ActionsTab", "Started"),
        RunCol.RULE: QT_TRANSLATE_NOOP("ActionsTab", "Rule"),
        RunCol.EVENT: QT_TRANSLATE_NOOP("ActionsTab", "Event"),
        RunCol.RESULT: QT_TRANSLATE_NOOP("ActionsTab", "Result"),
        RunCol.DURATION: QT_TRANSLATE_NOOP("ActionsTab", "Duration"),
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._runs: list[ActionRun] = []

    def set_runs(self, runs: list[ActionRun]) -> None:
        self.beginResetModel()
        self._runs = list(runs)
        self.endResetModel()

    def run(self, row: int) -> ActionRun | None:
        return self._runs[row] if 0 <= row < len(self._runs) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._runs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RunCol)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[RunCol(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        run = self._runs[index.row()]
        col = RunCol(index.column())
        if role == RECORD_ROLE:
            return run
        if role == Qt.ItemDataRole.DisplayRole:
            return run_cell(run, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == RunCol.RESULT:
            return tone_colour(OK_COLOUR if run.ok else BAD_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and col == RunCol.RESULT:
            return run_details(run)
        return None


def run_cell(run: ActionRun, col: RunCol) -> str:
    if col == RunCol.WHEN:
        return format_moment(run.started_at, None)
    if col == RunCol.RULE:
        return run.rule_name + (
            " " + QCoreApplication.translate("ActionsTab", "(by hand)") if run.manual else ""
        )
    if col == RunCol.EVENT:
        return f"#{run.event_id}"
    if col == RunCol.RESULT:
        return run.answer
    return f"{run.duration_s * 1000:.0f} ms"


def run_details(run: ActionRun) -> str:
    """One run in full, for reading: the answer, then stdout and stderr as plain text."""
    lines = [
        QCoreApplication.translate("ActionsTab", "Rule: {name} ({kind})").format(
            name=run.rule_name, kind=kind_label(run.kind)
        ),
        QCoreApplication.translate("ActionsTab", "Event: #{id}").format(id=run.event_id),
        QCoreApplication.translate("ActionsTab", "Result: {answer}").format(answer=run.answer),
    ]
    if run.exit_code is not None:
        lines.append(QCoreApplication.translate("ActionsTab", "Exit code: {code}").format(code=run.exit_code))
    if run.kind is ActionKind.COMMAND:
        lines += [
            "",
            QCoreApplication.translate("ActionsTab", "stdout:"),
            run.stdout or QCoreApplication.translate("ActionsTab", "(empty)"),
            "",
            QCoreApplication.translate("ActionsTab", "stderr:"),
            run.stderr or QCoreApplication.translate("ActionsTab", "(empty)"),
        ]
    return "\n".join(lines)


class JobCol(IntEnum):
    STATE = 0
    EVENT = 1
    ATTEMPTS = 2
    NEXT = 3
    ERROR = 4


STATE_COLOURS = {JobState.DONE: OK_COLOUR, JobState.RETRYING: Tone.WARNING, JobState.FAILED: BAD_COLOUR}


class JobsModel(QAbstractTableModel):
    """A rule's queue: every job with its state, newest first (what waits, what failed)."""

    HEADERS: ClassVar[dict[JobCol, str]] = {
        JobCol.STATE: QT_TRANSLATE_NOOP("ActionsTab", "State"),
        JobCol.EVENT: QT_TRANSLATE_NOOP("ActionsTab", "Event"),
        JobCol.ATTEMPTS: QT_TRANSLATE_NOOP("ActionsTab", "Attempts"),
        JobCol.NEXT: QT_TRANSLATE_NOOP("ActionsTab", "Next try"),
        JobCol.ERROR: QT_TRANSLATE_NOOP("ActionsTab", "Last error"),
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._jobs: list[ActionJob] = []

    def set_jobs(self, jobs: list[ActionJob]) -> None:
        self.beginResetModel()
        self._jobs = list(jobs)
        self.endResetModel()

    def jobs(self) -> list[ActionJob]:
        return list(self._jobs)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(JobCol)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[JobCol(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        job = self._jobs[index.row()]
        col = JobCol(index.column())
        if role == RECORD_ROLE:
            return job
        if role == Qt.ItemDataRole.ForegroundRole and col == JobCol.STATE and job.state in STATE_COLOURS:
            return tone_colour(STATE_COLOURS[job.state])
        if role == Qt.ItemDataRole.DisplayRole:
            return job_cell(job, col)
        return None


def job_cell(job: ActionJob, col: JobCol) -> str:
    if col == JobCol.STATE:
        return tr(JOB_STATES.get(job.state, job.state.value)) + (
            " " + QCoreApplication.translate("ActionsTab", "(by hand)") if job.manual else ""
        )
    if col == JobCol.EVENT:
        return f"#{job.event_id}"
    if col == JobCol.ATTEMPTS:
        return str(job.attempts)
    if col == JobCol.NEXT:
        waiting = job.state in (JobState.PENDING, JobState.RETRYING)
        return format_clock(job.next_at) if waiting else ""
    return job.last_error
