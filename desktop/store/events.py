"""The store: one small interface over the events database.

The UI, the CLI and the listener see only this class (and the writer it owns), never SQL,
so another backend (PostgreSQL for teams) can stand behind the same methods.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from desktop.core.model import StoredEvent
from desktop.store import fts
from desktop.store.background import BackgroundReader
from desktop.store.database import connect, database_path, open_database
from desktop.store.entities import rebuild_entities
from desktop.store.rows import SELECT_EVENT_COLUMNS, row_to_event
from desktop.store.writer import Derive, Enrich, GroupCommitWriter

# Columns the events table shows; everything else is loaded when a row is inspected.
SUMMARY_COLUMNS = (
    "id",
    "received_at",
    "method",
    "path",
    "query",
    "size",
    "content_type",
    "remote_addr",
    "response_status",
    "rejected",
    "provider",
    "event_type",
    "entity_id",
    "status",
    "amount",
    "currency",
    "signature",
    "duplicate_of",
    "out_of_order",
)

Row = dict[str, Any]


class Store:
    """Reads from any thread (one connection per thread); writes go through `writer`."""

    def __init__(self, data_dir: Path, derive: Derive, enrich: Enrich | None = None) -> None:
        self.data_dir = data_dir
        self.path = database_path(data_dir)
        write_conn = open_database(data_dir)
        # Bodies are indexed for free-text search as they are recognised, off the ack path.
        # Older unindexed history (e.g. after an upgrade) is indexed when the writer is idle.
        self.writer = GroupCommitWriter(
            write_conn, derive, enrich, after_derive=fts.index_new, idle_task=fts.catch_up_some
        )
        self._write_conn = write_conn
        self._local = threading.local()
        self._read_conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        self.writer.start()

    def close(self) -> None:
        self.writer.stop()
        # Keep the planner's statistics fresh (SQLite's advice: optimize before closing).
        with contextlib.suppress(sqlite3.Error):
            self._write_conn.execute("PRAGMA analysis_limit = 1000")
            self._write_conn.execute("PRAGMA optimize")
        with self._lock:
            for conn in self._read_conns:
                conn.close()
            self._read_conns.clear()
        self._write_conn.close()

    # -- reading ----------------------------------------------------------------------------

    def reader(self) -> sqlite3.Connection:
        """This thread's read connection (sqlite3 connections must not be shared mid-query)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
            with self._lock:
                self._read_conns.append(conn)
        return conn

    def count(self) -> int:
        return int(self.reader().execute("SELECT count(*) FROM events").fetchone()[0])

    def event_ids(
        self,
        where: str = "1",
        params: Sequence[Any] = (),
        after_id: int = 0,
        before_id: int | None = None,
        conn: sqlite3.Connection | None = None,
    ) -> array[int]:
        """Ids of matching events in ascending order (a compact array: 8 bytes an event)."""
        upper = "" if before_id is None else f" AND id < {int(before_id)}"
        sql = f"SELECT id FROM events WHERE id > ?{upper} AND ({where}) ORDER BY id"
        ids: array[int] = array("q")
        cursor = (conn or self.reader()).execute(sql, (after_id, *params))
        while chunk := cursor.fetchmany(50_000):
            ids.extend(row[0] for row in chunk)
        return ids

    def newest_ids(
        self,
        where: str = "1",
        params: Sequence[Any] = (),
        limit: int = 256,
        conn: sqlite3.Connection | None = None,
    ) -> array[int]:
        """The `limit` newest matching ids, ascending (the first screenful, fast)."""
        sql = f"SELECT id FROM events WHERE ({where}) ORDER BY id DESC LIMIT ?"
        rows = (conn or self.reader()).execute(sql, (*params, limit)).fetchall()
        return array("q", reversed([row[0] for row in rows]))

    def background_reader(self) -> BackgroundReader:
        """A reader thread with its own connection (the caller closes it)."""

        def make() -> sqlite3.Connection:
            conn = connect(self.path)
            conn.row_factory = sqlite3.Row
            return conn

        return BackgroundReader(make)

    def summaries(self, ids: Iterable[int]) -> dict[int, Row]:
        """The table columns of these events, by id (missing ids were deleted)."""
        wanted = list(ids)
        if not wanted:
            return {}
        lo, hi = min(wanted), max(wanted)
        columns = ", ".join(SUMMARY_COLUMNS)
        # A range scan on the primary key beats a long IN list; extra rows are dropped below.
        if hi - lo < 4 * len(wanted) + 64:
            cursor = self.reader().execute(f"SELECT {columns} FROM events WHERE id BETWEEN ? AND ?", (lo, hi))
        else:
            marks = ",".join("?" * len(wanted))
            cursor = self.reader().execute(f"SELECT {columns} FROM events WHERE id IN ({marks})", wanted)
        keep = set(wanted)
        return {row["id"]: dict(row) for row in cursor if row["id"] in keep}

    def event(self, event_id: int, with_body: bool = True) -> StoredEvent | None:
        conn = self.reader()
        row = conn.execute(f"SELECT {SELECT_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        body = self.body(event_id) if with_body else b""
        return row_to_event(dict(row), body)

    def body(self, event_id: int) -> bytes:
        row = self.reader().execute("SELECT body FROM bodies WHERE event_id = ?", (event_id,)).fetchone()
        return bytes(row[0]) if row is not None else b""

    def iter_events(self, where: str = "1", params: Sequence[Any] = ()) -> Iterator[StoredEvent]:
        """Every matching event with its body, oldest first, streamed (for exports)."""
        columns = ", ".join(f"events.{c}" for c in SELECT_EVENT_COLUMNS.split(", "))
        sql = (
            f"SELECT {columns}, bodies.body AS body FROM events "
            f"LEFT JOIN bodies ON bodies.event_id = events.id WHERE ({where}) ORDER BY events.id"
        )
        for row in self.reader().execute(sql, tuple(params)):
            data = dict(row)
            body = data.pop("body")
            yield row_to_event(data, bytes(body) if body is not None else b"")

    # -- writing (through the writer thread) ---------------------------------------------------

    def delete(self, ids: Sequence[int]) -> Future[int]:
        wanted = list(ids)

        def run(conn: sqlite3.Connection) -> int:
            total = 0
            touched: set[tuple[str, str]] = set()
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                entities = (
                    f"SELECT provider, entity_id FROM events WHERE id IN ({marks}) AND entity_id IS NOT NULL"
                )
                touched.update(conn.execute(entities, chunk).fetchall())
                fts.delete_events(conn, chunk)  # needs the bodies: before they go
                conn.execute(f"DELETE FROM bodies WHERE event_id IN ({marks})", chunk)
                total += conn.execute(f"DELETE FROM events WHERE id IN ({marks})", chunk).rowcount
            # The payment state of what remains is replayed from the remaining events.
            rebuild_entities(conn, touched)
            return total

        return self.writer.call(run)

    def clear(self) -> Future[int]:
        def run(conn: sqlite3.Connection) -> int:
            conn.execute("DELETE FROM bodies")
            conn.execute("DELETE FROM entities")
            conn.execute("DELETE FROM sales")
            count = conn.execute("DELETE FROM events").rowcount
            fts.rebuild(conn)
            return count

        return self.writer.call(run)


def open_store(data_dir: Path, derive: Derive, enrich: Enrich | None = None) -> Store:
    """Open a data directory's store and start its writer."""
    store = Store(data_dir, derive, enrich)
    store.start()
    return store
