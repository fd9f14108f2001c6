"""`main.py totals`: the finance day's totals, as the status bar counts them.

    python main.py totals --day 2026-11-28 --format json
    {"day": "2026-11-28", "timezone": "America/Sao_Paulo",
     "confirmed": {"count": 73, "amount": "2161892.19"}, "refunded": {...}, ...}

Per category, the sales whose current status happened that day in the finance zone
(store/totals.py); `open_pending` adds what is pending now, whatever day it started.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.config import Settings
from desktop.core.finance_day import chosen_timezone, day_bounds, day_of, parse_day, zone
from desktop.core.money import format_amount, format_brl
from desktop.core.payments import STATUS_LABELS_PT, StatusCategory
from desktop.core.totals import CategoryTotal, Totals


def _json_total(total: CategoryTotal) -> dict[str, Any]:
    result: dict[str, Any] = {"count": total.count, "amount": str(total.amount)}
    if total.other_amounts:
        result["other_currencies"] = {code: str(value) for code, value in sorted(total.other_amounts.items())}
    return result


def totals_json(result: Totals, day: date, timezone: str) -> dict[str, Any]:
    document: dict[str, Any] = {"day": day.isoformat(), "timezone": timezone}
    for category in StatusCategory:
        document[str(category)] = _json_total(result.of(category))
    document["open_pending"] = _json_total(result.open_pending)
    return document


def totals_lines(result: Totals, day: date, timezone: str) -> str:
    lines = [f"Dia financeiro {day.isoformat()} ({timezone})"]
    rows = [(STATUS_LABELS_PT[c], result.of(c)) for c in StatusCategory]
    rows.append(("Pendentes agora (qualquer dia)", result.open_pending))
    for label, total in rows:
        money = format_brl(total.amount)
        for code, value in sorted(total.other_amounts.items()):
            money += f" + {format_amount(value, code or None)}"
        lines.append(f"{label:<32} {total.count:>7}  {money}")
    return "\n".join(lines) + "\n"


def run_totals(settings: Settings, data_dir: Path, day_text: str | None, format: str) -> int:
    from desktop.runtime import build_services

    timezone = chosen_timezone(settings.finance_timezone, data_dir)
    tz = zone(timezone)
    try:
        day = parse_day(day_text) if day_text else day_of(time.time(), tz)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    start, end = day_bounds(day, tz)
    services = build_services(settings, data_dir)
    # Recognise anything a crash left unrecognised, so every sale is current.
    services.store.settled().result()
    try:
        result = services.store.totals(start, end)
    finally:
        services.store.close()
    if format == "json":
        sys.stdout.write(json.dumps(totals_json(result, day, timezone)) + "\n")
    else:
        sys.stdout.write(totals_lines(result, day, timezone))
    return 0
