"""The main window: composes the listener bar, the tabs and the status bar, and wires them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.actions import Notification
from desktop.core.config import PROVIDER_NAMES
from desktop.core.finance_day import chosen_timezone
from desktop.core.payments import KNOWN_STATUSES, StatusCategory
from desktop.core.providers.juno import EVENT_TYPES as JUNO_EVENT_TYPES
from desktop.core.totals import filter_for
from desktop.delivery.hub import DeliveryHub
from desktop.listener.server import ListenerError, PortInUseError, free_port
from desktop.resources import resource_path
from desktop.runtime import SMTP_SECRET_KEY, Services, endpoints_without_secret
from desktop.store.interface import DeliveryTables
from desktop.ui import window_state
from desktop.ui.actions.event_runs import EventRunsView
from desktop.ui.actions.panel import ActionsPanel
from desktop.ui.delivery.actions import DeliveryActions
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.endpoints.controller import EndpointsController
from desktop.ui.events.view import EventsView
from desktop.ui.export_controller import ExportController
from desktop.ui.feed import EventFeed
from desktop.ui.first_run import FirstRunOverlay, FirstRunPage
from desktop.ui.import_controller import ImportController
from desktop.ui.locale_format import format_number, set_display_zone
from desktop.ui.overview.view import OverviewView
from desktop.ui.payments.alerts import AlertList
from desktop.ui.payments.export import PaymentsExporter
from desktop.ui.payments.finance_zone import ask_timezone
from desktop.ui.payments.notifier import Notifier, make_tray_icon
from desktop.ui.payments.totals_bar import TotalsLabel
from desktop.ui.payments.view import PaymentsView
from desktop.ui.settings.dialog import SettingsDialog
from desktop.ui.storage_controller import StorageController
from desktop.ui.theme import ThemeSwitcher, Tone, note_style
from desktop.ui.widgets.filter_bar import FilterBar
from desktop.ui.widgets.listener_bar import ListenerBar
from desktop.ui.widgets.saved_filters_panel import SavedFiltersPanel
from desktop.ui.window_keys import WindowKeys

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    # A finished store write, carried to the UI thread (emitted from the store thread).
    _write_done = Signal(object)
    # What keeps requests from being stored (or None), carried from the store thread.
    _store_fault = Signal(object)
    # Set by apply_read_only_mode: the store's database role may not change events.
    read_only = False

    def __init__(self, services: Services, feed: EventFeed, delivery: DeliveryService | None = None) -> None:
        super().__init__()
        self.services = services
        self.feed = feed
        self.setWindowTitle("Webhook Monitor")
        self._filters_detached = False
        self.resize(1280, 800)

        self.listener_bar = ListenerBar()
        self.listener_bar.port_chosen.connect(self.listen_on)
        self.events = EventsView(services.store)
        # On demand, in the window only: the expected signature is shown, never stored.
        self.events.inspector.expected_for = lambda event: services.deriver.expected_signature(event.request)
        # The finance day's zone: the config file's, else the one chosen here (finance_zone.py).
        self.finance_timezone = chosen_timezone(services.settings.finance_timezone, services.store.data_dir)
        set_display_zone(self.finance_timezone)  # one zone for every tab's times
        self.events.model.set_timezone(self.finance_timezone)  # its times, and `today` in filters
        self.events.inspector.timezone = self.finance_timezone
        self.payments = PaymentsView(services.store, timezone=self.finance_timezone)
        self.payments.event_requested.connect(self.show_event)
        self.payments.filter_bar.save_requested.connect(self.save_filter)
        self.payments.secret_requested.connect(self._ask_for_secret)
        self.alerts = AlertList(services.store.data_dir, self.finance_timezone)
        self.alerts.sale_requested.connect(self.show_sale)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.events, self.tr("Events"))
        self.tabs.addTab(self.payments, self.tr("Payments"))
        self.tabs.addTab(self.alerts, self.tr("Alerts"))
        self.saved_filters = SavedFiltersPanel(services.saved_filters)
        self.saved_filters.picked.connect(self.use_saved_filter)
        self.events.filter_bar.save_requested.connect(self.save_filter)

        body = QSplitter(Qt.Orientation.Horizontal)
        self.body_splitter = body
        body.addWidget(self.saved_filters)
        body.addWidget(self.tabs)
        body.setStretchFactor(1, 1)
        body.setSizes([180, 1100])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.listener_bar)
        self.secret_warning = QLabel()
        self.secret_warning.setTextFormat(Qt.TextFormat.PlainText)  # paths come from config files
        self.secret_warning.setWordWrap(True)
        self.secret_warning.setStyleSheet(
            "QLabel { background: #fdf2e0; color: #7a4a00; border: 1px solid #b9770e; padding: 4px; }"
        )
        layout.addWidget(self.secret_warning)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)

        self._write_done.connect(lambda then: then())
        self.endpoints = EndpointsController(services, self)
        self.endpoints.started.connect(
            lambda paths: self.statusBar().showMessage(self.tr("Re-verifying events of {0}…").format(paths))
        )
        self.endpoints.reverified.connect(self._on_reverified)
        self.endpoints.reverified.connect(self._show_secret_warnings)  # a secret may have been set
        self._show_secret_warnings()
        known = {
            "provider": list(PROVIDER_NAMES),
            "status": list(KNOWN_STATUSES),
            "category": [str(category) for category in StatusCategory],
            "type": list(JUNO_EVENT_TYPES),
            "entitytype": [
                "CHARGE",
                "PAYMENT",
                "TRANSFER",
                "P2P_TRANSFER",
                "BILL_PAYMENT",
                "DIGITAL_ACCOUNT",
            ],
        }
        for bar in (self.events.filter_bar, self.payments.filter_bar):
            bar.set_known_values(known)
        self._build_actions()
        # Re-send and forwarding need the shared HTTP client, which exists only in the app.
        self.delivery = (
            DeliveryActions(self, delivery, self.events, self.tabs, self.toolbar, feed) if delivery else None
        )
        if delivery is not None:  # the Subscriptions window calls providers through its shared client
            from desktop.ui.subscriptions.opener import SubscriptionsOpener

            self.subscriptions = SubscriptionsOpener(self, services, delivery, self.endpoints)
            # Actions run in the process's delivery hub, which the delivery service drives.
            self._add_actions_tab(services, delivery.hub)
        self.count_label = QLabel()
        self.count_label.setContentsMargins(16, 0, 0, 0)  # apart from a long message on its left
        self.statusBar().addPermanentWidget(self.count_label)
        self.totals = TotalsLabel(timezone=self.finance_timezone)
        self.totals.total_clicked.connect(self.show_total)
        self.statusBar().addPermanentWidget(self.totals)
        self.totals.refresh(services.store)
        self.statusBar().addPermanentWidget(self.storage.size_label)
        self.tray = make_tray_icon(QIcon(str(resource_path("icons/app.svg"))), self)
        # Settings per data directory, so two data dirs (and every test) keep their own.
        settings = QSettings(str(services.store.data_dir / "settings.ini"), QSettings.Format.IniFormat)
        self.qsettings = settings
        # app.py replaces both with what it applied at start (tests keep the platform's look).
        self.theme = ThemeSwitcher(QApplication.instance())  # type: ignore[arg-type]
        self.listener_pinned: dict[str, str] = {}
        self.notifier = Notifier(
            settings, tray=self.tray, status_bar=self.statusBar(), parent=self, alerts=self.alerts
        )
        if delivery is not None:
            # `notify` actions show through the same notifier (issue 11).
            hub, show = delivery.hub, self._show_notification
            hub.add_notification_listener(show)
            self.destroyed.connect(lambda: hub.remove_notification_listener(show))
        menu = self.menuBar().addMenu(self.tr("Notifications"))
        # Kept: the Settings dialog shows the same switches (one QAction each, owned by the window).
        self.notification_actions = self.notifier.actions(self)
        for action in self.notification_actions:
            menu.addAction(action)
        if delivery is not None:
            # The same notifications, as built-in rules of the Actions tab (one setting each).
            self.actions_panel.set_builtin(self.notifier)
        menu.addSeparator()
        zone_action = menu.addAction(self.tr("Finance day time zone…"))
        zone_action.triggered.connect(self.choose_finance_timezone)
        if services.secrets.problem or services.endpoints.problem:
            self.statusBar().showMessage(services.secrets.problem or services.endpoints.problem or "")

        # Live updates follow the store: what this window's receiver stores and what any other
        # process on the same data directory stores arrive by the same path (ui/feed.py).
        self._store_fault.connect(self.listener_bar.show_fault)
        services.store.writer.add_fault_listener(self._report_fault)
        self.listener_bar.show_fault(services.store.writer.fault)
        feed.arrived.connect(self._on_arrived)
        feed.recognised.connect(self._on_recognised)
        feed.deleted.connect(self._on_deleted_elsewhere)
        feed.reset.connect(self._on_store_reset)
        feed.follow(services.store)
        # While the store is empty, the Events tab explains what to do (issue 13).
        self.first_run = FirstRunOverlay(FirstRunPage(services), self.events, feed, services.store)
        self.first_run.page.endpoint_added.connect(self._show_secret_warnings)
        self._add_settings_action()
        self.events.selection_changed.connect(
            lambda n: self.delete_action.setEnabled(n > 0 and not self.read_only)
        )
        model = self.events.model
        model.rowsInserted.connect(self._update_counts)
        model.modelReset.connect(self._update_counts)
        model.loading.connect(self._update_counts)
        model.load_failed.connect(
            lambda why: self.statusBar().showMessage(self.tr("Could not load events: {0}").format(why))
        )
        # "3 of 20 events": the total is the unfiltered load's row count, then follows arrivals
        # and deletions; counted again (off the UI thread) only when the store was reset.
        self._total_events = 0
        self._counted_up_to = 0  # the highest event id the total accounts for
        feed.arrived.connect(self._count_arrivals)
        model.loading.connect(self._take_total)
        model.counted.connect(self._set_total)
        self.tabs.currentChanged.connect(self._update_counts)
        self.payments.model.rowsInserted.connect(self._update_counts)
        self.payments.model.rowsRemoved.connect(self._update_counts)
        self.payments.model.modelReset.connect(self._update_counts)
        self.keys = WindowKeys(self, self)  # every shortcut (desktop/ui/shortcuts.py)
        self.keys.add_menus()
        self._name_controls()
        model.load()
        self._add_overview_tab()
        self.restore_state()

    def _build_actions(self) -> None:
        toolbar = QToolBar(self.tr("Events"))
        toolbar.setObjectName("events-toolbar")  # saveState() names toolbars by objectName
        toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.delete_action = QAction(self.tr("Delete selected"), self)
        self.delete_action.setEnabled(False)
        # Asks first; the Delete key is installed from desktop/ui/shortcuts.py, on the table only.
        self.delete_action.triggered.connect(self.confirm_delete)
        self.clear_action = QAction(self.tr("Clear all…"), self)
        self.clear_action.triggered.connect(self.confirm_clear_all)
        self.endpoints_action = QAction(self.tr("Endpoints && secrets…"), self)
        self.endpoints_action.triggered.connect(lambda: self.endpoints.open_dialog(self))
        toolbar.addAction(self.delete_action)
        toolbar.addAction(self.clear_action)
        toolbar.addSeparator()
        toolbar.addAction(self.endpoints_action)
        self.toolbar = toolbar

        self.exporter = ExportController(self.services.store, self)
        self.exporter.finished.connect(lambda message: self.statusBar().showMessage(message, 10000))
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.payments_exporter = PaymentsExporter(self.services.store, self)
        self.payments_exporter.finished.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.export_tab_action = file_menu.addAction(self.tr("Export this tab…"))
        self.export_tab_action.triggered.connect(self.export_this_tab)
        unverified = file_menu.addAction(self.tr("… include unverified sales"))
        unverified.setCheckable(True)
        unverified.toggled.connect(lambda on: setattr(self.payments_exporter, "include_unverified", on))
        file_menu.addSeparator()
        self._build_storage_actions(file_menu)
        for fmt, label in (
            ("csv", self.tr("Export shown events as CSV…")),
            ("jsonl", self.tr("… as JSONL…")),
            ("har", self.tr("… as HAR…")),
        ):
            action = file_menu.addAction(label)
            action.triggered.connect(lambda _=False, f=fmt: self.export_shown(f))
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

    def _ask_for_secret(self, _path: str) -> None:
        self.endpoints.open_dialog(self)

    def export_this_tab(self) -> None:
        """Payments tab: one row per sale, for the accountant; Events tab: the shown events as CSV."""
        if self.tabs.currentWidget() is self.payments:
            self.payments_exporter.ask_and_export(self, self.payments.filter, self.finance_timezone)
        else:
            self.export_shown("csv")

    def show_total(self, category: str) -> None:
        """A click on a status-bar total: the Payments tab lists exactly the sales it counts."""
        self.tabs.setCurrentWidget(self.payments)
        self.payments.show_filter(filter_for(StatusCategory(category)))

    def show_sale(self, provider: str, sale_id: str) -> None:
        """An alert's link: the sale in the Payments tab (the filter is cleared if it hides it)."""
        self.tabs.setCurrentWidget(self.payments)
        if not self.payments.select_entity((provider, sale_id)):
            self.payments.show_filter(f'entity:"{sale_id}"')

    def use_saved_filter(self, text: str) -> None:
        # Filters about sales (`category:`) only make sense on the Payments tab.
        if "category:" in text:
            self.tabs.setCurrentWidget(self.payments)
        self.current_filter_bar().set_text(text)

    def choose_finance_timezone(self) -> None:
        ask_timezone(
            self,
            self.finance_timezone,
            self.services.settings.finance_timezone,
            self.qsettings,
            self._finance_zone_chosen,
        )

    def _finance_zone_chosen(self, name: str) -> None:
        self.finance_timezone = name
        self.totals.set_timezone(name)
        self.payments.set_timezone(name)
        self.events.model.set_timezone(name)  # its times, and `today` in its filters
        self.overview.set_timezone(name)
        set_display_zone(name)
        self.events.inspector.timezone = name
        self.statusBar().showMessage(self.tr("Finance day in {0}").format(name), 5000)

    def _add_settings_action(self) -> None:
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.settings_action = edit_menu.addAction(self.tr("Settings…"))
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)

    def open_settings(self) -> SettingsDialog:
        """Edit ▸ Settings… (opened, not exec()'d: no nested event loop under qasync)."""
        dialog = SettingsDialog(
            self.qsettings,
            self.services,
            finance_zone=self.finance_timezone,
            notifications=self.notification_actions,
            pinned=self.listener_pinned,
            parent=self,
        )
        dialog.theme_chosen.connect(self.theme.apply)
        dialog.theme_chosen.connect(self._restyle_read_only_note)  # after apply: the new palette
        dialog.zone_chosen.connect(self._finance_zone_chosen)
        dialog.port_now.connect(self.listen_on)
        dialog.retention_requested.connect(lambda: self.storage.open_retention(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _build_storage_actions(self, file_menu: QMenu) -> None:
        """File > Import, Compact database and Retention (issue 14): all off the UI thread."""
        services = self.services
        data_dir = services.store.data_dir
        team_url = services.settings.store_url if services.team_mode else None
        self.importer = ImportController(
            data_dir, services.store.writer.recognise_stored, self, store_url=team_url
        )
        self.importer.finished.connect(self._on_imported)
        self.storage = StorageController(services, self)
        self.storage.compacted.connect(self._on_compacted)
        # Import and Retention work on whichever store is open (PostgreSQL in team mode, too).
        self.import_action = file_menu.addAction(self.tr("Import events (JSONL or HAR)…"))
        self.import_action.triggered.connect(lambda: self.importer.ask_and_import(self))
        if not services.team_mode:
            # Compact rewrites the data directory's SQLite file: nothing of the kind in team mode.
            self.compact_action = file_menu.addAction(self.tr("Compact database…"))
            self.compact_action.triggered.connect(lambda: self.storage.confirm_compact(self))
        self.retention_action = file_menu.addAction(self.tr("Retention…"))
        self.retention_action.triggered.connect(lambda: self.storage.open_retention(self))
        file_menu.addSeparator()

    def _on_imported(self, ok: bool, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(
            QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning,
            self.tr("Import events"),
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.finished.connect(box.deleteLater)
        box.open()  # not exec(): no nested event loop under qasync
        self.import_result = box
        self.storage.refresh_size()

    def _on_compacted(self, ok: bool, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        self.storage.refresh_size()

    def export_shown(self, fmt: str) -> None:
        """Export what the events table shows now (its filter), e.g. a CSV for the accountant."""
        self.exporter.ask_and_export(self, fmt, self.events.model.filter)

    # -- filters --------------------------------------------------------------------------------

    def _show_secret_warnings(self, *_: object) -> None:
        """One visible line naming every endpoint without its secret (its deliveries can only
        be unverified), so a missing secret never passes for a quiet, working setup."""
        missing = endpoints_without_secret(
            self.services.deriver.settings, self.services.endpoints.secret_lookup
        )
        names = [
            f"{endpoint.path} (${endpoint.secret_env})" if endpoint.secret_env else endpoint.path
            for endpoint in missing
        ]
        text = self.tr(
            "⚠ No secret for {0}: deliveries there are not verified and do not count as money. "
            "Set the variable, or a secret in Endpoints & secrets."
        ).format(", ".join(names))
        self.secret_warning.setText(text if names else "")
        self.secret_warning.setVisible(bool(names))

    def current_filter_bar(self) -> FilterBar:
        return getattr(self.tabs.currentWidget(), "filter_bar", self.events.filter_bar)

    def save_filter(self, text: str) -> None:
        if not text.strip():
            self.statusBar().showMessage(self.tr("Type a filter first, then save it."), 5000)
            return
        # Opened, not exec()'d: no nested event loop under qasync (see STYLE.md).
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Save filter"))
        dialog.setLabelText(self.tr("Name for this filter:"))
        dialog.setTextValue(text[:40])
        dialog.textValueSelected.connect(lambda name: self._keep_filter(name, text))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _keep_filter(self, name: str, text: str) -> None:
        if name.strip():
            self.saved_filters.add(name.strip(), text)

    # -- listener ---------------------------------------------------------------------------------

    def start_listener(self) -> None:
        """Start listening; if it fails, say why in the bar and offer another port."""
        if self.read_only:
            return  # its role cannot store requests: the team's receivers do (apply_read_only_mode)
        listener = self.services.listener
        try:
            listener.start()
        except PortInUseError as exc:
            suggestion = free_port(listener.host)
            self.listener_bar.show_stopped(f"{exc}.", suggestion)
            self.statusBar().showMessage(self.tr("Not listening: {0}").format(exc))
            return
        except ListenerError as exc:
            self.listener_bar.show_stopped(f"{exc}.")
            return
        self.listener_bar.show_listening(
            listener.url,
            off_loopback=listener.off_loopback,
            token=listener.token_required,
            unauthorized=lambda: listener.unauthorized,
        )
        self.first_run.page.refresh()  # the real port, once it is known
        self.statusBar().showMessage(self.tr("Listening on {0}").format(listener.url), 5000)

    def apply_read_only_mode(self, role: str) -> None:
        """The store's database role can only read (deploy/roles.sql's `webhook_viewer`): offer
        nothing it would refuse (delete, clear, re-send, import, endpoint edits, which re-verify
        stored events), say so in a note, and receive nothing here (receivers store the events)."""
        self.read_only = True
        note = self.tr(
            "Read-only: the database role %1 can read events but not change them. Delete, clear, "
            "re-send, import and endpoint edits are off, and this window receives no requests "
            "(the team's receivers store them)."
        ).replace("%1", role)
        # Everything on the toolbar writes: delete, clear, endpoints (and re-send, targets).
        for action in [*self.toolbar.actions(), getattr(self, "import_action", None)]:
            if action is not None:
                action.setEnabled(False)
                action.setToolTip(note)
        # The inspector enables its button whenever it shows an event: hidden instead.
        self.events.inspector.resend_button.setVisible(False)
        self.payments.secret_requested.disconnect(self._ask_for_secret)
        self.listener_bar.show_stopped(self.tr("this window is read-only (role %1).").replace("%1", role))
        banner = QLabel(note)
        banner.setObjectName("read_only_note")
        banner.setTextFormat(Qt.TextFormat.PlainText)  # the role name comes from the database
        banner.setWordWrap(True)
        banner.setStyleSheet(note_style(Tone.INFO))  # light or dark, as the theme in use
        self.read_only_note = banner
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, banner)  # under the listener bar

    def _restyle_read_only_note(self) -> None:
        banner = getattr(self, "read_only_note", None)
        if banner is not None:
            banner.setStyleSheet(note_style(Tone.INFO))

    def _report_fault(self, message: str | None) -> None:
        """Thread-safe (called on the store thread): the bar shows it on the UI thread."""
        self._store_fault.emit(message)

    def listen_on(self, port: int) -> None:
        self.services.listener.stop()
        self.services.listener.port = port
        self.start_listener()

    # -- events -----------------------------------------------------------------------------------

    def _on_arrived(self, ids: list[int]) -> None:
        self.events.model.refresh_new()

    def _add_actions_tab(self, services: Services, hub: DeliveryHub[DeliveryTables]) -> None:
        """Actions (issue 11): a tab beside Forwarding, and each event's runs in its Attempts tab."""
        current = self.events.inspector

        def selected_event() -> int | None:
            return current.current.id if current.current is not None else None

        self.actions_panel = ActionsPanel(
            hub,
            services.store.event,
            selected_event,
            lambda password: services.secrets.set(SMTP_SECRET_KEY, password),
        )
        self.tabs.addTab(self.actions_panel, self.tr("Actions"))
        if self.delivery is not None:
            self.event_runs = EventRunsView(hub)
            self.delivery.attempts.add_below(self.event_runs)
            self.events.table.selectionModel().selectionChanged.connect(
                lambda *_: self.event_runs.show_event(selected_event())
            )

    def _add_overview_tab(self) -> None:
        """The Overview (issue 13): first tab, shown first once the store has events; each
        figure opens its rows in the Events or Payments tab, or its queue."""
        self.overview = OverviewView(self.services.store, self.listener_bar, self.finance_timezone)
        self.overview.events_filter_requested.connect(self.show_events_filter)
        self.overview.payments_filter_requested.connect(self.show_payments_filter)
        self.overview.tab_requested.connect(self._show_queue_tab)
        self.tabs.insertTab(0, self.overview, self.tr("Overview"))
        if self.services.store.high_water() > 0:
            self.tabs.setCurrentWidget(self.overview)
        self.feed.arrived.connect(self.overview.schedule)
        self.feed.recognised.connect(self.overview.schedule)
        self.feed.deleted.connect(self.overview.reload)
        self.feed.reset.connect(self.overview.reload)
        self.overview.refresh()

    def show_events_filter(self, text: str) -> None:
        self.tabs.setCurrentWidget(self.events)
        self.events.filter_bar.set_text(text)

    def show_payments_filter(self, text: str) -> None:
        self.tabs.setCurrentWidget(self.payments)
        self.payments.show_filter(text)

    def _show_queue_tab(self, name: str) -> None:
        tab = getattr(self.delivery, "queue_view", None) if name == "forwarding" else None
        tab = tab or (getattr(self, "actions_panel", None) if name == "actions" else None)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)

    def _show_notification(self, notification: Notification) -> None:
        self.notifier.show(notification.title, notification.message)

    def _on_recognised(self, ids: list[int]) -> None:
        store = self.services.store
        self.events.model.recognised(ids)
        self.payments.on_events_arrived(ids)
        self.notifier.on_events_arrived(store, ids)
        self.totals.schedule(store)
        if self.events.inspector.current is not None and self.events.inspector.current.id in ids:
            self.events.inspector.show_event(store.event(self.events.inspector.current.id))

    def _on_deleted_elsewhere(self, ids: list[int]) -> None:
        """Events were deleted, here or by another process: drop them from every view."""
        if any(self.events.model.row_of(event_id) is not None for event_id in ids):
            self.events.model.forget(ids)
        current = self.events.inspector.current
        if current is not None and current.id in ids:
            self.events.inspector.show_event(None)
        self.payments.reload()
        self.totals.refresh(self.services.store)
        # Here or elsewhere, every deletion arrives here once (the store is followed).
        self._total_events = max(0, self._total_events - len(ids))
        self._update_counts()

    def _on_store_reset(self) -> None:
        """Events were cleared or re-verified (possibly by another process): reload."""
        shown = self.events.model.filter
        self.events.model.load(shown.query, shown.now)
        if shown.query is not None:  # an unfiltered load counts them itself
            self.events.model.count_all()
        self.payments.reload()
        self.totals.refresh(self.services.store)
        current = self.events.inspector.current
        if current is not None:
            self.events.inspector.show_event(self.services.store.event(current.id))

    def show_event(self, event_id: int) -> None:
        """Bring an event into view in the events tab (e.g. from a payment's timeline)."""
        self.tabs.setCurrentWidget(self.events)
        if not self.events.select_event(event_id):
            self.statusBar().showMessage(
                self.tr("Event #{0} is not in the table (is a filter on?)").format(event_id), 5000
            )

    def _on_reverified(self, paths: str, count: int) -> None:
        self.events.model.invalidate()
        self.payments.reload()
        self.totals.refresh(self.services.store)
        current = self.events.inspector.current
        if current is not None:
            self.events.inspector.show_event(self.services.store.event(current.id))
        message = (
            self.tr("Re-verified %n event(s) of {0}", "", count).format(paths)
            if count >= 0
            else self.tr("Re-verifying {0} failed").format(paths)
        )
        self.statusBar().showMessage(message, 8000)

    def _count_arrivals(self, ids: list[int]) -> None:
        # Unfiltered, the table itself holds every event (see _update_counts); filtered, the
        # total is the last unfiltered count plus what arrived since, each id counted once
        # (an arrival can be heard after a load already showed it).
        if self.events.model.filter.query is not None:
            new = [event_id for event_id in ids if event_id > self._counted_up_to]
            self._total_events += len(new)
        self._counted_up_to = max(self._counted_up_to, *ids, 0)
        self._update_counts()

    def _take_total(self, busy: bool) -> None:
        # An unfiltered load holds every event's id: its row count is the total, for free.
        if not busy and self.events.model.filter.query is None:
            self._set_total(self.events.model.rowCount())

    def _set_total(self, total: int) -> None:
        self._total_events = total
        self._update_counts()

    def _update_counts(self, *_args: object) -> None:
        """The current tab's own count: "3 of 20 events" when a filter hides some, "12 sales"."""
        if self.tabs.currentWidget() is self.payments:
            sales = self.payments.model.rowCount()
            self.count_label.setText(self.tr("%n sale(s)", "", sales))
            return
        shown = self.events.model.rowCount()
        if self.events.model.filter.query is None:
            self._total_events = shown  # an unfiltered table holds every event's id
            self._counted_up_to = max(self._counted_up_to, self.events.model.newest_id())
            self.count_label.setText(self.tr("%Ln event(s)", "", shown))
        else:
            total = max(self._total_events, shown)
            self.count_label.setText(
                self.tr("{shown} of %Ln event(s)", "", total).format(shown=format_number(shown))
            )

    def _after_write(self, future: Future[int], then: Callable[[int], None]) -> None:
        """Run `then(result)` on the UI thread once a store write finishes (the UI never waits)."""

        def done(result: Future[int]) -> None:
            error = result.exception()
            self._write_done.emit(
                lambda: then(result.result()) if error is None else self._write_failed(error)
            )

        future.add_done_callback(done)

    def _write_failed(self, error: BaseException) -> None:
        self.statusBar().showMessage(self.tr("Could not change the stored events: {0}").format(error), 10000)
        self.delete_action.setEnabled(True)
        self.clear_action.setEnabled(True)

    def _after_deletion(self, message: str) -> None:
        if self.delivery is not None:
            self.delivery.forget_events()
        self.payments.reload()
        self.totals.refresh(self.services.store)
        self.events.inspector.show_event(None)
        self.clear_action.setEnabled(True)
        self._update_counts()
        self.statusBar().showMessage(message, 5000)

    def confirm_delete(self) -> QMessageBox | None:
        """Delete (key or toolbar): ask, naming how many and which, then delete."""
        ids = self.events.selected_ids()
        if not ids:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete events"),
            self.tr("Delete %n selected event(s)? This cannot be undone.", "", len(ids)),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the path below is the sender's text, not markup
        first = self.services.store.event(ids[0], with_body=False)
        if len(ids) == 1 and first is not None:
            box.setInformativeText(f"#{first.id} {first.request.method} {first.request.path}")
        yes = box.addButton(self.tr("&Delete"), QMessageBox.ButtonRole.DestructiveRole)
        yes.setAccessibleName(self.tr("Delete"))
        box.setDefaultButton(yes)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _answer: self._delete_if_confirmed(box, yes))
        box.finished.connect(box.deleteLater)
        box.open()  # not exec(): no nested event loop under qasync
        self.delete_question = box
        return box

    def _delete_if_confirmed(self, box: QMessageBox, yes: object) -> None:
        if box.clickedButton() is yes:
            self.delete_selected()

    def delete_selected(self) -> None:
        ids = self.events.selected_ids()
        if not ids:
            return
        self.delete_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Deleting %n event(s)…", "", len(ids)))
        # The row that takes the first deleted row's place is selected afterwards.
        rows = [row for event_id in ids if (row := self.events.model.row_of(event_id)) is not None]
        near = min(rows) if rows else 0

        def deleted(count: int) -> None:
            self.events.model.forget(ids)
            self._after_deletion(self.tr("Deleted %n event(s)", "", count))
            self.events.select_row_near(near)

        self._after_write(self.services.store.delete(ids), deleted)

    def confirm_clear_all(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Clear all events"),
            self.tr("Delete every stored event? This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(self._clear_if_confirmed)
        box.finished.connect(box.deleteLater)
        box.open()  # not exec(): no nested event loop under qasync
        return box

    def _clear_if_confirmed(self, answer: int) -> None:
        if answer == QMessageBox.StandardButton.Yes:
            self.clear_all()

    def clear_all(self) -> None:
        self.clear_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Deleting every event…"))

        def cleared(count: int) -> None:
            shown = self.events.model.filter  # the filter bar still shows it: keep it applied
            self.events.model.load(shown.query, shown.now)
            self._set_total(0)
            self._after_deletion(self.tr("Deleted %n event(s)", "", count))

        self._after_write(self.services.store.clear(), cleared)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._filters_detached:  # the first close only: the second sees closed children
            self.save_state()
        self.services.listener.stop()
        self.services.store.writer.remove_fault_listener(self._report_fault)
        self.feed.stop()
        # A filter typed just before closing is applied by its debounce timer after the models
        # closed their readers (a test saw it as "Cannot operate on a closed database").
        if not self._filters_detached:  # closeEvent may come twice (close(), then deletion)
            self._filters_detached = True
            for bar in (self.events.filter_bar, self.payments.filter_bar):
                bar.query_changed.disconnect()
        self.events.model.close()
        # Every view's timers and background readers stop with the window, however it is closed
        # (the close button, SIGTERM, a test's `close()`), before the store can be closed: Qt
        # sends closeEvent to the window only, and a view left running (the payments table, the
        # totals bar, a filter's debounce) would read the closed database from its next timer or
        # queued result.
        for child in self.findChildren(QWidget):
            child.close()
        super().closeEvent(event)

    def _name_controls(self) -> None:
        """Accessible names for the controls a screen reader cannot name from a visible text."""
        self.tabs.setAccessibleName(self.tr("Views"))
        self.body_splitter.setAccessibleName(self.tr("Saved filters and views"))
        self.count_label.setAccessibleName(self.tr("Rows shown"))
        self.toolbar.setAccessibleName(self.tr("Events toolbar"))

    # -- window state (QSettings in the data directory's settings.ini) ------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "body": self.body_splitter,
            "events": self.events.splitter,
            "payments": self.payments.splitter,
        }

    def _headers(self) -> dict[str, QHeaderView]:
        return {
            "events": self.events.table.horizontalHeader(),
            "payments": self.payments.table.horizontalHeader(),
            "timeline": self.payments.timeline.table.horizontalHeader(),
        }

    def save_state(self) -> None:
        window_state.save(self.qsettings, self, self.tabs, self._splitters(), self._headers())

    def restore_state(self) -> None:
        window_state.restore(self.qsettings, self, self.tabs, self._splitters(), self._headers())
