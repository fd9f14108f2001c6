"""Auto-forward: retries with backoff, Retry-After, per-target order, resume after restart.

Nothing here sleeps: tests wait on an asyncio.Event set from the forwarder's job callback,
and backoff is either tiny (0.01 s) or driven by a fake clock the test moves.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import httpx

from desktop.core.model import CapturedRequest
from desktop.core.records import ForwardRule, JobState
from desktop.core.targets import Target
from desktop.delivery.backoff import RetryPolicy
from desktop.delivery.forwarder import Forwarder, JobUpdate
from desktop.store.delivery_store import DeliveryStore
from tests.delivery.support import RecordingServer, captured, open_db

QUICK = RetryPolicy(max_attempts=50, base_s=0.01, max_s=0.05)


class FakeClock:
    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class Watcher:
    """Collects job updates; `until(pred)` waits until the updates so far satisfy pred."""

    def __init__(self) -> None:
        self.updates: list[JobUpdate] = []
        self._changed = asyncio.Event()

    def __call__(self, update: JobUpdate) -> None:
        self.updates.append(update)
        self._changed.set()

    async def until(self, pred: Callable[[list[JobUpdate]], bool]) -> None:
        while not pred(self.updates):
            self._changed.clear()
            await self._changed.wait()

    def count(self, state: JobState) -> int:
        return sum(u.state == state for u in self.updates)


def _events(count: int) -> dict[int, CapturedRequest]:
    return {i: captured(body=f"event {i}".encode()) for i in range(1, count + 1)}


def _forwarder(
    store: DeliveryStore,
    client: httpx.AsyncClient,
    events: dict[int, CapturedRequest],
    watcher: Watcher,
    **kw,
) -> Forwarder:
    kw.setdefault("policy", QUICK)
    return Forwarder(store, client, events.get, on_job_done=watcher, rng=lambda: 0.5, **kw)


def test_retries_back_off_and_stop_at_the_limit(server: RecordingServer, db: sqlite3.Connection, run):
    server.fail_times = 100
    store = DeliveryStore(db)
    target = store.save_target(Target(name="app", url=server.url))
    clock = FakeClock()
    watcher = Watcher()
    next_ats: list[float] = []

    async def go() -> None:
        async with httpx.AsyncClient() as client:
            policy = RetryPolicy(max_attempts=4, base_s=1.0, max_s=100.0)
            fwd = _forwarder(store, client, _events(1), watcher, policy=policy, clock=clock)
            (job_id,) = fwd.enqueue([1], target.id or 0)
            fwd.start()
            for n in range(1, 4):
                await watcher.until(lambda u, n=n: len(u) == n)
                job = store.get_job(job_id)
                assert job is not None and job.state == JobState.RETRYING
                next_ats.append(job.next_at)
                clock.now = job.next_at  # time passes exactly to the retry
                fwd.wake()
            await watcher.until(lambda u: len(u) == 4)
            await fwd.stop()

    run(go())

    # Full jitter with random 0.5: half of 1, 2, 4 seconds after each failure.
    assert next_ats == [1000.5, 1001.5, 1003.5]
    assert [u.state for u in watcher.updates] == [JobState.RETRYING] * 3 + [JobState.FAILED]
    assert len(server.received) == 4
    job = store.list_jobs()[0]
    assert (job.state, job.attempts, job.last_error) == (JobState.FAILED, 4, "HTTP 503")
    assert [a.status_code for a in store.attempts_for_event(1)] == [503] * 4


def test_retry_after_is_honoured(server: RecordingServer, db: sqlite3.Connection, run):
    server.fail_times, server.fail_status, server.fail_headers = 1, 429, {"Retry-After": "42"}
    store = DeliveryStore(db)
    target = store.save_target(Target(name="app", url=server.url))
    clock = FakeClock()
    watcher = Watcher()

    async def go() -> None:
        async with httpx.AsyncClient() as client:
            fwd = _forwarder(store, client, _events(1), watcher, clock=clock)
            (job_id,) = fwd.enqueue([1], target.id or 0)
            fwd.start()
            await watcher.until(lambda u: len(u) == 1)
            job = store.get_job(job_id)
            assert job is not None and job.next_at == 1042.0  # not the 0.005 s backoff
            clock.now = 1041.9
            fwd.wake()
            assert store.due_jobs(clock(), 10) == []
            clock.now = 1042.0
            fwd.wake()
            await watcher.until(lambda u: len(u) == 2)
            await fwd.stop()

    run(go())
    assert [u.state for u in watcher.updates] == [JobState.RETRYING, JobState.DELIVERED]


def test_a_target_that_comes_back_up_gets_the_queue_in_order(db: sqlite3.Connection, run):
    server = RecordingServer()
    server.start()
    server.stop()  # keep the port; nothing listens on it now
    store = DeliveryStore(db)
    target = store.save_target(Target(name="app", url=server.url))
    store.save_rule(ForwardRule(target_id=target.id or 0, ordered=True))
    events = _events(5)
    watcher = Watcher()

    async def go() -> None:
        async with httpx.AsyncClient() as client:
            fwd = _forwarder(store, client, events, watcher)
            fwd.start()
            assert len(fwd.enqueue(sorted(events), target.id or 0, ordered=True)) == 5
            await watcher.until(lambda u: len(u) >= 2)  # refused twice
            assert {u.event_id for u in watcher.updates} == {1}  # the rest wait their turn
            assert watcher.updates[0].attempt and watcher.updates[0].attempt.error == "connection refused"
            server.start()
            await watcher.until(lambda u: sum(x.state == JobState.DELIVERED for x in u) == 5)
            await fwd.stop()

    try:
        run(go())
    finally:
        server.close()
    assert server.bodies() == [f"event {i}".encode() for i in range(1, 6)]
    assert store.queue_counts()[JobState.DELIVERED] == 5


def test_closing_and_reopening_resumes_the_queue(server: RecordingServer, db_path: Path, run):
    server.fail_times = 1_000  # down for the first run
    events = _events(3)

    async def first_run() -> None:
        conn = open_db(db_path)
        store = DeliveryStore(conn)
        target = store.save_target(Target(name="app", url=server.url))
        watcher = Watcher()
        async with httpx.AsyncClient() as client:
            fwd = _forwarder(store, client, events, watcher, policy=RetryPolicy(base_s=60))
            fwd.enqueue([1, 2, 3], target.id or 0, ordered=True)
            fwd.start()
            await watcher.until(lambda u: len(u) == 1)  # first one tried and parked for 30 s
            await fwd.stop()
        conn.close()

    async def second_run() -> DeliveryStore:
        server.fail_times = 0
        store = DeliveryStore(open_db(db_path))
        assert store.queue_counts()[JobState.RETRYING] == 1 and store.queue_counts()[JobState.PENDING] == 2
        watcher = Watcher()
        clock = FakeClock(now=10**10)  # far past the parked retry
        async with httpx.AsyncClient() as client:
            fwd = _forwarder(store, client, events, watcher, clock=clock)
            fwd.start()
            await watcher.until(lambda u: watcher.count(JobState.DELIVERED) == 3)
            await fwd.stop()
        return store

    run(first_run())
    store = run(second_run())
    assert server.bodies() == [b"event 1", b"event 1", b"event 2", b"event 3"]
    assert [a.status_code for a in store.attempts_for_event(1)] == [503, 200]  # history survived
    store.close()


def test_failed_jobs_can_be_retried_by_hand(server: RecordingServer, db: sqlite3.Connection, run):
    server.fail_times, server.fail_status = 1, 404  # a permanent answer: no automatic retry
    store = DeliveryStore(db)
    target = store.save_target(Target(name="app", url=server.url))
    watcher = Watcher()

    async def go() -> None:
        async with httpx.AsyncClient() as client:
            fwd = _forwarder(store, client, _events(1), watcher)
            (job_id,) = fwd.enqueue([1], target.id or 0)
            fwd.start()
            await watcher.until(lambda u: len(u) == 1)
            assert watcher.updates[0].state == JobState.FAILED
            assert fwd.retry_failed([job_id]) == 1
            await watcher.until(lambda u: len(u) == 2)
            await fwd.stop()

    run(go())
    assert watcher.updates[1].state == JobState.DELIVERED
    assert len(server.received) == 2


def test_a_deleted_event_fails_its_job_with_a_reason(server: RecordingServer, db: sqlite3.Connection, run):
    store = DeliveryStore(db)
    target = store.save_target(Target(name="app", url=server.url))
    watcher = Watcher()

    async def go() -> None:
        async with httpx.AsyncClient() as client:
            fwd = _forwarder(store, client, {}, watcher)
            fwd.enqueue([99], target.id or 0)
            fwd.start()
            await watcher.until(lambda u: len(u) == 1)
            await fwd.stop()

    run(go())
    assert store.list_jobs()[0].last_error == "event no longer exists"
    assert server.received == []
