"""Desktop mode: the Qt application on a qasync loop, built from the shared services."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.config import Settings
from desktop.delivery.hub import DeliveryHub
from desktop.resources import resource_path
from desktop.runtime import Services, build_services
from desktop.store.database import CorruptDatabaseError, StoreError, set_aside
from desktop.store.interface import DeliveryTables
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.feed import EventFeed
from desktop.ui.i18n import choose_language, install_translators
from desktop.ui.loop import make_event_loop
from desktop.ui.main_window import MainWindow
from desktop.ui.platform_check import explain_missing, missing_x11_libraries, no_display_reason
from desktop.ui.settings.listener_overrides import with_overrides
from desktop.ui.stop_signals import StopSignals
from desktop.ui.theme import apply_theme

# The X11 window class and Wayland app id (what taskbars group by and what the .desktop file's
# StartupWMClass names); Qt takes the X11 instance name from argv[0], which was `main.py`.
APP_ID = "webhook-monitor"
DISPLAY_NAME = "Webhook Monitor"


def open_services(settings: Settings, data_dir: Path) -> Services | None:
    """Build the services; if the database is broken, offer to set it aside (never delete it)."""
    try:
        return build_services(settings, data_dir)
    except CorruptDatabaseError as exc:
        answer = QMessageBox.critical(
            None,
            QCoreApplication.translate("app", "Database cannot be read"),
            QCoreApplication.translate(
                "app",
                "{0}.\n\nMove it aside and start with an empty database? "
                "The old file is kept next to it, renamed, so nothing is deleted.",
            ).format(exc),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        kept = set_aside(exc.path)
        QMessageBox.information(
            None,
            QCoreApplication.translate("app", "Database moved aside"),
            QCoreApplication.translate("app", "The unreadable database was kept as:\n{0}").format(kept),
        )
        return build_services(settings, data_dir)
    except StoreError as exc:
        QMessageBox.critical(
            None, QCoreApplication.translate("app", "Cannot open the data directory"), str(exc)
        )
        return None


def create_window(services: Services, delivery: DeliveryService | None = None) -> MainWindow:
    """The window, fed by the writer's commits (the feed lives as long as the window)."""
    feed = EventFeed()
    window = MainWindow(services, feed, delivery)
    feed.setParent(window)
    role = services.read_only_role
    if role is not None:  # a viewer role (deploy/roles.sql): nothing it would refuse is offered
        window.apply_read_only_mode(role)
    return window


def make_application(qt_options: Sequence[str] = ()) -> QApplication:
    """The QApplication, named as the app (not `main.py`) and given Qt's own options."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([APP_ID, *qt_options])
    app.setApplicationName(APP_ID)  # the X11 WM_CLASS class
    app.setApplicationDisplayName(DISPLAY_NAME)  # what the taskbar and title bars say
    app.setDesktopFileName(APP_ID)  # Wayland app id: matches webhook-monitor.desktop
    app.setOrganizationName(APP_ID)
    app.setWindowIcon(QIcon(str(resource_path("icons/app.svg"))))
    return app


def run(
    settings: Settings,
    data_dir: Path,
    qt_options: Sequence[str] = (),
    pinned: dict[str, str] | None = None,
) -> int:
    """`pinned`: the `[listener]` keys the command line or config file set (they win over the
    Settings dialog's saved choices; settings/listener_overrides.py)."""
    reason = no_display_reason(qt_options)
    if reason:
        print(reason, file=sys.stderr)
        return 2
    missing = missing_x11_libraries()
    if missing:
        print(explain_missing(missing), file=sys.stderr)
        return 2
    app = make_application(qt_options)
    # The window's preferences (language, theme, listener choices) live in the data directory's
    # settings.ini, the same file as the window's (main_window.py), so a choice there applies here.
    preferences = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    # Before any widget (even open_services' dialogs): texts are read when widgets are built.
    language = choose_language(preferences)
    install_translators(app, language)
    theme = apply_theme(app, preferences, qt_options)
    settings = with_overrides(settings, preferences, pinned or {})
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)

    services = open_services(settings, data_dir)
    if services is None:
        return 2
    # This process's one forwarding pipeline and action runner (the same hub headless mode
    # runs), driven by the window's DeliveryService on the qasync loop; on either engine.
    # A read-only role (deploy/roles.sql's viewer) could neither claim jobs nor record
    # attempts: such a window forwards, runs and re-sends nothing.
    delivery: DeliveryService | None = None
    if services.read_only_role is None:
        hub: DeliveryHub[DeliveryTables] = DeliveryHub(
            services.store, smtp=services.settings.smtp, smtp_password=services.smtp_password()
        )
        delivery = DeliveryService(services.store, services.deriver, hub=hub, parent=app)
    closed = asyncio.Event()
    # Closing the window must not stop the loop yet: the shared HTTP client and the forwarder
    # are closed on it first (qasync also emits aboutToQuit whenever a run_* call returns).
    app.setQuitOnLastWindowClosed(False)
    app.lastWindowClosed.connect(closed.set)
    # Ctrl+C in the terminal and SIGTERM close the window the way its close button does, so
    # the store is closed cleanly (Qt's loop would otherwise never let Python see them).
    stop_signals = StopSignals(app)
    windows: list[MainWindow] = []

    def stop() -> None:
        for window in windows:
            window.close()
        closed.set()  # also when no window is open yet, or one refused to close

    stop_signals.received.connect(stop)

    async def main() -> None:
        # The shared HTTP client and the forwarder live on the running qasync loop.
        if delivery is not None:
            await delivery.start()
        window = create_window(services, delivery)
        window.theme, window.listener_pinned = theme, pinned or {}
        windows.append(window)
        window.start_listener()
        window.show()
        if services.listener.running:  # else the window's listener bar says why
            # For the terminal that started the window (scripts wait for it with --port 0).
            print(f"listening on {services.listener.url} (data: {data_dir})", flush=True)
        await closed.wait()
        # Its views release their readers in its closeEvent; closed already unless a stop signal
        # came first (then this closes it before the store is).
        window.close()
        if delivery is not None:
            await delivery.close()

    try:
        with loop:
            loop.run_until_complete(main())
    finally:
        stop_signals.restore()
        services.close()
    return 0
