"""The UI thread's asyncio loop: qasync's, with cancelled timers actually removed.

qasync 0.28 returns a plain `asyncio.Handle` from `call_later`, so cancelling it leaves its Qt
timer armed until the deadline. Every HTTP request arms and cancels a timeout (10 s by
default); after a bulk re-send of thousands of events, those dead timers fire together and
froze the window for 110-140 ms at a time (tests/bench/resend_ui.py). Here a cancelled
handle kills its Qt timer at once: longest stall 36 ms in the same benchmark.

This reaches into qasync's private timer bookkeeping. `make_event_loop` checks that it looks
as expected and falls back to the plain loop otherwise; tests/test_event_loop.py fails if an
upgrade takes the fix away, so it is noticed rather than silently lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import qasync
from PySide6.QtWidgets import QApplication

_CALLBACKS = "_SimpleTimer__callbacks"  # qasync 0.28: Qt timer id -> handle


class _KillableHandle(asyncio.Handle):
    __slots__ = ("_kill",)
    _kill: Callable[[], None] | None

    def cancel(self) -> None:
        if not self.cancelled():
            super().cancel()
            kill, self._kill = self._kill, None
            if kill is not None:
                kill()


class TimerKillingQEventLoop(qasync.QEventLoop):
    """qasync's loop, but cancelling a `call_later` also kills its Qt timer."""

    def call_later(
        self, delay: float, callback: Callable[..., Any], *args: Any, context: Any = None
    ) -> asyncio.Handle:
        handle = _KillableHandle(callback, args, self, context=context)
        handle._kill = None
        timer = self._timer
        callbacks: dict[int, asyncio.Handle] = getattr(timer, _CALLBACKS)
        timer_id = timer.startTimer(int(max(0.0, delay) * 1000))
        callbacks[timer_id] = handle
        if delay > 0:  # zero-delay callbacks fire on the next turn anyway

            def kill() -> None:
                if callbacks.pop(timer_id, None) is not None:
                    timer.killTimer(timer_id)

            handle._kill = kill
        return handle


def supports_timer_killing(loop: qasync.QEventLoop) -> bool:
    timer = getattr(loop, "_timer", None)
    return isinstance(getattr(timer, _CALLBACKS, None), dict) and hasattr(timer, "startTimer")


def make_event_loop(app: QApplication) -> qasync.QEventLoop:
    """The loop app.run() uses: the timer-killing one where qasync's internals allow it."""
    loop = TimerKillingQEventLoop(app)
    if supports_timer_killing(loop):
        return loop
    loop.close()
    return qasync.QEventLoop(app)
