"""Carries store news to the UI: what any process committed, followed from the store.

The window's live updates come from a `StoreFollower` (desktop/store/follow.py), which polls
the store every ~100 ms from its own thread, so rows written by a headless receiver or a
worker on the same data directory show up exactly like those of the window's own receiver
(one path for both). Its news is queued to the UI thread as Qt signals; each poll is one
batch, so a burst of thousands of requests costs one table update per poll.

`notify_committed` / `notify_derived` remain for code that feeds ids directly (tests of a
single widget); they are coalesced over COALESCE_MS.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.store.interface import EventStore, Follower, StoreNews

COALESCE_MS = 50


class EventFeed(QObject):
    """Signals (on the UI thread):
    arrived(ids): events were stored, as received (not recognised yet).
    recognised(ids): events were recognised: provider, signature, payment state are known.
    deleted(ids): events were deleted (by any process).
    reset(): many events changed in place (cleared, re-verified): reload what is shown.
    """

    arrived = Signal(list)
    recognised = Signal(list)
    deleted = Signal(list)
    reset = Signal()
    _committed = Signal(list)
    _derived = Signal(list)
    _news = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._arrived: list[int] = []
        self._recognised: list[int] = []
        self._stopped = False
        self._follower: Follower | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._flush)
        self._committed.connect(lambda ids: self._collect(self._arrived, ids))
        self._derived.connect(lambda ids: self._collect(self._recognised, ids))
        self._news.connect(self._deliver)

    def follow(self, store: EventStore) -> None:
        """Report whatever any process commits to `store` from now on (until `stop`)."""
        if self._follower is None:
            self._follower = store.follower(self._news.emit)
            self._follower.start()

    def notify_committed(self, ids: list[int]) -> None:
        """Thread-safe: these events were stored."""
        self._committed.emit(ids)

    def notify_derived(self, ids: list[int]) -> None:
        """Thread-safe: these events were recognised."""
        self._derived.emit(ids)

    def stop(self) -> None:
        """Stop following and drop what is pending; nothing arrives after this."""
        self._stopped = True
        if self._follower is not None:
            self._follower.stop()
            self._follower = None
        self._timer.stop()
        self._arrived.clear()
        self._recognised.clear()

    def _deliver(self, news: StoreNews) -> None:
        if self._stopped:
            return
        if news.reset:
            self.reset.emit()
            return
        if news.deleted:
            self.deleted.emit(news.deleted)
        if news.arrived:
            self.arrived.emit(news.arrived)
        if news.recognised:
            self.recognised.emit(news.recognised)

    def _collect(self, pending: list[int], ids: list[int]) -> None:
        if self._stopped:
            return
        pending.extend(ids)
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        arrived, self._arrived = self._arrived, []
        recognised, self._recognised = self._recognised, []
        if arrived:
            self.arrived.emit(arrived)
        if recognised:
            self.recognised.emit(recognised)
