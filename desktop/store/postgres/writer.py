"""Group commit into PostgreSQL, on the store thread's loop (the listener serves there too).

The shape is the SQLite writer's (desktop/store/writer.py), so the listener cannot tell the
engines apart: requests queued in one loop turn are stored in ONE transaction, a request's
future resolves only after that commit, and recognition (provider, signature, payment state,
full-text index) follows in later transactions, off the acknowledging path.

A batch is committed on a thread and connection of its own (one batch at a time), so the
loop goes on reading requests while a COMMIT waits for the disk: they make the next batch.
BEGIN, one INSERT of event and body per request and the NOTIFY go as one pipeline (one
round trip), then COMMIT; the futures are settled on the loop after it. When the database
cannot take the write (down, read-only, disk full, unreachable) the batch's futures fail,
so the listener answers 503, and the connection is dropped: the next batch connects anew.
Nothing acknowledged is lost: it was committed before the 2xx. What a crash or an outage
leaves unrecognised (`derived = 0`) is recognised at the next start or once the database
is back.

Known limit: a commit whose reply is lost with the connection (the server committed, the
client never heard) is answered 503, and the sender's retry is stored a second time.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import psycopg

from desktop.core.model import CapturedRequest, Derived
from desktop.store.postgres import claims, search
from desktop.store.postgres.action_store import enqueue_for_action_rules
from desktop.store.postgres.database import connect
from desktop.store.postgres.forward_claims import enqueue_for_rules
from desktop.store.postgres.notify import ARRIVED, CHANNEL, announce_recognised
from desktop.store.postgres.rows import (
    SELECT_EVENT_SQL_COLUMNS,
    UPDATE_DERIVED_SQL,
    UPDATE_RESPONSE_SQL,
    capture_row,
    captured_ids,
    pg_row_to_event,
    queue_captures,
    text_safe,
)
from desktop.store.rows import derived_values
from desktop.store.write_safety import Derive, Listener, Respond, notify, safe_derive, safe_respond, settle

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_BATCH = 2000  # most rows one transaction takes
DERIVE_BATCH = 200  # events recognised per transaction
# While requests flow, recognition takes small slices and at most this share of the thread,
# so acknowledging stays fast (the SQLite writer's rule; see store/writer.py).
BUSY_SLICE = 16
BUSY_SHARE = 0.05
BUSY_WINDOW = 0.05  # seconds since the last capture that still count as "requests flowing"
DERIVE_RETRY_S = 2.0  # after recognition failed because the database was unavailable
ORPHAN_SWEEP_S = 5.0  # how often, and after how long, rows left unrecognised are taken up
TURN_RETRY_S = 0.02  # after another receiver held the recognition turn (claims.py)

FaultListener = Callable[[str | None], None]  # what is wrong, or None once writes work again
# Runs inside the recognising transaction with (id, request, derived) of each event, in order.
PgEnrich = Callable[[psycopg.Connection, list[tuple[int, CapturedRequest, Derived]]], None]


@dataclass(slots=True)
class _Capture:
    request: CapturedRequest
    response_status: int
    rejected: str
    size: int | None
    future: asyncio.Future[int] | Future[int]
    respond: Respond | None = None


# notify.announce_arrived's payload, without waiting for the ids: the sequence's last value
# in this session is the batch's highest id (its rows were just inserted, in order).
ANNOUNCE_ARRIVED_SQL = "SELECT pg_notify(%s, %s || currval(pg_get_serial_sequence('events', 'id')))"


# A capture, and its event id once committed or the error that kept it from being stored.
_Outcome = tuple[_Capture, int | None, Exception | None]


class _NotOurTurn(Exception):
    """Another receiver is recognising: the batch goes back to the queue (rolled back)."""


def describe(exc: BaseException) -> str:
    """The fault in words for the window and the log."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"the PostgreSQL store cannot be written ({text}); requests are answered 503"


class PgWriter:
    """Owns the write connection and the store thread's asyncio loop (see module docstring)."""

    def __init__(self, url: str, derive: Derive, enrich: PgEnrich | None = None) -> None:
        self._url = url
        self._derive = derive
        self._enrich = enrich
        self._conn: psycopg.Connection | None = None  # recognition and call(), on the loop
        # Acknowledging commits run on their own thread and connection, one batch at a time:
        # the loop goes on reading requests while a COMMIT waits for the disk (measured: the
        # loop was 54% of its time in COMMIT's fsync), and they make the next batch.
        self._commit_conn: psycopg.Connection | None = None
        self._committer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-commit")
        self._in_flight: tuple[Future[list[_Outcome]], list[_Capture]] | None = None
        self._pending: list[_Capture] = []
        self._flush_scheduled = False
        self._underived: deque[tuple[int, CapturedRequest | None]] = deque()
        self._derive_handle: asyncio.Handle | asyncio.TimerHandle | None = None
        self._last_capture = 0.0
        self._derive_spent = 0.0  # how long the last recognition turn held the loop
        self._derive_not_before = 0.0  # while requests flow: when recognition may run again
        self._listeners: list[Listener] = []
        self._derived_listeners: list[Listener] = []
        self._fault_listeners: list[FaultListener] = []
        self.fault: str | None = None
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="store", daemon=True)

    # -- listeners (as GroupCommitWriter) -------------------------------------------------------

    def add_listener(self, callback: Listener) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Listener) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def add_derived_listener(self, callback: Listener) -> None:
        self._derived_listeners.append(callback)

    def remove_derived_listener(self, callback: Listener) -> None:
        if callback in self._derived_listeners:
            self._derived_listeners.remove(callback)

    def add_fault_listener(self, callback: FaultListener) -> None:
        self._fault_listeners.append(callback)

    def remove_fault_listener(self, callback: FaultListener) -> None:
        if callback in self._fault_listeners:
            self._fault_listeners.remove(callback)

    @property
    def backlog(self) -> int:
        return len(self._underived)

    # -- life -----------------------------------------------------------------------------------

    def start(self, adopt_backlog: bool = True) -> None:
        """`adopt_backlog` False: a role that may not update events leaves them to receivers."""
        if adopt_backlog:
            # Rows a crash or an outage left unrecognised are recognised first.
            conn = self._connection()
            with conn.transaction():
                rows = conn.execute("SELECT id FROM events WHERE derived = 0 ORDER BY id").fetchall()
            self._underived.extend((int(row[0]), None) for row in rows)
        self._thread.start()
        if self._underived:
            self.loop.call_soon_threadsafe(self._schedule_derive, 0.0)
        if adopt_backlog:  # a read-only role could not recognise another receiver's orphans either
            self.loop.call_soon_threadsafe(self.loop.call_later, ORPHAN_SWEEP_S, self._sweep_orphans)

    def stop(self) -> None:
        """Store and recognise everything already submitted, then end the thread."""
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._shutdown)
            self._thread.join()
        if not self.loop.is_closed():
            self.loop.close()
        self._committer.shutdown(wait=True)
        self._drop_connection()
        self._drop_commit_connection()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def _shutdown(self) -> None:
        self.settle_now()
        self.loop.stop()

    def settle_now(self) -> None:
        """On the store thread: store what is queued and recognise every stored event."""
        self._wait_for_commit()
        self._flush()
        self._wait_for_commit()
        while self._underived:
            if self._derive_some(DERIVE_BATCH) is not None:
                break  # the database is unavailable: left for the retry (or the next start)

    def _connection(self) -> psycopg.Connection:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._drop_connection()
            self._conn = connect(self._url)
        return self._conn

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def _commit_connection(self) -> psycopg.Connection:
        if self._commit_conn is None or self._commit_conn.closed or self._commit_conn.broken:
            self._drop_commit_connection()
            self._commit_conn = connect(self._url)
        return self._commit_conn

    def _drop_commit_connection(self) -> None:
        conn, self._commit_conn = self._commit_conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    # -- submitting ------------------------------------------------------------------------------

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
        self.loop.call_soon_threadsafe(
            self._queue, _Capture(request, response_status, rejected, size, future)
        )
        return future

    def call(self, fn: Callable[[psycopg.Connection], T]) -> Future[T]:
        """Run `fn(conn)` in a transaction on the store thread, after everything queued before it."""
        future: Future[T] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                self.settle_now()
                conn = self._connection()
                with conn.transaction():
                    result = fn(conn)
            except BaseException as exc:
                if self._conn is not None and self._conn.broken:
                    self._drop_connection()
                future.set_exception(exc)
            else:
                future.set_result(result)

        self.loop.call_soon_threadsafe(run)
        return future

    def recognise_stored(self) -> None:
        """From any thread: take up rows another connection stored as received (`derived = 0`):
        listeners hear of them as committed, then they are recognised (as GroupCommitWriter)."""
        self.loop.call_soon_threadsafe(self._adopt_stored)

    def _sweep_orphans(self) -> None:
        """Now and then: rows another receiver stored but never recognised (it was killed, or
        lost its database) are taken up here; claims.py keeps it to once if it was not."""
        self._adopt_stored(time.time() - ORPHAN_SWEEP_S)
        self.loop.call_later(ORPHAN_SWEEP_S, self._sweep_orphans)

    def _adopt_stored(self, before: float | None = None) -> None:
        known = {event_id for event_id, _ in self._underived}
        try:
            conn = self._connection()
            with conn.transaction():
                rows = conn.execute(
                    "SELECT id FROM events WHERE derived = 0 AND received_at < %s ORDER BY id",
                    (before if before is not None else float("inf"),),
                ).fetchall()
        except psycopg.Error as exc:
            log.warning("could not look for unrecognised rows: %s", exc)
            return
        ids = [int(row[0]) for row in rows if int(row[0]) not in known]
        if ids:
            self._underived.extend((event_id, None) for event_id in ids)
            notify(self._listeners, ids)
            self._schedule_derive(0.0)

    def _queue(self, capture: _Capture) -> None:
        self._pending.append(capture)
        if len(self._pending) >= MAX_BATCH:
            self._flush()
        elif not self._flush_scheduled:
            # After the callbacks already ready in this turn: requests arriving together share a commit.
            self._flush_scheduled = True
            self.loop.call_soon(self._flush)

    # -- committing ------------------------------------------------------------------------------

    def _flush(self) -> None:
        self._flush_scheduled = False
        if self._in_flight is not None:
            return  # the queued requests go when it ends (_committed), as one batch
        batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
        if batch:
            future = self._committer.submit(self._store_batch, batch)
            self._in_flight = (future, batch)
            future.add_done_callback(self._wake)

    def _wake(self, future: Future[list[_Outcome]]) -> None:
        """On the committer thread: hand the outcome to the loop (unless it is closed)."""
        with contextlib.suppress(RuntimeError):
            self.loop.call_soon_threadsafe(self._committed, future)

    def _wait_for_commit(self) -> None:
        """On the loop: the batch being committed, done (settle_now, before anything after it)."""
        if self._in_flight is not None:
            future, _ = self._in_flight
            concurrent.futures.wait([future])
            self._committed(future)

    def _committed(self, future: Future[list[_Outcome]]) -> None:
        if self._in_flight is None or self._in_flight[0] is not future:
            return  # settle_now took it already
        self._in_flight = None
        stored: list[tuple[int, _Capture]] = []
        for capture, event_id, error in future.result():
            if error is not None:
                self._set_fault(describe(error))
                settle(capture.future, None, error)
            else:
                assert event_id is not None
                self._set_fault(None)
                settle(capture.future, event_id, None)
                stored.append((event_id, capture))
        if stored:
            self._underived.extend((event_id, capture.request) for event_id, capture in stored)
            self._last_capture = time.monotonic()
            notify(self._listeners, [event_id for event_id, _ in stored])
            # Not at once: a batch recognised right after each commit would take the loop's time
            # whatever BUSY_SHARE says (measured: 16 events recognised per 16 acknowledged, the
            # loop 70% in recognition). The share's pause holds here too.
            self._schedule_derive(max(0.0, self._derive_not_before - self._last_capture))
        if self._pending and not self._flush_scheduled:
            self._flush()  # what arrived meanwhile

    def _store_batch(self, batch: list[_Capture]) -> list[_Outcome]:
        """On the committer thread: each capture's id once committed, or why it is not stored."""
        try:
            ids = self._insert(batch)
        except Exception as exc:  # down, read-only, disk full, ... or one request PostgreSQL refuses
            if not isinstance(exc, psycopg.OperationalError) and len(batch) > 1:
                # Not the database's state but something in the batch: store the others.
                return [outcome for capture in batch for outcome in self._store_batch([capture])]
            log.error("could not store %d request(s) in PostgreSQL: %s", len(batch), exc)
            self._drop_commit_connection()  # the next batch connects anew
            return [(capture, None, exc) for capture in batch]
        return [(capture, event_id, None) for capture, event_id in zip(batch, ids, strict=True)]

    def _insert(self, batch: list[_Capture]) -> list[int]:
        rows = [capture_row(c.request, c.response_status, c.rejected, c.size) for c in batch]
        try:
            return self._insert_rows(rows, batch)
        except (psycopg.DataError, UnicodeEncodeError):
            # Text PostgreSQL cannot hold (a NUL, a lone surrogate from undecodable bytes):
            # stored with those characters escaped rather than refused (the body stays exact).
            self._drop_commit_connection()
            return self._insert_rows([[text_safe(value) for value in row] for row in rows], batch)

    def _insert_rows(self, rows: list[list[object]], batch: list[_Capture]) -> list[int]:
        for attempt in (1, 2):
            conn = self._commit_connection()
            committing = False
            try:
                try:
                    # BEGIN, the events with their bodies, and the NOTIFY in one round trip
                    # (the connection is not autocommit: the pipeline opens the transaction),
                    # then COMMIT on its own, so a failure before it is known to be one.
                    with conn.pipeline():
                        cursors = queue_captures(conn, rows, [capture.request.body for capture in batch])
                        conn.execute(ANNOUNCE_ARRIVED_SQL, (CHANNEL, f"{ARRIVED}:"))
                    ids = captured_ids(cursors)
                    answers = [
                        (record, event_id)
                        for capture, event_id in zip(batch, ids, strict=True)
                        if capture.respond is not None
                        and (record := safe_respond(capture.respond, event_id)) is not None
                    ]
                    if answers:
                        with conn.cursor() as answering:
                            answering.executemany(UPDATE_RESPONSE_SQL, answers)
                except BaseException:
                    if not conn.broken:
                        conn.rollback()
                    raise
                committing = True
                conn.commit()
                return ids
            except psycopg.OperationalError:
                # A connection that died while idle (the server restarted, a proxy dropped it)
                # fails at the first statement, before anything could commit: safe to try
                # once more on a new one. A failure at COMMIT is never retried (it may have
                # committed, and a second copy would be a duplicate).
                if attempt == 1 and not committing and conn.broken:
                    self._drop_commit_connection()
                    continue
                raise
        raise AssertionError("unreachable")

    def _set_fault(self, message: str | None) -> None:
        if message == self.fault:
            return
        self.fault = message
        if message is None:
            log.info("the PostgreSQL store takes writes again")
        for listener in list(self._fault_listeners):
            try:
                listener(message)
            except Exception:
                log.exception("a fault listener failed")

    # -- recognising -----------------------------------------------------------------------------

    def _schedule_derive(self, delay: float) -> None:
        if self._derive_handle is None and self._underived:
            if delay <= 0:
                self._derive_handle = self.loop.call_soon(self._derive_turn)
            else:
                self._derive_handle = self.loop.call_later(delay, self._derive_turn)

    def _derive_turn(self) -> None:
        self._derive_handle = None
        started = time.monotonic()
        # While a turn runs no request can even be queued (it holds this loop), so the window
        # counts from the end of the last turn: else one slow turn (a loaded machine, many
        # sales) reads as "idle", takes DERIVE_BATCH, and starves acknowledging.
        busy = started - self._last_capture < BUSY_WINDOW + self._derive_spent
        # Never waits for another receiver's recognition turn: acknowledging runs here too.
        retry = self._derive_some(BUSY_SLICE if busy else DERIVE_BATCH, wait=False)
        if retry is not None:
            self._schedule_derive(retry)
            return
        spent = self._derive_spent = time.monotonic() - started
        self._derive_not_before = started + spent / BUSY_SHARE if busy else 0.0
        self._schedule_derive(spent * (1 / BUSY_SHARE - 1) if busy else 0.0)

    def _derive_some(self, limit: int, wait: bool = True) -> float | None:
        """Recognise up to `limit` events: None when done, else the seconds until trying again
        (the database could not take it, or, with `wait=False`, another receiver's turn)."""
        items = [self._underived.popleft() for _ in range(min(limit, len(self._underived)))]
        if not items:
            return None
        try:
            conn = self._connection()
            with conn.transaction():
                # Recognition can always be redone (derived = 0 until it commits), so it does
                # not wait for the disk: only the acknowledging commits do.
                conn.execute("SET LOCAL synchronous_commit = off")
                # Exactly once across receivers sharing the database (claims.py).
                if not claims.take_turn(conn, wait):
                    raise _NotOurTurn
                todo = claims.still_unrecognised(conn, [event_id for event_id, _ in items])
                found = self._requests_for(conn, [item for item in items if item[0] in todo])
                facts = [self._safe_derive(request) for _, request in found]
                with conn.cursor() as cursor:  # one pipeline for all the updates
                    cursor.executemany(
                        UPDATE_DERIVED_SQL,
                        [
                            (*derived_values(f), event_id)
                            for (event_id, _), f in zip(found, facts, strict=True)
                        ],
                    )
                if self._enrich is not None:
                    # After every update: duplicates look at the earlier events' verdicts.
                    batch = [(i, request, f) for (i, request), f in zip(found, facts, strict=True)]
                    self._enrich(conn, batch)
                search.index_events(conn, [event_id for event_id, _ in found])
                queue_work(conn, [event_id for event_id, _ in found])
                announce_recognised(conn, [event_id for event_id, _ in found])
        except psycopg.OperationalError as exc:
            # The database, not the events: put them back in front and try again soon.
            log.warning(
                "could not store what was recognised for %d event(s): %s; will retry", len(items), exc
            )
            self._underived.extendleft(reversed(items))
            self._drop_connection()
            self._set_fault(describe(exc))
            return DERIVE_RETRY_S
        except _NotOurTurn:
            self._underived.extendleft(reversed(items))
            return TURN_RETRY_S
        except Exception:
            log.exception("could not recognise %d event(s); left for the next start", len(items))
            if self._conn is not None and self._conn.broken:
                self._drop_connection()
            return None
        if found:
            notify(self._derived_listeners, [event_id for event_id, _ in found])
        return None

    def _requests_for(
        self, conn: psycopg.Connection, items: list[tuple[int, CapturedRequest | None]]
    ) -> list[tuple[int, CapturedRequest]]:
        """The requests of these events: held in memory, or read back (after a restart)."""
        missing = [event_id for event_id, request in items if request is None]
        loaded: dict[int, CapturedRequest] = {}
        if missing:
            rows = conn.execute(
                f"SELECT {SELECT_EVENT_SQL_COLUMNS}, b.body FROM events "
                "LEFT JOIN bodies b ON b.event_id = events.id WHERE events.id = ANY(%s)",
                (missing,),
            ).fetchall()
            for row in rows:
                body = row[-1]
                event = pg_row_to_event(row[:-1], bytes(body) if body is not None else b"")
                loaded[event.id] = event.request
        found = []
        for event_id, request in items:
            request = request if request is not None else loaded.get(event_id)
            if request is not None:  # deleted meanwhile: nothing to recognise
                found.append((event_id, request))
        return found

    def _safe_derive(self, request: CapturedRequest) -> Derived:
        return safe_derive(self._derive, request)


def queue_work(conn: psycopg.Connection, ids: list[int]) -> None:
    """In the transaction that records recognition: forward and action jobs for the rules
    these events match, so they are queued once (by the receiver that recognised them) and a
    crash cannot leave an event recognised but not queued (as the SQLite engine does)."""
    now = time.time()
    enqueue_for_rules(conn, ids, now)
    enqueue_for_action_rules(conn, ids, now)
