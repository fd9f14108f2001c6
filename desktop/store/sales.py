"""The `sales` table: one line per sale, folded from its entities inside each write.

The rule lives in `desktop.core.sales` (pure); `desktop.store.entities` loads a sale's
entities, folds them and saves the line with `SALE_UPSERT` (`refresh_sales`). `sales` is derived
from `entities`, itself derived from `events`, so `rebuild_entities` rebuilds both. A database
migrated from before sales existed gets its lines on first open (`entities.ensure_sales`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from desktop.core.sales import Sale

SALE_COLUMNS = (
    "provider",
    "entity_id",
    "entity_type",
    "status",
    "category",
    "status_time",
    "amount",
    "currency",
    "reference",
    "payer",
    "claimed_status",
    "claimed_amount",
    "first_seen",
    "last_update",
    "event_count",
    "duplicates",
    "out_of_order",
    "invalid_signatures",
    "unverified",
    "members",
    "payment_id",
    "payment_status",
    "last_event",
)
_MARKS = ", ".join("?" for _ in SALE_COLUMNS)
# An upsert, not INSERT OR REPLACE: replacing deletes and reinserts the row, and with it every
# index entry; updating in place touches only the entries whose columns changed.
SALE_UPSERT = (
    f"INSERT INTO sales ({', '.join(SALE_COLUMNS)}) VALUES ({_MARKS}) ON CONFLICT (provider, entity_id) "
    f"DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in SALE_COLUMNS[2:])}"
)


def sale_values(sale: Sale) -> list[object]:
    values: list[object] = []
    for name in SALE_COLUMNS:
        value = getattr(sale, name)
        if (name in ("amount", "claimed_amount") and value is not None) or name == "category":
            value = str(value)
        values.append(value)
    return values


def iter_sales(
    conn: sqlite3.Connection,
    where: str = "1",
    params: Sequence[object] = (),
    *,
    start: float | None = None,
    end: float | None = None,
    include_unverified: bool = False,
) -> Iterator[dict[str, Any]]:
    """Sales rows for the accountant's export, oldest status first.

    `start`/`end` keep the sales whose current status happened in [start, end) (a finance
    day); without `include_unverified` a sale shows only if its status is verified (a trusted
    status, and no unchecked claim newer than it).
    """
    sql = f"SELECT {', '.join(SALE_COLUMNS)} FROM sales WHERE ({where})"
    args: list[object] = list(params)
    if start is not None and end is not None:
        sql += " AND status_time >= ? AND status_time < ?"
        args += [start, end]
    if not include_unverified:
        sql += " AND status IS NOT NULL AND claimed_status IS NULL"
    sql += " ORDER BY status_time, provider, entity_id"
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(sql, args)
    while chunk := cursor.fetchmany(1000):
        for row in chunk:
            yield dict(zip(SALE_COLUMNS, row, strict=True))
