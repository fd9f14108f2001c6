"""Benchmark: one refresh of the Overview tab (issue 13) on a 1,000,000-event SQLite database.

    .venv/bin/python tests/bench/filter.py --db bench-data/filter.sqlite3 --keep   # build it once
    .venv/bin/python tests/bench/overview.py --db bench-data/filter.sqlite3

filter.py fills events only (recognised columns, no payment state); this script adds a
`sales` line per sale the first time (`--sales`, spread over the same 30 days, ~60 %
confirmed), then prints the median of 5 runs of each Overview read and of a whole refresh
(`load_figures`, what the reader thread does once per second at most during a burst), with
`now` at the end of the events' range, so the last hour and today are full.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.finance_day import day_bounds, day_of, zone
from desktop.store.reads import SqliteReads
from desktop.store.schema import migrate
from desktop.ui.overview.figures import load_figures
from tests.bench.filter import INSERT_EVENT, SPAN, START, generate

TZ = zone("America/Sao_Paulo")
CATEGORIES = ["confirmed"] * 6 + ["pending"] * 2 + ["failed", "refunded"]


def fill_sales(conn: sqlite3.Connection, count: int) -> None:
    rng = random.Random(13)
    rows: list[tuple[Any, ...]] = []
    for number in range(count):
        at = START + rng.random() * SPAN
        amount = f"{rng.randint(500, 500_000) / 100:.2f}"
        rows.append(
            (f"chr_B{number:08d}", rng.choice(CATEGORIES), at, amount, f"pedido-{number}", at, at, number + 1)
        )
    with conn:
        conn.executemany(
            "INSERT OR IGNORE INTO sales (provider, entity_id, entity_type, status, category, status_time,"
            " amount, currency, reference, first_seen, last_update, last_event)"
            " VALUES ('juno', ?, 'CHARGE', 'PAID', ?, ?, ?, 'BRL', ?, ?, ?, ?)",
            rows,
        )


def ingest_rates(conn: sqlite3.Connection, count: int = 20_000, rounds: int = 3) -> dict[str, float]:
    """What the received_at index (schema v9) costs the writer: inserts in its shape (100-event
    transactions) on the full database, with and without it, alternating so drift hits both."""
    first_id = conn.execute("SELECT max(id) FROM events").fetchone()[0] + 1
    rows = [((row[0] + first_id - 1, *row[1:]), raw) for row, raw in generate(count, seed=first_id)]
    rates: dict[str, list[float]] = {"without events_received_at": [], "with events_received_at": []}
    for _ in range(rounds):
        for label in rates:
            with conn:
                if label.startswith("with "):
                    conn.execute("CREATE INDEX IF NOT EXISTS events_received_at ON events(received_at)")
                else:
                    conn.execute("DROP INDEX IF EXISTS events_received_at")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            started = time.perf_counter()
            for at in range(0, count, 100):
                chunk = rows[at : at + 100]
                with conn:
                    conn.executemany(INSERT_EVENT, [row for row, _ in chunk])
                    conn.executemany(
                        "INSERT INTO bodies (event_id, body) VALUES (?, ?)",
                        [(row[0], raw) for row, raw in chunk],
                    )
            rates[label].append(count / (time.perf_counter() - started))
            with conn:
                conn.execute("DELETE FROM bodies WHERE event_id >= ?", (first_id,))
                conn.execute("DELETE FROM events WHERE id >= ?", (first_id,))
    with conn:
        conn.execute("CREATE INDEX IF NOT EXISTS events_received_at ON events(received_at)")
    return {label: statistics.median(values) for label, values in rates.items()}


def median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True, help="a database built by tests/bench/filter.py")
    parser.add_argument("--sales", type=int, default=200_000, help="sales lines to add if there are none")
    parser.add_argument("--ingest", action="store_true", help="also time inserts with and without the index")
    args = parser.parse_args()
    conn = sqlite3.connect(args.db)
    conn.execute("PRAGMA journal_mode = WAL")
    started = time.perf_counter()
    migrate(conn)  # a database from before schema v9 gets its received_at index here
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    if not conn.execute("SELECT count(*) FROM sales").fetchone()[0]:
        started = time.perf_counter()
        fill_sales(conn, args.sales)
        conn.execute("ANALYZE")
        conn.commit()
        print(f"added {args.sales:,} sales lines: {time.perf_counter() - started:.1f} s")
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    sales = conn.execute("SELECT count(*) FROM sales").fetchone()[0]
    print(f"{events:,} events, {sales:,} sales")
    reads = SqliteReads(conn)
    now = START + SPAN + 60
    today = day_of(now, TZ)
    start, end = day_bounds(today, TZ)
    bounds = [start - 86400 * back for back in range(29, -1, -1)] + [end]
    figures = load_figures(reads, now, TZ)
    print(
        f"today: {figures.traffic.total:,} events, last hour: {sum(figures.per_minute):,},"
        f" confirmed today: {figures.totals.confirmed_count:,}"
    )
    timed: list[tuple[str, Callable[[], object]]] = [
        ("events per minute, last hour (1 grouped query)", lambda: reads.events_per_minute(now - 3600, 60)),
        ("traffic today (1 grouped query)", lambda: reads.traffic(start, end)),
        ("totals today (the status bar's)", lambda: reads.totals(start, end)),
        ("confirmed per day, 30 days (1 grouped query)", lambda: reads.confirmed_per_day(bounds)),
        ("queues", reads.queue_counts),
        ("whole refresh, the first (load_figures)", lambda: load_figures(reads, now, TZ)),
        ("whole refresh, the next ones (past days reused)", lambda: load_figures(reads, now, TZ, figures)),
    ]
    for label, fn in timed:
        print(f"{label + ':':<50} {median_ms(fn):8.1f} ms")
    if args.ingest:
        for label, rate in ingest_rates(conn).items():
            print(f"insert {label}: {rate:,.0f} events/s")
    conn.close()


if __name__ == "__main__":
    main()
