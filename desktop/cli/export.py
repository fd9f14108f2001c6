"""`main.py export`: stream stored events as JSONL, CSV or HAR."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import IO

from desktop.core import export_formats as fmt
from desktop.core.config import Settings
from desktop.store.events import Store


def write_export(
    store: Store, out: IO[str], format: str, where: str = "1", params: tuple[object, ...] = ()
) -> int:
    """Write every matching event to `out`; returns how many were written."""
    count = 0
    if format == "csv":
        out.write(fmt.csv_header())
    elif format == "har":
        out.write(fmt.har_document_start())
    for event in store.iter_events(where, params):
        if format == "jsonl":
            out.write(fmt.jsonl_line(event))
        elif format == "csv":
            out.write(fmt.csv_line(event))
        else:
            out.write((",\n" if count else "") + json.dumps(fmt.har_entry(event), ensure_ascii=False))
        count += 1
    if format == "har":
        out.write(fmt.har_document_end())
    return count


def run_export(settings: Settings, data_dir: Path, format: str, output: Path | None, query: str) -> int:
    import time

    from desktop.core.query import QuerySyntaxError, parse
    from desktop.runtime import build_services
    from desktop.store.filter_sql import to_sql

    try:
        where, params = to_sql(parse(query), time.time())
    except QuerySyntaxError as exc:
        print(f"error: invalid filter at position {exc.position}: {exc.message}", file=sys.stderr)
        return 2
    services = build_services(settings, data_dir)
    # Recognise anything a crash left unrecognised, so the export carries every derived field.
    services.store.writer.call(lambda _conn: None).result()
    try:
        # newline="" so the CSV writer's \r\n is written as is on every platform.
        target = open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)  # noqa: SIM115
        with target as out:
            count = write_export(services.store, out, format, where, tuple(params))
    finally:
        services.store.close()
    if output:
        print(f"wrote {count} event(s) to {output}", file=sys.stderr)
    return 0
