"""The bar at the top: where to send webhooks, with a copy button, or why the listener is down."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class ListenerBar(QWidget):
    """Signals:
    port_chosen(port): the user asked to listen on another port.
    """

    port_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = QLabel()
        self.url = QLineEdit()
        self.url.setReadOnly(True)
        self.url.setMinimumWidth(280)
        self.copy = QPushButton("Copy URL")
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.url.text()))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.other_port = QPushButton()
        self._suggested = 0
        self.other_port.clicked.connect(lambda: self.port_chosen.emit(self._suggested))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.state)
        layout.addWidget(self.url, 1)
        layout.addWidget(self.copy)
        layout.addWidget(self.message, 2)
        layout.addWidget(self.other_port)
        self.show_stopped("starting…")

    def show_listening(self, url: str) -> None:
        self.state.setText("● Listening — send webhooks to:")
        self.state.setStyleSheet("color: #1b7f3b; font-weight: bold")
        self.url.setText(url)
        self.url.setVisible(True)
        self.copy.setVisible(True)
        self.message.setVisible(False)
        self.other_port.setVisible(False)

    def show_stopped(self, why: str, suggested_port: int | None = None) -> None:
        self.state.setText("● Not listening:")
        self.state.setStyleSheet("color: #c0392b; font-weight: bold")
        self.url.setVisible(False)
        self.copy.setVisible(False)
        self.message.setText(why)
        self.message.setVisible(True)
        if suggested_port:
            self._suggested = suggested_port
            self.other_port.setText(f"Listen on port {suggested_port} instead")
        self.other_port.setVisible(bool(suggested_port))
