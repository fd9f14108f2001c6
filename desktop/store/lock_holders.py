"""Which other programs hold (or have open) the database, to name them when it is locked.

"The database is locked" alone sends a user hunting; "locked by sqlite3 (pid 4242)" does
not. On Linux, /proc/locks lists every POSIX lock with the holder's pid and the file's
device and inode; SQLite locks the database file (rollback journal) or its `-shm` file
(WAL). When no lock is listed, the processes that have the file open are named instead.
Elsewhere this finds nothing and the message stays generic.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return os.major(st.st_dev), os.minor(st.st_dev), st.st_ino


def _lockers(files: list[tuple[int, int, int]]) -> list[int]:
    try:
        lines = (PROC / "locks").read_text().splitlines()
    except OSError:
        return []
    pids: list[int] = []
    for line in lines:
        # "1: POSIX  ADVISORY  WRITE 4242 00:2d:1234 120 120" (device numbers in hex)
        fields = line.split()
        if "->" in fields:  # a waiter, not a holder
            continue
        try:
            pid = int(fields[4])
            major, minor, inode = fields[5].split(":")
            file = (int(major, 16), int(minor, 16), int(inode))
        except (IndexError, ValueError):
            continue
        if file in files and pid > 0 and pid not in pids:
            pids.append(pid)
    return pids


def _openers(paths: list[Path]) -> list[int]:
    wanted = {str(p) for p in paths}
    pids: list[int] = []
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            targets = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
        except OSError:
            continue  # gone meanwhile, or not ours to look at
        if targets & wanted:
            pids.append(int(entry.name))
    return pids


def describe(pid: int) -> str:
    try:
        name = (PROC / str(pid) / "comm").read_text().strip()
    except OSError:
        return f"pid {pid}"
    return f"{name} (pid {pid})"


def holders(database: Path) -> list[str]:
    """Other processes locking `database`, or else having it open, as "name (pid N)"."""
    if not PROC.is_dir():
        return []  # not Linux: the message stays generic
    me = os.getpid()
    paths = [database.resolve(), Path(f"{database.resolve()}-shm"), Path(f"{database.resolve()}-wal")]
    files = [ident for p in paths if (ident := _identity(p)) is not None]
    pids = [pid for pid in _lockers(files) if pid != me]
    if not pids:
        pids = [pid for pid in _openers(paths) if pid != me]
    return [describe(pid) for pid in pids]
