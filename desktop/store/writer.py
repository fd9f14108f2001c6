"""The single writer: group commit of captured requests on its own thread.

Every write to the database goes through this thread, so SQLite never sees two writers.
Requests queue up while a commit is in flight; the next commit takes all of them at once,
so thousands of requests share one transaction. A request's completion callback runs only
after its row is committed: the listener acknowledges nothing that is not stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from desktop.core.model import CapturedRequest, Derived
from desktop.store.rows import INSERT_EVENT_SQL, event_values

log = logging.getLogger(__name__)

T = TypeVar("T")

# Most rows one transaction takes; bounds the latency of the first request in a burst.
MAX_BATCH = 2000

Derive = Callable[[CapturedRequest], Derived]
# Runs inside the write transaction, after the event row exists: duplicates, entity state.
Enrich = Callable[[sqlite3.Connection, int, CapturedRequest, Derived], None]
Done = Callable[[int | None, BaseException | None], None]


@dataclass(slots=True)
class _Capture:
    request: CapturedRequest
    response_status: int
    rejected: str
    size: int | None
    done: Done | None = None
    waiter: tuple[asyncio.AbstractEventLoop, asyncio.Future[int]] | None = None


@dataclass(slots=True)
class _Task:
    fn: Callable[[sqlite3.Connection], Any]
    future: Future[Any] = field(default_factory=Future)


_STOP = object()


class GroupCommitWriter:
    """Owns the write connection; stores captures in batches and runs write tasks in order.

    Signals (plain callbacks, called on the writer thread):
        committed(ids): after each commit that stored new events, in id order.
    """

    def __init__(self, conn: sqlite3.Connection, derive: Derive, enrich: Enrich | None = None) -> None:
        self._conn = conn
        self._derive = derive
        self._enrich = enrich
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._listeners: list[Callable[[list[int]], None]] = []
        self._started = False

    def add_listener(self, callback: Callable[[list[int]], None]) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[list[int]], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def start(self) -> None:
        self._started = True
        self._thread.start()

    def stop(self) -> None:
        """Store everything already submitted, then end the thread."""
        if self._started and self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    # -- submitting -------------------------------------------------------------------------

    def submit(
        self,
        request: CapturedRequest,
        response_status: int = 200,
        rejected: str = "",
        size: int | None = None,
        done: Done | None = None,
    ) -> None:
        self._queue.put(_Capture(request, response_status, rejected, size, done=done))

    def store(
        self,
        request: CapturedRequest,
        response_status: int = 200,
        rejected: str = "",
        size: int | None = None,
    ) -> asyncio.Future[int]:
        """Submit from a coroutine; the future resolves to the event id once committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[int] = loop.create_future()
        self._queue.put(_Capture(request, response_status, rejected, size, waiter=(loop, future)))
        return future

    def call(self, fn: Callable[[sqlite3.Connection], T]) -> Future[T]:
        """Run `fn(conn)` on the writer thread, after everything submitted before it."""
        task = _Task(fn)
        self._queue.put(task)
        return task.future

    # -- the thread -------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if isinstance(item, _Task):
                self._run_task(item)
                continue
            batch = [item]
            stop_after = False
            pending_task: _Task | None = None
            while len(batch) < MAX_BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is _STOP:
                    stop_after = True
                    break
                if isinstance(more, _Task):
                    pending_task = more  # keep order: tasks run after the captures before them
                    break
                batch.append(more)
            self._commit(batch)  # type: ignore[arg-type]
            if pending_task is not None:
                self._run_task(pending_task)
            if stop_after:
                return

    def _run_task(self, task: _Task) -> None:
        try:
            with self._conn:
                result = task.fn(self._conn)
        except BaseException as exc:  # the caller decides what an error means
            task.future.set_exception(exc)
        else:
            task.future.set_result(result)

    def _commit(self, batch: list[_Capture]) -> None:
        derived = [self._safe_derive(c.request) for c in batch]
        ids: list[int] = []
        try:
            with self._conn:
                cursor = self._conn.cursor()
                for capture, facts in zip(batch, derived, strict=True):
                    values = event_values(
                        capture.request, facts, capture.response_status, capture.rejected, capture.size
                    )
                    cursor.execute(INSERT_EVENT_SQL, values)
                    event_id = int(cursor.lastrowid or 0)
                    cursor.execute(
                        "INSERT INTO bodies (event_id, body) VALUES (?, ?)", (event_id, capture.request.body)
                    )
                    if self._enrich is not None:
                        self._enrich(self._conn, event_id, capture.request, facts)
                    ids.append(event_id)
        except Exception as exc:  # disk full, database locked for too long, ...
            log.error("could not store %d request(s): %s", len(batch), exc)
            self._finish(batch, None, exc)
            return
        self._finish(batch, ids, None)
        for listener in self._listeners:
            try:
                listener(ids)
            except Exception:
                log.exception("a committed-events listener failed")

    def _safe_derive(self, request: CapturedRequest) -> Derived:
        # Recognition must never cost a capture: store the request plain if it fails.
        try:
            return self._derive(request)
        except Exception:
            log.exception("deriving fields failed for %s %s", request.method, request.path)
            return Derived(signature_reason="internal error while recognising this request")

    @staticmethod
    def _finish(batch: list[_Capture], ids: list[int] | None, error: BaseException | None) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[int], int | None]]] = {}
        for index, capture in enumerate(batch):
            event_id = None if ids is None else ids[index]
            if capture.done is not None:
                capture.done(event_id, error)
            if capture.waiter is not None:
                loop, future = capture.waiter
                by_loop.setdefault(loop, []).append((future, event_id))
        # One wake-up per loop per batch, not one per request.
        for loop, waiters in by_loop.items():
            with contextlib.suppress(RuntimeError):  # that loop is closed: nobody is waiting any more
                loop.call_soon_threadsafe(_resolve, waiters, error)


def _resolve(waiters: list[tuple[asyncio.Future[int], int | None]], error: BaseException | None) -> None:
    for future, event_id in waiters:
        if future.done():
            continue
        if error is not None or event_id is None:
            future.set_exception(error or RuntimeError("not stored"))
        else:
            future.set_result(event_id)
