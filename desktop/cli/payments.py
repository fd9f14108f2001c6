"""`main.py payments`: the accountant's export, one line per sale (JSONL or CSV).

    python main.py payments --format csv --dialect excel-br --day 2026-11-28 -o vendas.csv

Verified sales only unless `--include-unverified`; `--day` is a finance day (`[finance]
timezone`), `--filter` the filter language as on the Payments tab (`today` = the finance
day). The window's *Export this tab* writes the same records through `write_payments`.
"""

from __future__ import annotations

import os
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
from desktop.core.query import Query
from desktop.store.interface import StoreReads


def write_payments(
    reads: StoreReads,
    out: IO[str],
    format: str,
    timezone: str,
    dialect: Dialect = STANDARD,
    query: Query | None = None,
    now: float | None = None,
    day: date | None = None,
    include_unverified: bool = False,
) -> int:
    """Write every sale matching `query` (its `today` and dates in the finance zone; relative
    times from `now`) to `out`; returns how many were written."""
    tz = zone(timezone)
    start, end = day_bounds(day, tz) if day is not None else (None, None)
    rows = reads.iter_sales(
        query, now=now, tz=tz, start=start, end=end, include_unverified=include_unverified
    )
    return records.write_records(rows, out, format, tz, dialect)


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

    timezone = chosen_timezone(settings.finance_timezone, data_dir)
    now = time.time()
    try:
        day = parse_day(day_text) if day_text else None
        parsed = parse(query)
    except QuerySyntaxError as exc:
        print(f"error: invalid filter at position {exc.position}: {exc.message}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    dialect = DIALECTS[dialect_name]
    services = build_services(settings, data_dir)
    try:
        services.store.check_query(parsed, target="sales")
    except QuerySyntaxError as exc:
        services.store.close()
        print(f"error: invalid filter at position {exc.position}: {exc.message}", file=sys.stderr)
        return 2
    # Recognise anything a crash left unrecognised, so every sale is current.
    services.store.settled().result()
    # utf-8-sig is not used: the dialect writes its own BOM, to stdout as well as to a file.
    encoding = "utf-8"
    try:
        target = open(output, "w", encoding=encoding, newline="") if output else nullcontext(sys.stdout)  # noqa: SIM115
        with target as out:
            count = write_payments(
                services.store, out, format, timezone, dialect, parsed, now, day, include_unverified
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
