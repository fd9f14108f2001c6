"""The accountant's records: one per sale, as JSONL objects or CSV rows. Pure, no SQL.

`main.py payments` and the window's *Export this tab* both write these, from the sales rows
the store reads (store/sales.py). The contract (DESIGN.md) names the JSONL fields; CSV has
the same facts in the dialect's language (core/csv_dialects.py). Times are in the finance
time zone; amounts are decimal strings in JSONL and numbers in CSV, never floats.

`status` is what the Payments tab shows, which may be an unchecked claim; `verified` says
whether it comes from a trusted delivery, and `category` is decided by trusted deliveries
only (an unverified "PAID" is category "other", never "confirmed").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import IO, Any
from zoneinfo import ZoneInfo

from desktop.core import csv_dialects
from desktop.core.csv_dialects import Dialect
from desktop.core.finance_day import day_of, local_iso, local_text
from desktop.core.payments import STATUS_LABELS_PT, StatusCategory

# (field, English header, Portuguese header), in CSV order.
_CSV_FIELDS = (
    ("provider", "provider", "Provedor"),
    ("sale", "sale", "Venda"),
    ("entity_type", "entity_type", "Tipo"),
    ("entity_id", "entity_id", "ID no provedor"),
    ("status", "status", "Status"),
    ("category", "category", "Categoria"),
    ("verified", "verified", "Verificado"),
    ("amount", "amount", "Valor"),
    ("currency", "currency", "Moeda"),
    ("reference", "reference", "Referência"),
    ("payer", "payer", "Pagador"),
    ("day", "day", "Dia"),
    ("status_time", "status_time", "Data do status"),
    ("last_update", "last_update", "Última atualização"),
    ("payment_id", "payment_id", "Pagamento"),
    ("payment_status", "payment_status", "Status do pagamento"),
    ("events", "events", "Eventos"),
    ("duplicates", "duplicates", "Duplicadas"),
    ("out_of_order", "out_of_order", "Fora de ordem"),
    ("refused", "refused", "Não confiáveis"),
)


def _decimal(text: Any) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None


def record(row: Mapping[str, Any], tz: ZoneInfo) -> dict[str, Any]:
    """The JSONL record of one sale row (a `sales` row as the store reads it)."""
    claimed = row.get("claimed_status")
    amount = _decimal(row.get("amount"))
    if amount is None and claimed:
        amount = _decimal(row.get("claimed_amount"))
    time = row.get("status_time")
    return {
        "provider": row["provider"],
        "entity_type": row["entity_type"],
        "entity_id": row["entity_id"],
        "status": claimed or row["status"],
        "category": str(row["category"]),
        "verified": bool(row["status"]) and not claimed,
        "verified_status": row["status"],
        "amount": None if amount is None else str(amount),
        "currency": row["currency"],
        "reference": row["reference"],
        "payer": row["payer"],
        "day": None if time is None else day_of(time, tz).isoformat(),
        "status_time": local_iso(time, tz),
        "last_update": local_iso(row["last_update"], tz),
        "first_seen": local_iso(row["first_seen"], tz),
        "events": int(row["event_count"]),
        "duplicates": int(row["duplicates"]),
        "out_of_order": int(row["out_of_order"]),
        # Deliveries whose signature was not trusted: failed checks and unchecked claims.
        "refused": int(row["invalid_signatures"]) + int(row["unverified"]),
        # The charge the sale is (when something links to it; else the entity stands alone).
        "sale": row["entity_id"] if int(row.get("members") or 1) > 1 else None,
        "payment_id": row.get("payment_id"),
        "payment_status": row.get("payment_status"),
    }


def jsonl_line(row: Mapping[str, Any], tz: ZoneInfo) -> str:
    return json.dumps(record(row, tz), ensure_ascii=False) + "\n"


def csv_header(dialect: Dialect) -> str:
    names = [pt if dialect.portuguese else en for _, en, pt in _CSV_FIELDS]
    return csv_dialects.start(dialect) + csv_dialects.line(names, dialect)


def csv_line(row: Mapping[str, Any], tz: ZoneInfo, dialect: Dialect) -> str:
    values = record(row, tz)
    values["amount"] = _decimal(values["amount"])  # a number in the sheet (SUM works)
    if dialect.portuguese:
        values["category"] = STATUS_LABELS_PT.get(StatusCategory(values["category"]), values["category"])
        if dialect.date_pattern:
            for name in ("status_time", "last_update"):
                moment = row.get(name)
                values[name] = local_text(moment, tz, dialect.date_pattern) if moment is not None else None
            if values["day"]:
                year, month, day = values["day"].split("-")
                values["day"] = f"{day}/{month}/{year}"
    return csv_dialects.line([values[name] for name, _, _ in _CSV_FIELDS], dialect)


def write_records(
    rows: Iterable[Mapping[str, Any]], out: IO[str], format: str, tz: ZoneInfo, dialect: Dialect
) -> int:
    """Write sales rows as CSV (with its header) or JSON Lines; returns how many were written.
    The one writer behind `main.py payments` and the window's *Export this tab*."""
    if format == "csv":
        out.write(csv_header(dialect))
    count = 0
    for row in rows:
        out.write(csv_line(row, tz, dialect) if format == "csv" else jsonl_line(row, tz))
        count += 1
    return count
