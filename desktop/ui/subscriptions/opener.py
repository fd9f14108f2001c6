"""The main window's way in: a menu entry that opens (one) Subscriptions window, wired so a
new webhook's endpoint and secret are used by captures at once and stored events re-checked."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMainWindow

from desktop.runtime import Services
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.endpoints.controller import EndpointsController
from desktop.ui.subscriptions.window import SubscriptionsWindow


class SubscriptionsOpener:
    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        delivery: DeliveryService,
        endpoints: EndpointsController,
    ) -> None:
        self._main = window
        self._services = services
        self._delivery = delivery
        self._endpoints = endpoints
        self.window: SubscriptionsWindow | None = None

        menu = window.menuBar().addMenu(QCoreApplication.translate("SubscriptionsOpener", "Subscriptions"))
        self.action = menu.addAction(
            QCoreApplication.translate(
                "SubscriptionsOpener", "Webhooks at the providers (Juno, Stripe, Asaas)…"
            )
        )
        self.action.triggered.connect(self.open)

    def open(self) -> SubscriptionsWindow:
        if self.window is None:
            services = self._services
            ui_settings = QSettings(str(services.store.data_dir / "settings.ini"), QSettings.Format.IniFormat)
            self.window = SubscriptionsWindow(
                lambda: self._delivery.http_client,
                services.endpoints,
                services.settings.account,
                ui_settings,
                services.settings.public_url,
                self._main,
            )
            self.window.endpoints_changed.connect(self._endpoint_set_up)
        self.window.show()
        self.window.raise_()
        if not self.window.webhooks and not self.window.session.busy:
            self.window.refresh()
        return self.window

    def _endpoint_set_up(self, path: str) -> None:
        self._endpoints.apply_endpoints()
        self._endpoints.queue_reverify(path)  # emits reverified: the secret banner updates too
