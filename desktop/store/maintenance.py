"""Upkeep of the events database with sqlite-utils: compact the full-text index, refresh the
planner's statistics, reclaim the space deleted events left.

Run on demand (`main.py maintain`), never on the capture path: VACUUM rewrites the whole
file, and the group commit waits (busy_timeout) while it runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from desktop.store.database import database_path, open_database


@dataclass(frozen=True, slots=True)
class MaintenanceReport:
    events: int
    bytes_before: int
    bytes_after: int


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def maintain(data_dir: Path) -> MaintenanceReport:
    """Optimise the full-text index, ANALYZE and VACUUM the data directory's database.

    Opens it as the app does (migrating it, refusing a newer one), so a database is never
    maintained under a schema this version does not know.
    """
    path = database_path(data_dir)
    conn = open_database(data_dir)
    try:
        before = _size(path)
        db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
        # FTS5 merges its b-trees into one: smaller, and faster to search after many small
        # inserts (the indexer adds each batch of recognised events on its own).
        db.execute("INSERT INTO events_fts(events_fts) VALUES ('optimize')")
        conn.commit()
        db.analyze()
        db.vacuum()
        # VACUUM in WAL mode writes the new file through the WAL: fold it back in.
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return MaintenanceReport(
            events=db.table("events").count, bytes_before=before, bytes_after=_size(path)
        )
    finally:
        conn.close()
