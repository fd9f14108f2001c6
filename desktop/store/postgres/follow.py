"""Following a PostgreSQL store: a minimal poller until LISTEN/NOTIFY (a later part).

Every POLL_S it asks for rows above the highest id it has seen (arrived, and recognised if
already recognised) and whether the rows it saw unrecognised (`derived = 0`) still are. Both
are index lookups (the primary key, `events_underived`), so an idle poll is one cheap query.

Limits, said plainly: deletes, clears and re-verifications made by ANOTHER process are not
seen (PostgreSQL has no `store_changes` log yet); this process's own are reported by the
store itself (`PgStore.delete`/`clear`/`reverify` call `report`), as a reset or a deletion.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg

from desktop.store.follow import OnNews, StoreNews

log = logging.getLogger(__name__)

POLL_S = 0.1


class PgFollower:
    """Polls the PostgreSQL store from its own thread and reports news to `on_news`."""

    def __init__(
        self,
        connect: Callable[[], psycopg.Connection],
        on_news: OnNews,
        on_stop: Callable[[PgFollower], None] | None = None,
        poll_s: float = POLL_S,
    ) -> None:
        self._connect = connect
        self._on_news = on_news
        self._on_stop = on_stop
        self._poll_s = poll_s
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="store-follower", daemon=True)
        self._lock = threading.Lock()
        self._max_id = 0
        self._pending: set[int] = set()
        self._reported: StoreNews = StoreNews()  # this process's deletes/clears, told by the store

    def start(self) -> None:
        """Start following; returns once the starting point is known (what exists now is old)."""
        self._thread.start()
        self._ready.wait(10)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join()
        if self._on_stop is not None:
            self._on_stop(self)

    def report(self, news: StoreNews) -> None:
        """From any thread: news the store knows of itself (its own deletes, clears)."""
        with self._lock:
            self._reported.deleted.extend(news.deleted)
            self._reported.reset = self._reported.reset or news.reset

    def _run(self) -> None:
        conn: psycopg.Connection | None = None
        try:
            conn = self._connect()
            self._baseline(conn)
        except psycopg.Error:
            log.exception("following the PostgreSQL store could not start")
        finally:
            self._ready.set()
        while not self._stop.wait(self._poll_s):
            try:
                if conn is None or conn.closed or conn.broken:
                    conn = self._connect()
                news = self.poll(conn)
            except psycopg.Error as exc:
                log.warning("following the PostgreSQL store failed (%s); trying again", exc)
                continue
            if news:
                try:
                    self._on_news(news)
                except Exception:
                    log.exception("a store follower callback failed")
        if conn is not None:
            conn.close()

    def _baseline(self, conn: psycopg.Connection) -> None:
        row = conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()
        self._max_id = int(row[0]) if row else 0
        self._pending = {int(r[0]) for r in conn.execute("SELECT id FROM events WHERE derived = 0")}

    def poll(self, conn: psycopg.Connection) -> StoreNews:
        """One look: what changed since the last."""
        with self._lock:
            news, self._reported = self._reported, StoreNews()
        if news.reset:
            self._baseline(conn)
            news.deleted = []
            return news
        if news.deleted:
            self._pending -= set(news.deleted)
            news.deleted = sorted(set(news.deleted))
        rows = conn.execute(
            "SELECT id, derived FROM events WHERE id > %s ORDER BY id", (self._max_id,)
        ).fetchall()
        for event_id, derived in rows:
            news.arrived.append(int(event_id))
            if derived:
                news.recognised.append(int(event_id))
            else:
                self._pending.add(int(event_id))
        if rows:
            self._max_id = int(rows[-1][0])
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
