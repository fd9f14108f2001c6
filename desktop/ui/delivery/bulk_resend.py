"""Bulk re-send: its tally (`BulkResult`), the by-id worker pool, a small non-modal progress
dialog with Cancel, and the "Re-send … to ▸" / "Copy as cURL for ▸" menus the window adds.

The dialog only listens to the service's signals; the sends run on the qasync loop, so the
window stays usable while a thousand events go out.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLabel, QMenu, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop.core.records import Attempt, ErrorKind
from desktop.core.targets import Target
from desktop.delivery.request_spec import build_outgoing
from desktop.ui.delivery.resend_dialog import copy_curl

if TYPE_CHECKING:
    from desktop.ui.delivery.service import DeliveryService

ProgressCallback = Callable[[int, int], None]


class BulkBusyError(RuntimeError):
    """A bulk re-send is already running; wait for it or cancel it first."""


@dataclass(slots=True)
class BulkResult:
    """The running tally of one bulk re-send (read it live or when it has finished)."""

    total: int
    target_name: str
    ok: int = 0
    failed: int = 0
    not_sent: int = 0  # left out because the user cancelled
    cancelled: bool = False
    failures: Counter[str] = field(default_factory=Counter)  # what went wrong, and how often

    @property
    def done(self) -> int:
        return self.ok + self.failed

    def count(self, attempt: Attempt) -> None:
        if attempt.ok:
            self.ok += 1
        else:
            self.failed += 1
            self.failures[attempt.summary] += 1

    def describe(self) -> str:
        """The outcome in a sentence or two, failures included (nothing is silent)."""
        head = "Cancelled" if self.cancelled else "Done"
        text = f"{head}: {self.done:,} of {self.total:,} sent to {self.target_name}, {self.ok:,} answered 2xx"
        if self.failed:
            text += f", {self.failed:,} failed"
        if self.not_sent:
            text += f"; {self.not_sent:,} not sent"
        text += "."
        if self.failures:
            common = "; ".join(f"{why} ({count:,}×)" for why, count in self.failures.most_common(3))
            text += f"\nFailures: {common}"
        return text


async def send_all(
    ids: Sequence[int],
    send_one: Callable[[int], Awaitable[Attempt]],
    result: BulkResult,
    cancel: asyncio.Event,
    concurrency: int,
    on_sent: Callable[[], None],
    track: Callable[[asyncio.Task[None]], asyncio.Task[None]] = lambda task: task,
) -> None:
    """Send every id, at most `concurrency` at a time, until `cancel` is set; tally in `result`.

    Like `desktop.delivery.bulk.resend_many`, one shared iterator feeds a fixed set of workers
    (memory stays flat however many ids), but it goes by id: an event is read only when its
    turn comes, since bodies can be tens of MB. Sends already on the wire when `cancel` is set
    finish and count; the rest are `not_sent`. `track` registers each worker task (so the
    owner can cancel them at quit).
    """
    pending = iter(ids)

    async def worker() -> None:
        for event_id in pending:
            if cancel.is_set():
                break
            result.count(await send_one(event_id))
            on_sent()

    loop = asyncio.get_running_loop()
    workers = [
        track(loop.create_task(worker(), name="bulk-resend")) for _ in range(min(concurrency, len(ids)))
    ]
    try:
        await asyncio.gather(*workers)
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        result.not_sent = result.total - result.done
        result.cancelled = result.not_sent > 0


def not_sent(event_id: int, target: Target, why: str) -> Attempt:
    """The attempt for an event that could not even be read (deleted meanwhile): a failure."""
    return Attempt(
        url=target.url,
        method="",
        started_at=time.time(),
        error=why,
        error_kind=ErrorKind.NOT_FOUND,
        event_id=event_id,
        target_id=target.id,
        target_name=target.name,
    )


class BulkResendDialog(QDialog):
    """Progress of the service's bulk re-send, with Cancel (then Close). Non-modal."""

    def __init__(
        self, service: DeliveryService, total: int, target_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.setWindowTitle("Re-sending events")
        self.resize(460, 0)
        self.title = QLabel(f"Re-sending {total:,} event{'s' if total != 1 else ''} to {target_name}…")
        self.title.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(0)
        self.detail = QLabel(f"0 of {total:,} sent")
        self.detail.setWordWrap(True)
        self.button = QPushButton("Cancel")
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
        failed = f" · {bulk.failed:,} failed" if bulk is not None and bulk.failed else ""
        self.detail.setText(f"{done:,} of {total:,} sent{failed}")

    def _on_finished(self, ok: int, failed: int, cancelled: bool) -> None:
        self.over = True
        bulk = self._service.bulk
        self.title.setText("Re-send cancelled" if cancelled else "Re-send finished")
        self.detail.setText(bulk.describe() if bulk is not None else f"{ok:,} ok, {failed:,} failed")
        self.detail.setStyleSheet("color: #c0392b" if failed else "")
        self.button.setText("Close")
        self.button.setEnabled(True)
        self._disconnect()

    def _cancel_or_close(self) -> None:
        if self.over:
            self.accept()
            return
        self._service.cancel_bulk()
        self.button.setEnabled(False)
        self.detail.setText("Cancelling: the sends already on the way finish and are recorded…")

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
        menu.addAction("No targets yet: add one with Targets…").setEnabled(False)
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
        on_message("No events to re-send.")
        return
    try:
        start_bulk_resend(service, ids, target, parent)
    except BulkBusyError as exc:
        on_message(f"Not started: {exc}.")


def curl_menu(
    service: DeliveryService, event_id: int, parent: QWidget, on_message: Callable[[str], None]
) -> QMenu:
    """ "Copy as cURL for ▸ target": the command that re-sends the event, as a plain re-send would."""
    menu = QMenu("Copy as cURL for", parent)
    targets = service.list_targets() if service.started else []
    for target in targets:
        action = menu.addAction(target.name)
        action.triggered.connect(functools.partial(_copy_curl, service, event_id, target, on_message))
    if not targets:
        menu.addAction("No targets yet: add one with Targets…").setEnabled(False)
    return menu


def _copy_curl(
    service: DeliveryService, event_id: int, target: Target, on_message: Callable[[str], None]
) -> None:
    event = service.load_event(event_id)
    if event is None:
        on_message(f"Event {event_id} no longer exists.")
        return
    on_message(copy_curl(build_outgoing(event.request, target), event_id)[1])


def start_bulk_resend(
    service: DeliveryService,
    event_ids: Sequence[int],
    target: Target,
    parent: QWidget | None = None,
    progress_cb: ProgressCallback | None = None,
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
