"""The Subscriptions window: the provider's event types and registered webhooks; create,
pause/resume, change event types, delete. Portuguese first, like the Payments tab.

The window draws and asks; SubscriptionSession talks to the provider and provision.py does
the local half (secret, endpoint). `endpoints_changed(path)` tells the main window a new
endpoint or secret exists, so captures use it at once and stored events are re-verified.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.config import ProviderAccount
from desktop.store.endpoints import EndpointStore
from desktop.subscriptions.base import EventType, Webhook
from desktop.subscriptions.registry import DASHBOARD_ONLY, LABELS
from desktop.ui.subscriptions.credentials_dialog import CredentialsDialog
from desktop.ui.subscriptions.session import SubscriptionSession
from desktop.ui.subscriptions.texts import rules_text

PUBLIC_URL_KEY = "subscriptions/public_url"
ERROR_STYLE = "QLabel { background: #fbeaea; color: #8a1414; border: 1px solid #d9a3a3; padding: 6px; }"
OK_STYLE = "QLabel { background: #e8f5ec; color: #1d5e33; border: 1px solid #9fd0ae; padding: 6px; }"


class SubscriptionsWindow(QWidget):
    """Args:
    http: the app's shared httpx client (a callable: it exists once the app has started).
    endpoints: the endpoint list and its secret store (created webhooks land here).
    accounts: `Settings.account`, the `[providers.<name>]` settings.
    settings: per-data-directory UI settings (the public URL typed here is kept there).
    default_public_url: `[listener] public_url` from the config file.

    Signals: endpoints_changed(path): a webhook's secret and endpoint were set up for `path`.
    """

    endpoints_changed = Signal(str)

    def __init__(
        self,
        http: Callable[[], httpx.AsyncClient],
        endpoints: EndpointStore,
        accounts: Callable[[str], ProviderAccount],
        settings: QSettings,
        default_public_url: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Webhook subscriptions"))
        self.resize(1060, 640)
        self.endpoints = endpoints
        self.accounts = accounts
        self.settings = settings
        self.default_public_url = default_public_url
        self.session = SubscriptionSession(http, endpoints, accounts, self)
        self.webhooks: list[Webhook] = []
        self.event_types: list[EventType] = []

        self.provider = QComboBox()
        for name, label in LABELS.items():
            self.provider.addItem(label, name)
        for other in DASHBOARD_ONLY:
            self.provider.addItem(self.tr("{0} (dashboard only)").format(other.label), other.provider)
        self.environment = QLabel()
        self.credentials_button = QPushButton(self.tr("Credentials…"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Provider:")))
        top.addWidget(self.provider)
        top.addWidget(self.environment)
        top.addStretch(1)
        top.addWidget(self.credentials_button)
        top.addWidget(self.refresh_button)

        self.dashboard_note = QLabel()
        self.dashboard_note.setWordWrap(True)
        self.dashboard_note.setOpenExternalLinks(True)
        self.dashboard_note.setTextFormat(Qt.TextFormat.RichText)

        self.api_panel = QWidget()
        self._build_api_panel()

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        # Top-aligned with the room the API panel leaves: the note is alone when it shows.
        self.dashboard_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.dashboard_note, 1)
        layout.addWidget(self.api_panel, 1)
        layout.addWidget(self.message)

        self.provider.currentIndexChanged.connect(self._provider_changed)
        self.credentials_button.clicked.connect(self.open_credentials)
        self.refresh_button.clicked.connect(self.refresh)
        self.session.event_types_loaded.connect(self._show_event_types)
        self.session.webhooks_loaded.connect(self._show_webhooks)
        self.session.failed.connect(
            lambda text: self.show_message(self.tr("Failed: {0}").format(text), error=True)
        )
        self.session.incomplete.connect(self._show_incomplete)
        self.session.succeeded.connect(lambda text: self.show_message(text, error=False))
        self.session.subscribed.connect(self.endpoints_changed.emit)
        self.session.busy_changed.connect(self._busy)
        self._provider_changed()

    def _build_api_panel(self) -> None:
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Address (URL)"), self.tr("State"), self.tr("Events"), self.tr("ID")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.save_events_button = QPushButton(self.tr("Save checked events"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.save_events_button.clicked.connect(self.save_events)
        self.delete_button.clicked.connect(self.confirm_delete)
        actions = QHBoxLayout()
        for button in (self.pause_button, self.save_events_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        hooks_box = QGroupBox(self.tr("Webhooks registered in this account"))
        hooks_layout = QVBoxLayout(hooks_box)
        hooks_layout.addWidget(self.table)
        hooks_layout.addLayout(actions)

        self.events_list = QListWidget()
        events_box = QGroupBox(self.tr("Event types"))
        events_layout = QVBoxLayout(events_box)
        events_layout.addWidget(self.events_list)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(hooks_box)
        split.addWidget(events_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([650, 510])  # the event labels are long; both halves need the room

        self.public_url = QLineEdit()
        self.public_url.setPlaceholderText("https://monitor.suaempresa.com.br")
        self.path = QLineEdit()
        self.preview = QLabel()
        self.create_button = QPushButton(self.tr("Create webhook"))
        self.create_button.clicked.connect(self.create_webhook)
        self.public_url.textChanged.connect(self._update_preview)
        self.path.textChanged.connect(self._update_preview)
        self.public_url.editingFinished.connect(
            lambda: self.settings.setValue(PUBLIC_URL_KEY, self.public_url.text().strip())
        )
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Public address:"), self.public_url)
        form.addRow(self.tr("Path:"), self.path)
        form.addRow(self.tr("Will be registered:"), self.preview)
        create_box = QGroupBox(self.tr("New webhook (check the events on the right)"))
        create_layout = QVBoxLayout(create_box)
        create_layout.addLayout(form)
        create_layout.addWidget(self.rules)
        create_layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self.api_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addWidget(create_box)

    # -- provider ---------------------------------------------------------------------------------

    def current_provider(self) -> str:
        return str(self.provider.currentData())

    def _provider_changed(self) -> None:
        name = self.current_provider()
        dashboard = next((d for d in DASHBOARD_ONLY if d.provider == name), None)
        self.api_panel.setVisible(dashboard is None)
        self.credentials_button.setVisible(dashboard is None)
        self.refresh_button.setVisible(dashboard is None)
        self.dashboard_note.setVisible(dashboard is not None)
        self.webhooks, self.event_types = [], []
        self.table.setRowCount(0)
        self.events_list.clear()
        self.message.setVisible(False)
        if dashboard is not None:
            self.environment.setText("")
            # Outside the f-string: lupdate does not look inside one.
            link = self.tr("Open the {0} dashboard").format(dashboard.label)
            self.dashboard_note.setText(f"{self.tr(dashboard.how)}<br><a href='{dashboard.url}'>{link}</a>")
            return
        self.session.provider = name
        self.environment.setText(self.tr("Environment: {0}").format(self.accounts(name).environment))
        stored = self.settings.value(PUBLIC_URL_KEY, "")
        self.public_url.setText(str(stored) if stored else self.default_public_url)
        self.path.setText(f"/{name}")
        self.rules.setText(rules_text(name))
        self._update_preview()
        self._selection_changed()

    def _update_preview(self) -> None:
        self.preview.setText(self.webhook_url() or self.tr("(enter the public address)"))

    def webhook_url(self) -> str:
        base = self.public_url.text().strip().rstrip("/")
        path = self.path.text().strip()
        if not base:
            return ""
        return base + (path if path.startswith("/") else f"/{path}" if path else "")

    # -- lists ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.session.refresh()

    def _show_event_types(self, types: list[EventType]) -> None:
        self.event_types = types
        self.events_list.clear()
        for event in types:
            item = QListWidgetItem(f"{event.label}  ({event.name})" if event.label else event.name)
            item.setData(Qt.ItemDataRole.UserRole, event.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            if not event.enabled:
                item.setToolTip(self.tr("Discontinued: Juno no longer sends this event"))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.events_list.addItem(item)
        self._selection_changed()

    def _show_webhooks(self, webhooks: list[Webhook]) -> None:
        selected = self.selected_webhook()
        self.webhooks = webhooks
        self.table.setRowCount(len(webhooks))
        for row, hook in enumerate(webhooks):
            state = self.tr("Active") if hook.active else self.tr("Paused")
            cells = (
                hook.url,
                f"{state} ({hook.status})" if hook.status else state,
                ", ".join(hook.events),
                hook.id,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(3)
        # Kept by id, never by row number: the list may have changed order.
        if selected is not None:
            for row, hook in enumerate(webhooks):
                if hook.id == selected.id:
                    self.table.selectRow(row)
        self._selection_changed()

    def selected_webhook(self) -> Webhook | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.webhooks[rows.pop()] if len(rows) == 1 and len(self.webhooks) > min(rows) else None

    def checked_events(self) -> list[str]:
        items = (self.events_list.item(i) for i in range(self.events_list.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def check_events(self, names: set[str]) -> None:
        for i in range(self.events_list.count()):
            item = self.events_list.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def _selection_changed(self) -> None:
        hook = self.selected_webhook()
        if hook is not None:
            self.check_events(set(hook.events))
        self._busy(self.session.busy)

    def _busy(self, busy: bool) -> None:
        hook = self.selected_webhook()
        for button in (self.pause_button, self.save_events_button, self.delete_button):
            button.setEnabled(not busy and hook is not None)
        self.pause_button.setText(
            self.tr("Resume") if hook is not None and not hook.active else self.tr("Pause")
        )
        self.create_button.setEnabled(not busy)
        self.refresh_button.setEnabled(not busy)
        if busy:
            self.show_message(
                self.tr("Asking {0}…").format(LABELS.get(self.current_provider(), "")), error=None
            )

    def show_message(self, text: str, *, error: bool | None) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE if error is False else "")
        self.message.setText(text)
        self.message.setVisible(True)

    # -- actions ----------------------------------------------------------------------------------

    def create_webhook(self) -> None:
        url = self.webhook_url()
        events = self.checked_events()
        if not url:
            self.show_message(self.tr("Enter the public address (https://…)."), error=True)
            return
        if not events:
            self.show_message(self.tr("Check at least one event type on the right."), error=True)
            return
        if url.startswith("http://"):
            self.show_message(
                self.tr(
                    "Refused: {0} starts with http://. {1} only delivers to HTTPS addresses; use a "
                    "reverse proxy or a tunnel with HTTPS (see the README)."
                ).format(url, LABELS.get(self.current_provider(), "")),
                error=True,
            )
            return
        self.settings.setValue(PUBLIC_URL_KEY, self.public_url.text().strip())
        self.session.subscribe(url, events)

    def toggle_pause(self) -> None:
        hook = self.selected_webhook()
        if hook is not None:
            self.session.update(hook, active=not hook.active, events=hook.events)

    def save_events(self) -> None:
        hook = self.selected_webhook()
        if hook is None:
            return
        events = self.checked_events()
        if not events:
            self.show_message(
                self.tr("A webhook needs at least one event; to stop it, pause it."), error=True
            )
            return
        self.session.update(hook, active=hook.active, events=events)

    def confirm_delete(self) -> QMessageBox | None:
        hook = self.selected_webhook()
        if hook is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete webhook"),
            self.tr("Delete the webhook {0} ({1})? The provider stops sending it events.").format(
                hook.id, hook.url
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda answer: self._delete_if(answer, hook.id))
        box.finished.connect(box.deleteLater)
        box.open()  # not exec(): no nested event loop under qasync
        return box

    def _delete_if(self, answer: int, webhook_id: str) -> None:
        if answer == QMessageBox.StandardButton.Yes:
            self.session.delete(webhook_id)

    def open_credentials(self) -> CredentialsDialog | None:
        secrets = self.endpoints.secrets
        if secrets is None:
            self.show_message(
                self.tr("There is nowhere to keep credentials (no keyring and no file)."), error=True
            )
            return None
        dialog = CredentialsDialog(self.accounts(self.current_provider()), secrets, self)
        dialog.saved.connect(self.session.forget_client)
        dialog.saved.connect(lambda: self.show_message(self.tr("Credentials kept."), error=False))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _show_incomplete(self, text: str, secret: str) -> None:
        # The one place this secret is shown: it exists nowhere else on this machine.
        self.show_message(self.tr("Incomplete: {0}\nWebhook secret: {1}").format(text, secret), error=True)
