"""`main.py export`: stream stored events as JSONL, CSV or HAR."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

from desktop.core import export_formats as fmt
from desktop.core.config import Settings
from desktop.core.finance_day import chosen_timezone, zone


def run_export(settings: Settings, data_dir: Path, format: str, output: Path | None, query: str) -> int:
    import time

    from desktop.core.query import QuerySyntaxError, parse
    from desktop.runtime import build_services

    try:
        parsed = parse(query)
    except QuerySyntaxError as exc:
        print(f"error: invalid filter at position {exc.position}: {exc.message}", file=sys.stderr)
        return 2
    services = build_services(settings, data_dir)
    try:
        services.store.check_query(parsed)
    except QuerySyntaxError as exc:
        services.store.close()
        print(f"error: invalid filter at position {exc.position}: {exc.message}", file=sys.stderr)
        return 2
    # Recognise anything a crash left unrecognised, so the export carries every derived field.
    services.store.settled().result()
    try:
        # newline="" so the CSV writer's \r\n is written as is on every platform.
        target = open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)  # noqa: SIM115
        with target as out:
            # `today` and dates in the filter are the finance day's, as in the window.
            tz = zone(chosen_timezone(settings.finance_timezone, data_dir))
            count = fmt.write_events(services.store.iter_events(parsed, now=time.time(), tz=tz), out, format)
    finally:
        services.store.close()
    if output:
        print(f"wrote {count} event(s) to {output}", file=sys.stderr)
    return 0
