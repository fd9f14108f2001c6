"""Bulk re-send in the window: a small non-modal progress dialog with Cancel, and the
"Re-send … to ▸" / "Copy as cURL for ▸" menus the window adds. The engine and its tally
(`send_all`, `BulkResult`) are `desktop.delivery.bulk`'s, shared with the CLI.

The dialog only listens to the service's signals; the sends run on the qasync loop, so the
window stays usable while a thousand events go out.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.targets import Target
from desktop.delivery.bulk import BulkBusyError, BulkResult
from desktop.delivery.request_spec import build_outgoing
from desktop.ui.delivery.resend_dialog import copy_curl
from desktop.ui.delivery.service import BulkProgress, DeliveryService
from desktop.ui.locale_format import format_number
from desktop.ui.theme import Tone, text_style

__all__ = [
    "BulkBusyError",
    "BulkResendDialog",
    "ask_before_sending",
    "curl_menu",
    "resend_menu",
    "start_bulk_resend",
]


class BulkResendDialog(QDialog):
    """Progress of the service's bulk re-send, with Cancel (then Close). Non-modal."""

    def __init__(
        self, service: DeliveryService, total: int, target_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.setWindowTitle(self.tr("Re-sending events"))
        self.resize(460, 0)
        self.title = QLabel(self.tr("Re-sending %Ln event(s) to {0}…", "", total).format(target_name))
        self.title.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(0)
        self.detail = QLabel(self.tr("0 of {0} sent").format(format_number(total)))
        self.detail.setWordWrap(True)
        self.button = QPushButton(self.tr("Cancel"))
        self.button.clicked.connect(self._cancel_or_close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addWidget(self.button)
        self.over = False  # finished or cancelled: the button closes
        self.task: asyncio.Task[BulkResult] | None = None
        service.bulk_progress.connect(self._on_progress)
        service.bulk_finished.connect(self._on_finished)

    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)
        bulk = self._service.bulk
        failed = self.tr(" · {0} failed").format(format_number(bulk.failed)) if bulk and bulk.failed else ""
        self.detail.setText(
            self.tr("{0} of {1} sent").format(format_number(done), format_number(total)) + failed
        )

    def _on_finished(self, ok: int, failed: int, cancelled: bool) -> None:
        self.over = True
        bulk = self._service.bulk
        self.title.setText(self.tr("Re-send cancelled") if cancelled else self.tr("Re-send finished"))
        self.detail.setText(
            bulk.describe()
            if bulk is not None
            else self.tr("{0} ok, {1} failed").format(format_number(ok), format_number(failed))
        )
        self.detail.setStyleSheet(text_style(Tone.BAD) if failed else "")
        self.button.setText(self.tr("Close"))
        self.button.setEnabled(True)
        self._disconnect()

    def _cancel_or_close(self) -> None:
        if self.over:
            self.accept()
            return
        self._service.cancel_bulk()
        self.button.setEnabled(False)
        self.detail.setText(self.tr("Cancelling: the sends already on the way finish and are recorded…"))

    def _disconnect(self) -> None:
        # The next bulk gets its own dialog; this one must not show that one's numbers.
        self._service.bulk_progress.disconnect(self._on_progress)
        self._service.bulk_finished.disconnect(self._on_finished)


def resend_menu(
    service: DeliveryService,
    title: str,
    event_ids: Callable[[], Sequence[int]],
    parent: QWidget,
    on_message: Callable[[str], None],
) -> QMenu:
    """A "Re-send … to ▸ target" menu: picking a target starts a bulk re-send of
    `event_ids()` (read when picked, so "all matching the filter" is the filter of that moment)
    with its progress dialog. `on_message` shows why nothing started (a status bar)."""
    menu = QMenu(title, parent)
    targets = service.list_targets() if service.started else []
    for target in targets:
        action = menu.addAction(f"{target.name} — {target.url}")
        action.triggered.connect(functools.partial(_start, service, event_ids, target, parent, on_message))
    if not targets:
        menu.addAction(
            QCoreApplication.translate("BulkResend", "No targets yet: add one with Targets…")
        ).setEnabled(False)
    return menu


def _start(
    service: DeliveryService,
    event_ids: Callable[[], Sequence[int]],
    target: Target,
    parent: QWidget,
    on_message: Callable[[str], None],
) -> None:
    ids = list(event_ids())
    if not ids:
        on_message(QCoreApplication.translate("BulkResend", "No events to re-send."))
        return

    def confirmed() -> None:
        try:
            start_bulk_resend(service, ids, target, parent)
        except BulkBusyError as exc:
            on_message(QCoreApplication.translate("BulkResend", "Not started: {0}.").format(exc))

    ask_before_sending(len(ids), target, parent, confirmed)


def ask_before_sending(count: int, target: Target, parent: QWidget, then: Callable[[], None]) -> QMessageBox:
    """ "Send 3 events to my app (http://…)?": nothing goes out until the user says yes.

    Opened, not exec()'d (no nested event loop under qasync); `then` runs on "Send".
    """

    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("BulkResend", "Re-send events"),
        QCoreApplication.translate("BulkResend", "Send %n event(s) to {name}?", "", count).format(
            name=target.name
        ),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText(
        QCoreApplication.translate("BulkResend", "Target URL: {url}").format(url=target.url)
    )
    send = box.addButton(
        QCoreApplication.translate("BulkResend", "&Send %n event(s)", "", count),
        QMessageBox.ButtonRole.AcceptRole,
    )
    send.setAccessibleName(QCoreApplication.translate("BulkResend", "Send"))
    box.setDefaultButton(send)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)

    def answered(_result: int) -> None:
        if box.clickedButton() is send:
            then()

    box.finished.connect(answered)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def curl_menu(
    service: DeliveryService, event_id: int, parent: QWidget, on_message: Callable[[str], None]
) -> QMenu:
    """ "Copy as cURL for ▸ target": the command that re-sends the event, as a plain re-send would."""
    menu = QMenu(QCoreApplication.translate("BulkResend", "Copy as cURL for"), parent)
    targets = service.list_targets() if service.started else []
    for target in targets:
        action = menu.addAction(target.name)
        action.triggered.connect(functools.partial(_copy_curl, service, event_id, target, on_message))
    if not targets:
        menu.addAction(
            QCoreApplication.translate("BulkResend", "No targets yet: add one with Targets…")
        ).setEnabled(False)
    return menu


def _copy_curl(
    service: DeliveryService, event_id: int, target: Target, on_message: Callable[[str], None]
) -> None:
    event = service.load_event(event_id)
    if event is None:
        on_message(QCoreApplication.translate("BulkResend", "Event {0} no longer exists.").format(event_id))
        return
    on_message(copy_curl(build_outgoing(event.request, target), event_id)[1])


def start_bulk_resend(
    service: DeliveryService,
    event_ids: Sequence[int],
    target: Target,
    parent: QWidget | None = None,
    progress_cb: BulkProgress | None = None,
) -> BulkResendDialog:
    """Show the progress dialog and start re-sending in the background (`dialog.task`).

    `progress_cb(done, total)` runs after every send, unthrottled. Raises BulkBusyError when
    another bulk re-send is running (say so to the user).
    """
    task = service.start_resend(event_ids, target, progress_cb)  # raises BulkBusyError first
    dialog = BulkResendDialog(service, len(event_ids), target.name, parent)
    dialog.task = task
    dialog.show()
    return dialog
