"""Following the store: what any process committed, seen by a reader that polls.

A window shows what is in the store, whoever wrote it: its own embedded receiver, a headless
receiver on the same data directory, `--workers N`. So the window's live updates come from
here, never from its own writer's callbacks (DESIGN.md, "Following the store").

A `StoreFollower` thread owns one read connection and, every POLL_S, asks SQLite for
`PRAGMA data_version`, which changes when any other connection (any process) committed.
Only then does it look at what changed, using indexes only:

- rows above the highest id it has seen: arrived (and recognised, if already recognised);
- rows it saw unrecognised (`derived = 0`, a partial index) that no longer are: recognised
  (their provider, signature and payment state are now known: entity rows changed too);
- `store_changes`, a small log that deletes, clears and re-verifications write in their own
  transaction: deleted ids, or "reload everything".

It never writes, and it reads outside any transaction between polls, so it holds no lock
and never pins an old WAL snapshot. Callbacks run on the follower's thread.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

POLL_S = 0.1  # DESIGN.md: "every ~100 ms"; a poll with nothing new is one PRAGMA
MAX_DELETED_LISTED = 10_000  # a bigger delete is logged as a reset (the viewer reloads)


@dataclass(slots=True)
class StoreNews:
    """What changed since the last poll (ids ascending)."""

    arrived: list[int] = field(default_factory=list)
    recognised: list[int] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)
    reset: bool = False  # many things changed in place (clear, re-verification): reload

    def __bool__(self) -> bool:
        return bool(self.arrived or self.recognised or self.deleted or self.reset)


OnNews = Callable[[StoreNews], None]


def record_deleted(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    """In the deleting transaction: tell followers these events are gone."""
    if len(ids) > MAX_DELETED_LISTED:
        record_reset(conn)
        return
    conn.execute(
        "INSERT INTO store_changes (at, kind, ids) VALUES (?, 'deleted', ?)",
        (time.time(), json.dumps(sorted(ids))),
    )


def record_reset(conn: sqlite3.Connection) -> None:
    """In the changing transaction: many events changed in place; followers reload."""
    conn.execute("INSERT INTO store_changes (at, kind) VALUES (?, 'reset')", (time.time(),))


class StoreFollower:
    """Polls the store from its own thread and reports news to `on_news`.

    Args:
        connect: opens a connection to the store (called on the follower's thread).
        on_news: called on the follower's thread with each non-empty StoreNews.
        poll_s: seconds between looks.
    """

    def __init__(
        self, connect: Callable[[], sqlite3.Connection], on_news: OnNews, poll_s: float = POLL_S
    ) -> None:
        self._connect = connect
        self._on_news = on_news
        self._poll_s = poll_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="store-follower", daemon=True)
        self._ready = threading.Event()
        self._version = -1
        self._max_id = 0
        self._last_change = 0
        self._pending: set[int] = set()  # seen unrecognised; reported when recognised

    def start(self) -> None:
        """Start following; returns once the starting point is known (what exists now is old)."""
        self._thread.start()
        self._ready.wait(10)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join()

    def _run(self) -> None:
        conn = self._connect()
        conn.isolation_level = None  # autocommit: no read transaction outlives a poll
        try:
            self._baseline(conn)
            self._ready.set()
            while not self._stop.wait(self._poll_s):
                try:
                    news = self.poll(conn)
                except sqlite3.Error:
                    log.exception("following the store failed; trying again")
                    continue
                if news:
                    try:
                        self._on_news(news)
                    except Exception:
                        log.exception("a store follower callback failed")
        finally:
            self._ready.set()
            conn.close()

    def _baseline(self, conn: sqlite3.Connection) -> None:
        self._version = conn.execute("PRAGMA data_version").fetchone()[0]
        self._max_id = conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
        self._last_change = conn.execute("SELECT coalesce(max(id), 0) FROM store_changes").fetchone()[0]
        self._pending = {row[0] for row in conn.execute("SELECT id FROM events WHERE derived = 0")}

    def poll(self, conn: sqlite3.Connection) -> StoreNews:
        """One look (on the follower's thread, or a test's): what changed since the last."""
        news = StoreNews()
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version == self._version:
            return news
        self._version = version
        # One read transaction, so the three looks below agree with each other.
        conn.execute("BEGIN")
        try:
            self._changes(conn, news)
            if news.reset:
                self._baseline_in(conn)
                return news
            self._new_rows(conn, news)
            self._recognitions(conn, news)
        finally:
            conn.execute("COMMIT")
        return news

    def _baseline_in(self, conn: sqlite3.Connection) -> None:
        self._max_id = conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
        self._pending = {row[0] for row in conn.execute("SELECT id FROM events WHERE derived = 0")}

    def _changes(self, conn: sqlite3.Connection, news: StoreNews) -> None:
        rows = conn.execute(
            "SELECT id, kind, ids FROM store_changes WHERE id > ? ORDER BY id", (self._last_change,)
        ).fetchall()
        for change_id, kind, ids in rows:
            self._last_change = change_id
            if kind == "deleted":
                news.deleted.extend(json.loads(ids))
            else:
                news.reset = True
        if news.deleted:
            gone = set(news.deleted)
            self._pending -= gone
            news.deleted = sorted(gone)

    def _new_rows(self, conn: sqlite3.Connection, news: StoreNews) -> None:
        rows = conn.execute(
            "SELECT id, derived FROM events WHERE id > ? ORDER BY id", (self._max_id,)
        ).fetchall()
        for event_id, derived in rows:
            news.arrived.append(event_id)
            if derived:
                news.recognised.append(event_id)
            else:
                self._pending.add(event_id)
        if rows:
            self._max_id = rows[-1][0]

    def _recognitions(self, conn: sqlite3.Connection, news: StoreNews) -> None:
        if not self._pending:
            return
        lowest = min(self._pending)
        still = {
            row[0] for row in conn.execute("SELECT id FROM events WHERE derived = 0 AND id >= ?", (lowest,))
        }
        done = self._pending - still
        self._pending &= still
        if done:
            news.recognised = sorted(set(news.recognised) | done)
