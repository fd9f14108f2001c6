"""The empty window's page: what to do before the first event arrives.

Shown over the Events tab while the store has no events at all (a filter that hides every
event is not "empty"); it goes away when the first event arrives, whoever stored it (this
window's receiver, `main.py simulate`, a headless receiver on the same data directory), since
the window hears of every new event through the same feed.

It gives the receiver's URL, a curl line to try it, the URL to give each provider, a note that
providers on the internet need a public URL, and **Send a test event**: one simulated Juno
sale, signed with the secret this app holds for `/juno`, sent to the app's own receiver (off
the UI thread). Without a `/juno` endpoint it creates one with a new random secret, so the test
sale verifies as `valid`; an endpoint without a secret is left alone and the page says what to
do (the sale then shows as `unverified`).
"""

from __future__ import annotations

import secrets as random_secrets
import shlex
import threading

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import simulation
from desktop.delivery.simulated import SimulationReport, send_test_sale
from desktop.runtime import Services
from desktop.store.endpoints import EndpointEdit, EndpointsError
from desktop.store.interface import EventStore
from desktop.store.secrets import SecretStoreError
from desktop.ui.feed import EventFeed
from desktop.ui.theme import Tone, window_tone

TEST_PATH = "/juno"
TEST_PROVIDER = "juno"


class FirstRunPage(QFrame):
    """Signals:
    endpoint_added(): the test button created the `/juno` endpoint (and its secret).
    """

    endpoint_added = Signal()
    _sent = Signal(object)  # a SimulationReport, from the sending thread

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("firstRun")
        self.setAutoFillBackground(True)  # a page over the Events tab, not see-through
        self.title = QLabel(self.tr("No events yet"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        intro = QLabel(self.tr("Send a webhook to this app and it appears here, byte for byte."))
        intro.setWordWrap(True)
        self.url = self._copyable(self.tr("This app's webhook URL"))
        self.curl = self._copyable(self.tr("A curl command to try it"))
        self.providers = QGridLayout()
        self.providers.setColumnStretch(1, 1)
        self.test_button = QPushButton(self.tr("Send a test event"))
        self.test_button.setToolTip(
            self.tr("A simulated Juno sale, signed with this app's secret for /juno, sent to this app.")
        )
        self.test_button.clicked.connect(self.send_test_event)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.public_note = QLabel(
            self.tr(
                "Providers on the internet cannot reach this computer's 127.0.0.1: give them a public "
                "HTTPS URL instead, such as a tunnel to this port (cloudflared, ngrok) or a receiver "
                "on a server (main.py --headless)."
            )
        )
        self.public_note.setWordWrap(True)
        self._note = ""  # said after the test sale went out (e.g. "no secret yet")
        self._sent.connect(self._show_report)

        card = QVBoxLayout()
        card.setSpacing(10)
        card.addWidget(self.title)
        card.addWidget(intro)
        card.addWidget(self._heading(self.tr("This app receives webhooks at")))
        card.addLayout(self._with_copy(self.url))
        card.addWidget(self._heading(self.tr("Try it from a terminal")))
        card.addLayout(self._with_copy(self.curl))
        card.addWidget(self._heading(self.tr("The URL to give each provider")))
        card.addLayout(self.providers)
        card.addWidget(self.public_note)
        card.addWidget(self._heading(self.tr("Or see one without a provider")))
        button_row = QHBoxLayout()
        button_row.addWidget(self.test_button)
        button_row.addStretch(1)
        card.addLayout(button_row)
        card.addWidget(self.result)
        holder = QWidget()
        holder.setMaximumWidth(760)
        holder.setLayout(card)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(holder)
        column.addStretch(2)
        outer.addLayout(column, 8)
        outer.addStretch(1)
        self.refresh()

    # -- building -----------------------------------------------------------------------------

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _copyable(self, name: str) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        line.setReadOnly(True)
        line.setMinimumWidth(420)
        return line

    def _with_copy(self, line: QLineEdit) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(line, 1)
        copy = QPushButton(self.tr("Copy"))
        copy.setAccessibleName(self.tr("Copy {0}").format(line.accessibleName()))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(line.text()))
        row.addWidget(copy)
        return row

    # -- what it says -------------------------------------------------------------------------

    def base_url(self) -> str:
        return self.services.listener.url  # "http://127.0.0.1:8080/"

    def refresh(self) -> None:
        """Fill in the real host and port (call again after the listener moved)."""
        base = self.base_url()
        token = self.services.settings.listener.token_env
        query = f"?token=${token}" if token and self.services.listener.token_required else ""
        self.url.setText(base)
        target = f"{base}{TEST_PATH.lstrip('/')}{query}"
        self.curl.setText(
            "curl -X POST "
            + shlex.quote(target)
            + " -H 'Content-Type: application/json' -d '{\"hello\": \"webhook\"}'"
        )
        while self.providers.count():
            item = self.providers.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        public = self.services.settings.public_url.rstrip("/")
        endpoints = list(self.services.deriver.settings.endpoints) or []
        rows = [(e.name or e.provider, e.path) for e in endpoints] or [(TEST_PROVIDER, TEST_PATH)]
        for row, (name, path) in enumerate(rows):
            address = (public or base.rstrip("/")) + "/" + path.lstrip("/")
            self.providers.addWidget(QLabel(name), row, 0)
            line = self._copyable(self.tr("The URL to give {0}").format(name))
            line.setText(address)
            self.providers.addWidget(line, row, 1)

    # -- the test event -----------------------------------------------------------------------

    def send_test_event(self) -> None:
        """A simulated Juno sale to the app's own receiver; the result shows below the button."""
        if not self.services.listener.running:
            self._say(
                self.tr("The app is not listening, so nothing can be sent: see the bar at the top."), Tone.BAD
            )
            return
        secret, note = self._test_secret()
        if secret is None and note is None:
            return  # _test_secret said why
        url = self.base_url() + TEST_PATH.lstrip("/")
        token = self.services.listener.token_required and self.services.settings.listener.token()
        if token:
            url += "?token=" + token
        self.test_button.setEnabled(False)
        self._note = note or ""
        self._say(
            self.tr("Sending a simulated Juno sale to %1…").replace("%1", self.base_url() + "juno"),
            Tone.NEUTRAL,
        )

        def run() -> None:
            self._sent.emit(send_test_sale(url, secret, TEST_PROVIDER))

        threading.Thread(target=run, name="test-event", daemon=True).start()

    def _test_secret(self) -> tuple[str | None, str | None]:
        """The secret to sign with, or None and what the user should know (None, None: refused)."""
        endpoint = self.services.deriver.settings.endpoint_for(TEST_PATH)
        if endpoint is None:
            return self._create_endpoint(), None
        if endpoint.provider != TEST_PROVIDER:
            self._say(
                self.tr("%1 is set up for %2, not Juno: a test sale would not verify there.")
                .replace("%1", endpoint.path)
                .replace("%2", endpoint.provider),
                Tone.WARNING,
            )
            return None, None
        secret = self.services.endpoints.secret_lookup(endpoint)
        if secret and secret.strip():
            return secret, None
        return None, self.tr(
            "%1 has no secret yet, so these events show as unverified. Set its secret in "
            "Endpoints & secrets… (for this test: %2)."
        ).replace("%1", endpoint.path).replace("%2", simulation.TEST_SECRETS[TEST_PROVIDER])

    def _create_endpoint(self) -> str | None:
        """Add `/juno` (Juno) with a new random secret; None if it could not be saved."""
        secret = random_secrets.token_urlsafe(24)
        store = self.services.endpoints
        edits = [*store.edits(), EndpointEdit(path=TEST_PATH, provider=TEST_PROVIDER, new_secret=secret)]
        try:
            store.save_edits(edits)
        except (EndpointsError, SecretStoreError) as exc:
            self._say(self.tr("Could not create the /juno endpoint: %1").replace("%1", str(exc)), Tone.BAD)
            return None
        # New captures use it from now on (the deriver reads its settings per request).
        deriver = self.services.deriver
        deriver.settings = store.apply(deriver.settings)
        self.endpoint_added.emit()
        self.refresh()
        return secret

    def _show_report(self, report: SimulationReport) -> None:
        self.test_button.setEnabled(True)
        if report.error:
            self._say(self.tr("Could not send: %1").replace("%1", report.error), Tone.BAD)
        elif report.not_acknowledged:
            text = self.tr("Sent %n events; %1 were not accepted.", "", report.sent)
            self._say(text.replace("%1", str(report.not_acknowledged)), Tone.BAD)
        else:
            text = self.tr("Sent %n events of a simulated Juno sale.", "", report.sent)
            self._say(f"{text} {self._note}".strip(), Tone.WARNING if self._note else Tone.GOOD)

    def _say(self, text: str, tone: Tone) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {window_tone(tone).name()}")


class FirstRunOverlay(QObject):
    """Lays the page over a widget (the Events tab), sized to it, while the store is empty.

    The feed says when events arrive (hide) or go (look again: "clear all" empties the store).
    """

    def __init__(self, page: FirstRunPage, over: QWidget, feed: EventFeed, store: EventStore) -> None:
        super().__init__(page)
        self.page = page
        self.over = over
        self.store = store
        page.setParent(over)
        page.setGeometry(over.rect())
        over.installEventFilter(self)
        feed.arrived.connect(lambda _ids: self.show_if_empty(False))
        feed.deleted.connect(lambda _ids: self.check())
        feed.reset.connect(self.check)
        self.check()

    def check(self) -> None:
        """Look at the store (one indexed row at most) and show the page if it holds nothing."""
        self.show_if_empty(len(self.store.newest_ids(limit=1)) == 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.over and event.type() == QEvent.Type.Resize:
            self.page.setGeometry(self.over.rect())
        return False

    def show_if_empty(self, empty: bool) -> None:
        if empty:
            self.page.refresh()
            self.page.setGeometry(self.over.rect())
            self.page.raise_()
        self.page.setVisible(empty)
