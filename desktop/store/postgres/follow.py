"""Following a PostgreSQL store: LISTEN for the writers' NOTIFY, then load what is new by id.

Every process that commits events announces it in the same transaction (`notify.py`), so
the notification arrives only after the commit. The follower owns one autocommit
connection that LISTENs; its thread sleeps in `select()` on that socket (and on a pipe
that `stop()` writes to: no busy polling), and when woken:

- rows above the highest id it has seen: arrived (and recognised, if already recognised);
- ids below it that it has not seen yet (gaps): arrived when they appear. Ids come from a
  sequence before the commit, so with two writers (two receivers, --workers, an import next
  to a receiver) a lower id can commit after a higher one; a gap is re-checked on every look
  until it appears, is deleted, or GAP_S passes (a rolled-back insert leaves one for good);
- rows it saw unrecognised (`derived = 0`, a partial index) that no longer are: recognised;
- ids a `deleted:` notification names: deleted; a `reset` (clear, re-verification, a big
  deletion): reload everything.

Nothing is lost while the connection is down, because everything but deletions is found by
looking at the rows: after a dropped connection it reconnects (with backoff), LISTENs
again, catches up by id, and re-checks deletions by counting the rows up to the highest id
it had seen: a count that differs from the one it kept means deletions it did not hear of,
and the window is told to reload. A slow fallback look every FALLBACK_S is kept for safety
(a notification can only be missed with its connection, but a look costs one index scan).

The same StoreNews contract as the SQLite follower (desktop/store/follow.py): callbacks run
on the follower's thread, ids ascending.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import threading
import time
from collections.abc import Callable, Iterable

import psycopg

from desktop.store.follow import OnNews, StoreNews
from desktop.store.postgres.notify import CHANNEL, Heard

log = logging.getLogger(__name__)

FALLBACK_S = 3.0  # a look without a notification, for safety
BACKOFF_S = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0)  # between reconnection attempts
GAP_S = 120.0  # how long an id below the highest seen may still commit (a long transaction)
MAX_GAPS = 10_000  # ids awaited at most (the highest kept): a huge rollback is not awaited
BASELINE_GAPS = 1_000  # at the start, missing ids this far below the highest are awaited


class PgFollower:
    """Follows the PostgreSQL store from its own thread and reports news to `on_news`."""

    def __init__(
        self,
        connect: Callable[[], psycopg.Connection],
        on_news: OnNews,
        fallback_s: float = FALLBACK_S,
        gap_s: float = GAP_S,
    ) -> None:
        self._connect = connect
        self._on_news = on_news
        self._fallback_s = fallback_s
        self._gap_s = gap_s
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="store-follower", daemon=True)
        self._wake_r, self._wake_w = os.pipe()
        self._max_id = 0
        self._count = 0  # rows with id <= _max_id, as far as this follower knows
        self._pending: set[int] = set()
        self._gaps: dict[int, float] = {}  # id below _max_id not seen yet -> when to stop awaiting
        self._started = False  # a baseline was taken: what a reconnection catches up from
        self.reconnections = 0

    def start(self) -> None:
        """Start following; returns once the starting point is known (what exists now is old)."""
        self._thread.start()
        self._ready.wait(10)

    def stop(self) -> None:
        if self._stop.is_set():
            return  # stopped already: its pipe is closed (and the numbers may be reused)
        self._stop.set()
        os.write(self._wake_w, b"x")
        if threading.current_thread() is self._thread:
            return  # from a callback: the thread ends after it returns (its pipe stays open)
        if self._thread.is_alive():
            self._thread.join()
        for fd in (self._wake_r, self._wake_w):
            os.close(fd)

    # -- the thread -------------------------------------------------------------------------------

    def _run(self) -> None:
        conn: psycopg.Connection | None = None
        failures = 0
        while not self._stop.is_set():
            try:
                if conn is None or conn.closed or conn.broken:
                    conn = self._open(conn)
                    failures = 0
                self._follow(conn)
            except psycopg.Error as exc:
                delay = BACKOFF_S[min(failures, len(BACKOFF_S) - 1)]
                failures += 1
                log.warning("following the PostgreSQL store failed (%s); again in %.2f s", exc, delay)
                if conn is not None:
                    with contextlib.suppress(Exception):
                        conn.close()
                self._ready.set()  # a window starts even while the database is down
                self._sleep(delay)
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def _open(self, old: psycopg.Connection | None) -> psycopg.Connection:
        """Connect and LISTEN, then take the baseline or catch up (LISTEN first: nothing
        committed after the look can go unheard)."""
        conn = self._connect()
        conn.execute(f"LISTEN {CHANNEL}")
        if not self._started:
            self._baseline(conn, self._ready.set)
            self._started = True
        else:
            self.reconnections += 1
            self._tell(self._catch_up(conn))
        return conn

    def _follow(self, conn: psycopg.Connection) -> None:
        """Wait for notifications (or the fallback time), then look; until stopped or broken."""
        while not self._stop.is_set():
            heard = self._drain(conn)  # what arrived while the last look ran
            if not heard.woke:
                readable, _, _ = select.select([conn.fileno(), self._wake_r], [], [], self._fallback_s)
                if self._wake_r in readable:
                    return
                heard = self._drain(conn)
                # Readable with no notification: the server closed the connection.
                if readable and not heard.woke and conn.broken:
                    raise psycopg.OperationalError("the follower's connection was closed")
            self._tell(self.look(conn, heard))

    def _drain(self, conn: psycopg.Connection) -> Heard:
        heard = Heard()
        for note in conn.notifies(timeout=0):
            heard.add(note.payload)
        return heard

    def _sleep(self, seconds: float) -> None:
        select.select([self._wake_r], [], [], seconds)

    def _tell(self, news: StoreNews) -> None:
        if news:
            try:
                self._on_news(news)
            except Exception:
                log.exception("a store follower callback failed")

    # -- looking ----------------------------------------------------------------------------------

    def _baseline(self, conn: psycopg.Connection, known: Callable[[], None] | None = None) -> None:
        """The starting point; `known` is called once it is, before the count (which reads
        the whole table: a window need not wait for it)."""
        # One snapshot, so the highest id, the unrecognised rows and the count agree.
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            row = conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()
            self._max_id = int(row[0]) if row else 0
            self._pending = {int(r[0]) for r in conn.execute("SELECT id FROM events WHERE derived = 0")}
            # A transaction open now may hold an id below the highest: await the recent holes.
            self._gaps = {}
            holes = conn.execute(
                "SELECT g FROM generate_series(%s::bigint, %s::bigint) AS g"
                " WHERE NOT EXISTS (SELECT 1 FROM events WHERE id = g)",
                (max(1, self._max_id - BASELINE_GAPS + 1), self._max_id),
            )
            self._await(int(r[0]) for r in holes)
            if known is not None:
                known()
            row = conn.execute("SELECT count(*) FROM events").fetchone()
            self._count = int(row[0]) if row else 0

    def _catch_up(self, conn: psycopg.Connection) -> StoreNews:
        """After a reconnection: look by id; deletions unheard then show as a smaller count."""
        news = self.look(conn, Heard())
        row = conn.execute("SELECT count(*) FROM events WHERE id <= %s", (self._max_id,)).fetchone()
        if row is None or int(row[0]) != self._count:
            self._baseline(conn)
            return StoreNews(reset=True)
        return news

    def look(self, conn: psycopg.Connection, heard: Heard) -> StoreNews:
        """One look after `heard`: what changed since the last (also a test's entry point)."""
        news = StoreNews()
        if heard.reset:
            self._baseline(conn)
            news.reset = True
            return news
        if heard.deleted:
            gone = set(heard.deleted)
            # Only ids this follower reported (or found at its start) are in the window and
            # counted; one above the highest or in a gap was never seen (stored and deleted
            # between two looks), and the look below will not find it either.
            seen = {i for i in gone if i <= self._max_id and i not in self._gaps}
            self._count -= len(seen)
            self._pending -= gone
            for event_id in gone:
                self._gaps.pop(event_id, None)
            if seen:
                news.deleted = sorted(seen)
        rows = self._late_rows(conn)
        self._count += len(rows)
        new = conn.execute(
            "SELECT id, derived FROM events WHERE id > %s ORDER BY id", (self._max_id,)
        ).fetchall()
        if new:
            top = int(new[-1][0])
            found = {int(r[0]) for r in new}
            low = max(self._max_id + 1, top - MAX_GAPS + 1)
            self._await(i for i in range(low, top) if i not in found)
            self._max_id = top
            self._count += len(new)
            rows += new
        for event_id, derived in sorted(rows):
            news.arrived.append(int(event_id))
            if derived:
                news.recognised.append(int(event_id))
            else:
                self._pending.add(int(event_id))
        if self._pending:
            still = {
                int(r[0])
                for r in conn.execute(
                    "SELECT id FROM events WHERE derived = 0 AND id >= %s", (min(self._pending),)
                )
            }
            done = self._pending - still
            self._pending &= still
            if done:
                news.recognised = sorted(set(news.recognised) | done)
        return news

    def _await(self, ids: Iterable[int]) -> None:
        """Await ids below the highest seen, for GAP_S; the highest MAX_GAPS at most."""
        deadline = time.monotonic() + self._gap_s
        self._gaps.update(dict.fromkeys(ids, deadline))
        if len(self._gaps) > MAX_GAPS:
            for event_id in sorted(self._gaps)[: len(self._gaps) - MAX_GAPS]:
                del self._gaps[event_id]

    def _late_rows(self, conn: psycopg.Connection) -> list[tuple[int, int]]:
        """The awaited ids that appeared (committed after a higher one); drops expired ones."""
        now = time.monotonic()
        self._gaps = {i: deadline for i, deadline in self._gaps.items() if deadline > now}
        if not self._gaps:
            return []
        rows = conn.execute(
            "SELECT id, derived FROM events WHERE id = ANY(%s)", (list(self._gaps),)
        ).fetchall()
        for event_id, _ in rows:
            del self._gaps[int(event_id)]
        return [(int(r[0]), int(r[1])) for r in rows]
