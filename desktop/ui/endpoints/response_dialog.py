"""Edit one endpoint's answer (status, headers, body template, delay, timeout) and fail its
next N requests. The answer is saved with the endpoint; fail-next-N applies at once, in this
process (desktop/listener/responses.py keeps the counter)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.responses import MAX_DELAY_MS, ResponseSpec, ResponseSpecError, response_spec
from desktop.ui.theme import Tone, text_style

# (endpoint path, how many, status): sets the live counter; None when no listener runs here.
FailNext = Callable[[str, int, int], None]


def summary(spec: ResponseSpec | None) -> str:
    """What the endpoints table shows in its Response column."""
    if spec is None:
        return QCoreApplication.translate("ResponseDialog", "default (200)")
    if spec.timeout:
        return QCoreApplication.translate("ResponseDialog", "never answers (timeout)")
    text = str(spec.status)
    if spec.delay_ms:
        text += QCoreApplication.translate("ResponseDialog", ", after {0} ms").format(spec.delay_ms)
    return text


def _status_spin(value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(200, 599)
    spin.setValue(value)
    return spin


class ResponseDialog(QDialog):
    """`spec()` is the answer as edited (None: the default). Read-only for an endpoint of the
    config file (its `response` is there); fail-next-N works for every endpoint."""

    def __init__(
        self,
        path: str,
        spec: ResponseSpec | None,
        *,
        read_only: bool,
        fail_next: FailNext | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._fail_next = fail_next
        self.setWindowTitle(self.tr("Response of {0}").format(path))
        current = spec or ResponseSpec()
        self.custom = QCheckBox(self.tr("Answer with a custom response"))
        self.custom.setChecked(spec is not None)
        self.status = _status_spin(current.status)
        self.headers = QPlainTextEdit("\n".join(f"{n}: {v}" for n, v in current.headers))
        self.headers.setPlaceholderText("X-Ack: 1")
        self.headers.setFixedHeight(60)
        self.body = QPlainTextEdit(current.body or "")
        self.body.setPlaceholderText('{"received": {{ id }}}')
        self.delay = QSpinBox()
        self.delay.setRange(0, MAX_DELAY_MS)
        self.delay.setSuffix(" ms")
        self.delay.setValue(current.delay_ms)
        self.timeout = QCheckBox(self.tr("Never answer (hold the connection until the sender gives up)"))
        self.timeout.setChecked(current.timeout)
        help_label = QLabel(
            self.tr(
                "Template fields: {{ id }} (event id), {{ method }}, {{ path }}, {{ query }}, "
                '{{ body }}, {{ json.field }}, {{ headers["X-Name"] }}. Empty: the default '
                '{"ok": true, "id": …}.'
            )
        )
        help_label.setWordWrap(True)
        help_label.setStyleSheet(text_style(Tone.NEUTRAL))
        self.answer = QGroupBox(self.tr("Answer (sent only after the request is stored)"))
        form = QFormLayout(self.answer)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Headers"), self.headers)
        form.addRow(self.tr("Body"), self.body)
        form.addRow("", help_label)
        form.addRow(self.tr("Delay"), self.delay)
        form.addRow("", self.timeout)
        self.custom.toggled.connect(self.answer.setEnabled)
        self.answer.setEnabled(spec is not None)
        if read_only:
            self.custom.setEnabled(False)
            self.answer.setEnabled(False)

        self.fail_count = QSpinBox()
        self.fail_count.setRange(0, 1_000_000)
        self.fail_count.setValue(3)
        self.fail_status = _status_spin(current.fail_status)
        self.fail_apply = QPushButton(self.tr("Apply now"))
        self.fail_apply.clicked.connect(self.apply_fail_next)
        self.fail_state = QLabel()
        fail_row = QHBoxLayout()
        fail_row.addWidget(QLabel(self.tr("Fail the next")))
        fail_row.addWidget(self.fail_count)
        fail_row.addWidget(QLabel(self.tr("requests with status")))
        fail_row.addWidget(self.fail_status)
        fail_row.addWidget(self.fail_apply)
        fail_row.addStretch(1)
        failing = QGroupBox(self.tr("Exercise the sender's retries"))
        fail_layout = QVBoxLayout(failing)
        fail_layout.addLayout(fail_row)
        fail_layout.addWidget(self.fail_state)
        failing.setEnabled(fail_next is not None)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(text_style(Tone.BAD))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if read_only:
            note = QLabel(self.tr("Defined in the config file: change its response there."))
            note.setStyleSheet(text_style(Tone.NEUTRAL))
            layout.addWidget(note)
        layout.addWidget(self.custom)
        layout.addWidget(self.answer)
        layout.addWidget(failing)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def spec(self) -> ResponseSpec | None:
        """The answer as edited; ResponseSpecError when it is not usable."""
        if not self.custom.isChecked():
            return None
        headers: dict[str, str] = {}
        for line in self.headers.toPlainText().splitlines():
            if not line.strip():
                continue
            name, colon, value = line.partition(":")
            if not colon:
                raise ResponseSpecError(self.tr("each header line is 'Name: value' (got {0!r})").format(line))
            headers[name.strip()] = value.strip()
        raw: dict[str, object] = {
            "status": self.status.value(),
            "headers": headers,
            "delay_ms": self.delay.value(),
            "timeout": self.timeout.isChecked(),
            "fail_status": self.fail_status.value(),
        }
        if self.body.toPlainText():
            raw["body"] = self.body.toPlainText()
        return response_spec(raw)

    def _accept_if_valid(self) -> None:
        try:
            self.spec()
        except ResponseSpecError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def apply_fail_next(self) -> None:
        if self._fail_next is None:
            return
        count, status = self.fail_count.value(), self.fail_status.value()
        self._fail_next(self.path, count, status)
        if count:
            self.fail_state.setText(self.tr("The next {0} request(s) get {1}.").format(count, status))
        else:
            self.fail_state.setText(self.tr("Not failing requests."))
