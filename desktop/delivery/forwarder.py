"""Auto-forward: a persistent queue of (event, target) jobs delivered with retries.

The listener acknowledges and stores an event first; the writer that recognises it queues
it for every matching rule in the same transaction (desktop/store/forward_claims.py), and
the dispatcher below sends due jobs on the running asyncio loop. Every state change is
written to the queue table before the next step, so a closed app loses nothing: pending and
retrying jobs are picked up on the next start.

Several processes may dispatch from one queue (a window and a headless receiver, workers):
each claims the jobs it sends, with a lease, so a job is sent by one of them; jobs queued by
another process are found by looking at the queue every POLL_S. Delivery is at least once
at the HTTP edge: a job interrupted mid-send (process closed or killed) is sent again.

The store is reached through the `QueueStore` protocol (implemented by
`desktop.store.delivery_store.DeliveryStore`), so this package does not import the store.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import random
import socket
import time
import uuid
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from desktop.core.model import CapturedRequest
from desktop.core.records import Attempt, JobState, QueueJob
from desktop.core.targets import Target
from desktop.delivery.backoff import RetryPolicy
from desktop.delivery.request_spec import build_outgoing
from desktop.delivery.sender import DEFAULT_MAX_BODY, send

log = logging.getLogger(__name__)

_STORE_RETRY_S = 1.0
POLL_S = 1.0  # look at the queue at least this often: other processes queue jobs too
LEASE_S = 120.0  # a claim outlives any send (timeouts are seconds); a dead holder's expires


def process_owner() -> str:
    """A name for this dispatcher in the queue's claims: host, process, and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


async def stop_dispatching(
    dispatcher: asyncio.Task[None] | None, inflight: Iterable[asyncio.Task[Any]], grace_s: float
) -> None:
    """Cancel a dispatcher, then give the tasks in flight `grace_s` to finish (and be
    recorded); those still running after that are cancelled (their jobs stay queued).
    `inflight` is read once the dispatcher is gone, so it starts no more."""
    if dispatcher is not None:
        dispatcher.cancel()
        await asyncio.gather(dispatcher, return_exceptions=True)
    tasks = list(inflight)
    if tasks:
        await asyncio.wait(tasks, timeout=grace_s)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


@dataclass(frozen=True, slots=True)
class JobUpdate:
    """What the UI needs to update one queue row and one event's history, by id."""

    job_id: int
    event_id: int
    target_id: int
    state: JobState
    attempt: Attempt | None  # None when the job failed without sending (target deleted...)


class QueueStore(Protocol):
    def claim_due_jobs(
        self, now: float, limit: int, owner: str, lease_s: float, exclude: Collection[int] = ()
    ) -> list[QueueJob]: ...
    def next_due_at(self, exclude: Collection[int] = ()) -> float | None: ...
    def release_claims(self, owner: str) -> int: ...
    def get_target(self, target_id: int) -> Target | None: ...
    def enqueue(
        self,
        event_ids: Iterable[int],
        target_id: int,
        now: float,
        *,
        ordered: bool = False,
        rule_id: int | None = None,
    ) -> list[int]: ...
    def record_attempt(self, attempt: Attempt, job_id: int | None = None) -> int: ...
    def mark_delivered(self, job_id: int, *, owner: str | None = None) -> None: ...
    def mark_retry(self, job_id: int, next_at: float, error: str, *, owner: str | None = None) -> None: ...
    def mark_failed(
        self, job_id: int, error: str, *, count_attempt: bool = True, owner: str | None = None
    ) -> None: ...
    def retry_failed(self, job_ids: Iterable[int], now: float) -> int: ...


class Forwarder:
    """Delivers queued jobs; start it on the loop that owns the store's connection.

    Args:
        store: the queue (see QueueStore).
        client: the app's one shared httpx.AsyncClient.
        load_event: reads an event's request (with body) by id; None if it is gone.
        policy: retry limits and backoff.
        clock: Unix time source; tests pass a controllable one.
        rng: [0, 1) random source for jitter.
        concurrency: most sends in flight at once, over all targets.
        on_job_done: called on the loop after each job changes state.
        owner: this dispatcher's name in the queue's claims (default: host, pid, random).
    """

    def __init__(
        self,
        store: QueueStore,
        client: httpx.AsyncClient,
        load_event: Callable[[int], CapturedRequest | None],
        *,
        policy: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
        concurrency: int = 8,
        max_body: int = DEFAULT_MAX_BODY,
        on_job_done: Callable[[JobUpdate], None] | None = None,
        owner: str | None = None,
    ) -> None:
        self._store = store
        self.owner = owner or process_owner()
        self._client = client
        self._load_event = load_event
        self._policy = policy or RetryPolicy()
        self._clock = clock
        self._rng = rng
        self._concurrency = max(1, concurrency)
        self._max_body = max_body
        self._on_job_done = on_job_done
        self._inflight: dict[int, asyncio.Task[None]] = {}
        # Jobs whose processing crashed even past the error handler (the store itself is
        # failing); left alone until the next start rather than retried in a hot loop.
        self._parked: set[int] = set()
        self._wakeup = asyncio.Event()
        self._dispatcher: asyncio.Task[None] | None = None

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Begin delivering, including whatever was queued before the last close."""
        if self._dispatcher is None:
            self._dispatcher = asyncio.get_running_loop().create_task(self._dispatch(), name="forwarder")

    async def stop(self, grace_s: float = 2.0) -> None:
        """Stop dispatching; give sends in flight `grace_s` to finish and be recorded.
        Sends still running after that are cancelled and stay queued for the next start."""
        await stop_dispatching(self._dispatcher, self._inflight.values(), grace_s)
        self._dispatcher = None
        try:
            self._store.release_claims(self.owner)  # the next start, here or elsewhere, resumes them
        except Exception:
            log.exception("forwarder: could not release its claims; they expire in %s s", LEASE_S)

    def wake(self) -> None:
        """Look at the queue now (new jobs, a clock that moved, a job that finished)."""
        self._wakeup.set()

    # --- feeding the queue by hand (rules queue in the store: forward_claims.py) ---------

    def enqueue(self, event_ids: Iterable[int], target_id: int, *, ordered: bool = False) -> list[int]:
        job_ids = self._store.enqueue(event_ids, target_id, self._clock(), ordered=ordered)
        self.wake()
        return job_ids

    def retry_failed(self, job_ids: Iterable[int]) -> int:
        """Put failed jobs back in the queue by hand (a fresh set of attempts)."""
        count = self._store.retry_failed(job_ids, self._clock())
        self.wake()
        return count

    # --- dispatching -------------------------------------------------------------------

    async def _dispatch(self) -> None:
        while True:
            self._wakeup.clear()
            try:
                wait_s = self._start_due_jobs()
            except Exception:
                # The queue could not be read (e.g. the database is locked for longer than
                # its busy timeout). Keep the dispatcher alive and look again shortly.
                log.exception("forwarder: reading the queue failed; trying again in %s s", _STORE_RETRY_S)
                wait_s = _STORE_RETRY_S
            if wait_s == 0.0:
                await asyncio.sleep(0)  # let finished sends report before the next look
                continue
            try:
                async with asyncio.timeout(POLL_S if wait_s is None else min(wait_s, POLL_S)):
                    await self._wakeup.wait()
            except TimeoutError:
                pass

    def _start_due_jobs(self) -> float | None:
        """Start what is due; return how long until the next job may start (None: unknown)."""
        free = self._concurrency - len(self._inflight)
        if free > 0:
            skip = self._inflight.keys() | self._parked
            for job in self._store.claim_due_jobs(self._clock(), free, self.owner, LEASE_S, exclude=skip):
                task = asyncio.get_running_loop().create_task(self._run(job), name=f"forward-job-{job.id}")
                self._inflight[job.id] = task
                task.add_done_callback(functools.partial(self._finished, job.id))
        if len(self._inflight) >= self._concurrency:
            return None  # a finishing send wakes us
        next_at = self._store.next_due_at(exclude=self._inflight.keys() | self._parked)
        return None if next_at is None else max(0.0, next_at - self._clock())

    def _finished(self, job_id: int, task: asyncio.Task[None]) -> None:
        self._inflight.pop(job_id, None)
        if not task.cancelled() and task.exception() is not None:
            self._parked.add(job_id)
            log.error("forward job %s crashed; parked until restart", job_id, exc_info=task.exception())
        self.wake()

    async def _run(self, job: QueueJob) -> None:
        attempts = job.attempts + 1
        attempt: Attempt | None = None
        try:
            target = self._store.get_target(job.target_id)
            request = self._load_event(job.event_id) if target is not None else None
            if target is None or request is None:
                reason = "target deleted" if target is None else "event no longer exists"
                self._store.mark_failed(job.id, reason, count_attempt=False, owner=self.owner)
                state = JobState.FAILED
            else:
                out = build_outgoing(request, target)
                attempt = await send(
                    self._client, out, target.timeout_s, self._max_body, event_id=job.event_id, target=target
                )
                state = self._settle(job, attempt, attempts)
        except Exception as exc:
            # A store or loader failure must not spin: park the job with a backoff delay.
            log.exception("forward job %s: unexpected error", job.id)
            self._store.mark_retry(
                job.id,
                self._clock() + self._policy.delay(attempts, self._rng),
                f"internal error: {exc}",
                owner=self.owner,
            )
            state = JobState.RETRYING
        if self._on_job_done is not None:
            try:
                self._on_job_done(JobUpdate(job.id, job.event_id, job.target_id, state, attempt))
            except Exception:  # the job's state is already stored; a UI bug must not park it
                log.exception("forwarder: on_job_done failed for job %s", job.id)

    def _settle(self, job: QueueJob, attempt: Attempt, attempts: int) -> JobState:
        """Record the attempt and move the job on: delivered, retry later, or failed."""
        self._store.record_attempt(attempt, job.id)
        if attempt.ok:
            self._store.mark_delivered(job.id, owner=self.owner)
            return JobState.DELIVERED
        now = self._clock()
        delay = self._policy.next_delay(attempt, attempts, now, self._rng)
        if delay is None:
            self._store.mark_failed(job.id, attempt.summary, owner=self.owner)
            return JobState.FAILED
        self._store.mark_retry(job.id, now + delay, attempt.summary, owner=self.owner)
        return JobState.RETRYING
