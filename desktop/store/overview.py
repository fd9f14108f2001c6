"""The Overview tab's reads (SQLite): each figure is one grouped query, never one per bucket.

The statements are plain SQL both engines accept once their placeholders are filled in
(`?` here, `%s` in postgres/overview_pg.py), so the two engines cannot drift apart:
`per_minute_sql`, `traffic_sql`, `per_day_sql` build them, the engines only run them.
Money per day reuses the totals' summing (store/totals.py): one definition of a sum.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from desktop.core.overview import FAILED_SIGNATURES, QueueCounts, Traffic
from desktop.core.payments import StatusCategory
from desktop.core.totals import CategoryTotal
from desktop.store.totals import _summed

# Forward queue states (schema v2) and action queue states (schema v6) counted as "failing".
_FORWARD_FAILING = ("retrying", "failed")
_ACTIONS_FAILING = ("retrying", "failed")


def per_minute_sql(mark: str, whole: str = "CAST({} AS INTEGER)") -> str:
    """Events per minute since a moment: (minute index, count) for the minutes that have any.

    `whole` makes the (non-negative) minute a whole number: SQLite's CAST truncates, but
    PostgreSQL's rounds, so there it is `floor`. `received_at >= start` reads the received_at
    index (schema v9) for the last hour only."""
    minute = whole.format(f"(received_at - {mark}) / 60")
    return (
        f"SELECT {minute} AS minute, count(*) FROM events "
        f"WHERE received_at >= {mark} AND received_at < {mark} GROUP BY minute"
    )


def traffic_sql(mark: str) -> str:
    """Per provider in [start, end): all events, failed signatures, duplicates."""
    failed = ", ".join(f"'{verdict}'" for verdict in FAILED_SIGNATURES)  # constants, not input
    return (
        "SELECT coalesce(provider, ''), count(*), "
        f"sum(CASE WHEN signature IN ({failed}) THEN 1 ELSE 0 END), "
        "sum(CASE WHEN duplicate_of IS NOT NULL THEN 1 ELSE 0 END) "
        f"FROM events WHERE received_at >= {mark} AND received_at < {mark} GROUP BY 1"
    )


def per_day_sql(mark: str, days: int) -> str:
    """Confirmed sales per finance day: (day index, currency, amount, count) in one pass over
    the `sales_day` index. The day boundaries are bound values computed in the finance zone,
    so a day of 23 or 25 hours (a DST change) is bucketed right, which no fixed offset does."""
    buckets = " ".join(f"WHEN status_time < {mark} THEN {day}" for day in range(days))
    return (
        f"SELECT CASE {buckets} END AS day, upper(coalesce(currency, '')), amount, count(*) "
        f"FROM sales WHERE category = {mark} AND status_time >= {mark} AND status_time < {mark} "
        "GROUP BY 1, 2, 3"
    )


def per_day_params(bounds: Sequence[float]) -> list[Any]:
    """The values for `per_day_sql(mark, len(bounds) - 1)`: each day's end, then the range."""
    return [*bounds[1:], str(StatusCategory.CONFIRMED), bounds[0], bounds[-1]]


def minutes_from(rows: Iterable[tuple[Any, ...]], minutes: int) -> list[int]:
    counts = [0] * minutes
    for minute, count in rows:
        if minute is not None and 0 <= int(minute) < minutes:
            counts[int(minute)] += int(count)
    return counts


def traffic_from(rows: Iterable[tuple[Any, ...]]) -> Traffic:
    per_provider: dict[str, int] = {}
    failures = duplicates = 0
    for provider, count, failed, duplicated in rows:
        per_provider[str(provider)] = int(count)
        failures += int(failed or 0)
        duplicates += int(duplicated or 0)
    return Traffic(sum(per_provider.values()), per_provider, failures, duplicates)


def days_from(rows: Iterable[tuple[Any, ...]], days: int) -> list[CategoryTotal]:
    grouped: list[list[tuple[Any, ...]]] = [[] for _ in range(days)]
    for day, currency, amount, count in rows:
        if day is not None and 0 <= int(day) < days:
            grouped[int(day)].append((None, currency, amount, count))
    return [_summed(group) for group in grouped]


def events_per_minute(conn: sqlite3.Connection, start: float, minutes: int) -> list[int]:
    rows = conn.execute(per_minute_sql("?"), (start, start, start + minutes * 60))
    return minutes_from(rows, minutes)


def traffic(conn: sqlite3.Connection, start: float, end: float) -> Traffic:
    return traffic_from(conn.execute(traffic_sql("?"), (start, end)))


def confirmed_per_day(conn: sqlite3.Connection, bounds: Sequence[float]) -> list[CategoryTotal]:
    days = len(bounds) - 1
    if days < 1:
        return []
    return days_from(conn.execute(per_day_sql("?", days), per_day_params(bounds)), days)


def queue_counts(conn: Any) -> QueueCounts:
    """Both queues by state, two small grouped queries (delivered/done rows are not counted).
    `conn`: an sqlite3 or a psycopg connection; the tables and this SQL are the same on both."""
    forward = dict(conn.execute("SELECT state, count(*) FROM forward_queue GROUP BY state").fetchall())
    actions = dict(conn.execute("SELECT state, count(*) FROM action_queue GROUP BY state").fetchall())
    return QueueCounts(
        forward_pending=int(forward.get("pending", 0)),
        forward_failing=sum(int(forward.get(state, 0)) for state in _FORWARD_FAILING),
        actions_pending=int(actions.get("pending", 0)),
        actions_failing=sum(int(actions.get(state, 0)) for state in _ACTIONS_FAILING),
    )
