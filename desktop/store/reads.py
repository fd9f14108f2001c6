"""The SQLite engine's read operations, on one connection (see `interface.StoreReads`).

Callers hand in a parsed `Query` (or None: everything) and get records back; the query is
translated to SQL here (`filter_sql`), so no SQL fragment leaves the store. `now` anchors
relative times (`since:15m`, `today`): a view passes the time it applied the filter, so
later refreshes judge new rows against the same window; None means "now, at each call".
"""

from __future__ import annotations

import sqlite3
import time
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import tzinfo
from typing import Any

from desktop.core.model import Derived, StoredEvent
from desktop.core.overview import QueueCounts, Traffic
from desktop.core.query import Query
from desktop.core.totals import CategoryTotal, Totals
from desktop.store import entities_query, overview
from desktop.store.entities_query import Changed, Key
from desktop.store.errors import translate_errors
from desktop.store.filter_density import Density
from desktop.store.filter_sql import Target, to_sql
from desktop.store.rows import EXTRA_COLUMNS, SELECT_EVENT_COLUMNS, row_to_event
from desktop.store.sales import iter_sales
from desktop.store.totals import totals

Row = dict[str, Any]

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

MATCH_CHUNK = 500  # ids per `IN (...)` when checking which of some events match a query


def where_clause(
    query: Query | None,
    now: float | None,
    target: Target = "events",
    recognised_only: bool = False,
    conn: sqlite3.Connection | None = None,
    tz: tzinfo | None = None,
) -> tuple[str, list[Any]]:
    """The WHERE fragment for a query. Raises QuerySyntaxError for what the target cannot answer.

    With `conn` (the connection that will run it) the translator first asks how common each
    value is and picks the form that reads fewest rows (filter_density.py). `tz` is the zone
    dates and `today` are read in (None: the system's; the Payments tab passes the finance zone).
    """
    if query is None:
        return "1", []
    density = Density(conn) if conn is not None else None
    where, params = to_sql(query, time.time() if now is None else now, target=target, tz=tz, density=density)
    if recognised_only:
        # A filtered view judges an event once its provider, status and signature are known.
        where = f"({where}) AND events.derived = 1"
    return where, params


@translate_errors
class SqliteReads:
    """Read operations on `conn` (use it on the thread that owns the connection)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def check_query(self, query: Query | None, target: Target = "events") -> None:
        """Raise QuerySyntaxError if the store cannot answer `query` over `target`."""
        where_clause(query, time.time(), target)

    # -- events -------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM events").fetchone()[0])

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
        """Ids of matching events in ascending order (a compact array: 8 bytes an event)."""
        where, params = where_clause(query, now, recognised_only=recognised_only, conn=self._conn, tz=tz)
        upper = "" if before_id is None else f" AND id < {int(before_id)}"
        sql = f"SELECT id FROM events WHERE id > ?{upper} AND ({where}) ORDER BY id"
        ids: array[int] = array("q")
        cursor = self._conn.execute(sql, (after_id, *params))
        while chunk := cursor.fetchmany(50_000):
            ids.extend(row[0] for row in chunk)
        return ids

    def newest_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        limit: int = 256,
        tz: tzinfo | None = None,
    ) -> array[int]:
        """The `limit` newest matching ids, ascending (the first screenful, fast)."""
        where, params = where_clause(query, now, recognised_only=recognised_only, conn=self._conn, tz=tz)
        sql = f"SELECT id FROM events WHERE ({where}) ORDER BY id DESC LIMIT ?"
        rows = self._conn.execute(sql, (*params, limit)).fetchall()
        return array("q", reversed([row[0] for row in rows]))

    def matching_ids(
        self, query: Query | None, ids: Collection[int], *, now: float | None = None, tz: tzinfo | None = None
    ) -> set[int]:
        """Which of `ids` match `query` (forward rules: the filter bar's language on stored rows)."""
        where, params = where_clause(query, now, conn=self._conn, tz=tz)
        wanted = sorted(ids)
        found: set[int] = set()
        for start in range(0, len(wanted), MATCH_CHUNK):
            chunk = wanted[start : start + MATCH_CHUNK]
            sql = f"SELECT id FROM events WHERE id IN ({', '.join('?' * len(chunk))}) AND ({where})"
            found.update(row[0] for row in self._conn.execute(sql, (*chunk, *params)))
        return found

    def summaries(self, ids: Iterable[int]) -> dict[int, Row]:
        """The table columns of these events, by id (missing ids were deleted)."""
        wanted = list(ids)
        if not wanted:
            return {}
        lo, hi = min(wanted), max(wanted)
        columns = ", ".join(SUMMARY_COLUMNS)
        # A range scan on the primary key beats a long IN list; extra rows are dropped below.
        if hi - lo < 4 * len(wanted) + 64:
            cursor = self._conn.execute(f"SELECT {columns} FROM events WHERE id BETWEEN ? AND ?", (lo, hi))
        else:
            marks = ",".join("?" * len(wanted))
            cursor = self._conn.execute(f"SELECT {columns} FROM events WHERE id IN ({marks})", wanted)
        keep = set(wanted)
        found = {}
        for row in cursor:
            record = dict(zip(SUMMARY_COLUMNS, tuple(row), strict=True))
            if record["id"] in keep:
                found[record["id"]] = record
        return found

    def event(self, event_id: int, with_body: bool = True) -> StoredEvent | None:
        columns = ", ".join((SELECT_EVENT_COLUMNS, *EXTRA_COLUMNS))
        cursor = self._conn.execute(f"SELECT {columns} FROM events WHERE id = ?", (event_id,))
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
        if row is None:
            return None
        body = self.body(event_id) if with_body else b""
        return row_to_event(dict(zip(names, tuple(row), strict=True)), body)

    def body(self, event_id: int) -> bytes:
        row = self._conn.execute("SELECT body FROM bodies WHERE event_id = ?", (event_id,)).fetchone()
        return bytes(row[0]) if row is not None else b""

    def iter_events(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        tz: tzinfo | None = None,
    ) -> Iterator[StoredEvent]:
        """Every matching event with its body, oldest first, streamed (for exports)."""
        where, params = where_clause(query, now, recognised_only=recognised_only, conn=self._conn, tz=tz)
        columns = ", ".join(f"events.{c}" for c in (*SELECT_EVENT_COLUMNS.split(", "), *EXTRA_COLUMNS))
        sql = (
            f"SELECT {columns}, bodies.body AS body FROM events "
            f"LEFT JOIN bodies ON bodies.event_id = events.id WHERE ({where}) ORDER BY events.id"
        )
        cursor = self._conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        for row in cursor:
            data = dict(zip(names, tuple(row), strict=True))
            body = data.pop("body")
            yield row_to_event(data, bytes(body) if body is not None else b"")

    # -- payments (sales: a charge and its payments, one row; see store/sales.py) -----------------

    def high_water(self) -> int:
        return entities_query.high_water(self._conn)

    def entity_event_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        newest: int | None = None,
        before: int | None = None,
        tz: tzinfo | None = None,
    ) -> array[int]:
        """The `last_event` of each matching sale, ascending (the Payments view's row ids)."""
        where, params = where_clause(query, now, "sales", conn=self._conn, tz=tz)
        return entities_query.latest_event_ids(self._conn, where, params, newest=newest, before=before)

    def changed_entities(
        self,
        after_event: int,
        query: Query | None = None,
        *,
        now: float | None = None,
        tz: tzinfo | None = None,
    ) -> list[Changed]:
        where, params = where_clause(query, now, "sales", conn=self._conn, tz=tz)
        return entities_query.changed_since(self._conn, after_event, where, params)

    def entity_keys(
        self, query: Query | None = None, *, now: float | None = None, tz: tzinfo | None = None
    ) -> list[Key]:
        where, params = where_clause(query, now, "sales", conn=self._conn, tz=tz)
        return entities_query.entity_keys(self._conn, where, params)

    def entity_shown_as(self, key: Key, after_event: int) -> frozenset[int]:
        return entities_query.shown_as(self._conn, key, after_event)

    def entity_rows(self, keys: Iterable[Key]) -> dict[Key, Row]:
        return entities_query.entity_rows(self._conn, keys)

    def entity_rows_by_event(self, event_ids: Iterable[int]) -> dict[int, Row]:
        return entities_query.entity_rows_by_event(self._conn, event_ids)

    def timeline(self, provider: str, entity_id: str) -> list[Row]:
        return entities_query.timeline(self._conn, provider, entity_id)

    def notable_events(self, ids: Sequence[int]) -> list[tuple[int, Derived]]:
        return entities_query.notable_events(self._conn, ids)

    def unverified_paths(self) -> list[str]:
        """Endpoints (or paths) with an unchecked claim still standing (their secret is wanted)."""
        return entities_query.unverified_paths(self._conn)

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
        yield from iter_sales(
            self._conn, where, params, start=start, end=end, include_unverified=include_unverified
        )

    def totals(self, start: float, end: float) -> Totals:
        """The finance day [start, end)'s totals per category (see store/totals.py)."""
        return totals(self._conn, start, end)

    # -- the Overview tab (store/overview.py) -----------------------------------------------------

    def events_per_minute(self, start: float, minutes: int) -> list[int]:
        return overview.events_per_minute(self._conn, start, minutes)

    def traffic(self, start: float, end: float) -> Traffic:
        return overview.traffic(self._conn, start, end)

    def confirmed_per_day(self, bounds: Sequence[float]) -> list[CategoryTotal]:
        return overview.confirmed_per_day(self._conn, bounds)

    def queue_counts(self) -> QueueCounts:
        return overview.queue_counts(self._conn)
