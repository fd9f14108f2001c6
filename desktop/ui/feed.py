"""Carries store news from the store thread to the UI, coalesced.

The writer calls `notify_*` on its own thread; Qt queues the signals to the UI thread. There
the ids wait until a short timer fires, so a burst of thousands of requests costs one table
update per interval, not one per request.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

COALESCE_MS = 50


class EventFeed(QObject):
    """Signals (on the UI thread, at most once per COALESCE_MS each):
    arrived(ids): events were stored, as received (not recognised yet).
    recognised(ids): events were recognised: provider, signature, payment state are known.
    """

    arrived = Signal(list)
    recognised = Signal(list)
    _committed = Signal(list)
    _derived = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._arrived: list[int] = []
        self._recognised: list[int] = []
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._flush)
        self._committed.connect(lambda ids: self._collect(self._arrived, ids))
        self._derived.connect(lambda ids: self._collect(self._recognised, ids))

    def notify_committed(self, ids: list[int]) -> None:
        """Thread-safe: the writer stored these events."""
        self._committed.emit(ids)

    def notify_derived(self, ids: list[int]) -> None:
        """Thread-safe: the writer recognised these events."""
        self._derived.emit(ids)

    def stop(self) -> None:
        """Drop what is pending; nothing arrives after this."""
        self._stopped = True
        self._timer.stop()
        self._arrived.clear()
        self._recognised.clear()

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
