"""How common a filter value is, asked of PostgreSQL before the filter becomes SQL.

The window asks for the newest 100 matching events (`ORDER BY id DESC LIMIT 100`).
PostgreSQL then weighs walking the primary key newest first (stopping at the 100th match)
against reading an index's matches and sorting them -- but it only weighs, and it weighs
each plan with a guess of how the matches spread over the ids. On 1,000,000 events it
walked the whole key for a reference found 20 times, or for a body value found nowhere
(1-20 s), because it expected many matches among the newest rows.

`PgDensity` asks first, as SQLite's `filter_density.Density` does: the planner's own
estimate of one condition's rows (EXPLAIN, which reads the column statistics ANALYZE
keeps: most common values, most common words of a tsvector; ~1 ms, no rows read). The
translator (filter_pg.py) then writes the form that cannot be misplanned:

- rare (fewer than `RARE_FRACTION` of the events): the matching ids read whole through
  their index first, `events.id = ANY(ARRAY(...))`, which the planner runs once and
  meets as a short list of ids;
- common: a test on each row (a subquery fenced with OFFSET 0 so that it is not turned
  into a join), met walking the primary key newest first: a page is full after a few
  hundred rows.

Both forms return the same rows; only the plan differs (the tests run every case both
ways).
"""

from __future__ import annotations

from typing import Any

import psycopg

# Rare below 2% of the events: reading 20,000 ids from a GIN index and sorting them takes
# about what walking 5,000 rows newest first (50 per page match) does.
RARE_FRACTION = 0.02
# A table this small is read in a few milliseconds either way: everything counts as rare.
SMALL_TABLE = 10_000


class PgDensity:
    """Estimates on one connection, remembered for the life of the object (one translation)."""

    def __init__(self, conn: psycopg.Connection[Any], rare_fraction: float = RARE_FRACTION) -> None:
        self.conn = conn
        self.rare_fraction = rare_fraction
        self._events: float | None = None
        self._rare: dict[tuple[str, tuple[object, ...]], bool] = {}

    def events(self) -> float:
        """The planner's count of events (pg_class.reltuples: kept by ANALYZE and autovacuum)."""
        if self._events is None:
            row = self.conn.execute(
                "SELECT reltuples FROM pg_class WHERE oid = to_regclass('events')"
            ).fetchone()
            self._events = float(row[0]) if row and row[0] is not None else -1.0
        return self._events

    def rare(self, select: str, params: list[object]) -> bool:
        """Whether `select` (a SELECT with %s parameters, made by the translator from its
        whitelists) is expected to return fewer than `rare_fraction` of the events."""
        key = (select, tuple(_hashable(param) for param in params))
        if key not in self._rare:
            total = self.events()
            if total < SMALL_TABLE:  # -1: never analysed; both forms are quick on few rows
                self._rare[key] = True
            else:
                row = self.conn.execute(f"EXPLAIN (FORMAT JSON) {select}", params).fetchone()
                plan = row[0] if row else None
                rows = float(plan[0]["Plan"]["Plan Rows"]) if plan else total
                self._rare[key] = rows < total * self.rare_fraction
        return self._rare[key]


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value
