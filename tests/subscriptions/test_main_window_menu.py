"""The way in from the main window: the menu opens the Subscriptions window on the app's shared
client, and a webhook created there is used by the running app's listener at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.config import Settings
from desktop.runtime import Services, build_services
from desktop.subscriptions import credentials
from desktop.ui.app import create_window
from desktop.ui.delivery.service import DeliveryService
from tests.app.conftest import no_keyring
from tests.subscriptions.conftest import JUNO_CREDENTIALS, juno_account
from tests.subscriptions.test_provision import verdict
from tests.ui_delivery.conftest import QT_OFFSCREEN_WARNING, loop, run  # noqa: F401 (fixtures)

# The offscreen platform cannot raise a window either (a real window system can).
pytestmark = pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING, "This plugin does not support raise")
WAIT_MS = 15000


@pytest.fixture
def services(juno_api, data_dir: Path) -> Iterator[Services]:
    settings = Settings(
        port=0, public_url="https://hooks.example.com", provider_accounts=(juno_account(juno_api),)
    )
    running = build_services(settings, data_dir, keyring_backend=no_keyring())
    credentials.save("juno", JUNO_CREDENTIALS, running.secrets)
    yield running
    running.close()


@pytest.fixture
def delivery(services: Services, run) -> Iterator[DeliveryService]:  # noqa: F811
    service = DeliveryService(services.store, services.deriver)
    run(service.start())
    yield service
    run(service.close())


def test_the_menu_opens_subscriptions_and_a_new_webhook_verifies_in_the_running_app(
    qtbot, services, delivery, juno_api
):
    window = create_window(services, delivery)
    qtbot.addWidget(window)
    window.start_listener()
    assert window.secret_warning.isHidden()  # no endpoints yet

    window.subscriptions.action.trigger()
    subs = window.subscriptions.window
    assert subs is not None and subs.isVisible()
    qtbot.waitUntil(lambda: subs.events_list.count() == 10 and not subs.session.busy, timeout=WAIT_MS)
    assert subs.preview.text() == "https://hooks.example.com/juno"  # [listener] public_url
    subs.check_events({"PAYMENT_NOTIFICATION"})
    # The main window re-verifies stored events of the new endpoint: waited for, so no queued
    # result arrives after the store is closed.
    with qtbot.waitSignal(window.endpoints.reverified, timeout=WAIT_MS):
        subs.create_button.click()
    qtbot.waitUntil(lambda: subs.table.rowCount() == 1 and not subs.session.busy, timeout=WAIT_MS)

    [hook] = juno_api.webhooks.values()
    body, signature = juno_api.delivery(hook.id)
    assert verdict(services, "/juno", [("X-Signature", signature)], body) == "valid"
    subs.close()
    window.close()
