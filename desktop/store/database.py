"""Opening the events database: location, pragmas, migrations, and what to do when it is broken."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from desktop.store.sales import ensure_sales
from desktop.store.schema import migrate

DB_FILENAME = "events.sqlite3"


class StoreError(RuntimeError):
    """The database cannot be used; the message says why in words a user understands."""


class CorruptDatabaseError(StoreError):
    """The file exists but is not a usable SQLite database."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"the database {path} cannot be read ({detail})")
        self.path = path


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas every part of the app relies on.

    WAL lets the UI read while the writer commits. synchronous=NORMAL in WAL mode survives a
    process crash at any moment (a committed transaction is in the WAL file before the
    commit returns); only a power cut can lose the last commits, which FULL would prevent at the
    cost of one fsync per group commit (see README: durability).
    """
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_database(data_dir: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database of a data directory."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = database_path(data_dir)
    try:
        conn = connect(path)
        # Reading the schema is enough to find a file that is not a database (quick_check
        # would read every page: seconds on a large history).
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        migrate(conn)
        ensure_sales(conn)
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(path, str(exc)) from exc
    return conn


def set_aside(path: Path) -> Path:
    """Move a broken database (and its WAL files) out of the way, keeping every byte.

    Returns where it went, so the user can be told and nothing is silently deleted.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(path) + suffix)
        if source.exists():
            source.rename(Path(str(target) + suffix))
    return target
