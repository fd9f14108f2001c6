"""The PostgreSQL engine of the store (`interface.EventStore`), for team mode.

Reads borrow a connection from a small pool (any thread); writes go through the writer's
store thread, like the SQLite engine's. `data_dir` still holds the local files (settings,
saved filters, the secrets index); the events live in the database the URL names.
"""

from __future__ import annotations

import contextlib
import logging
import time
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future
from datetime import tzinfo
from pathlib import Path
from typing import Any, TypeVar

import psycopg

from desktop.core.actions import ActionRule
from desktop.core.model import Derived, StoredEvent
from desktop.core.overview import QueueCounts, Traffic
from desktop.core.query import Query
from desktop.core.storage import StorageError
from desktop.core.totals import CategoryTotal, Totals
from desktop.store.entities_query import Changed, Key
from desktop.store.interface import (
    BackgroundReads,
    DeliveryTables,
    EventStore,
    FilterTarget,
    Follower,
    OnNews,
    StoreReads,
)
from desktop.store.postgres import claims
from desktop.store.postgres.action_store import apply_config_actions
from desktop.store.postgres.background import PgBackgroundReader
from desktop.store.postgres.database import connect, open_database, open_pool
from desktop.store.postgres.delivery_store import PgDeliveryStore
from desktop.store.postgres.entities import rebuild_entities
from desktop.store.postgres.follow import PgFollower
from desktop.store.postgres.forward_claims import apply_config_rules
from desktop.store.postgres.notify import announce_deleted, announce_reset
from desktop.store.postgres.privileges import RoleAccess, role_access
from desktop.store.postgres.reads import PgReads, where_clause
from desktop.store.postgres.reverify import reverify_paths
from desktop.store.postgres.writer import Derive, PgEnrich, PgWriter
from desktop.store.reverify import EndpointDeriver

log = logging.getLogger(__name__)

Row = dict[str, Any]
T = TypeVar("T")


class PgStore:
    """Reads from any thread (a pooled connection per call); writes go through `writer`."""

    def __init__(self, url: str, data_dir: Path, derive: Derive, enrich: PgEnrich | None = None) -> None:
        self.url = url
        self.data_dir = data_dir
        open_database(url)
        self.writer = PgWriter(url, derive, enrich)
        self._pool = open_pool(url)
        with self._pool.connection() as conn:
            self.access: RoleAccess = role_access(conn)

    @property
    def read_only(self) -> bool:
        """The role cannot change events (deploy/roles.sql's `webhook_viewer`): a viewer only."""
        return self.access.read_only

    def start(self) -> None:
        # A read-only role leaves what waits for recognition to the receivers (its UPDATE
        # would be refused).
        self.writer.start(adopt_backlog=self.access.can_store)

    def close(self) -> None:
        self.writer.stop()
        with contextlib.suppress(Exception):
            self._pool.close()

    # -- reading --------------------------------------------------------------------------------

    def _read(self, fn: Callable[[PgReads], T]) -> T:
        try:
            with self._pool.connection() as conn:
                return fn(PgReads(conn))
        except psycopg.Error as exc:  # the pool's own errors (no connection to be had)
            raise StorageError(str(exc)) from exc
        except Exception as exc:
            if type(exc).__module__.startswith("psycopg_pool"):
                raise StorageError(str(exc)) from exc
            raise

    def background_reader(self) -> PgBackgroundReader:
        return PgBackgroundReader(self.url)

    def open_delivery(self) -> PgDeliveryStore:
        """The delivery and action tables on a connection of the caller's own (it closes it):
        autocommit, each method a short transaction; jobs are claimed with row locks."""
        try:
            return PgDeliveryStore(connect(self.url, autocommit=True))
        except psycopg.Error as exc:
            raise StorageError(str(exc)) from exc

    def follower(self, on_news: OnNews) -> PgFollower:
        """A thread that LISTENs to this database and reports what any process commits: new
        and recognised rows, deletes, clears, re-verifications (see postgres/follow.py)."""
        return PgFollower(lambda: connect(self.url, autocommit=True), on_news)

    def apply_config_rules(self, rules: Sequence[tuple[str, str, str]]) -> None:
        """Make the config file's `[[forward]]` rules (name, url, filter each) the database's
        config-origin rules (see postgres/forward_claims.apply_config_rules)."""
        apply_config(self.url, rules, None)

    def check_query(self, query: Query | None, target: FilterTarget = "events") -> None:
        where_clause(query, time.time(), target)  # translating is the check: no connection needed

    def count(self) -> int:
        return self._read(lambda r: r.count())

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
        return self._read(
            lambda r: r.event_ids(
                query, now=now, recognised_only=recognised_only, after_id=after_id, before_id=before_id, tz=tz
            )
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
        return self._read(
            lambda r: r.newest_ids(query, now=now, recognised_only=recognised_only, limit=limit, tz=tz)
        )

    def matching_ids(
        self, query: Query | None, ids: Collection[int], *, now: float | None = None, tz: tzinfo | None = None
    ) -> set[int]:
        return self._read(lambda r: r.matching_ids(query, ids, now=now, tz=tz))

    def summaries(self, ids: Iterable[int]) -> dict[int, Row]:
        return self._read(lambda r: r.summaries(ids))

    def event(self, event_id: int, with_body: bool = True) -> StoredEvent | None:
        return self._read(lambda r: r.event(event_id, with_body))

    def body(self, event_id: int) -> bytes:
        return self._read(lambda r: r.body(event_id))

    def iter_events(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        tz: tzinfo | None = None,
    ) -> Iterator[StoredEvent]:
        # The connection is held for the whole export, and given back when it ends.
        with self._pool.connection() as conn:
            yield from PgReads(conn).iter_events(query, now=now, recognised_only=recognised_only, tz=tz)

    def high_water(self) -> int:
        return self._read(lambda r: r.high_water())

    def entity_event_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        newest: int | None = None,
        before: int | None = None,
        tz: tzinfo | None = None,
    ) -> array[int]:
        return self._read(lambda r: r.entity_event_ids(query, now=now, newest=newest, before=before, tz=tz))

    def changed_entities(
        self,
        after_event: int,
        query: Query | None = None,
        *,
        now: float | None = None,
        tz: tzinfo | None = None,
    ) -> list[Changed]:
        return self._read(lambda r: r.changed_entities(after_event, query, now=now, tz=tz))

    def entity_keys(
        self, query: Query | None = None, *, now: float | None = None, tz: tzinfo | None = None
    ) -> list[Key]:
        return self._read(lambda r: r.entity_keys(query, now=now, tz=tz))

    def entity_shown_as(self, key: Key, after_event: int) -> frozenset[int]:
        return self._read(lambda r: r.entity_shown_as(key, after_event))

    def entity_rows(self, keys: Iterable[Key]) -> dict[Key, Row]:
        return self._read(lambda r: r.entity_rows(keys))

    def entity_rows_by_event(self, event_ids: Iterable[int]) -> dict[int, Row]:
        return self._read(lambda r: r.entity_rows_by_event(event_ids))

    def timeline(self, provider: str, entity_id: str) -> list[Row]:
        return self._read(lambda r: r.timeline(provider, entity_id))

    def notable_events(self, ids: Sequence[int]) -> list[tuple[int, Derived]]:
        return self._read(lambda r: r.notable_events(ids))

    def unverified_paths(self) -> list[str]:
        return self._read(lambda r: r.unverified_paths())

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
        # The connection is held for the whole export, and given back when it ends.
        with self._pool.connection() as conn:
            yield from PgReads(conn).iter_sales(
                query, now=now, tz=tz, start=start, end=end, include_unverified=include_unverified
            )

    def totals(self, start: float, end: float) -> Totals:
        return self._read(lambda r: r.totals(start, end))

    def events_per_minute(self, start: float, minutes: int) -> list[int]:
        return self._read(lambda r: r.events_per_minute(start, minutes))

    def traffic(self, start: float, end: float) -> Traffic:
        return self._read(lambda r: r.traffic(start, end))

    def confirmed_per_day(self, bounds: Sequence[float]) -> list[CategoryTotal]:
        return self._read(lambda r: r.confirmed_per_day(bounds))

    def queue_counts(self) -> QueueCounts:
        return self._read(lambda r: r.queue_counts())

    # -- writing (through the writer thread) ------------------------------------------------------

    def delete(self, ids: Sequence[int]) -> Future[int]:
        wanted = list(ids)

        def run(conn: psycopg.Connection) -> int:
            claims.take_turn(conn)  # entities are rebuilt: not while another receiver folds
            touched = conn.execute(
                "SELECT DISTINCT provider, entity_id FROM events"
                " WHERE id = ANY(%s) AND entity_id IS NOT NULL",
                (wanted,),
            ).fetchall()
            # Bodies and search rows go with their events (ON DELETE CASCADE).
            gone = [
                int(row[0])
                for row in conn.execute("DELETE FROM events WHERE id = ANY(%s) RETURNING id", (wanted,))
            ]
            rebuild_entities(conn, [(row[0], row[1]) for row in touched])
            announce_deleted(conn, gone)
            return len(gone)

        return self.writer.call(run)

    def clear(self) -> Future[int]:
        def run(conn: psycopg.Connection) -> int:
            claims.take_turn(conn)
            conn.execute("DELETE FROM sales")
            conn.execute("DELETE FROM entities")
            announce_reset(conn)
            return conn.execute("DELETE FROM events").rowcount

        return self.writer.call(run)

    def reverify(self, deriver: EndpointDeriver, path_prefixes: Sequence[str]) -> Future[int]:
        """Re-check the events of these endpoint paths with today's secrets, on the writer."""
        paths = list(path_prefixes)

        def run(conn: psycopg.Connection) -> int:
            claims.take_turn(conn)
            announce_reset(conn)
            return reverify_paths(conn, deriver, paths)

        return self.writer.call(run)

    def settled(self) -> Future[None]:
        """Resolves once every write submitted before it is committed (the writer is FIFO)."""
        return self.writer.call(lambda _conn: None)


def apply_config(
    url: str, forwards: Sequence[tuple[str, str, str]] | None, actions: Sequence[ActionRule] | None
) -> None:
    """The config file's `[[forward]]` (name, url, filter each) and `[[actions]]` rules into
    the database (migrated first), before a writer recognises anything: a backlog a killed
    receiver left is then queued by today's rules. None leaves that kind of rule alone."""
    open_database(url)
    try:
        with connect(url) as conn:
            if forwards is not None:
                apply_config_rules(conn, forwards)
            if actions is not None:
                apply_config_actions(conn, actions)
    except psycopg.Error as exc:
        raise StorageError(str(exc)) from exc


def open_pg_store(url: str, data_dir: Path, derive: Derive, enrich: PgEnrich | None = None) -> PgStore:
    """Open (and migrate) the PostgreSQL store and start its writer."""
    store = PgStore(url, data_dir, derive, enrich)
    store.start()
    return store


def _conforms(store: PgStore, reads: PgReads) -> None:
    """Never called: mypy checks here that this engine implements the store's protocols."""
    _store: EventStore = store
    _reads: StoreReads = reads
    _background: BackgroundReads = store.background_reader()
    _follower: Follower = store.follower(lambda _news: None)
    _delivery: DeliveryTables = store.open_delivery()
