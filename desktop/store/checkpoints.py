"""WAL checkpoints on a thread of their own, so the store loop never waits for one.

By default SQLite checkpoints inside the commit that takes the WAL past 1,000 pages: that
commit, on the store thread between requests, copies pages into the database file and
syncs it. Measured under tests/bench/ingest.py load (one process, 16 connections, 8 s,
twice each): group commits over 5 ms 40-50 with those checkpoints, 10-14 without; their
99th percentile 8.3-8.5 ms against 4.2-4.5 ms; the loop's total time in commits about
30 % lower; requests' p99 17.8-21.1 ms against 14.8-15.7 ms.

So the write connection checkpoints by itself only past WAL_AUTOCHECKPOINT_PAGES (a safety
net should this thread fall behind), and this thread, with its own connection, runs a
PASSIVE checkpoint (it never waits for, nor blocks, writers and readers) every
CHECKPOINT_EVERY_S while commits happen. sqlite3 releases the GIL while SQLite works, so
the store loop keeps serving meanwhile.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from desktop.store.database import connect

log = logging.getLogger(__name__)

WAL_AUTOCHECKPOINT_PAGES = 10_000  # ~40 MB of WAL with 4 KiB pages
CHECKPOINT_EVERY_S = 0.5


class Checkpointer:
    """Checkpoints the WAL of the database at `path` while `wrote()` keeps being called."""

    def __init__(self, path: Path, every_s: float = CHECKPOINT_EVERY_S) -> None:
        self._path = path
        self._every_s = every_s
        # Set by the store thread after each commit; a plain flag (one store per commit
        # costs nothing, and a missed one only delays the next checkpoint).
        self._wrote = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="checkpoint", daemon=True)
        self.checkpoints = 0

    def start(self) -> None:
        self._thread.start()

    def wrote(self) -> None:
        self._wrote = True

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        try:
            conn = connect(self._path)
        except sqlite3.Error as exc:
            log.warning("WAL checkpoints stay in the commits: %s", exc)
            return
        failing = False
        try:
            while not self._stop.wait(self._every_s):
                if not self._wrote:
                    continue
                self._wrote = False
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:  # e.g. disk full: the writer reports the fault
                    if not failing:
                        log.warning("WAL checkpoint failed (will retry): %s", exc)
                    failing = True
                else:
                    failing = False
                    self.checkpoints += 1
        finally:
            conn.close()
