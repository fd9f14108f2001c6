"""The inspector's "Attempts" tab: every send of the shown event, and what the target answered.

`AttemptDetails` (one attempt's answer, or its error in words) is also the result pane of the
edit-and-re-send dialog.
"""

from __future__ import annotations

import html
from enum import IntEnum
from http import HTTPStatus
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.body_view import hexdump
from desktop.core.records import RESPONSE_BODY_LIMIT, Attempt, ErrorKind
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.locale_format import format_moment, format_number
from desktop.ui.theme import Tone, tone_colour, window_tone

Index = QModelIndex | QPersistentModelIndex
PREVIEW_CHARS = 2000  # of a response body, until "Show all"

# What a person can do about each failure, after the error itself.
HINTS = {
    ErrorKind.REFUSED: QT_TRANSLATE_NOOP(
        "AttemptDetails", "nothing is listening there: is the target app running, on that port?"
    ),
    ErrorKind.TIMEOUT: QT_TRANSLATE_NOOP(
        "AttemptDetails", "the target took too long: raise the target's timeout or check the app"
    ),
    ErrorKind.TLS: QT_TRANSLATE_NOOP(
        "AttemptDetails", "the HTTPS certificate was not accepted; use http:// for a local app"
    ),
    ErrorKind.DNS: QT_TRANSLATE_NOOP("AttemptDetails", "check the host name in the URL"),
    ErrorKind.INVALID_URL: QT_TRANSLATE_NOOP("AttemptDetails", "fix the URL and send again"),
    ErrorKind.INVALID_HEADER: QT_TRANSLATE_NOOP("AttemptDetails", "fix or remove that header and send again"),
    ErrorKind.TOO_LARGE: QT_TRANSLATE_NOOP(
        "AttemptDetails", "the body is over the re-send limit; nothing was sent"
    ),
}
OK_COLOUR, WARN_COLOUR, BAD_COLOUR = Tone.GOOD, Tone.WARNING, Tone.BAD  # see ui/theme.py


def outcome_text(attempt: Attempt) -> str:
    """The outcome in words: "HTTP 200 OK", or the error with a hint when there is one."""
    if attempt.status_code is not None:
        try:
            phrase = HTTPStatus(attempt.status_code).phrase
        except ValueError:
            phrase = ""
        return f"HTTP {attempt.status_code} {phrase}".rstrip()
    hint = HINTS.get(attempt.error_kind)
    return (
        f"{attempt.error} ({QCoreApplication.translate('AttemptDetails', hint)})" if hint else attempt.error
    )


def outcome_colour(attempt: Attempt) -> Tone:
    if attempt.ok:
        return OK_COLOUR
    if attempt.status_code is not None and attempt.status_code < 500 and attempt.status_code != 429:
        return WARN_COLOUR
    return BAD_COLOUR


def body_text(body: bytes) -> str:
    """A response body for reading: text if it is text, else a hex dump."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return hexdump(body)
    return hexdump(body) if "\x00" in text else text


class AttemptDetails(QWidget):
    """One attempt: the outcome line, the response headers and body (cut, with "Show all")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headers = QPlainTextEdit(readOnly=True)
        self.headers.setAccessibleName(self.tr("Response headers"))
        self.headers.setFont(mono)
        self.headers.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.headers.setMinimumHeight(56)  # three lines even in a cramped inspector
        self.headers.setMaximumHeight(110)
        self.body_note = QLabel()
        self.body_note.setWordWrap(True)
        self.body = QPlainTextEdit(readOnly=True)
        self.body.setAccessibleName(self.tr("Response body"))
        self.body.setFont(mono)
        self.body.setMinimumHeight(56)
        self.show_all = QPushButton(self.tr("Show all"))
        self.show_all.setCheckable(True)
        self.show_all.toggled.connect(lambda _on: self._show_body())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.headers_label = QLabel(self.tr("Response headers:"))
        layout.addWidget(self.summary)
        layout.addWidget(self.headers_label)
        layout.addWidget(self.headers)
        layout.addWidget(self.body_note)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.show_all, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(0)  # takes the room instead of the body when there is no answer
        self._layout = layout
        self._attempt: Attempt | None = None
        self.show_attempt(None)

    def show_attempt(self, attempt: Attempt | None) -> None:
        self._attempt = attempt
        self.show_all.setChecked(False)
        if attempt is None:
            self.summary.setText("")
            self.headers.clear()
            self._show_body()
            return
        when = format_moment(attempt.started_at, None)
        sent = f"{attempt.method} {attempt.url}".strip()
        colour = window_tone(outcome_colour(attempt)).name()
        muted = window_tone(Tone.NEUTRAL).name()
        outcome = html.escape(outcome_text(attempt), quote=False)
        mark = "✔" if attempt.ok else "✖"
        latency = (
            self.tr(" in {0} ms").format(format_number(round(attempt.latency_ms)))
            if attempt.status_code is not None
            else ""
        )
        self.summary.setText(
            f"<b style='color:{colour}'>{mark} {outcome}</b>{latency}<br>"
            f"<span style='color:{muted}'>{when} · {html.escape(sent, quote=False)}</span>"
        )
        self.headers.setPlainText("\n".join(f"{name}: {value}" for name, value in attempt.response_headers))
        self._show_body()

    def _show_body(self) -> None:
        attempt = self._attempt
        answered = attempt is not None and attempt.status_code is not None
        # No answer, no response to show: the summary line says what happened instead.
        for widget in (self.headers_label, self.headers, self.body_note, self.body):
            widget.setVisible(answered)
        self._layout.setStretch(self._layout.count() - 1, 0 if answered else 1)
        if attempt is None or attempt.status_code is None:
            self.body.clear()
            self.show_all.setVisible(False)
            return
        text = body_text(attempt.response_body)
        cut = len(text) > PREVIEW_CHARS and not self.show_all.isChecked()
        notes = [self.tr("Response body: %Ln byte(s)", "", len(attempt.response_body))]
        if attempt.truncated:
            notes.append(
                self.tr("the target sent more; only the first {0} KiB are kept").format(
                    RESPONSE_BODY_LIMIT // 1024
                )
            )
        if cut:
            notes.append(self.tr("showing the first {0} characters").format(format_number(PREVIEW_CHARS)))
        self.body_note.setText(" — ".join(notes))
        self.body.setPlainText(text[:PREVIEW_CHARS] if cut else text)
        self.show_all.setVisible(len(text) > PREVIEW_CHARS)
        self.show_all.setText(self.tr("Show less") if self.show_all.isChecked() else self.tr("Show all"))


class Col(IntEnum):
    TIME = 0
    TARGET = 1
    OUTCOME = 2
    LATENCY = 3


HEADERS = {
    Col.TIME: QT_TRANSLATE_NOOP("AttemptsModel", "Time"),
    Col.TARGET: QT_TRANSLATE_NOOP("AttemptsModel", "Target"),
    Col.OUTCOME: QT_TRANSLATE_NOOP("AttemptsModel", "Status / error"),
    Col.LATENCY: QT_TRANSLATE_NOOP("AttemptsModel", "Latency"),
}
ATTEMPT_ROLE = Qt.ItemDataRole.UserRole + 1  # the Attempt itself


class AttemptsModel(QAbstractTableModel):
    """One event's attempts, newest first (a handful: a full reload per change is fine)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._attempts: list[Attempt] = []

    def set_attempts(self, attempts: list[Attempt]) -> None:
        self.beginResetModel()
        self._attempts = sorted(attempts, key=lambda a: (a.started_at, a.id or 0), reverse=True)
        self.endResetModel()

    def attempt(self, row: int) -> Attempt | None:
        return self._attempts[row] if 0 <= row < len(self._attempts) else None

    def row_of(self, attempt_id: int | None) -> int | None:
        return next((row for row, a in enumerate(self._attempts) if a.id == attempt_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._attempts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Col)
        ):
            return QCoreApplication.translate("AttemptsModel", HEADERS[Col(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        attempt = self.attempt(index.row()) if index.isValid() else None
        if attempt is None:
            return None
        col = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(attempt, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == Col.OUTCOME:
            return tone_colour(outcome_colour(attempt))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{attempt.method} {attempt.url}".strip()
        if role == ATTEMPT_ROLE:
            return attempt
        return None


def _cell(attempt: Attempt, col: Col) -> str:
    if col == Col.TIME:
        return format_moment(attempt.started_at, None)
    if col == Col.TARGET:
        return attempt.target_name or attempt.url
    if col == Col.OUTCOME:
        return outcome_text(attempt) if attempt.status_code is not None else f"✖ {attempt.error}"
    return (
        f"{format_number(round(attempt.latency_ms))} ms"
        if attempt.status_code is not None or attempt.latency_ms
        else ""
    )


class AttemptsPanel(QWidget):
    """Attempts of one event; follows `attempt_recorded` for the event shown (by id)."""

    def __init__(self, service: DeliveryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.event_id: int | None = None
        self.model = AttemptsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Re-send attempts"))
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(Col.OUTCOME, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(Col.TIME, 140)
        self.table.setColumnWidth(Col.TARGET, 140)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.details = AttemptDetails()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([120, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        service.attempt_recorded.connect(self._on_recorded)
        self.show_event(None)

    def add_below(self, widget: QWidget) -> None:
        """More of what was done with the shown event, under its sends (the action runs)."""
        layout = self.layout()
        if layout is not None:
            layout.addWidget(widget)

    def show_event(self, event_id: int | None) -> None:
        """Show the attempts of this event (None: nothing selected)."""
        self.event_id = event_id
        self._reload()

    def _on_recorded(self, event_id: int) -> None:
        if event_id == self.event_id:
            self._reload()

    def _reload(self) -> None:
        """Reload the shown event's attempts and select the newest (most likely just sent)."""
        attempts = self._service.attempts_for_event(self.event_id) if self.event_id is not None else []
        self.model.set_attempts(attempts)
        if self.event_id is None:
            self.empty.setText(self.tr("Select an event to see where it was re-sent or forwarded."))
        elif not attempts:
            self.empty.setText(
                self.tr("Not re-sent or forwarded yet. Attempts appear here, kept across restarts.")
            )
        else:
            self.empty.setText(self.tr("%n attempt(s), newest first.", "", len(attempts)))
        if attempts:
            self.table.selectRow(0)
        else:
            self.details.show_attempt(None)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.show_attempt(self.model.attempt(current.row()) if current.isValid() else None)
