"""The window's delivery side: re-send, edit and re-send, auto-forward, attempt history.

Loop and connections. Everything here runs on the UI thread, on the qasync loop: the one
shared `httpx.AsyncClient` (created in `start`, closed in `close`), the `Forwarder`, and the
delivery tables (`store.open_delivery()`), all three owned by the Qt-free `DeliveryHub`
(desktop/delivery/hub.py, the same forwarding pipeline headless mode runs); this service
observes and drives it. The delivery tables have their OWN connection to the events file,
used only from this thread; the store thread keeps its own connection for events. WAL lets
the two write the same file one transaction at a time, and busy_timeout makes the second
writer wait instead of failing. For that to stay cheap no write
transaction is held open across an `await`: attempts go through an `AttemptRecorder`, which
writes them in short batches (see desktop/delivery/attempt_recorder.py).

Results are applied by event id (`attempt_recorded(event_id)`), never by table row.

Bulk concurrency is 8, not more: with httpx, every finished request makes the connection
pool check each idle connection (through anyio, tens of microseconds each), so on a local
target 16 connections were slower than 8 (tests/bench/resend_ui.py, 10,000 events, 2 cores:
~460/s at 16 against ~730/s at 8 and ~700/s at 4).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine, Iterable, Sequence
from typing import Any, TypeVar

import httpx
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.model import StoredEvent
from desktop.core.records import Attempt, ForwardRule, JobState, QueueJob
from desktop.core.storage import StorageError
from desktop.core.targets import Target, TargetError
from desktop.delivery.attempt_recorder import AttemptRecorder
from desktop.delivery.backoff import RetryPolicy
from desktop.delivery.bulk import BulkBusyError, BulkResult, not_sent, resend_one, send_all
from desktop.delivery.forward_rule_matcher import validate_filter
from desktop.delivery.forwarder import Forwarder, JobUpdate
from desktop.delivery.hub import DeliveryHub
from desktop.delivery.request_spec import OutgoingRequest
from desktop.delivery.sender import DEFAULT_MAX_BODY, send
from desktop.runtime import Deriver
from desktop.store.interface import DeliveryTables, EventStore

log = logging.getLogger(__name__)

T = TypeVar("T")
BulkProgress = Callable[[int, int], None]  # (done, total), after every send of a bulk

BULK_CONCURRENCY = 8  # measured, see above
PROGRESS_S = 0.05  # bulk_progress at most this often (a progress bar repaints on each)
QUEUE_CHANGED_MS = 100  # queue_changed coalesced: a busy forwarder does not reload a view per job
RECENT_DELIVERED = 200  # delivered jobs the queue view shows (waiting and failed ones: all)


class DeliveryService(QObject):
    """Re-sends and forwards events through one shared client; records every attempt.

    Args:
        store: the events store (events are read through it; its `path` is the database).
        deriver: gives an event's endpoint and secret (for re-signing); None disables re-signing.
        hub: the forwarding pipeline to drive (the process's one hub, built by its entry point:
            `desktop/ui/app.py`); None makes one with `policy`.
        policy: retry limits for forwarding (only when no hub is given).

    Signals:
        attempt_recorded(event_id): an attempt for this event is stored (read it by id).
        bulk_progress(done, total): a bulk re-send advanced (throttled; the last one always comes).
        bulk_finished(ok, failed, cancelled): a bulk re-send ended; details in `bulk`.
        queue_changed(): forward rules, targets or queued jobs changed (coalesced).
        targets_changed(): a target was added, edited or removed.
    """

    attempt_recorded = Signal(int)
    bulk_progress = Signal(int, int)
    bulk_finished = Signal(int, int, bool)
    queue_changed = Signal()
    targets_changed = Signal()

    def __init__(
        self,
        store: EventStore,
        deriver: Deriver | None = None,
        *,
        hub: DeliveryHub[DeliveryTables] | None = None,
        policy: RetryPolicy | None = None,
        bulk_concurrency: int = BULK_CONCURRENCY,
        max_body: int = DEFAULT_MAX_BODY,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._deriver = deriver
        self._bulk_concurrency = max(1, bulk_concurrency)
        self._max_body = max_body
        self._client: httpx.AsyncClient | None = None
        self._delivery: DeliveryTables | None = None
        self._forwarder: Forwarder | None = None
        # One recorder for the service's life: a send that ends after `close` finds no store
        # through it and its attempt is dropped, as before `start`.
        self._recorder = AttemptRecorder(lambda: self._delivery, self.attempt_recorded.emit)
        # The one forwarding pipeline (Qt-free, shared with headless; the app passes the one its
        # entry point built, tests may let it be made here); this object observes it.
        self._hub: DeliveryHub[DeliveryTables] = hub or DeliveryHub(store, policy=policy, max_body=max_body)
        self._hub.add_job_listener(self._on_job_done)
        # References to background tasks, so they are not collected mid-run and close() ends them.
        self._tasks: set[asyncio.Task[Any]] = set()
        self._cancel: asyncio.Event | None = None
        self.bulk: BulkResult | None = None  # the running or last bulk re-send
        self._recent_delivered: deque[int] = deque(maxlen=RECENT_DELIVERED)
        self._queue_timer = QTimer(self)
        self._queue_timer.setSingleShot(True)
        self._queue_timer.setInterval(QUEUE_CHANGED_MS)
        self._queue_timer.timeout.connect(self._emit_queue_changed)

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Start the delivery hub (its client, queue connection and forwarder) on this loop."""
        if self._hub.client is not None:
            return
        await self._hub.start()  # needs the running loop: why start() is a coroutine
        self._client, self._delivery, self._forwarder = (
            self._hub.client,
            self._hub.delivery,
            self._hub.forwarder,
        )
        self._queue_soon()

    async def close(self) -> None:
        """Stop sends and forwarding, store what is buffered, close client and connection."""
        self.cancel_bulk()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._forwarder is not None:
            await self._forwarder.stop()
        self._recorder.flush()
        await self._hub.close()
        self._queue_timer.stop()
        self._client = self._delivery = self._forwarder = None

    @property
    def started(self) -> bool:
        return self._client is not None

    @property
    def hub(self) -> DeliveryHub[DeliveryTables]:
        """The process's delivery hub this service drives (the Actions tab observes its runner)."""
        return self._hub

    @property
    def delivery(self) -> DeliveryTables:
        if self._delivery is None:
            raise RuntimeError("the delivery service is not started")
        return self._delivery

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run `coro` on the loop in the background; `close` cancels it if still running."""
        task = asyncio.get_event_loop().create_task(coro)
        return self._track(task)

    def _track(self, task: asyncio.Task[T]) -> asyncio.Task[T]:
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("delivery task %s failed", task.get_name(), exc_info=task.exception())

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The app's one shared client, for other features that call out (subscriptions)."""
        return self._require_client()

    def _require_client(self) -> httpx.AsyncClient:
        if self._client is None:
            raise RuntimeError("the delivery service is not started")
        return self._client

    # --- re-send -------------------------------------------------------------------------

    @property
    def bulk_running(self) -> bool:
        return self._cancel is not None

    def cancel_bulk(self) -> None:
        """Stop starting new sends; those on the wire finish and are recorded."""
        if self._cancel is not None:
            self._cancel.set()

    async def resend(
        self, event_ids: Iterable[int], target: Target, progress_cb: BulkProgress | None = None
    ) -> BulkResult:
        """Re-send events by id to `target`, BULK_CONCURRENCY at a time, as received.

        Events are read one by one as workers pick them (bodies can be tens of MB), so memory
        stays flat. Every send is recorded; events not sent because of a cancel are counted in
        `not_sent` (nothing was tried, so nothing is recorded for them). `progress_cb(done,
        total)` runs after every send. Raises BulkBusyError if a bulk re-send is running.
        """
        ids = list(event_ids)
        return await self._run_bulk(ids, target, progress_cb, self._claim_bulk(len(ids), target))

    def start_resend(
        self, event_ids: Iterable[int], target: Target, progress_cb: BulkProgress | None = None
    ) -> asyncio.Task[BulkResult]:
        """`resend` in the background. The bulk is claimed before this returns, so a second
        click cannot start a second bulk before the first task has run (BulkBusyError)."""
        ids = list(event_ids)
        claim = self._claim_bulk(len(ids), target)
        return self.spawn(self._run_bulk(ids, target, progress_cb, claim))

    def _claim_bulk(self, total: int, target: Target) -> BulkResult:
        self._require_client()
        if self._cancel is not None:
            raise BulkBusyError("a bulk re-send is already running: wait for it or cancel it")
        self._cancel = asyncio.Event()
        self.bulk = BulkResult(total, target.name)
        return self.bulk

    async def _run_bulk(
        self, ids: list[int], target: Target, progress_cb: BulkProgress | None, result: BulkResult
    ) -> BulkResult:
        client = self._require_client()
        cancel = self._cancel
        assert cancel is not None, "claim the bulk first"
        last_emit = 0.0

        def sent(_attempt: Attempt) -> None:
            nonlocal last_emit
            if progress_cb is not None:
                progress_cb(result.done, result.total)
            now = time.monotonic()
            if now - last_emit >= PROGRESS_S:
                last_emit = now
                self.bulk_progress.emit(result.done, result.total)

        self.bulk_progress.emit(0, result.total)
        try:
            await send_all(
                ids,
                lambda event_id: self._resend_event(client, event_id, target),
                result,
                cancel,
                self._bulk_concurrency,
                sent,
                self._track,
            )
        finally:
            self._cancel = None
            self._recorder.flush()
            self.bulk_progress.emit(result.done, result.total)
            self.bulk_finished.emit(result.ok, result.failed, result.cancelled)
        return result

    async def _resend_event(self, client: httpx.AsyncClient, event_id: int, target: Target) -> Attempt:
        try:
            event = self._store.event(event_id)
        except StorageError as exc:
            return not_sent(event_id, target, f"could not read event {event_id}: {exc}")
        if event is None:  # deleted since it was selected: no history left to attach to
            return not_sent(event_id, target, f"event {event_id} no longer exists")
        return await resend_one(client, event, target, max_body=self._max_body, record=self._recorder.record)

    async def send_edited(
        self, event_id: int | None, request: OutgoingRequest, target_name: str = ""
    ) -> Attempt:
        """Send a hand-edited request; `target_name` names a saved target (its id and timeout
        are used) or, for a typed URL, is just the label the attempt is recorded under."""
        client = self._require_client()
        target = self._target_named(target_name) or Target(name=target_name or request.url, url=request.url)
        attempt = await send(
            client, request, target.timeout_s, self._max_body, event_id=event_id, target=target
        )
        self._recorder.record(attempt)
        self._recorder.flush()
        return attempt

    def _target_named(self, name: str) -> Target | None:
        return next((t for t in self.delivery.list_targets() if t.name == name), None) if name else None

    # --- attempts ---------------------------------------------------------------------------

    def attempts_for_event(self, event_id: int) -> list[Attempt]:
        """Every stored send of an event, oldest first (none before `start`)."""
        return self._delivery.attempts_for_event(event_id) if self._delivery is not None else []

    # --- events and signing ----------------------------------------------------------------

    @property
    def deriver(self) -> Deriver | None:
        """Gives an event's endpoint and secret (for re-signing); None when there is none."""
        return self._deriver

    def load_event(self, event_id: int) -> StoredEvent | None:
        """A stored event with its body (not `event`: that name is QObject's event handler)."""
        return self._store.event(event_id)

    # --- forwarding ------------------------------------------------------------------------

    def on_recognised(self, ids: Sequence[int]) -> None:
        """UI thread: these events were recognised (by any process following the store).

        Their forward jobs were queued in the store as they were recognised; the forwarder
        only needs to look now, and the queue view to refresh.
        """
        if self._forwarder is None or not ids:
            return
        self._hub.wake()
        self._queue_soon()

    def _on_job_done(self, update: JobUpdate) -> None:
        if update.state == JobState.DELIVERED:
            self._recent_delivered.append(update.job_id)
        if update.attempt is not None:
            self.attempt_recorded.emit(update.event_id)
        self._queue_soon()

    def _emit_queue_changed(self) -> None:
        self.queue_changed.emit()

    def _queue_soon(self) -> None:
        if not self._queue_timer.isActive():
            self._queue_timer.start()

    def queue_jobs(self, limit: int = 1000) -> list[QueueJob]:
        """Waiting and failed jobs (up to `limit` of each), then recently delivered ones."""
        store = self.delivery
        jobs = [job for state in _OPEN_STATES for job in store.list_jobs(state, limit)]
        recent = (store.get_job(job_id) for job_id in self._recent_delivered)
        jobs += [job for job in recent if job is not None and job.state == JobState.DELIVERED]
        return sorted(jobs, key=lambda job: job.id)

    def queue_counts(self) -> dict[JobState, int]:
        return self.delivery.queue_counts()

    def retry_failed(self, job_ids: Iterable[int] | None = None) -> int:
        """Put failed jobs (all of them when `job_ids` is None) back in the queue."""
        if self._forwarder is None:
            raise RuntimeError("the delivery service is not started")
        if job_ids is None:
            job_ids = [job.id for job in self.delivery.list_jobs(JobState.FAILED, limit=1_000_000)]
        count = self._forwarder.retry_failed(job_ids)
        self._queue_soon()
        return count

    # --- targets and rules -----------------------------------------------------------------

    def list_targets(self) -> list[Target]:
        return self.delivery.list_targets()

    def get_target(self, target_id: int) -> Target | None:
        return self.delivery.get_target(target_id)

    def save_target(self, target: Target) -> Target:
        """Insert or update; raises TargetError with a message to show next to the form."""
        saved = self.delivery.save_target(target)
        self.targets_changed.emit()
        self._queue_soon()
        return saved

    def delete_target(self, target_id: int) -> None:
        """Its rules go with it; its waiting jobs are marked failed ("target deleted")."""
        self.delivery.delete_target(target_id)
        self.targets_changed.emit()
        self._queue_soon()

    def list_rules(self) -> list[ForwardRule]:
        return self.delivery.list_rules()

    def save_rule(self, rule: ForwardRule) -> ForwardRule:
        """Raises QuerySyntaxError for a bad filter, TargetError for a missing target."""
        validate_filter(self._store, rule.filter)
        if self.delivery.get_target(rule.target_id) is None:
            raise TargetError("choose a target for this rule")
        saved = self.delivery.save_rule(rule)
        self._queue_soon()
        return saved

    def delete_rule(self, rule_id: int) -> None:
        self.delivery.delete_rule(rule_id)
        self._queue_soon()


_OPEN_STATES = (JobState.PENDING, JobState.RETRYING, JobState.FAILED)
