"""The main window's keyboard commands: what each key of desktop/ui/shortcuts.py does.

Kept apart from MainWindow so the window only composes; this object reaches the views it
drives through the window it belongs to.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStatusBar,
    QTabWidget,
    QToolBar,
    QWidgetAction,
)

from desktop.runtime import Services
from desktop.ui import shortcuts
from desktop.ui.delivery.actions import DeliveryActions
from desktop.ui.delivery.bulk_resend import resend_menu
from desktop.ui.events.curl_received import copy_as_received
from desktop.ui.events.view import EventsView
from desktop.ui.widgets.filter_bar import FilterBar


class KeyedWindow(Protocol):
    """What the keys drive in the main window (a Protocol: no import of the window itself)."""

    services: Services
    events: EventsView
    tabs: QTabWidget
    delivery: DeliveryActions | None
    toolbar: QToolBar

    def statusBar(self) -> QStatusBar: ...
    def current_filter_bar(self) -> FilterBar: ...
    def confirm_delete(self) -> QMessageBox | None: ...


class WindowKeys(QObject):
    """Installs the window's shortcuts (one list, desktop/ui/shortcuts.py) and carries them out.

    `host` is the main window as a widget (the shortcuts' and dialogs' parent); `window` the
    same window, seen through what the keys use of it.
    """

    def __init__(self, window: KeyedWindow, host: QMainWindow) -> None:
        super().__init__(host)
        self.window = window
        self.host = host
        self.resend_popup: QMenu | None = None
        events = window.events
        # The window's Ctrl+F decides between the filter and the body search, so the two never
        # compete (two shortcuts on one key are ambiguous to Qt and neither fires).
        events.inspector.find_shortcut.setEnabled(False)
        self.installed = shortcuts.install(
            host,
            {
                "filter_or_find": self.filter_or_find,
                "focus_filter": self.focus_filter,
                "open_inspector": events.open_inspector,
                "resend": self.resend_selected,
                "edit_resend": self.edit_and_resend_current,
                "delete": window.confirm_delete,
                "help": self.show_shortcuts,
            },
            scopes={"open_inspector": events.table, "delete": events.table},
        )
        events.context_menu_opening.connect(self._add_curl_as_received)
        events.inspector.curl_requested.connect(self.copy_curl_as_received)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5000)

    def filter_or_find(self) -> None:
        focus = QApplication.focusWidget()
        inspector = self.window.events.inspector
        if focus is not None and (focus is inspector or inspector.isAncestorOf(focus)):
            inspector.open_find()
        else:
            self.focus_filter()

    def focus_filter(self) -> None:
        edit = self.window.current_filter_bar().edit
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    def show_shortcuts(self) -> shortcuts.ShortcutsDialog:
        dialog = shortcuts.ShortcutsDialog(self.host)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # not exec(): no nested event loop under qasync
        return dialog

    def _events_selected(self) -> bool:
        window = self.window
        if window.tabs.currentWidget() is window.events and window.events.selected_ids():
            return True
        self._say(self.tr("Select an event in the Events tab first."))
        return False

    def resend_selected(self) -> None:
        """Ctrl+R: the "re-send to ▸ target" menu at the current row, to pick with the arrows."""
        delivery = self.window.delivery
        if delivery is None:
            self._say(self.tr("Re-sending is not available in this window."))
            return
        if not self._events_selected():
            return
        events = self.window.events
        title = self.tr("Re-send selected events to")
        menu = resend_menu(delivery.delivery, title, events.selected_ids, self.host, delivery.say)
        table = events.table
        corner = table.visualRect(table.currentIndex()).bottomLeft()
        menu.popup(table.viewport().mapToGlobal(corner))
        if menu.actions():
            menu.setActiveAction(menu.actions()[0])
        self.resend_popup = menu

    def edit_and_resend_current(self) -> None:
        delivery = self.window.delivery
        if delivery is None:
            self._say(self.tr("Re-sending is not available in this window."))
            return
        current = self.window.events.inspector.current
        if self._events_selected() and current is not None:
            delivery.edit_and_resend(current.id)

    def _add_curl_as_received(self, menu: QMenu, event_id: int) -> None:
        if not event_id:
            return
        action = menu.addAction(self.tr("Copy as cURL, as it arrived"))
        action.triggered.connect(lambda: self.copy_curl_as_received(event_id))

    def copy_curl_as_received(self, event_id: int) -> str:
        services = self.window.services
        event = services.store.event(event_id)
        if event is None:
            return ""
        command, note = copy_as_received(event, services.listener.url)
        self.window.statusBar().showMessage(note, 8000)
        return command

    def add_menus(self) -> None:
        """The toolbar's commands in an Events menu (toolbar buttons take no keyboard focus, a
        menu bar does: Alt, then arrows) and the shortcuts list under Help."""
        bar = self.host.menuBar()
        events_menu = bar.addMenu(self.tr("&Events"))
        for action in self.window.toolbar.actions():
            if action.isSeparator() or isinstance(action, QWidgetAction):
                continue  # the Re-send button's menu is Ctrl+R
            events_menu.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        # The key shown after a tab, not set on the action: a second F1 shortcut would be
        # ambiguous with the installed one, and neither would fire.
        listing = help_menu.addAction(self.tr("Keyboard shortcuts…") + "\tF1")
        listing.triggered.connect(self.show_shortcuts)
