"""Ctrl+C and SIGTERM for a Qt window: close it cleanly instead of a traceback.

While Qt's event loop runs, Python only runs its signal handlers when some Python code runs,
and the default SIGINT handler then raises KeyboardInterrupt inside whatever Qt slot was
running: a traceback, and the window stays open. Instead, the C-level handler writes the
signal number to a socket (`signal.set_wakeup_fd`); a QSocketNotifier on the other end wakes
the Qt loop at once, and `received` is emitted there, on the UI thread, where closing the
window is safe. (Not on Windows, where SIGTERM does not exist and Ctrl+C reaches a GUI
process differently: there the handlers are left as they are.)
"""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_Handler = Callable[[int, FrameType | None], Any] | int | None


def _note(_signum: int, _frame: FrameType | None) -> None:
    """Python's part of the handler: nothing; the wakeup socket already carries the signal."""


class StopSignals(QObject):
    """Emits `received(signum)` on the UI thread when SIGINT or SIGTERM arrives.

    Signals:
        received(int): the signal number.
    """

    received = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._previous: dict[int, _Handler] = {}
        self._previous_fd = -1
        self._notifier: QSocketNotifier | None = None
        self._reader: socket.socket | None = None
        self._writer: socket.socket | None = None
        # set_wakeup_fd and signal.signal work only in the main thread.
        if sys.platform == "win32" or threading.current_thread() is not threading.main_thread():
            return
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {signum: signal.signal(signum, _note) for signum in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        assert self._reader is not None
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        for signum in data:
            if signum in STOP_SIGNALS:
                self.received.emit(signum)

    def restore(self) -> None:
        """Give the signals back to whoever had them (safe to call twice)."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        for signum, handler in self._previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        self._previous = {}
        if self._writer is not None:
            signal.set_wakeup_fd(self._previous_fd)
            for end in (self._reader, self._writer):
                with contextlib.suppress(OSError):
                    end.close()  # type: ignore[union-attr]
            self._reader = self._writer = None
