"""The inspector's side of the body process (desktop/core/body_worker.py says why a process).

Started on first use; requests go through a writer thread (a 20 MB body must not block the UI
thread on a full pipe), replies come back through a reader thread and a queued signal. Both
threads spend their time in blocking pipe calls, which release the GIL. Closing the inspector
closes the pipes; the process exits at EOF (and is killed if it does not).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import QObject, Signal

import desktop
from desktop.core.body_worker import read_message, write_message

_PROJECT_ROOT = str(Path(desktop.__file__).resolve().parents[1])


class BodyProcess(QObject):
    """Signals:
    replied(message): a reply tuple (see body_worker), on the UI thread; ("died", 0) when the
        process ended unasked (every request in flight is lost; the next one starts a new one).
    """

    replied = Signal(object)
    _arrived = Signal(object)  # internal: from the reader thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tickets = itertools.count(1)
        self._outbox: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._process: subprocess.Popen[bytes] | None = None
        self._arrived.connect(self._on_arrived)
        outboxes = [self._outbox]
        self.destroyed.connect(lambda: outboxes[0].put(None))  # the writer closes stdin: EOF ends it
        self._outboxes = outboxes

    def ticket(self) -> int:
        return next(self._tickets)

    def send(self, request: tuple[Any, ...]) -> None:
        if self._process is None:
            self._start()
        self._outbox.put(request)

    def close(self) -> None:
        self._outbox.put(None)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _on_arrived(self, reply: tuple[Any, ...]) -> None:
        if reply[0] == "died":
            self._outbox.put(None)  # ends the old writer, if the process died under it
            self._outbox = queue.SimpleQueue()
            self._outboxes[0] = self._outbox
            self._process = None
        self.replied.emit(reply)

    def _start(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PROJECT_ROOT, env.get("PYTHONPATH", "")) if p)
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop.core.body_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self._process = process
        assert process.stdin is not None and process.stdout is not None
        threading.Thread(
            target=_write, args=(process, process.stdin, self._outbox), name="body-writer", daemon=True
        ).start()
        reader = threading.Thread(
            target=_read, args=(process.stdout, self._arrived), name="body-reader", daemon=True
        )
        reader.start()


def _write(process: subprocess.Popen[bytes], stdin: IO[bytes], outbox: queue.SimpleQueue[Any]) -> None:
    try:
        while (request := outbox.get()) is not None:
            write_message(stdin, request)
    except (BrokenPipeError, OSError):
        pass  # the process died; the reader sees EOF too
    finally:
        with contextlib.suppress(OSError):
            stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # still busy with a 20 MB parse nobody waits for
            process.kill()
            process.wait()


def _read(stdout: IO[bytes], arrived: Any) -> None:
    try:
        while (reply := read_message(stdout)) is not None:
            arrived.emit(reply)
        arrived.emit(("died", 0))  # EOF: closed by us (nobody listens then) or crashed
    except RuntimeError:  # the inspector is gone
        pass
    finally:
        stdout.close()
