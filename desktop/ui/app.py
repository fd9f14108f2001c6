"""Desktop mode: the Qt application on a qasync loop, built from the shared services."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.config import Settings
from desktop.resources import resource_path
from desktop.runtime import Services, build_services
from desktop.store.database import CorruptDatabaseError, StoreError, set_aside
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.feed import EventFeed
from desktop.ui.loop import make_event_loop
from desktop.ui.main_window import MainWindow
from desktop.ui.platform_check import explain_missing, missing_x11_libraries


def open_services(settings: Settings, data_dir: Path) -> Services | None:
    """Build the services; if the database is broken, offer to set it aside (never delete it)."""
    try:
        return build_services(settings, data_dir)
    except CorruptDatabaseError as exc:
        answer = QMessageBox.critical(
            None,
            "Database cannot be read",
            f"{exc}.\n\nMove it aside and start with an empty database? "
            "The old file is kept next to it, renamed, so nothing is deleted.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        kept = set_aside(exc.path)
        QMessageBox.information(None, "Database moved aside", f"The unreadable database was kept as:\n{kept}")
        return build_services(settings, data_dir)
    except StoreError as exc:
        QMessageBox.critical(None, "Cannot open the data directory", str(exc))
        return None


def create_window(services: Services, delivery: DeliveryService | None = None) -> MainWindow:
    """The window, fed by the writer's commits (the feed lives as long as the window)."""
    feed = EventFeed()
    window = MainWindow(services, feed, delivery)
    feed.setParent(window)
    if services.team_mode:
        # Re-sending needs the delivery tables, which a PostgreSQL store does not have yet.
        window.events.inspector.resend_button.setVisible(False)
    return window


def run(settings: Settings, data_dir: Path) -> int:
    missing = missing_x11_libraries()
    if missing:
        print(explain_missing(missing), file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Webhook Monitor")
    app.setOrganizationName("webhook-monitor")
    app.setWindowIcon(QIcon(str(resource_path("icons/app.svg"))))
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)

    services = open_services(settings, data_dir)
    if services is None:
        return 2
    # Re-send and forwarding keep their tables in SQLite only so far: none in team mode yet.
    delivery = None if services.team_mode else DeliveryService(services.store, services.deriver, parent=app)
    closed = asyncio.Event()
    # Closing the window must not stop the loop yet: the shared HTTP client and the forwarder
    # are closed on it first (qasync also emits aboutToQuit whenever a run_* call returns).
    app.setQuitOnLastWindowClosed(False)
    app.lastWindowClosed.connect(closed.set)

    async def main() -> None:
        # The shared HTTP client and the forwarder live on the running qasync loop.
        if delivery is not None:
            await delivery.start()
        window = create_window(services, delivery)
        window.start_listener()
        window.show()
        await closed.wait()
        if delivery is not None:
            await delivery.close()

    try:
        with loop:
            loop.run_until_complete(main())
    finally:
        services.close()
    return 0
