"""A reader thread of its own for slow queries on PostgreSQL (as store/background.py).

`interrupt` cancels the running statement on the server; its job fails with QueryInterrupted.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

import psycopg

from desktop.core.storage import QueryInterrupted, StorageError
from desktop.store.postgres.database import connect
from desktop.store.postgres.reads import PgReads

T = TypeVar("T")

_STOP = object()
_Job = tuple[Callable[[Any], Any], Future[Any]]


class PgBackgroundReader:
    def __init__(self, url: str, name: str = "store-reader") -> None:
        self._url = url
        self._jobs: queue.SimpleQueue[_Job | object] = queue.SimpleQueue()
        self._conn: psycopg.Connection | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[Any], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((fn, future))
        return future

    def interrupt(self) -> None:
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(psycopg.Error):
                conn.cancel_safe()

    def close(self) -> None:
        if self._thread.is_alive():
            self.interrupt()
            self._jobs.put(_STOP)
            self._thread.join()

    def _reads(self) -> PgReads:
        # Connected on first use, and again after the server went away.
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._conn = connect(self._url, autocommit=True)
        return PgReads(self._conn)

    def _run(self) -> None:
        try:
            while True:
                job = self._jobs.get()
                if job is _STOP:
                    return
                assert isinstance(job, tuple)
                fn, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    result: Any = fn(self._reads())
                except StorageError as exc:
                    cause = exc.__cause__
                    if isinstance(cause, psycopg.errors.QueryCanceled):
                        future.set_exception(QueryInterrupted("interrupted"))
                    else:
                        future.set_exception(exc)
                except psycopg.errors.QueryCanceled:
                    future.set_exception(QueryInterrupted("interrupted"))
                except psycopg.Error as exc:
                    future.set_exception(StorageError(str(exc)))
                except BaseException as exc:
                    future.set_exception(exc)
                else:
                    future.set_result(result)
        finally:
            if self._conn is not None:
                self._conn.close()
