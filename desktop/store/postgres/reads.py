"""The PostgreSQL engine's read operations, on one connection (see `interface.StoreReads`).

The same operations, arguments and answers as the SQLite engine's `SqliteReads`; queries
are translated by filter_pg.py. `now` anchors relative times as there.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import tzinfo
from typing import Any

import psycopg

from desktop.core.model import Derived, StoredEvent
from desktop.core.overview import QueueCounts, Traffic
from desktop.core.query import Query
from desktop.core.totals import CategoryTotal, Totals
from desktop.store import overview
from desktop.store.entities_query import Changed, Key
from desktop.store.filter_sql import Target
from desktop.store.postgres import entity_reads, overview_pg
from desktop.store.postgres.database import translate_errors
from desktop.store.postgres.filter_density_pg import PgDensity
from desktop.store.postgres.filter_pg import to_pg_sql
from desktop.store.postgres.rows import SELECT_FULL_EVENT_SQL_COLUMNS, pg_row_to_event
from desktop.store.reads import SUMMARY_COLUMNS

Row = dict[str, Any]
EXPORT_CHUNK = 500  # events (with bodies) read per query while streaming an export


def where_clause(
    query: Query | None,
    now: float | None,
    target: Target = "events",
    recognised_only: bool = False,
    tz: tzinfo | None = None,
    density: PgDensity | None = None,
) -> tuple[str, list[Any]]:
    if query is None:
        return "TRUE", []
    at = time.time() if now is None else now
    where, params = to_pg_sql(query, at, target=target, tz=tz, density=density)
    if recognised_only:
        where = f"({where}) AND events.derived = 1"
    return where, params


@translate_errors
class PgReads:
    """Read operations on `conn` (an autocommit connection of the calling thread)."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self._conn = conn

    def check_query(self, query: Query | None, target: Target = "events") -> None:
        where_clause(query, time.time(), target)

    # -- events ---------------------------------------------------------------------------------

    def count(self) -> int:
        row = self._conn.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

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
        where, params = where_clause(query, now, recognised_only=recognised_only, tz=tz)
        upper = "" if before_id is None else f" AND id < {int(before_id)}"
        sql = f"SELECT id FROM events WHERE id > %s{upper} AND ({where}) ORDER BY id"
        return array("q", (int(row[0]) for row in self._conn.execute(sql, (after_id, *params))))

    def newest_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        limit: int = 256,
        tz: tzinfo | None = None,
    ) -> array[int]:
        # The window's page: the translator asks how common each value is (filter_density_pg).
        density = PgDensity(self._conn)
        where, params = where_clause(query, now, recognised_only=recognised_only, tz=tz, density=density)
        sql = f"SELECT id FROM events WHERE ({where}) ORDER BY id DESC LIMIT %s"
        rows = self._conn.execute(sql, (*params, limit)).fetchall()
        return array("q", reversed([int(row[0]) for row in rows]))

    def matching_ids(
        self, query: Query | None, ids: Collection[int], *, now: float | None = None, tz: tzinfo | None = None
    ) -> set[int]:
        where, params = where_clause(query, now, tz=tz)
        sql = f"SELECT id FROM events WHERE id = ANY(%s) AND ({where})"
        return {int(row[0]) for row in self._conn.execute(sql, (sorted(ids), *params))}

    def summaries(self, ids: Iterable[int]) -> dict[int, Row]:
        wanted = list(ids)
        if not wanted:
            return {}
        columns = ", ".join(SUMMARY_COLUMNS)
        cursor = self._conn.execute(f"SELECT {columns} FROM events WHERE id = ANY(%s)", (wanted,))
        return {int(row[0]): dict(zip(SUMMARY_COLUMNS, row, strict=True)) for row in cursor}

    def event(self, event_id: int, with_body: bool = True) -> StoredEvent | None:
        row = self._conn.execute(
            f"SELECT {SELECT_FULL_EVENT_SQL_COLUMNS} FROM events WHERE id = %s", (event_id,)
        ).fetchone()
        if row is None:
            return None
        return pg_row_to_event(row, self.body(event_id) if with_body else b"")

    def body(self, event_id: int) -> bytes:
        row = self._conn.execute("SELECT body FROM bodies WHERE event_id = %s", (event_id,)).fetchone()
        return bytes(row[0]) if row is not None else b""

    def iter_events(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        tz: tzinfo | None = None,
    ) -> Iterator[StoredEvent]:
        """Every matching event with its body, oldest first, read a chunk at a time (exports)."""
        where, params = where_clause(
            query, time.time() if now is None else now, recognised_only=recognised_only, tz=tz
        )
        sql = (
            f"SELECT {SELECT_FULL_EVENT_SQL_COLUMNS}, bodies.body FROM events "
            "LEFT JOIN bodies ON bodies.event_id = events.id "
            f"WHERE events.id > %s AND ({where}) ORDER BY events.id LIMIT {EXPORT_CHUNK}"
        )
        last = 0
        while rows := self._conn.execute(sql, (last, *params)).fetchall():
            for row in rows:
                body = row[-1]
                yield pg_row_to_event(row[:-1], bytes(body) if body is not None else b"")
            last = int(rows[-1][0])

    # -- payments (sales: a charge and its payments, one row; see store/sales.py) -----------------

    def high_water(self) -> int:
        return entity_reads.high_water(self._conn)

    def entity_event_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        newest: int | None = None,
        before: int | None = None,
        tz: tzinfo | None = None,
    ) -> array[int]:
        where, params = where_clause(query, now, "sales", tz=tz)
        return entity_reads.latest_event_ids(self._conn, where, params, newest=newest, before=before)

    def changed_entities(
        self,
        after_event: int,
        query: Query | None = None,
        *,
        now: float | None = None,
        tz: tzinfo | None = None,
    ) -> list[Changed]:
        where, params = where_clause(query, now, "sales", tz=tz)
        return entity_reads.changed_since(self._conn, after_event, where, params)

    def entity_keys(
        self, query: Query | None = None, *, now: float | None = None, tz: tzinfo | None = None
    ) -> list[Key]:
        where, params = where_clause(query, now, "sales", tz=tz)
        return entity_reads.entity_keys(self._conn, where, params)

    def entity_shown_as(self, key: Key, after_event: int) -> frozenset[int]:
        return entity_reads.shown_as(self._conn, key, after_event)

    def entity_rows(self, keys: Iterable[Key]) -> dict[Key, Row]:
        return entity_reads.entity_rows(self._conn, keys)

    def entity_rows_by_event(self, event_ids: Iterable[int]) -> dict[int, Row]:
        return entity_reads.entity_rows_by_event(self._conn, event_ids)

    def timeline(self, provider: str, entity_id: str) -> list[Row]:
        return entity_reads.timeline(self._conn, provider, entity_id)

    def notable_events(self, ids: Sequence[int]) -> list[tuple[int, Derived]]:
        return entity_reads.notable_events(self._conn, ids)

    def unverified_paths(self) -> list[str]:
        return entity_reads.unverified_paths(self._conn)

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
        """Sales rows for the accountant's export, oldest status first (see sales.iter_sales)."""
        where, params = where_clause(query, now, "sales", tz=tz)
        yield from entity_reads.iter_sales(
            self._conn, where, params, start=start, end=end, include_unverified=include_unverified
        )

    def totals(self, start: float, end: float) -> Totals:
        """The finance day [start, end)'s totals per category (see store/totals.py)."""
        return entity_reads.totals(self._conn, start, end)

    # -- the Overview tab (postgres/overview_pg.py) -----------------------------------------------

    def events_per_minute(self, start: float, minutes: int) -> list[int]:
        return overview_pg.events_per_minute(self._conn, start, minutes)

    def traffic(self, start: float, end: float) -> Traffic:
        return overview_pg.traffic(self._conn, start, end)

    def confirmed_per_day(self, bounds: Sequence[float]) -> list[CategoryTotal]:
        return overview_pg.confirmed_per_day(self._conn, bounds)

    def queue_counts(self) -> QueueCounts:
        return overview.queue_counts(self._conn)
