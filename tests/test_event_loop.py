"""The app's qasync loop removes the Qt timer of a cancelled call_later (see desktop/ui/loop.py)."""

from __future__ import annotations

from desktop.ui.loop import TimerKillingQEventLoop, make_event_loop, supports_timer_killing


def test_the_app_gets_the_timer_killing_loop(qapp) -> None:
    loop = make_event_loop(qapp)
    try:
        # If a qasync upgrade changes its internals, this fails: the fix must be redone, not lost.
        assert isinstance(loop, TimerKillingQEventLoop)
        assert supports_timer_killing(loop)
    finally:
        loop.close()


def test_cancelling_a_call_later_kills_its_qt_timer(qapp) -> None:
    loop = make_event_loop(qapp)
    try:
        timers = loop._timer._SimpleTimer__callbacks
        before = len(timers)
        handle = loop.call_later(10.0, lambda: None)
        assert len(timers) == before + 1
        handle.cancel()
        assert len(timers) == before
    finally:
        loop.close()
