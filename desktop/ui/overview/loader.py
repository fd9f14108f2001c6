"""Loads the Overview's figures on a store reader thread, throttled, and hands them to the UI.

The same discipline as the status bar's totals (payments/totals_bar.py): the queries run on a
`BackgroundReads` thread of their own, one at a time (news meanwhile asks for one more run when
it ends), at most once per THROTTLE_MS during a burst and at most MAX_SHARE of the reader's
time, so 1,000 events/s cost one refresh a second and the window never waits on the store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.store.interface import BackgroundReads, EventStore, StoreReads
from desktop.ui.overview.figures import Figures, load_figures

log = logging.getLogger(__name__)

THROTTLE_MS = 1000
MAX_SHARE = 0.25
# Without news the minute chart still moves on, and the finance day still ends.
TICK_MS = 30_000


class _Relay(QObject):
    """Carries a result from the reader thread (queued by Qt); it outlives the loader, so a late
    result never lands on an object being destroyed."""

    done = Signal(int, object, str, float)  # generation, Figures or None, error text, seconds


class OverviewLoader(QObject):
    """Call `refresh()` for figures as soon as possible, `schedule()` on store news.

    Signals:
        loaded(figures): new figures (a `Figures`), on the UI thread.
        failed(message): a refresh could not be read.
    """

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        store: EventStore,
        tz: ZoneInfo,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.tz = tz
        self._clock = clock
        self._reader: BackgroundReads | None = None
        self._running = False
        self._again = False
        self._generation = 0
        self.last_seconds = 0.0  # how long the last refresh took on the reader (shown on the tab)
        self._previous: Figures | None = None  # the last figures: their older days are reused
        self._stale = False  # the running job may reuse days forgotten since it started
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(THROTTLE_MS)
        self._throttle.timeout.connect(self.refresh)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.schedule)

    def refresh(self) -> None:
        if self._reader is None:
            self._reader = reader = self._store.background_reader()
            # Not a bound method: the loader is half destroyed by the time `destroyed` is emitted.
            self.destroyed.connect(lambda *_: reader.close())
            self._tick.start()
        if self._running:
            self._again = True
            return
        self._running = True
        now, tz, previous = self._clock(), self.tz, self._previous
        relay, generation = self._relay, self._generation
        started = time.monotonic()

        def job(reads: StoreReads) -> Figures:
            return load_figures(reads, now, tz, previous)

        def done(future: Future[Figures]) -> None:
            error = future.exception()
            result = None if error is not None else future.result()
            relay.done.emit(
                generation, result, "" if error is None else str(error), time.monotonic() - started
            )

        self._reader.submit(job).add_done_callback(done)

    def schedule(self) -> None:
        """Refresh soon: many calls within the throttle interval cost one refresh."""
        if self._reader is not None and not self._throttle.isActive():
            self._throttle.start()

    def reload(self) -> None:
        """Events were deleted, cleared or re-verified: read every figure again, soon."""
        self._previous, self._stale = None, self._running
        self.schedule()

    def set_timezone(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self._previous, self._stale = None, self._running
        self.refresh()

    def close(self) -> None:
        """Stop for good: no more queries, a result still in flight is dropped."""
        self._generation += 1
        self._throttle.stop()
        self._tick.stop()
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        self._running = self._again = False

    def _on_done(self, generation: int, result: Figures | None, error: str, seconds: float) -> None:
        if generation != self._generation:
            return
        self._running = False
        self.last_seconds = seconds
        # A slow refresh (a million events) is redone less often during a burst.
        self._throttle.setInterval(max(THROTTLE_MS, int(seconds / MAX_SHARE * 1000)))
        if result is not None:
            self._previous = None if self._stale else result
            self._stale = False
            self.loaded.emit(result)
        elif "interrupted" not in error:  # interrupted: closing
            log.error("could not read the overview: %s", error)
            self.failed.emit(error)
        if self._again and self._reader is not None:
            self._again = False
            self.refresh()
