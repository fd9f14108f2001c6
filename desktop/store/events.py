"""The SQLite engine of the store (`interface.EventStore`): events, reads, delivery tables.

The UI, the CLI and the listener see only this class (and the writer it owns), never SQL:
they pass parsed queries and get records back, so another engine (PostgreSQL for teams)
can stand behind the same protocol.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future
from datetime import tzinfo
from pathlib import Path
from typing import Any

from desktop.core.model import Derived, StoredEvent
from desktop.core.overview import QueueCounts, Traffic
from desktop.core.query import Query
from desktop.core.totals import CategoryTotal, Totals
from desktop.store import fts
from desktop.store.action_store import enqueue_for_action_rules
from desktop.store.background import BackgroundReader
from desktop.store.database import connect, database_path, open_database
from desktop.store.delivery_store import DeliveryStore
from desktop.store.entities import rebuild_entities
from desktop.store.entities_query import Changed, Key
from desktop.store.filter_sql import Target
from desktop.store.follow import OnNews, StoreFollower, record_deleted, record_reset
from desktop.store.forward_claims import apply_config_rules, enqueue_for_rules
from desktop.store.interface import BackgroundReads, DeliveryTables, EventStore, StoreReads
from desktop.store.reads import SqliteReads
from desktop.store.reverify import EndpointDeriver, reverify_paths
from desktop.store.writer import Derive, Enrich, GroupCommitWriter

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
            write_conn, derive, enrich, after_derive=_after_derive, idle_task=fts.catch_up_some
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

    def reads(self) -> SqliteReads:
        """The read operations on this thread's connection."""
        return SqliteReads(self.reader())

    def follower(self, on_news: OnNews) -> StoreFollower:
        """A thread that reports what any process commits to this store (the caller starts
        and stops it); see desktop/store/follow.py."""
        return StoreFollower(lambda: connect(self.path), on_news)

    def background_reader(self) -> BackgroundReader:
        """A reader thread with its own connection (the caller closes it)."""

        def make() -> sqlite3.Connection:
            conn = connect(self.path)
            conn.row_factory = sqlite3.Row
            return conn

        return BackgroundReader(make)

    def open_delivery(self) -> DeliveryStore:
        """The delivery tables on a new connection for the calling thread (the caller closes it).

        Its own connection: delivery writes attempts and queue changes from its thread while
        the store thread writes events; WAL and busy_timeout let them take turns.
        """
        return DeliveryStore(connect(self.path))

    # The StoreReads operations, on this thread's connection (see reads.py for what each does).

    def check_query(self, query: Query | None, target: Target = "events") -> None:
        self.reads().check_query(query, target)

    def count(self) -> int:
        return self.reads().count()

    def event_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        after_id: int = 0,
        before_id: int | None = None,
        tz: tzinfo | None = None,
    ) -> array[int]:
        return self.reads().event_ids(
            query, now=now, recognised_only=recognised_only, after_id=after_id, before_id=before_id, tz=tz
        )

    def newest_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        limit: int = 256,
        tz: tzinfo | None = None,
    ) -> array[int]:
        return self.reads().newest_ids(query, now=now, recognised_only=recognised_only, limit=limit, tz=tz)

    def matching_ids(
        self, query: Query | None, ids: Collection[int], *, now: float | None = None, tz: tzinfo | None = None
    ) -> set[int]:
        return self.reads().matching_ids(query, ids, now=now, tz=tz)

    def summaries(self, ids: Iterable[int]) -> dict[int, Row]:
        return self.reads().summaries(ids)

    def event(self, event_id: int, with_body: bool = True) -> StoredEvent | None:
        return self.reads().event(event_id, with_body)

    def body(self, event_id: int) -> bytes:
        return self.reads().body(event_id)

    def iter_events(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        tz: tzinfo | None = None,
    ) -> Iterator[StoredEvent]:
        return self.reads().iter_events(query, now=now, recognised_only=recognised_only, tz=tz)

    def high_water(self) -> int:
        return self.reads().high_water()

    def entity_event_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        newest: int | None = None,
        before: int | None = None,
        tz: tzinfo | None = None,
    ) -> array[int]:
        return self.reads().entity_event_ids(query, now=now, newest=newest, before=before, tz=tz)

    def changed_entities(
        self,
        after_event: int,
        query: Query | None = None,
        *,
        now: float | None = None,
        tz: tzinfo | None = None,
    ) -> list[Changed]:
        return self.reads().changed_entities(after_event, query, now=now, tz=tz)

    def entity_keys(
        self, query: Query | None = None, *, now: float | None = None, tz: tzinfo | None = None
    ) -> list[Key]:
        return self.reads().entity_keys(query, now=now, tz=tz)

    def entity_shown_as(self, key: Key, after_event: int) -> frozenset[int]:
        return self.reads().entity_shown_as(key, after_event)

    def entity_rows(self, keys: Iterable[Key]) -> dict[Key, Row]:
        return self.reads().entity_rows(keys)

    def entity_rows_by_event(self, event_ids: Iterable[int]) -> dict[int, Row]:
        return self.reads().entity_rows_by_event(event_ids)

    def timeline(self, provider: str, entity_id: str) -> list[Row]:
        return self.reads().timeline(provider, entity_id)

    def notable_events(self, ids: Sequence[int]) -> list[tuple[int, Derived]]:
        return self.reads().notable_events(ids)

    def unverified_paths(self) -> list[str]:
        return self.reads().unverified_paths()

    def iter_sales(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        tz: tzinfo | None = None,
        start: float | None = None,
        end: float | None = None,
        include_unverified: bool = False,
    ) -> Iterator[Row]:
        return self.reads().iter_sales(
            query, now=now, tz=tz, start=start, end=end, include_unverified=include_unverified
        )

    def totals(self, start: float, end: float) -> Totals:
        return self.reads().totals(start, end)

    def events_per_minute(self, start: float, minutes: int) -> list[int]:
        return self.reads().events_per_minute(start, minutes)

    def traffic(self, start: float, end: float) -> Traffic:
        return self.reads().traffic(start, end)

    def confirmed_per_day(self, bounds: Sequence[float]) -> list[CategoryTotal]:
        return self.reads().confirmed_per_day(bounds)

    def queue_counts(self) -> QueueCounts:
        return self.reads().queue_counts()

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
            record_deleted(conn, wanted)  # for windows following the store (other processes too)
            return total

        return self.writer.call(run)

    def clear(self) -> Future[int]:
        def run(conn: sqlite3.Connection) -> int:
            conn.execute("DELETE FROM bodies")
            conn.execute("DELETE FROM entities")
            conn.execute("DELETE FROM sales")
            count = conn.execute("DELETE FROM events").rowcount
            fts.rebuild(conn)
            record_reset(conn)
            return count

        return self.writer.call(run)

    def apply_config_rules(self, rules: Sequence[tuple[str, str, str]]) -> None:
        """Make the config file's `[[forward]]` rules (name, url, filter each) the store's
        config-origin rules (see forward_claims.apply_config_rules), on a connection of its own."""
        with contextlib.closing(connect(self.path)) as conn:
            apply_config_rules(conn, rules)

    def settled(self) -> Future[None]:
        """Resolves once every write submitted before it is committed (the writer is FIFO)."""
        return self.writer.call(lambda _conn: None)

    def reverify(self, deriver: EndpointDeriver, path_prefixes: Sequence[str]) -> Future[int]:
        """Re-check the events of these endpoint paths with today's secrets, on the writer."""
        paths = list(path_prefixes)
        return self.writer.call(lambda conn: reverify_paths(conn, deriver, paths))


def _after_derive(conn: sqlite3.Connection, ids: list[int]) -> None:
    """In the transaction that records recognition (and so claims it: see writer.py)."""
    fts.index_new(conn, ids)
    # Forwarding is queued with the recognition, so it happens once and survives a crash.
    enqueue_for_rules(conn, ids, time.time())
    # Actions likewise (issue 11): queued once, by the writer that recognised the events.
    enqueue_for_action_rules(conn, ids, time.time())


def open_store(data_dir: Path, derive: Derive, enrich: Enrich | None = None) -> Store:
    """Open a data directory's store and start its writer."""
    store = Store(data_dir, derive, enrich)
    store.start()
    return store


def _conforms(store: Store, reads: SqliteReads, delivery: DeliveryStore) -> None:
    """Never called: mypy checks here that the SQLite engine implements the store's protocols."""
    _store: EventStore = store
    _reads: StoreReads = reads
    _delivery: DeliveryTables = delivery
    _background: BackgroundReads = store.background_reader()
