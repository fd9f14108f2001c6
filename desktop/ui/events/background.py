"""Work for the inspector on a worker thread; results come back to the UI thread as a signal.

Only for work done in C++ that releases the GIL (decoding a picture with QImage): Python CPU
work on a thread would make every UI callback wait for the GIL, so parsing runs in the body
process instead (desktop/core/body_worker.py). A job is a function of a cancel check that
yields results; starting a job cancels the one before (only the latest selection matters).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core.json_preview import Cancelled, RenderCancelled

Job = Callable[[Cancelled], Iterable[Any]]


class JobFailed:
    """What a job yields when it raised: the UI says so instead of waiting forever."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __str__(self) -> str:
        return f"{type(self.error).__name__}: {self.error}"


class Background(QObject):
    """One worker thread and the latest job's results.

    Signals:
        _produced(ticket, result): internal; crosses from the worker to the UI thread.
    """

    _produced = Signal(int, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(1, thread_name_prefix=name)
        self._ticket = 0
        self._cancel = threading.Event()
        self._on_result: Callable[[Any], None] = lambda _result: None
        self._produced.connect(self._deliver)
        self.busy = False
        executor, flags = self._executor, [self._cancel]
        # A closed inspector stops its job at once: the thread must not outlive the window.
        self.destroyed.connect(lambda: _stop(flags[0], executor))
        self._flags = flags

    def start(self, job: Job, on_result: Callable[[Any], None]) -> None:
        self.cancel()
        self._ticket += 1
        self._cancel = flag = threading.Event()
        self._flags[0] = flag
        self._on_result = on_result
        self.busy = True
        self._executor.submit(self._run, job, self._ticket, flag)

    def cancel(self) -> None:
        self._cancel.set()
        self._ticket += 1  # results still in flight are dropped on arrival
        self.busy = False

    def _run(self, job: Job, ticket: int, flag: threading.Event) -> None:
        try:
            for result in job(flag.is_set):
                if flag.is_set():
                    return
                self._emit(ticket, result)
        except RenderCancelled:
            return
        except Exception as exc:  # shown to the user; the thread lives on for the next job
            self._emit(ticket, JobFailed(exc))
        self._emit(ticket, _Done())

    def _emit(self, ticket: int, result: object) -> None:
        # RuntimeError: the inspector was deleted meanwhile, nobody is waiting.
        with contextlib.suppress(RuntimeError):
            self._produced.emit(ticket, result)

    def _deliver(self, ticket: int, result: object) -> None:
        if ticket != self._ticket:
            return
        if isinstance(result, _Done):
            self.busy = False
            return
        self._on_result(result)


def _stop(flag: threading.Event, executor: ThreadPoolExecutor) -> None:
    flag.set()
    executor.shutdown(wait=False)


class _Done:
    """Sent after a job's last result, so `busy` turns False."""
