"""The bar at the top: where to send webhooks, with a copy button, or why the listener is down.

Below it, when needed: a warning while the listener is reachable from other machines, and
what keeps requests from being stored (database locked, disk full), said plainly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.ui.theme import Tone, window_tone

WARNING_STYLE = "background: #fff3cd; color: #7a4d00; padding: 3px 6px; border-radius: 3px"
FAULT_STYLE = "background: #fde2e1; color: #8b1a12; padding: 3px 6px; border-radius: 3px; font-weight: bold"


class ListenerBar(QWidget):
    """Signals:
    port_chosen(port): the user asked to listen on another port.
    state_changed(): listening started or stopped (`listening`, `url`, `message` tell how).
    """

    port_chosen = Signal(int)
    state_changed = Signal()
    REFUSALS_EVERY_MS = 2000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.listening = False
        self.state = QLabel()
        self.url = QLineEdit()
        self.url.setAccessibleName(self.tr("Listener URL"))
        self.url.setReadOnly(True)
        self.url.setMinimumWidth(280)
        self.copy = QPushButton(self.tr("Copy URL"))
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.url.text()))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.other_port = QPushButton()
        self.other_port.setAccessibleName(self.tr("Listen on another port"))
        self._suggested = 0
        self.other_port.clicked.connect(lambda: self.port_chosen.emit(self._suggested))
        # Shown while other machines can reach the listener (never hidden by a fault).
        self.exposure = QLabel()
        self.exposure.setWordWrap(True)
        self.exposure.setStyleSheet(WARNING_STYLE)
        self.exposure.setVisible(False)
        # What keeps requests from being stored right now.
        self.fault = QLabel()
        self.fault.setWordWrap(True)
        self.fault.setStyleSheet(FAULT_STYLE)
        self.fault.setVisible(False)
        # Requests refused for want of the token, counted by the listener: looked at every
        # REFUSALS_EVERY_MS (a count that only grows; no signal per refused request).
        self._unauthorized: Callable[[], int] | None = None
        self._exposure_text = ""
        self._refusals = QTimer(self)
        self._refusals.setInterval(self.REFUSALS_EVERY_MS)
        self._refusals.timeout.connect(self._show_refusals)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state)
        row.addWidget(self.url, 1)
        row.addWidget(self.copy)
        row.addWidget(self.message, 2)
        row.addWidget(self.other_port)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(row)
        layout.addWidget(self.exposure)
        layout.addWidget(self.fault)
        self.show_stopped(self.tr("starting…"))

    def show_listening(
        self,
        url: str,
        *,
        off_loopback: bool = False,
        token: bool = False,
        unauthorized: Callable[[], int] | None = None,
    ) -> None:
        """`unauthorized` gives how many requests were refused for want of the token."""
        self.state.setText(self.tr("● Listening — send webhooks to:"))
        self.state.setStyleSheet(f"color: {window_tone(Tone.GOOD).name()}; font-weight: bold")
        self.url.setText(url)
        self.url.setVisible(True)
        self.copy.setVisible(True)
        self.message.setVisible(False)
        self.other_port.setVisible(False)
        if off_loopback:
            self._exposure_text = self.tr(
                "⚠ Reachable from other machines, not only this one. Every request needs the "
                "token (?token=… or Authorization: Bearer …); requests without it get 401 and "
                "are not stored."
            )
        else:
            self._exposure_text = self.tr("Token required: ?token=… or Authorization: Bearer ….")
        self.exposure.setVisible(off_loopback or token)
        muted = f"color: {window_tone(Tone.NEUTRAL).name()}; padding: 3px 6px"
        self.exposure.setStyleSheet(WARNING_STYLE if off_loopback else muted)
        self._unauthorized = unauthorized if token else None
        self._show_refusals()
        if self._unauthorized is not None:
            self._refusals.start()
        else:
            self._refusals.stop()
        self.listening = True
        self.state_changed.emit()

    def _show_refusals(self) -> None:
        count = self._unauthorized() if self._unauthorized is not None else 0
        suffix = self.tr(" Refused without the token so far: %1.").replace("%1", str(count)) if count else ""
        self.exposure.setText(self._exposure_text + suffix)

    def show_stopped(self, why: str, suggested_port: int | None = None) -> None:
        self.state.setText(self.tr("● Not listening:"))
        self.state.setStyleSheet(f"color: {window_tone(Tone.BAD).name()}; font-weight: bold")
        self.url.setVisible(False)
        self.copy.setVisible(False)
        self.message.setText(why)
        self.message.setVisible(True)
        self.exposure.setVisible(False)
        self._refusals.stop()
        if suggested_port:
            self._suggested = suggested_port
            self.other_port.setText(self.tr("Listen on port %1 instead").replace("%1", str(suggested_port)))
        self.other_port.setVisible(bool(suggested_port))
        self.listening = False
        self.state_changed.emit()

    def show_fault(self, message: str | None) -> None:
        """What keeps requests from being stored (None: all is well again)."""
        if message:
            self.fault.setText(self.tr("⚠ Not storing: %1.").replace("%1", message))
        self.fault.setVisible(bool(message))
