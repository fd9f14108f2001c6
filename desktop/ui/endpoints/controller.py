"""Opens the endpoints dialog and re-verifies stored events when a secret or mapping changes.

Re-verification runs on the store thread (it rewrites rows); the result comes back through a
queued signal, so the window refreshes on its own thread.
"""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.runtime import Services
from desktop.ui.endpoints.dialog import EndpointsDialog


class EndpointsController(QObject):
    """Signals:
    started(paths): re-verifying the events of these paths began.
    reverified(paths, count): finished; count is -1 if it failed.
    """

    started = Signal(str)
    reverified = Signal(str, int)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._pending: set[str] = set()
        self.dialog: EndpointsDialog | None = None

    def open_dialog(self, parent: QWidget) -> EndpointsDialog:
        # A new dialog each time: it reads the endpoints when it is built.
        responder = self.services.listener.responder
        fail_next = responder.set_fail_next if responder is not None else None
        dialog = EndpointsDialog(self.services.endpoints, parent, fail_next)
        dialog.endpoints_changed.connect(self.apply_endpoints)
        dialog.secret_changed.connect(self.queue_reverify)
        dialog.mapping_changed.connect(self.queue_reverify)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog = dialog
        return dialog

    def apply_endpoints(self) -> None:
        """New captures use the new mapping from now on (the deriver reads it per request)."""
        deriver = self.services.deriver
        deriver.settings = self.services.endpoints.apply(deriver.settings)

    def queue_reverify(self, path: str) -> None:
        if not self._pending:
            QTimer.singleShot(0, self._start)  # one run (one entity rebuild) per save
        self._pending.add(path)

    def _start(self) -> None:
        paths, deriver = sorted(self._pending), self.services.deriver
        self._pending.clear()
        label = ", ".join(paths)
        future = self.services.store.reverify(deriver, paths)

        def done(result: Future[int]) -> None:
            self.reverified.emit(label, -1 if result.exception() else result.result())

        future.add_done_callback(done)
        self.started.emit(label)
