"""The single writer: group commit of captured requests on the store thread.

Every write to the database goes through this thread, so SQLite never sees two writers. The
thread runs an asyncio loop, and the HTTP listener serves on that same loop: a request is
queued without crossing threads, and once per loop turn everything queued is stored in one
transaction, so a burst of requests shares one commit. A request's future resolves only
after its row is committed: the listener acknowledges nothing that is not stored.

Measured (tests/bench/ingest.py): a separate writer thread cost a cross-thread wake-up per
batch and a GIL hand-off per wake-up, which halved throughput; sharing the loop removes both.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass
from typing import TypeVar

from desktop.core.model import CapturedRequest, Derived
from desktop.store.rows import INSERT_EVENT_SQL, event_values

log = logging.getLogger(__name__)

T = TypeVar("T")

# Most rows one transaction takes; bounds how long one commit holds the loop.
MAX_BATCH = 2000

Derive = Callable[[CapturedRequest], Derived]
# Runs inside the write transaction, after the event row exists: duplicates, entity state.
Enrich = Callable[[sqlite3.Connection, int, CapturedRequest, Derived], None]


@dataclass(slots=True)
class _Capture:
    request: CapturedRequest
    response_status: int
    rejected: str
    size: int | None
    future: asyncio.Future[int] | Future[int]


class GroupCommitWriter:
    """Owns the write connection and the store thread's asyncio loop.

    Callbacks (called on the store thread):
        committed(ids): after each commit that stored new events, in id order.
    """

    def __init__(self, conn: sqlite3.Connection, derive: Derive, enrich: Enrich | None = None) -> None:
        self._conn = conn
        self._derive = derive
        self._enrich = enrich
        self._pending: list[_Capture] = []
        self._flush_scheduled = False
        self._listeners: list[Callable[[list[int]], None]] = []
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="store", daemon=True)

    def add_listener(self, callback: Callable[[list[int]], None]) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[list[int]], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Store everything already submitted, then end the thread."""
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._shutdown)
            self._thread.join()
        if not self.loop.is_closed():
            self.loop.close()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def _shutdown(self) -> None:
        self._flush()
        self.loop.stop()

    # -- submitting -------------------------------------------------------------------------

    def store(
        self,
        request: CapturedRequest,
        response_status: int = 200,
        rejected: str = "",
        size: int | None = None,
    ) -> asyncio.Future[int]:
        """From a coroutine on the store loop: resolves to the event id once committed."""
        future: asyncio.Future[int] = self.loop.create_future()
        self._queue(_Capture(request, response_status, rejected, size, future))
        return future

    def submit(
        self,
        request: CapturedRequest,
        response_status: int = 200,
        rejected: str = "",
        size: int | None = None,
    ) -> Future[int]:
        """From any thread: a concurrent future of the event id."""
        future: Future[int] = Future()
        capture = _Capture(request, response_status, rejected, size, future)
        self.loop.call_soon_threadsafe(self._queue, capture)
        return future

    def call(self, fn: Callable[[sqlite3.Connection], T]) -> Future[T]:
        """Run `fn(conn)` in a transaction on the store thread, after everything queued before it."""
        future: Future[T] = Future()

        def run() -> None:
            self._flush()  # keep order: captures submitted earlier are stored first
            if not future.set_running_or_notify_cancel():
                return
            try:
                with self._conn:
                    result = fn(self._conn)
            except BaseException as exc:  # the caller decides what an error means
                future.set_exception(exc)
            else:
                future.set_result(result)

        self.loop.call_soon_threadsafe(run)
        return future

    def _queue(self, capture: _Capture) -> None:
        self._pending.append(capture)
        if len(self._pending) >= MAX_BATCH:
            self._flush()
        elif not self._flush_scheduled:
            # Runs after the callbacks already ready in this loop turn: the requests that
            # arrived together are stored together.
            self._flush_scheduled = True
            self.loop.call_soon(self._flush)

    # -- committing ---------------------------------------------------------------------------

    def _flush(self) -> None:
        self._flush_scheduled = False
        batch, self._pending = self._pending, []
        if batch:
            self._commit(batch)

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
            for capture in batch:
                _settle(capture.future, None, exc)
            return
        for capture, event_id in zip(batch, ids, strict=True):
            _settle(capture.future, event_id, None)
        for listener in list(self._listeners):
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


def _settle(
    future: asyncio.Future[int] | Future[int], event_id: int | None, error: BaseException | None
) -> None:
    # A waiter may have been cancelled meanwhile (the client hung up): nothing to tell it.
    with contextlib.suppress(asyncio.InvalidStateError, InvalidStateError):
        if future.done():
            return
        if error is not None or event_id is None:
            future.set_exception(error or RuntimeError("not stored"))
        else:
            future.set_result(event_id)
