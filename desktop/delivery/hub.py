"""The delivery hub: the one forwarding pipeline, used by the window and headless alike.

Qt-free. It owns what forwarding needs in one process: a connection of its own to the queue
tables (`store.open_delivery()`), the one shared `httpx.AsyncClient`, and the `Forwarder` that
claims and sends due jobs. It runs on the asyncio loop it is started on: the qasync loop in
the window (whose Qt code only observes it, through `on_job_done`), the store thread's loop
in headless mode. Jobs are queued by whichever writer recognises an event (in the store, see
desktop/store/forward_claims.py), so the hub only dispatches; `wake` says "look now".
Action jobs (issue 11) likewise: the hub's `ActionRunner` claims and runs them on the same
connection (`actions()` of the queue tables) and loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

import httpx

from desktop.core.actions import Notification, SmtpSettings
from desktop.core.model import CapturedRequest, StoredEvent
from desktop.core.records import ForwardRule
from desktop.delivery.actions.base import RunContext
from desktop.delivery.actions.runner import ActionRunner, ActionTables, RunUpdate
from desktop.delivery.backoff import RetryPolicy
from desktop.delivery.forwarder import Forwarder, JobUpdate, QueueStore
from desktop.delivery.sender import DEFAULT_MAX_BODY

log = logging.getLogger(__name__)


class HubQueue(QueueStore, Protocol):
    """The queue tables on a connection of the hub's own (the hub closes it)."""

    def list_rules(self, enabled_only: bool = False) -> list[ForwardRule]: ...
    def actions(self) -> ActionTables:
        """The action tables (issue 11) on this same connection."""
        ...

    def close(self) -> None: ...


Q = TypeVar("Q", bound=HubQueue)
Q_co = TypeVar("Q_co", bound=HubQueue, covariant=True)


class HubStore(Protocol[Q_co]):
    """What the hub needs of the store (the SQLite store satisfies it; no import of it here)."""

    def event(self, event_id: int, with_body: bool = True) -> StoredEvent | None: ...
    def open_delivery(self) -> Q_co: ...


class DeliveryHub(Generic[Q]):
    """Built once per process by its entry point (`desktop/ui/app.py`, `desktop/cli/headless.py`).

    Args:
        store: the events store (events are read through it; it opens the queue's connection).
        policy: retry limits and backoff for forwarding.
        max_body: most response bytes kept per attempt.
        smtp, smtp_password: where `email` actions send, and the password looked up at each send.
        action_policy: retry limits and backoff for action jobs.
    """

    def __init__(
        self,
        store: HubStore[Q],
        *,
        policy: RetryPolicy | None = None,
        max_body: int = DEFAULT_MAX_BODY,
        smtp: SmtpSettings | None = None,
        smtp_password: Callable[[], str | None] = lambda: None,
        action_policy: RetryPolicy | None = None,
    ) -> None:
        self._store = store
        self._policy = policy
        # Actions (issue 11): their runner shares the queue connection and the loop.
        self._action_context = RunContext(
            smtp=smtp or SmtpSettings(), smtp_password=smtp_password, notify=self._notify
        )
        self._action_policy = action_policy
        self._run_listeners: list[Callable[[RunUpdate], None]] = []
        self._notification_listeners: list[Callable[[Notification], None]] = []
        self.actions: ActionTables | None = None
        self.runner: ActionRunner | None = None
        self.max_body = max_body
        self._job_listeners: list[Callable[[JobUpdate], None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self.delivery: Q | None = None
        self.client: httpx.AsyncClient | None = None
        self.forwarder: Forwarder | None = None

    async def start(self) -> None:
        """Open the queue connection and the client; resume whatever was queued."""
        if self.client is not None:
            return
        self._loop = asyncio.get_running_loop()
        self.delivery = self._store.open_delivery()
        self.client = httpx.AsyncClient()
        self.forwarder = Forwarder(
            self.delivery,
            self.client,
            self._load_request,
            policy=self._policy,
            max_body=self.max_body,
            on_job_done=self._job_done,
        )
        self.forwarder.start()
        self.actions = self.delivery.actions()
        self.runner = ActionRunner(
            self.actions,
            self._load_event,
            self._action_context,
            policy=self._action_policy,
            on_run_done=self._run_done,
        )
        self.runner.start()

    async def close(self) -> None:
        """Stop forwarding (sends in flight get a grace period, then stay queued), close all."""
        if self.forwarder is not None:
            await self.forwarder.stop()
        if self.runner is not None:
            await self.runner.stop()
        self.runner = self.actions = None
        if self.client is not None:
            await self.client.aclose()
        if self.delivery is not None:
            self.delivery.close()
        self.forwarder = self.client = self.delivery = None

    def add_job_listener(self, listener: Callable[[JobUpdate], None]) -> None:
        """Call `listener` on the hub's loop after each forward job changes state (the window's
        queue view observes the pipeline this way)."""
        self._job_listeners.append(listener)

    def remove_job_listener(self, listener: Callable[[JobUpdate], None]) -> None:
        if listener in self._job_listeners:
            self._job_listeners.remove(listener)

    def _job_done(self, update: JobUpdate) -> None:
        for listener in list(self._job_listeners):
            listener(update)  # the Forwarder logs a listener's failure; the job is stored already

    def wake(self) -> None:
        """On the hub's loop: new jobs may be queued (events were recognised)."""
        if self.forwarder is not None:
            self.forwarder.wake()
        if self.runner is not None:
            self.runner.wake()

    def wake_threadsafe(self) -> None:
        """From any thread: `wake`, on the hub's loop."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.wake)

    def enabled_rules(self) -> int:
        return len(self.delivery.list_rules(enabled_only=True)) if self.delivery is not None else 0

    def enabled_actions(self) -> int:
        return len(self.actions.list_rules(enabled_only=True)) if self.actions is not None else 0

    # --- actions: observing runs and showing notifications --------------------------------

    def add_run_listener(self, listener: Callable[[RunUpdate], None]) -> None:
        """Call `listener` on the hub's loop after each action job changes state."""
        self._run_listeners.append(listener)

    def remove_run_listener(self, listener: Callable[[RunUpdate], None]) -> None:
        if listener in self._run_listeners:
            self._run_listeners.remove(listener)

    def add_notification_listener(self, listener: Callable[[Notification], None]) -> None:
        """Who shows the notifications of `notify` actions (the window); with none, they are logged."""
        self._notification_listeners.append(listener)

    def remove_notification_listener(self, listener: Callable[[Notification], None]) -> None:
        if listener in self._notification_listeners:
            self._notification_listeners.remove(listener)

    def _run_done(self, update: RunUpdate) -> None:
        for listener in list(self._run_listeners):
            listener(update)

    def _notify(self, notification: Notification) -> None:
        if not self._notification_listeners:
            # Headless: there is no screen; the log (stderr) is where a person looks.
            log.warning(
                "notification (%s): %s — %s", notification.rule_name, notification.title, notification.message
            )
        for listener in list(self._notification_listeners):
            listener(notification)

    def _load_event(self, event_id: int) -> StoredEvent | None:
        return self._store.event(event_id)

    def _load_request(self, event_id: int) -> CapturedRequest | None:
        event = self._store.event(event_id)
        return event.request if event is not None else None
