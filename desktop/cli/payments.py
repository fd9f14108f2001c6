"""`main.py payments`: the accountant's export, one line per sale (JSONL or CSV).

    python main.py payments --format csv --dialect excel-br --day 2026-11-28 -o vendas.csv

Verified sales only unless `--include-unverified`; `--day` is a finance day (`[finance]
timezone`), `--filter` the filter language as on the Payments tab (`today` = the finance
day). The window's *Export this tab* writes the same records through `write_payments`.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import IO

from desktop.core import payment_records as records
from desktop.core.config import Settings
from desktop.core.csv_dialects import DIALECTS, STANDARD, Dialect
from desktop.core.finance_day import chosen_timezone, day_bounds, parse_day, zone
from desktop.store.sales import iter_sales


def write_payments(
    conn: sqlite3.Connection,
    out: IO[str],
    format: str,
    timezone: str,
    dialect: Dialect = STANDARD,
    where: str = "1",
    params: tuple[object, ...] = (),
    day: date | None = None,
    include_unverified: bool = False,
) -> int:
    """Write every matching sale to `out`; returns how many were written."""
    tz = zone(timezone)
    start, end = day_bounds(day, tz) if day is not None else (None, None)
    if format == "csv":
        out.write(records.csv_header(dialect))
    count = 0
    for row in iter_sales(conn, where, params, start=start, end=end, include_unverified=include_unverified):
        out.write(records.csv_line(row, tz, dialect) if format == "csv" else records.jsonl_line(row, tz))
        count += 1
    return count


def run_payments(
    settings: Settings,
    data_dir: Path,
    format: str,
    dialect_name: str,
    query: str,
    day_text: str | None,
    output: Path | None,
    include_unverified: bool,
) -> int:
    from desktop.core.query import QuerySyntaxError, parse
    from desktop.runtime import build_services
    from desktop.store.filter_sql import to_sql

    timezone = chosen_timezone(settings.finance_timezone, data_dir)
    tz = zone(timezone)
    try:
        day = parse_day(day_text) if day_text else None
        where, params = to_sql(parse(query), time.time(), target="sales", tz=tz)
    except QuerySyntaxError as exc:
        print(f"error: invalid filter at position {exc.position}: {exc.message}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    dialect = DIALECTS[dialect_name]
    services = build_services(settings, data_dir)
    # Recognise anything a crash left unrecognised, so every sale is current.
    services.store.writer.call(lambda _conn: None).result()
    # utf-8-sig is not used: the dialect writes its own BOM, to stdout as well as to a file.
    encoding = "utf-8"
    try:
        target = open(output, "w", encoding=encoding, newline="") if output else nullcontext(sys.stdout)  # noqa: SIM115
        with target as out:
            count = write_payments(
                services.store.reader(),
                out,
                format,
                timezone,
                dialect,
                where,
                tuple(params),
                day,
                include_unverified,
            )
    except BrokenPipeError:
        # `... | head`: the reader has what it wanted. Quiet, as other command-line tools are.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the interpreter's final flush is silent
        return 0
    finally:
        services.store.close()
    if output:
        print(f"wrote {count} sale(s) to {output}", file=sys.stderr)
    return 0
