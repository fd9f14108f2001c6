"""Edit and re-send: change method, URL, headers and body of a stored event, then send it.

What goes out is exactly what the dialog shows. An untouched body is sent as the original
bytes (a text editor would turn CRLF into LF and non-breaking spaces into spaces); a binary
body is shown as hex and cannot be edited. Re-signing recomputes the provider's signature
header(s) for the edited body with the endpoint's secret, at send time (timestamps are fresh).
Open with `.open()`; sending runs on the qasync loop, never in a nested event loop.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.core import providers
from desktop.core.body_view import hexdump
from desktop.core.model import CapturedRequest, StoredEvent
from desktop.core.records import Attempt
from desktop.core.targets import Target, TargetError, validate_url
from desktop.delivery.curl import needs_body_file, to_curl, write_body_file
from desktop.delivery.request_spec import OutgoingRequest, build_outgoing, clean_headers
from desktop.runtime import Deriver
from desktop.ui.delivery.attempts_panel import AttemptDetails
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.delivery.targets_dialog import HeaderTable
from desktop.ui.locale_format import format_number
from desktop.ui.theme import Tone, text_style

METHODS = ("POST", "PUT", "PATCH", "GET", "DELETE", "HEAD", "OPTIONS")
EDITABLE_LIMIT = 2 * 1024 * 1024  # larger bodies are shown read-only (an editor that size crawls)
RESIGN_DELAY_MS = 200  # the re-sign preview follows typing, but not every keystroke


def copy_curl(request: OutgoingRequest, event_id: int) -> tuple[str, str]:
    """Put a cURL command for `request` on the clipboard; returns it and a note to show.

    A binary body cannot travel in a pasted command: it is written to a file in the temp
    directory, which the command reads (`--data-binary @file`), and the note says where.
    """
    if needs_body_file(request.body):
        path = Path(tempfile.gettempdir()) / f"webhook-event-{event_id}-body.bin"
        command = to_curl(request, body_file=write_body_file(request, path))
        note = QCoreApplication.translate(
            "ResendDialog", "Copied. The body is binary, so it was saved to {0}; the command reads it."
        ).format(path)
    else:
        command = to_curl(request)
        note = QCoreApplication.translate("ResendDialog", "Copied the cURL command to the clipboard.")
    QGuiApplication.clipboard().setText(command)
    return command, note


@dataclass(frozen=True, slots=True)
class Signing:
    """How an event's endpoint signs: its provider and secret (None: none configured)."""

    provider: str
    endpoint: str
    secret: str | None


def signing_for(deriver: Deriver | None, event: StoredEvent) -> Signing | None:
    """The provider and secret of the endpoint `event` arrived on, if that provider signs."""
    if deriver is None:
        return None
    endpoint = deriver.settings.endpoint_for(event.request.path)
    impl = providers.PROVIDERS.get(endpoint.provider) if endpoint else None
    if endpoint is None or impl is None or not impl.signed:
        return None
    return Signing(endpoint.provider, endpoint.path, deriver.secret_for(endpoint) or None)


class ResendDialog(QDialog):
    """Edit one stored event and send it; the result (or the error in words) shows on the right."""

    def __init__(self, service: DeliveryService, event: StoredEvent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._event = event
        self._signing = signing_for(service.deriver, event)
        self._original = event.request.body
        self._locked_body = needs_body_file(self._original) or len(self._original) > EDITABLE_LIMIT
        self.task: asyncio.Task[Attempt | None] | None = None
        self.setWindowTitle(self.tr("Edit and re-send event #{0}").format(event.id))
        self.resize(1100, 680)

        self.target_combo = QComboBox()
        for target in service.list_targets():
            self.target_combo.addItem(f"{target.name} — {target.url}", target)
        self.target_combo.addItem(self.tr("A URL typed below (no saved target)"), None)
        self.target_combo.currentIndexChanged.connect(lambda _i: self._apply_target())
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(METHODS)
        self.url = QLineEdit()
        self.url.setPlaceholderText("http://127.0.0.1:3000/webhooks")
        self.url.textChanged.connect(self._check_url)
        self.url_error = QLabel()
        self.url_error.setStyleSheet(text_style(Tone.BAD))
        self.url_error.setWordWrap(True)
        self.headers = HeaderTable()
        self.body = QPlainTextEdit()
        self.body.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.body_note = QLabel()
        self.body_note.setWordWrap(True)
        self.resign = QCheckBox(self.tr("Re-sign with the endpoint's secret"))
        self.resign_note = QLabel()
        self.resign_note.setWordWrap(True)
        self._resign_timer = QTimer(self)
        self._resign_timer.setSingleShot(True)
        self._resign_timer.setInterval(RESIGN_DELAY_MS)
        self._resign_timer.timeout.connect(self._update_resign_note)
        self.resign.toggled.connect(lambda _on: self._update_resign_note())
        self.body.textChanged.connect(self._resign_timer.start)
        self.body.textChanged.connect(self._describe_body)
        self.copy_button = QPushButton(self.tr("Copy as cURL"))
        self.copy_button.clicked.connect(self.copy_as_curl)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.copy_note = QLabel()
        self.copy_note.setWordWrap(True)
        self.copy_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self.tr("Not sent yet."))
        self.status.setWordWrap(True)
        self.result_view = AttemptDetails()  # not `result`: that is QDialog.result()

        for widget, name in (
            (self.target_combo, self.tr("Target")),
            (self.method, self.tr("Method")),
            (self.url, self.tr("URL")),
            (self.headers, self.tr("Headers")),
            (self.body, self.tr("Body")),
        ):
            widget.setAccessibleName(name)
        self._layout(close)
        self._fill_body()
        self._untouched_note = self.body_note.text()
        self.body.document().modificationChanged.connect(lambda _m: self._describe_body())
        self._fill_signing()
        self._apply_target()

    def _layout(self, close: QPushButton) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Target:"), self.target_combo)
        request_line = QHBoxLayout()
        request_line.addWidget(self.method)
        request_line.addWidget(self.url, 1)
        form.addRow(self.tr("Request:"), request_line)
        form.addRow("", self.url_error)
        editor = QWidget()
        left = QVBoxLayout(editor)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(form)
        left.addWidget(
            QLabel(self.tr("Headers (sent in this order and case; Host and Content-Length are computed):"))
        )
        left.addWidget(self.headers, 2)
        left.addWidget(self.body_note)
        left.addWidget(self.body, 3)
        left.addWidget(self.resign)
        left.addWidget(self.resign_note)
        result_box = QGroupBox(self.tr("Result"))
        right = QVBoxLayout(result_box)
        right.addWidget(self.status)
        right.addWidget(self.result_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(editor)
        splitter.addWidget(result_box)
        splitter.setSizes([640, 460])
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.copy_note, 1)
        buttons.addWidget(self.send_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # --- filling ---------------------------------------------------------------------------

    def _fill_body(self) -> None:
        body = self._original
        if needs_body_file(body):
            self.body.setPlainText(hexdump(body))
            self.body_note.setText(
                self.tr(
                    "Binary body (%Ln byte(s)), shown as hex: it is sent exactly as received "
                    "and cannot be edited here.",
                    "",
                    len(body),
                )
            )
        elif len(body) > EDITABLE_LIMIT:
            self.body.setPlainText(body[:EDITABLE_LIMIT].decode("utf-8", errors="replace"))
            self.body_note.setText(
                self.tr("Body of %Ln byte(s): too large to edit here; sent as received.", "", len(body))
            )
        else:
            self.body.setPlainText(body.decode("utf-8"))
            self.body_note.setText(
                self.tr(
                    "Body (%Ln byte(s)): edit it freely; untouched, it goes byte for byte.", "", len(body)
                )
            )
        self.body.setReadOnly(self._locked_body)

    def _describe_body(self) -> None:
        """Once the body is edited, the note says so (and the size that will go out)."""
        if self._locked_body:
            return
        if not self.body.document().isModified():  # undone back to the original
            self.body_note.setText(self._untouched_note)
            return
        size = len(self.body_bytes())
        self.body_note.setText(
            self.tr("Body edited ({size} bytes): the edited text is sent, not the original bytes.").format(
                size=format_number(size)
            )
        )

    def _fill_signing(self) -> None:
        signing = self._signing
        usable = signing is not None and bool(signing.secret)
        self.resign.setEnabled(usable)
        if signing is None:
            self.resign_note.setText(
                self.tr("This event's endpoint has no signing provider: nothing to re-sign.")
            )
        elif not signing.secret:
            self.resign_note.setText(
                self.tr("No secret is set for {0} ({1}): cannot re-sign.").format(
                    signing.endpoint, signing.provider
                )
            )
        else:
            self._update_resign_note()

    def _apply_target(self) -> None:
        """Prefill method, URL and headers as a plain re-send to the chosen target would send them."""
        target: Target | None = self.target_combo.currentData()
        request = self._event.request
        if target is not None:
            out = build_outgoing(request, target)
            self.url.setText(out.url)
            headers = list(out.headers)
        else:
            headers = clean_headers(request.headers)
        self.method.setCurrentText(request.method)
        self.headers.set_headers(headers)
        self._update_resign_note()

    def _check_url(self, url: str) -> None:
        try:
            validate_url(url)
            self.url_error.setText("")
        except TargetError as exc:
            self.url_error.setText(self.tr("{0} (sending will record a failed attempt)").format(exc))
        self.url_error.setVisible(bool(self.url_error.text()))

    # --- building the request --------------------------------------------------------------

    def body_bytes(self) -> bytes:
        document = self.body.document()
        if self._locked_body or not document.isModified():
            return self._original
        # toRawText keeps non-breaking spaces; blocks are separated by U+2029.
        text = document.toRawText().replace("\u2029", "\n")
        if b"\r\n" in self._original and b"\n" not in self._original.replace(b"\r\n", b""):
            text = text.replace("\n", "\r\n")  # keep the original's CRLF line ends
        return text.encode("utf-8")

    def outgoing(self) -> OutgoingRequest:
        """The request as it will go out, re-signed if asked. Raises ValueError if signing fails."""
        request = self.outgoing_unsigned()
        return self._resigned(request)[0] if self.resign.isChecked() else request

    def outgoing_unsigned(self) -> OutgoingRequest:
        return OutgoingRequest(
            method=self.method.currentText().strip().upper() or "POST",
            url=self.url.text().strip(),
            headers=tuple(self.headers.headers()),
            body=self.body_bytes(),
        )

    def _resigned(self, request: OutgoingRequest) -> tuple[OutgoingRequest, list[str]]:
        """`request` with the signature recomputed, and the names of the headers that changed."""
        signing = self._signing
        if signing is None or not signing.secret:
            raise ValueError("no secret to re-sign with")
        original = self._event.request
        unsigned = CapturedRequest(
            request.method, original.path, original.query, list(request.headers), request.body, time.time()
        )
        headers = providers.sign(signing.provider, unsigned, signing.secret, time.time())
        changed = [
            f"{name} → {_short(value)}" for name, value in headers if (name, value) not in request.headers
        ]
        return request.with_(headers=headers), changed

    def _update_resign_note(self) -> None:
        signing = self._signing
        if signing is None or not signing.secret:
            return
        edited = self.body.document().isModified() and not self._locked_body
        if not self.resign.isChecked():
            tip = (
                self.tr(" The body was edited: tick this so the target's signature check passes.")
                if edited
                else ""
            )
            self.resign_note.setText(
                self.tr("Available: {0} secret of {1}.").format(signing.provider, signing.endpoint) + tip
            )
            self.resign_note.setStyleSheet(text_style(Tone.WARNING) if edited else "")
            return
        try:
            _request, changed = self._resigned(self.outgoing_unsigned())
        except ValueError as exc:
            self.resign_note.setText(self.tr("Cannot re-sign: {0}").format(exc))
            self.resign_note.setStyleSheet(text_style(Tone.BAD))
            return
        what = (
            "; ".join(changed) if changed else self.tr("no header changed (the signature was already right)")
        )
        self.resign_note.setText(
            self.tr("Re-signed with the {0} secret ({1}), sent with: {2}").format(
                signing.endpoint, signing.provider, what
            )
        )
        self.resign_note.setStyleSheet(text_style(Tone.GOOD))

    # --- actions ---------------------------------------------------------------------------

    def copy_as_curl(self) -> str:
        """Copy a shell command that sends exactly this request; a binary body goes in a file."""
        try:
            request = self.outgoing()
        except ValueError as exc:
            self.copy_note.setText(self.tr("Not copied: cannot re-sign: {0}").format(exc))
            return ""
        command, note = copy_curl(request, self._event.id)
        self.copy_note.setText(note)
        return command

    def send(self) -> None:
        try:
            request = self.outgoing()
        except ValueError as exc:
            self.status.setText(self.tr("Not sent: cannot re-sign: {0}").format(exc))
            self.status.setStyleSheet(text_style(Tone.BAD))
            return
        self.send_button.setEnabled(False)
        self.status.setText(self.tr("Sending {0} {1}…").format(request.method, request.url))
        self.status.setStyleSheet("")
        target: Target | None = self.target_combo.currentData()
        self.task = self._service.spawn(self._send(request, target.name if target else ""))

    async def _send(self, request: OutgoingRequest, target_name: str) -> Attempt | None:
        try:
            attempt = await self._service.send_edited(self._event.id, request, target_name)
        finally:
            if isValid(self):
                self.send_button.setEnabled(True)
        if not isValid(self):  # the dialog was closed and deleted meanwhile; the attempt is stored
            return attempt
        if attempt.status_code is not None:
            self.status.setText(self.tr("Answered; recorded in the event's Attempts tab."))
        else:
            self.status.setText(self.tr("Failed; recorded in the event's Attempts tab."))
        self.result_view.show_attempt(attempt)
        return attempt


def _short(value: str, keep: int = 24) -> str:
    return value if len(value) <= keep else value[:keep] + "…"
