"""The single writer: group commit of captured requests on the store thread.

Every write to the database goes through this thread, so SQLite never sees two writers. The
thread runs an asyncio loop, and the HTTP listener serves on that same loop: a request is
queued without crossing threads, and once per loop turn everything queued is stored in one
transaction, so a burst of requests shares one commit. A request's future resolves only
after its row is committed: the listener acknowledges nothing that is not stored.

Capture first, recognise soon after. The commit that acknowledges a request stores it as
received (`derived = 0`); recognising the provider, checking the signature and updating the
payment state happen right after, in later transactions. When requests keep coming,
recognition takes at most BUSY_SHARE of the thread, so a burst is acknowledged at full
speed and recognised moments later; when the burst ends the backlog drains at once. A crash
in between loses nothing: unrecognised rows are picked up again at the next start.

Several processes may share the store (a window and a headless receiver, `--workers N`),
each with its own writer. Recognising is claimed in the store: the transaction that stores
what was recognised takes the write lock first (BEGIN IMMEDIATE) and applies only the rows
still `derived = 0`, so each event is recognised, counted in its payment state and queued
for forwarding (`after_derive`) exactly once, whichever process gets there first. Rows a
killed process left unrecognised are taken over by any live writer after ORPHAN_AGE.

Measured (tests/bench/ingest.py, README): recognising inside the acknowledging commit
halved the acknowledged rate; so did a separate writer thread (a GIL hand-off per batch).
The loop is uvloop's where it is installed (not on Windows): its sockets, timers and
callbacks cost less per request than asyncio's pure-Python selector loop (see
`new_store_loop`); everything here and in the listener works on either.

Faults (see desktop/store/write_faults.py). A commit that fails answers 503 to its batch and
loses nothing acknowledged. While the database is locked by another program, each batch
waits only briefly for the lock, so senders get their 503 promptly instead of queueing
behind one long wait. Recognition that fails for the same reasons (disk full, locked) is
retried every few seconds and as soon as a capture commits again, not at the next start.
Fault listeners hear what is wrong (for the window) and when it is over.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TypeVar

try:  # optional: uvloop has no Windows build, and the app runs on asyncio's loop without it
    import uvloop
except ImportError:  # pragma: no cover - depends on the platform
    uvloop = None  # type: ignore[assignment]

from desktop.core.model import CapturedRequest, Derived
from desktop.store.checkpoints import WAL_AUTOCHECKPOINT_PAGES, Checkpointer
from desktop.store.database import database_file
from desktop.store.forward_claims import immediate
from desktop.store.rows import (
    INSERT_CAPTURE_SQL,
    UPDATE_DERIVED_SQL,
    UPDATE_RESPONSE_SQL,
    capture_values,
    derived_values,
    row_to_event,
)
from desktop.store.schema import EVENT_COLUMNS
from desktop.store.write_faults import FaultState, is_environmental
from desktop.store.write_safety import Derive, Listener, Respond, notify, safe_derive, safe_respond, settle

log = logging.getLogger(__name__)

T = TypeVar("T")

# Most rows one transaction takes; bounds how long one commit holds the loop.
MAX_BATCH = 2000
# Recognition: events per transaction, and its share of the thread while captures flow.
DERIVE_BATCH = 500
BUSY_SLICE = 8
BUSY_SHARE = 0.05
BUSY_WINDOW = 0.05  # seconds since the last capture that still count as "requests flowing"
# Past this many waiting events, keep only ids in memory and re-read the requests later.
MAX_HELD_REQUESTS = 50_000

# Called on the store thread with what is wrong (for a person), or None once writes work again.
FaultListener = Callable[[str | None], None]

# Runs inside the write transaction, after the event row exists: duplicates, entity state.
Enrich = Callable[[sqlite3.Connection, int, CapturedRequest, Derived], None]
# Runs inside the recognising transaction with that batch's ids (e.g. full-text indexing).
AfterDerive = Callable[[sqlite3.Connection, list[int]], object]
# Background upkeep run only when idle, one slice at a time; returns True while work remains.
IdleTask = Callable[[sqlite3.Connection], bool]
IDLE_RETRY = 1.0  # seconds between looks for an idle moment
DERIVE_RETRY_S = 2.0  # after recognition failed for want of disk or lock

# Unrecognised rows older than this are taken over from whichever process stored them (it
# may have been killed); younger ones are left to it, since it still holds their requests.
ORPHAN_AGE = 2.0
ORPHAN_SCAN = 1.0  # seconds between looks for such rows while this writer has none queued


@dataclass(slots=True)
class _Capture:
    request: CapturedRequest
    response_status: int
    rejected: str
    size: int | None
    future: asyncio.Future[int] | Future[int]
    respond: Respond | None = None


def new_store_loop(prefer_uvloop: bool = True) -> asyncio.AbstractEventLoop:
    """The store thread's loop: uvloop's when available (and wanted), else asyncio's."""
    if prefer_uvloop and uvloop is not None:
        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


class GroupCommitWriter:
    """Owns the write connection and the store thread's asyncio loop.

    Callbacks (called on the store thread, with ids in ascending order):
        committed(ids): new events were stored (as received, not yet recognised).
        derived(ids): these events were recognised (provider, signature, payment state).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        derive: Derive,
        enrich: Enrich | None = None,
        after_derive: AfterDerive | None = None,
        idle_task: IdleTask | None = None,
        prefer_uvloop: bool = True,
    ) -> None:
        self._conn = conn
        self._derive = derive
        self._enrich = enrich
        self._after_derive = after_derive
        self._idle_task = idle_task
        self._pending: list[_Capture] = []
        self._flush_scheduled = False
        self._underived: deque[tuple[int, CapturedRequest | None]] = deque()
        # Events whose recognition failed for a reason other than the environment: the orphan
        # scan must not pick them up again every second (a log line each time); next start does.
        self._given_up: set[int] = set()
        self._derive_handle: asyncio.TimerHandle | asyncio.Handle | None = None
        self._last_capture = 0.0
        self._listeners: list[Listener] = []
        self._derived_listeners: list[Listener] = []
        self.faults = FaultState(conn)
        self._derive_retry: asyncio.TimerHandle | None = None
        self.loop = new_store_loop(prefer_uvloop)
        # WAL checkpoints off the store loop (see desktop/store/checkpoints.py).
        path = database_file(conn)
        self.checkpointer = Checkpointer(path) if path is not None else None
        self._thread = threading.Thread(target=self._run, name="store", daemon=True)

    def add_listener(self, callback: Listener) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Listener) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def add_fault_listener(self, callback: FaultListener) -> None:
        self.faults.listeners.append(callback)

    def remove_fault_listener(self, callback: FaultListener) -> None:
        if callback in self.faults.listeners:
            self.faults.listeners.remove(callback)

    @property
    def fault(self) -> str | None:
        """What keeps requests from being stored right now, in words for a person."""
        return self.faults.message

    def add_derived_listener(self, callback: Listener) -> None:
        self._derived_listeners.append(callback)

    def remove_derived_listener(self, callback: Listener) -> None:
        if callback in self._derived_listeners:
            self._derived_listeners.remove(callback)

    @property
    def backlog(self) -> int:
        """Events stored but not recognised yet."""
        return len(self._underived)

    def start(self) -> None:
        # Rows a crash left unrecognised are recognised first.
        for (event_id,) in self._conn.execute("SELECT id FROM events WHERE derived = 0 ORDER BY id"):
            self._underived.append((event_id, None))
        if self.checkpointer is not None:
            self._conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
            self.checkpointer.start()
        self._thread.start()
        if self._underived:
            self.loop.call_soon_threadsafe(self._schedule_derive, 0.0)
        if self._idle_task is not None:
            self.loop.call_soon_threadsafe(self.loop.call_later, IDLE_RETRY, self._idle_turn)
        self.loop.call_soon_threadsafe(self.loop.call_later, ORPHAN_SCAN, self._orphan_turn)

    def stop(self) -> None:
        """Store and recognise everything already submitted, then end the thread."""
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._shutdown)
            self._thread.join()
        if self.checkpointer is not None:
            self.checkpointer.stop()
        if not self.loop.is_closed():
            self.loop.close()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def _shutdown(self) -> None:
        self.settle_now()
        self.loop.stop()

    def settle_now(self) -> None:
        """On the store thread: store what is queued and recognise every stored event."""
        self._flush()
        while self._underived:
            if not self._derive_some(DERIVE_BATCH):
                break  # disk full or locked: left for the retry (or the next start)

    # -- submitting -------------------------------------------------------------------------

    def store(
        self,
        request: CapturedRequest,
        response_status: int = 200,
        rejected: str = "",
        size: int | None = None,
        respond: Respond | None = None,
    ) -> asyncio.Future[int]:
        """From a coroutine on the store loop: resolves to the event id once committed.

        `respond` (custom responses) records the answer in the same commit as the request.
        """
        future: asyncio.Future[int] = self.loop.create_future()
        self._queue(_Capture(request, response_status, rejected, size, future, respond))
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
            if not future.set_running_or_notify_cancel():
                return
            try:
                # Keep order: captures submitted earlier are stored and recognised first.
                self.settle_now()
                with immediate(self._conn):
                    result = fn(self._conn)
            except BaseException as exc:  # the caller decides what an error means
                future.set_exception(exc)
            else:
                future.set_result(result)

        self.loop.call_soon_threadsafe(run)
        return future

    def recognise_stored(self) -> None:
        """From any thread: take up rows another connection stored as received (`derived = 0`,
        e.g. File > Import): listeners hear of them as committed, then they are recognised."""
        self.loop.call_soon_threadsafe(self._adopt_stored)

    def _adopt_stored(self) -> None:
        known = {event_id for event_id, _ in self._underived}
        rows = self._conn.execute("SELECT id FROM events WHERE derived = 0 ORDER BY id")
        ids = [event_id for (event_id,) in rows if event_id not in known]
        if ids:
            self._underived.extend((event_id, None) for event_id in ids)
            notify(self._listeners, ids)
            self._schedule_derive(0.0)

    def call_between(self, fn: Callable[[sqlite3.Connection], T]) -> Future[T]:
        """From any thread: `fn(conn)` in its own short transaction on the store thread.

        Unlike `call`, it does not settle the queue first: background upkeep (retention)
        runs in small slices between group commits while captures keep flowing, and
        touches only recognised rows.
        """
        future: Future[T] = Future()

        def run() -> None:
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
        ids: list[int] = []
        try:
            with immediate(self._conn):
                cursor = self._conn.cursor()
                for capture in batch:
                    values = capture_values(
                        capture.request, capture.response_status, capture.rejected, capture.size
                    )
                    cursor.execute(INSERT_CAPTURE_SQL, values)
                    event_id = int(cursor.lastrowid or 0)
                    if capture.respond is not None:
                        record = safe_respond(capture.respond, event_id)
                        if record is not None:
                            cursor.execute(UPDATE_RESPONSE_SQL, (record, event_id))
                    ids.append(event_id)
                cursor.executemany(
                    "INSERT INTO bodies (event_id, body) VALUES (?, ?)",
                    zip(ids, (capture.request.body for capture in batch), strict=True),
                )
        except Exception as exc:  # disk full, database locked for too long, ...
            log.error("could not store %d request(s): %s", len(batch), exc)
            self.faults.failed(exc)
            for capture in batch:
                settle(capture.future, None, exc)
            return
        self.faults.cleared()
        if self.checkpointer is not None:
            self.checkpointer.wrote()
        for capture, event_id in zip(batch, ids, strict=True):
            settle(capture.future, event_id, None)
        hold = len(self._underived) < MAX_HELD_REQUESTS
        self._underived.extend((i, c.request if hold else None) for i, c in zip(ids, batch, strict=True))
        self._last_capture = time.monotonic()
        notify(self._listeners, ids)
        self._schedule_derive(0.0)

    # -- recognising --------------------------------------------------------------------------

    def _schedule_derive(self, delay: float) -> None:
        if self._derive_handle is None and self._underived:
            if delay <= 0:
                self._derive_handle = self.loop.call_soon(self._derive_turn)
            else:
                self._derive_handle = self.loop.call_later(delay, self._derive_turn)

    def _retry_derive_later(self) -> None:
        if self._derive_retry is None:
            self._derive_retry = self.loop.call_later(DERIVE_RETRY_S, self._retry_derive)

    def _retry_derive(self) -> None:
        self._derive_retry = None
        self._schedule_derive(0.0)

    def _derive_turn(self) -> None:
        self._derive_handle = None
        busy = time.monotonic() - self._last_capture < BUSY_WINDOW
        started = time.monotonic()
        if not self._derive_some(BUSY_SLICE if busy else DERIVE_BATCH):
            return  # a retry is scheduled
        spent = time.monotonic() - started
        # While requests flow, leave the thread to them (1 - BUSY_SHARE) of the time.
        self._schedule_derive(spent * (1 / BUSY_SHARE - 1) if busy else 0.0)

    def _idle_turn(self) -> None:
        """One slice of upkeep when nothing else is waiting; look again later otherwise."""
        assert self._idle_task is not None
        if self._underived or time.monotonic() - self._last_capture < BUSY_WINDOW:
            self.loop.call_later(IDLE_RETRY, self._idle_turn)
            return
        try:
            more = self._idle_task(self._conn)
        except Exception:
            log.exception("background upkeep failed; it will not be retried until the next start")
            return
        if more:
            self.loop.call_later(0.01, self._idle_turn)

    def _orphan_turn(self) -> None:
        """Queue unrecognised rows another process left behind (killed mid-backlog)."""
        self.loop.call_later(ORPHAN_SCAN, self._orphan_turn)
        if self._underived:
            return  # our own come first; we look again once they are done
        try:
            rows = self._conn.execute(
                "SELECT id FROM events WHERE derived = 0 AND received_at < ? ORDER BY id LIMIT ?",
                (time.time() - ORPHAN_AGE, DERIVE_BATCH),
            ).fetchall()
        except sqlite3.Error:
            log.exception("could not look for unrecognised events")
            return
        orphans = [row[0] for row in rows if row[0] not in self._given_up]
        if orphans:
            self._underived.extend((event_id, None) for event_id in orphans)
            self._schedule_derive(0.0)

    def _derive_some(self, limit: int) -> bool:
        """Recognise up to `limit` events; False when the store could not take it (retried)."""
        items = [self._underived.popleft() for _ in range(min(limit, len(self._underived)))]
        if not items:
            return True
        try:
            found = self._requests_for(items)
            if not found:
                return True  # all deleted, or recognised by another process already
            derived = [self._safe_derive(request) for _, request in found]
            with immediate(self._conn):
                # The claim: under the write lock, only rows nobody recognised yet (another
                # process on this store may have done some of these meanwhile).
                todo = self._still_underived([event_id for event_id, _ in found])
                ids: list[int] = []
                for (event_id, request), facts in zip(found, derived, strict=True):
                    if event_id not in todo:
                        continue
                    self._conn.execute(UPDATE_DERIVED_SQL, (*derived_values(facts), event_id))
                    if self._enrich is not None:
                        self._enrich(self._conn, event_id, request, facts)
                    ids.append(event_id)
                if self._after_derive is not None and ids:
                    self._after_derive(self._conn, ids)
        except sqlite3.OperationalError as exc:
            if not is_environmental(exc):
                log.exception("could not store what was recognised for %d event(s)", len(items))
                self._given_up.update(event_id for event_id, _ in items)
                return True  # left for the next start (derived = 0 in the table)
            # Disk full, locked, I/O: the environment, not the events. Put them back in
            # front and try again soon (and at the next capture that commits).
            log.warning(
                "could not store what was recognised for %d event(s): %s; will retry", len(items), exc
            )
            self._underived.extendleft(reversed(items))
            self.faults.failed(exc)
            self._retry_derive_later()
            return False
        except Exception:
            # Left for the next start (derived = 0 in the table): the capture itself is safe.
            log.exception("could not store what was recognised for %d event(s)", len(items))
            self._given_up.update(event_id for event_id, _ in items)
            return True
        self.faults.cleared()
        if ids:
            if self.checkpointer is not None:
                self.checkpointer.wrote()
            notify(self._derived_listeners, ids)
        return True

    def _still_underived(self, ids: list[int]) -> set[int]:
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        sql = f"SELECT id FROM events WHERE derived = 0 AND id IN ({marks})"
        return {row[0] for row in self._conn.execute(sql, ids)}

    def _requests_for(
        self, items: list[tuple[int, CapturedRequest | None]]
    ) -> list[tuple[int, CapturedRequest]]:
        """The requests to recognise; those not held in memory are read back from the table."""
        missing = [event_id for event_id, request in items if request is None]
        loaded: dict[int, CapturedRequest] = {}
        if missing:
            marks = ",".join("?" * len(missing))
            columns = ", ".join(f"events.{name}" for name in EVENT_COLUMNS)
            sql = (
                f"SELECT {columns}, bodies.body FROM events "
                f"JOIN bodies ON bodies.event_id = events.id WHERE events.id IN ({marks})"
                " AND events.derived = 0"
            )
            for row in self._conn.execute(sql, missing):
                *values, body = row
                loaded[values[0]] = row_to_event(tuple(values), bytes(body)).request
        # An event deleted (or recognised by another process) meanwhile needs nothing more.
        return [
            (event_id, request if request is not None else loaded[event_id])
            for event_id, request in items
            if request is not None or event_id in loaded
        ]

    def _safe_derive(self, request: CapturedRequest) -> Derived:
        return safe_derive(self._derive, request)
