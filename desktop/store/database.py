"""Opening the events database: location, pragmas, migrations, and what to do when it is broken."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from pathlib import Path

from desktop.core.storage import StorageError
from desktop.store.entities import ensure_sales
from desktop.store.schema import SCHEMA_VERSION, NewerSchemaError, migrate, schema_version

DB_FILENAME = "events.sqlite3"
# How long a write waits for another program's lock before the request gets 503. Long
# enough for another receiver's group commit, short enough that senders are answered
# (it was 5 s, and the first request waited 10 s). Readers keep the longer wait.
WRITE_BUSY_TIMEOUT_MS = 2000
READ_BUSY_TIMEOUT_MS = 5000
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


class StoreError(StorageError):
    """The database cannot be used; the message says why in words a user understands."""


class CorruptDatabaseError(StoreError):
    """The file exists but is not a usable SQLite database."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"the database {path} cannot be read ({detail})")
        self.path = path


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def database_file(conn: sqlite3.Connection) -> Path | None:
    """The file behind a connection's main database (None for an in-memory one)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file)
    return None


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
    conn.execute(f"PRAGMA busy_timeout = {READ_BUSY_TIMEOUT_MS}")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class ReadOnlyDatabaseError(StoreError):
    """The database can be read but not written: a receiver would only answer 503."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"the database {path} is read-only ({detail}), so no request could be stored; "
            "make the file and its folder writable, or choose another --data-dir"
        )
        self.path = path


def ensure_private_dir(data_dir: Path) -> None:
    """Create the data directory readable by the user only (0700), and keep it so.

    Events hold payment data and the files next to them hold secrets. Files already in it
    are made 0600 too, so files written by older versions (or Qt's settings.ini, which
    follows the umask) are private from the next start on.
    """
    not_a_folder = f"the data directory {data_dir} is a file, not a folder; choose another --data-dir"
    try:
        existed = data_dir.exists()
        data_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        if not data_dir.is_dir():
            raise StoreError(not_a_folder)
        # A folder the user pointed at that is not ours yet (no database in it) keeps its mode.
        if existed and not database_path(data_dir).exists():
            return
        with contextlib.suppress(OSError):  # e.g. a read-only mount: opening will say so
            os.chmod(data_dir, PRIVATE_DIR)
        for entry in data_dir.iterdir():
            with contextlib.suppress(OSError):  # e.g. a file owned by someone else: leave it
                mode = entry.lstat().st_mode
                if stat.S_ISREG(mode) and stat.S_IMODE(mode) & 0o077:
                    os.chmod(entry, stat.S_IMODE(mode) & ~0o077)
    except FileExistsError:
        raise StoreError(not_a_folder) from None
    except NotADirectoryError:
        raise StoreError(f"the data directory {data_dir} is inside a file, not a folder") from None
    except PermissionError as exc:
        raise StoreError(
            f"cannot use the data directory {data_dir}: permission denied ({exc.filename})"
        ) from None
    except OSError as exc:
        raise StoreError(f"cannot use the data directory {data_dir}: {exc.strerror or exc}") from None


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does: SQLite gives its -wal and -shm
    files the database file's permissions, so all three stay private."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


_UNWRITABLE = {"SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"}


def _check_writable(conn: sqlite3.Connection) -> None:
    """Raise the write error a capture would meet; a file that opens but cannot be written
    would otherwise say "listening" and answer 503 to everything."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(f"PRAGMA user_version = {version}")
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            return  # writable, just busy now: the writer will say who holds it
        raise
    finally:
        if conn.in_transaction:
            conn.rollback()


def open_database(data_dir: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database of a data directory.

    A database written by a newer version is refused before anything is written to it
    (not even the switch to WAL), with a StoreError that says so.
    """
    ensure_private_dir(data_dir)
    path = database_path(data_dir)
    existed = path.exists()
    try:
        _create_private(path)
    except OSError as exc:
        raise ReadOnlyDatabaseError(path, exc.strerror or str(exc)) from None
    try:
        if existed:
            _refuse_newer(path)
        conn = connect(path)
        # Reading the schema is enough to find a file that is not a database (quick_check
        # would read every page: seconds on a large history).
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _check_writable(conn)
        migrate(conn)
        # A database older than migration 7 has entities but no sales yet: fold them once,
        # here, before anything reads the sales (also after a crash between the two).
        ensure_sales(conn)
    except NewerSchemaError as exc:
        # Not broken, just newer: never offer to set it aside; say which app can open it.
        raise StoreError(f"{path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") in _UNWRITABLE:
            raise ReadOnlyDatabaseError(path, str(exc)) from exc
        raise CorruptDatabaseError(path, str(exc)) from exc
    conn.execute(f"PRAGMA busy_timeout = {WRITE_BUSY_TIMEOUT_MS}")
    return conn


def _refuse_newer(path: Path) -> None:
    conn = connect(path, readonly=True)
    try:
        version = schema_version(conn)
    finally:
        conn.close()
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(version)


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
