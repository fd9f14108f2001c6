"""The Overview tab's reads (PostgreSQL): the SQLite engine's statements (store/overview.py)
with PostgreSQL's placeholders, so both engines count alike."""

from __future__ import annotations

from collections.abc import Sequence

import psycopg

from desktop.core.overview import Traffic
from desktop.core.totals import CategoryTotal
from desktop.store import overview


def events_per_minute(conn: psycopg.Connection, start: float, minutes: int) -> list[int]:
    rows = conn.execute(
        overview.per_minute_sql("%s", "floor({})::int"), (start, start, start + minutes * 60)
    ).fetchall()
    return overview.minutes_from(rows, minutes)


def traffic(conn: psycopg.Connection, start: float, end: float) -> Traffic:
    return overview.traffic_from(conn.execute(overview.traffic_sql("%s"), (start, end)).fetchall())


def confirmed_per_day(conn: psycopg.Connection, bounds: Sequence[float]) -> list[CategoryTotal]:
    days = len(bounds) - 1
    if days < 1:
        return []
    sql = overview.per_day_sql("%s", days)
    return overview.days_from(conn.execute(sql, overview.per_day_params(bounds)).fetchall(), days)
