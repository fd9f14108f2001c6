"""The action runner: claims due action jobs, runs them, records every run, retries failures.

Jobs are queued in the store by the writer that recognises an event (action_store.py); the
runner only dispatches, like the Forwarder: it looks when woken and at least every POLL_S
(other processes queue jobs too), claims with a lease, and stores each outcome before the
next step, so a closed or killed process loses nothing (a job it held is run again). A rule's
jobs run one at a time over all processes. Failures are retried with backoff (full jitter)
until the policy's attempts are used up; an outcome that cannot change by retrying (a
refused recipient, a template error) fails at once.

The store is reached through the `ActionQueue` protocol (implemented by
`desktop.store.action_store.ActionStore`, which the hub gets from its queue connection's
`actions()`), so this package does not import the store.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import random
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from desktop.core.actions import ActionJob, ActionKind, ActionRule, ActionRun, JobState, RunOutcome
from desktop.core.model import StoredEvent
from desktop.delivery.actions.base import RunContext
from desktop.delivery.actions.registry import kind_of
from desktop.delivery.backoff import RetryPolicy
from desktop.delivery.forwarder import process_owner, stop_dispatching

log = logging.getLogger(__name__)

POLL_S = 1.0
LEASE_MARGIN_S = 120.0  # a claim outlives the rule's timeout by this much
DEAD_CLAIMS_EVERY_S = 10.0
DEFAULT_POLICY = RetryPolicy(max_attempts=5, base_s=5.0, max_s=600.0)


class ActionQueue(Protocol):
    def get_rule(self, rule_id: int) -> ActionRule | None: ...
    def claim_due_jobs(
        self, now: float, owner: str, lease_s: Callable[[int], float], limit: int
    ) -> list[ActionJob]: ...
    def next_due_at(self) -> float | None: ...
    def release_claims(self, owner: str) -> int: ...
    def release_dead_claims(self, host: str, alive: Callable[[int], bool]) -> int: ...
    def mark_done(self, job_id: int, *, owner: str | None = None) -> None: ...
    def mark_retry(self, job_id: int, next_at: float, error: str, *, owner: str | None = None) -> None: ...
    def mark_failed(self, job_id: int, error: str, *, owner: str | None = None) -> None: ...
    def record_run(self, run: ActionRun) -> int: ...
    def run_again(self, rule_id: int, event_id: int, now: float) -> int: ...


class ActionTables(ActionQueue, Protocol):
    """The runner's queue and what the Actions tab reads and edits, on the hub's connection
    (`HubQueue.actions()`; the store's `ActionTables` of desktop/store/interface.py)."""

    def list_rules(self, *, enabled_only: bool = False) -> list[ActionRule]: ...
    def save_rule(self, rule: ActionRule) -> int: ...
    def set_enabled(self, rule_id: int, enabled: bool) -> None: ...
    def delete_rule(self, rule_id: int) -> None: ...
    def retry_failed(self, job_ids: Iterable[int], now: float) -> int: ...
    def jobs(self, rule_id: int | None = None, limit: int = 500) -> list[ActionJob]: ...
    def queue_counts(self) -> dict[int, dict[str, int]]: ...
    def runs(self, rule_id: int | None = None, limit: int = 500) -> list[ActionRun]: ...
    def runs_for_event(self, event_id: int) -> list[ActionRun]: ...


@dataclass(frozen=True, slots=True)
class RunUpdate:
    """A job changed state (and, when it ran, its stored run)."""

    job_id: int
    rule_id: int
    event_id: int
    state: JobState
    run: ActionRun | None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


class ActionRunner:
    """Start it on the loop that owns the queue's connection (the hub's).

    Args:
        queue: the action tables (see ActionQueue).
        load_event: reads a stored event (with its body) by id; None if it is gone.
        context: SMTP settings and the notification sink (see RunContext).
        policy: attempts and backoff.
        concurrency: most runs at once (over all rules; one per rule).
        on_run_done: called on the loop after each job changes state.
    """

    def __init__(
        self,
        queue: ActionQueue,
        load_event: Callable[[int], StoredEvent | None],
        context: RunContext,
        *,
        policy: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
        concurrency: int = 4,
        on_run_done: Callable[[RunUpdate], None] | None = None,
        owner: str | None = None,
    ) -> None:
        self._queue = queue
        self._load_event = load_event
        self.context = context
        self._policy = policy or DEFAULT_POLICY
        self._clock = clock
        self._rng = rng
        self._concurrency = max(1, concurrency)
        self._on_run_done = on_run_done
        self.owner = owner or process_owner()
        self._inflight: dict[int, asyncio.Task[None]] = {}
        self._wakeup = asyncio.Event()
        self._dispatcher: asyncio.Task[None] | None = None
        self._dead_checked_at = 0.0

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        if self._dispatcher is None:
            self._dispatcher = asyncio.get_running_loop().create_task(self._dispatch(), name="actions")

    async def stop(self, grace_s: float = 2.0) -> None:
        """Stop dispatching; runs still going after `grace_s` are killed and stay queued."""
        await stop_dispatching(self._dispatcher, self._inflight.values(), grace_s)
        self._dispatcher = None
        try:
            self._queue.release_claims(self.owner)
        except Exception:
            log.exception("actions: could not release claims; they expire with their lease")

    def wake(self) -> None:
        self._wakeup.set()

    # --- by hand -----------------------------------------------------------------------

    def run_again(self, rule_id: int, event_id: int) -> int:
        """Queue one more run of a rule on an event (a person asked); returns the job id."""
        job_id = self._queue.run_again(rule_id, event_id, self._clock())
        self.wake()
        return job_id

    def dry_run(self, rule: ActionRule, event: StoredEvent) -> str:
        """Exactly what the rule would execute or send for this event; does nothing."""
        return kind_of(rule.kind).preview(rule, event, self.context)

    # --- dispatching -------------------------------------------------------------------

    async def _dispatch(self) -> None:
        while True:
            self._wakeup.clear()
            try:
                wait_s = self._start_due_jobs()
            except Exception:
                log.exception("actions: reading the queue failed; trying again in %s s", POLL_S)
                wait_s = POLL_S
            # Due but not claimed (its rule is busy here or elsewhere): a finishing run wakes us.
            pause = POLL_S if wait_s is None or wait_s <= 0 else min(wait_s, POLL_S)
            try:
                async with asyncio.timeout(pause):
                    await self._wakeup.wait()
            except TimeoutError:
                pass

    def _lease(self, rule_id: int) -> float:
        rule = self._queue.get_rule(rule_id)
        timeout = rule.timeout_s if rule is not None and rule.kind is ActionKind.COMMAND else 60.0
        return timeout + LEASE_MARGIN_S

    def _start_due_jobs(self) -> float | None:
        now = self._clock()
        if now - self._dead_checked_at >= DEAD_CLAIMS_EVERY_S:
            # A process on this machine killed mid-run: its jobs need not wait for the lease.
            self._dead_checked_at = now
            self._queue.release_dead_claims(socket.gethostname(), pid_alive)
        free = self._concurrency - len(self._inflight)
        if free > 0:
            for job in self._queue.claim_due_jobs(now, self.owner, self._lease, free):
                task = asyncio.get_running_loop().create_task(self._run(job), name=f"action-job-{job.id}")
                self._inflight[job.id] = task
                task.add_done_callback(functools.partial(self._finished, job.id))
        next_at = self._queue.next_due_at()
        return None if next_at is None else next_at - self._clock()

    def _finished(self, job_id: int, task: asyncio.Task[None]) -> None:
        self._inflight.pop(job_id, None)
        if not task.cancelled() and task.exception() is not None:
            log.error("action job %s crashed", job_id, exc_info=task.exception())
        self.wake()

    async def _run(self, job: ActionJob) -> None:
        rule = self._queue.get_rule(job.rule_id)
        loaded = self._load_event(job.event_id) if rule is not None else None
        if rule is None or loaded is None:
            self._queue.mark_failed(
                job.id, "rule deleted" if rule is None else "event no longer exists", owner=self.owner
            )
            self._report(RunUpdate(job.id, job.rule_id, job.event_id, JobState.FAILED, None))
            return
        if not rule.enabled and not job.manual:
            # Turned off after the event was queued: a person said stop; "Retry failed" resumes.
            self._queue.mark_failed(job.id, "rule turned off before it ran", owner=self.owner)
            self._report(RunUpdate(job.id, job.rule_id, job.event_id, JobState.FAILED, None))
            return
        started = self._clock()
        clock = time.monotonic()
        try:
            outcome = await kind_of(rule.kind).run(rule, loaded, self.context)
        except Exception as exc:  # a bug in a kind must not stop the queue
            log.exception("action job %s: unexpected error", job.id)
            outcome = RunOutcome(ok=False, answer=f"internal error: {exc}")
        run = ActionRun(
            id=0,
            job_id=job.id,
            rule_id=rule.id or job.rule_id,
            rule_name=rule.name,
            kind=rule.kind,
            event_id=job.event_id,
            started_at=started,
            duration_s=time.monotonic() - clock,
            ok=outcome.ok,
            answer=outcome.answer,
            exit_code=outcome.exit_code,
            stdout=outcome.stdout,
            stderr=outcome.stderr,
            manual=job.manual,
        )
        run = replace(run, id=self._queue.record_run(run))
        state = self._settle(job, outcome)
        self._report(RunUpdate(job.id, job.rule_id, job.event_id, state, run))

    def _settle(self, job: ActionJob, outcome: RunOutcome) -> JobState:
        if outcome.ok:
            self._queue.mark_done(job.id, owner=self.owner)
            return JobState.DONE
        attempts = job.attempts + 1
        if not outcome.retryable or attempts >= self._policy.max_attempts:
            self._queue.mark_failed(job.id, outcome.answer, owner=self.owner)
            return JobState.FAILED
        self._queue.mark_retry(
            job.id, self._clock() + self._policy.delay(attempts, self._rng), outcome.answer, owner=self.owner
        )
        return JobState.RETRYING

    def _report(self, update: RunUpdate) -> None:
        if self._on_run_done is None:
            return
        try:
            self._on_run_done(update)
        except Exception:
            log.exception("actions: on_run_done failed for job %s", update.job_id)
