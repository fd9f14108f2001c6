"""Re-send and forwarding in the window: the Attempts tab, the Forwarding tab, menus and dialogs.

Kept apart from MainWindow so the window only composes; everything here talks to the one
DeliveryService (and its shared httpx client) that app.run() starts on the qasync loop.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget, QToolBar, QToolButton

from desktop.ui.delivery.attempts_panel import AttemptsPanel
from desktop.ui.delivery.bulk_resend import curl_menu, resend_menu
from desktop.ui.delivery.queue_view import QueueView
from desktop.ui.delivery.resend_dialog import ResendDialog
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.delivery.targets_dialog import TargetsDialog
from desktop.ui.events.view import EventsView
from desktop.ui.feed import EventFeed


class DeliveryActions(QObject):
    def __init__(
        self,
        window: QMainWindow,
        delivery: DeliveryService,
        events: EventsView,
        tabs: QTabWidget,
        toolbar: QToolBar,
        feed: EventFeed,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.delivery = delivery
        self.events = events
        self.attempts = AttemptsPanel(delivery)
        events.inspector.addTab(self.attempts, self.tr("Attempts"))
        self.queue_view = QueueView(delivery)
        tabs.addTab(self.queue_view, self.tr("Forwarding"))
        feed.recognised.connect(delivery.on_recognised)
        # Connected after EventsView's own slot, so the inspector already shows the new event.
        events.table.selectionModel().selectionChanged.connect(self._show_attempts)
        events.inspector.resend_requested.connect(self.edit_and_resend)
        events.context_menu_opening.connect(self._add_menu_actions)

        targets = QAction(self.tr("Targets…"), self)
        targets.triggered.connect(self.open_targets)
        button = QToolButton()
        button.setText(self.tr("Re-send"))
        button.setToolTip(self.tr("Re-send the selected events, or all that match the filter, to a target"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        button.setMenu(menu)
        menu.aboutToShow.connect(lambda: self._fill_resend(menu))
        toolbar.addSeparator()
        toolbar.addAction(targets)
        toolbar.addWidget(button)

    def say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def forget_events(self) -> None:
        """Events were deleted: the attempts shown may belong to one of them."""
        self.attempts.show_event(None)

    def _show_attempts(self, *_args: object) -> None:
        current = self.events.inspector.current
        self.attempts.show_event(current.id if current is not None else None)

    def _matching_ids(self) -> list[int]:
        # Every event the current filter matches, not only the rows loaded so far.
        return list(self.events.store.event_ids(**self.events.model.filter.args()))

    def _fill_resend(self, menu: QMenu) -> None:
        menu.clear()
        self._add_resend_menus(menu)

    def _add_resend_menus(self, menu: QMenu) -> None:
        menu.addMenu(
            resend_menu(
                self.delivery, self.tr("Selected events to"), self.events.selected_ids, menu, self.say
            )
        )
        menu.addMenu(
            resend_menu(
                self.delivery, self.tr("All matching the filter to"), self._matching_ids, menu, self.say
            )
        )

    def _add_menu_actions(self, menu: QMenu, event_id: int) -> None:
        if not menu.isEmpty():
            menu.addSeparator()
        self._add_resend_menus(menu)
        if event_id:
            edit = menu.addAction(self.tr("Edit and re-send…"))
            edit.triggered.connect(lambda: self.edit_and_resend(event_id))
            menu.addMenu(curl_menu(self.delivery, event_id, menu, self.say))

    def edit_and_resend(self, event_id: int) -> None:
        event = self.delivery.load_event(event_id)
        if event is None:
            self.say(self.tr("Event {0} no longer exists.").format(event_id))
            return
        dialog = ResendDialog(self.delivery, event, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_targets(self) -> None:
        dialog = TargetsDialog(self.delivery, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
