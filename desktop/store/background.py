"""A reader thread for queries that may be slow (filters over a million rows).

One long-lived thread with its own connection, so the UI thread never waits on SQLite for
more than a page, and a query that is no longer wanted can be interrupted.
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from desktop.store.reads import SqliteReads

T = TypeVar("T")

_STOP = object()
_Job = tuple[Callable[[SqliteReads], Any], Future[Any]]


class BackgroundReader:
    def __init__(self, connect: Callable[[], sqlite3.Connection], name: str = "store-reader") -> None:
        self._connect = connect
        self._jobs: queue.SimpleQueue[_Job | object] = queue.SimpleQueue()
        self._conn: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[SqliteReads], T]) -> Future[T]:
        """Run `fn` on the reader thread with the read operations on its connection."""
        future: Future[T] = Future()
        self._jobs.put((fn, future))
        return future

    def interrupt(self) -> None:
        """Abort the query running now (its future gets QueryInterrupted)."""
        conn = self._conn
        if conn is not None:
            # A closed reader has nothing to interrupt: a view's debounce timer can still ask
            # after its window closed (seen as a flaky "closed database" error in the UI tests).
            with contextlib.suppress(sqlite3.ProgrammingError):
                conn.interrupt()

    def close(self) -> None:
        if self._thread.is_alive():
            self.interrupt()
            self._jobs.put(_STOP)
            self._thread.join()

    def _run(self) -> None:
        self._conn = self._connect()
        reads = SqliteReads(self._conn)
        try:
            while True:
                job = self._jobs.get()
                if job is _STOP:
                    return
                assert isinstance(job, tuple)
                fn: Callable[[SqliteReads], Any] = job[0]
                future: Future[Any] = job[1]
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    result: Any = fn(reads)
                except BaseException as exc:
                    future.set_exception(exc)
                else:
                    future.set_result(result)
        finally:
            self._conn.close()
