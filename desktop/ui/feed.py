"""Carries "events were committed" from the writer thread to the UI, coalesced.

The writer calls `notify` on its own thread; Qt queues the signal to the UI thread. There the
ids wait until a short timer fires, so a burst of thousands of requests costs one table
update per interval, not one per request.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

COALESCE_MS = 50


class EventFeed(QObject):
    """Signals:
    arrived(ids): on the UI thread, at most once per COALESCE_MS, with every id since the last.
    """

    arrived = Signal(list)
    _committed = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[int] = []
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._flush)
        self._committed.connect(self._collect)

    def notify(self, ids: list[int]) -> None:
        """Thread-safe: called by the writer after each commit."""
        self._committed.emit(ids)

    def stop(self) -> None:
        """Drop what is pending; nothing arrives after this."""
        self._stopped = True
        self._timer.stop()
        self._pending.clear()

    def _collect(self, ids: list[int]) -> None:
        if self._stopped:
            return
        self._pending.extend(ids)
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        ids, self._pending = self._pending, []
        if ids:
            self.arrived.emit(ids)
