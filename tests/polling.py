"""The one deadline-bound poll the tests use, for state in another process or thread that no
signal announces (a row another process committed, a socket another process holds).

Qt-side waits use qtbot.waitSignal / waitUntil, asyncio-side ones await a future: this is only
for what neither can see. It never passes by luck: it returns as soon as the condition holds and
fails, naming what it waited for, when the deadline passes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

POLL_INTERVAL_S = 0.02


def wait_for(condition: Callable[[], object], timeout: float = 10.0, what: str = "condition") -> None:
    """Return once `condition()` is truthy; raise AssertionError naming `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()  # never set: wait() is the poll interval
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        pause.wait(POLL_INTERVAL_S)
