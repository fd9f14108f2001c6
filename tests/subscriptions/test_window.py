"""The Subscriptions window against the fake Juno API: list, create (secret stored, endpoint
set up, next delivery valid), http:// refused, a 400 shown as it came, pause, change, delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop.core.config import Settings
from desktop.runtime import Services, build_services
from desktop.subscriptions import credentials
from desktop.ui.subscriptions.window import SubscriptionsWindow
from tests.app.conftest import no_keyring
from tests.subscriptions.conftest import JUNO_CREDENTIALS, juno_account
from tests.subscriptions.fake_juno import FakeWebhook
from tests.subscriptions.test_provision import verdict
from tests.ui_delivery.conftest import QT_OFFSCREEN_WARNING, loop, run  # noqa: F401 (fixtures)

pytestmark = pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)
WAIT_MS = 15000


@pytest.fixture
def services(juno_api, data_dir: Path) -> Iterator[Services]:
    settings = Settings(port=0, provider_accounts=(juno_account(juno_api),))
    running = build_services(settings, data_dir, keyring_backend=no_keyring())
    credentials.save("juno", JUNO_CREDENTIALS, running.secrets)
    running.start_listener()
    yield running
    running.close()


@pytest.fixture
def window(qtbot, run, services: Services, data_dir: Path) -> Iterator[SubscriptionsWindow]:  # noqa: F811
    http = httpx.AsyncClient()
    ui_settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    shown = SubscriptionsWindow(
        lambda: http,
        services.endpoints,
        services.settings.account,
        ui_settings,
        "https://monitor.example.com",
    )

    def endpoint_set_up(path: str) -> None:  # what the main window does (SubscriptionsOpener)
        services.deriver.settings = services.endpoints.apply(services.deriver.settings)

    shown.endpoints_changed.connect(endpoint_set_up)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    qtbot.waitUntil(lambda: not shown.session.busy, timeout=WAIT_MS)
    run(http.aclose())


def refreshed(qtbot, window: SubscriptionsWindow) -> None:
    window.refresh_button.click()
    qtbot.waitUntil(lambda: window.events_list.count() == 10 and not window.session.busy, timeout=WAIT_MS)


def settle(qtbot, window: SubscriptionsWindow) -> None:
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT_MS)


def seed(juno_api, events: list[str], status: str = "ACTIVE") -> FakeWebhook:
    hook = FakeWebhook("wbh_0123456789ABCDEF", "https://old.example.com/juno", "a" * 64, status, events)
    juno_api.webhooks[hook.id] = hook
    return hook


def test_event_types_are_listed_with_portuguese_labels(qtbot, window):
    refreshed(qtbot, window)
    texts = [window.events_list.item(i).text() for i in range(window.events_list.count())]
    assert "Notificação de pagamento  (PAYMENT_NOTIFICATION)" in texts


def test_creating_a_webhook_stores_its_secret_and_the_next_delivery_is_valid(
    qtbot, window, juno_api, services
):
    refreshed(qtbot, window)
    window.check_events({"PAYMENT_NOTIFICATION"})
    assert window.preview.text() == "https://monitor.example.com/juno"
    window.create_button.click()
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=WAIT_MS)
    settle(qtbot, window)
    [hook] = juno_api.webhooks.values()
    assert "created" in window.message.text() and hook.id in window.message.text()
    assert hook.secret not in window.message.text()
    assert window.table.item(0, 0).text() == "https://monitor.example.com/juno"
    body, signature = juno_api.delivery(hook.id)
    assert verdict(services, "/juno", [("X-Signature", signature)], body) == "valid"


def test_an_http_address_is_refused_with_the_reason(qtbot, window, juno_api):
    refreshed(qtbot, window)
    window.public_url.setText("http://monitor.example.com")
    window.check_events({"CHARGE_CREATED"})
    window.create_button.click()
    assert "Juno only delivers to HTTPS addresses" in window.message.text()
    assert juno_api.webhooks == {}


def test_a_400_is_shown_with_the_providers_message(qtbot, window, juno_api):
    seed(juno_api, ["PAYMENT_NOTIFICATION"])
    refreshed(qtbot, window)
    window.table.clearSelection()
    window.check_events({"PAYMENT_NOTIFICATION"})
    window.create_button.click()
    qtbot.waitUntil(lambda: "Failed" in window.message.text(), timeout=WAIT_MS)
    assert "HTTP 400" in window.message.text()
    assert "Já existe um webhook ativo inscrito no evento PAYMENT_NOTIFICATION" in window.message.text()
    assert len(juno_api.webhooks) == 1


def test_pause_resume_change_events_and_delete(qtbot, window, juno_api):
    hook = seed(juno_api, ["PAYMENT_NOTIFICATION"])
    refreshed(qtbot, window)
    window.table.selectRow(0)
    assert window.checked_events() == ["PAYMENT_NOTIFICATION"]  # the selected webhook's events
    window.pause_button.click()
    qtbot.waitUntil(lambda: hook.status == "INACTIVE" and not window.session.busy, timeout=WAIT_MS)
    assert window.table.item(0, 1).text() == "Paused (INACTIVE)"
    assert window.pause_button.text() == "Resume"
    window.pause_button.click()
    qtbot.waitUntil(lambda: hook.status == "ACTIVE" and not window.session.busy, timeout=WAIT_MS)

    window.check_events({"PAYMENT_NOTIFICATION", "CHARGE_STATUS_CHANGED"})
    window.save_events_button.click()
    qtbot.waitUntil(lambda: len(hook.events) == 2 and not window.session.busy, timeout=WAIT_MS)
    assert window.table.item(0, 2).text() == "CHARGE_STATUS_CHANGED, PAYMENT_NOTIFICATION"

    box = window.confirm_delete()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.table.rowCount() == 0 and not window.session.busy, timeout=WAIT_MS)
    assert juno_api.webhooks == {}


def test_missing_credentials_say_which_and_where(qtbot, window, services):
    credentials.forget("juno", services.secrets)
    window.session.forget_client()
    window.refresh_button.click()
    qtbot.waitUntil(lambda: "Failed" in window.message.text(), timeout=WAIT_MS)
    assert "Client Secret ($JUNO_CLIENT_SECRET or the keyring)" in window.message.text()


def test_credentials_typed_in_the_dialog_go_to_the_secret_store(qtbot, window, services):
    credentials.forget("juno", services.secrets)
    dialog = window.open_credentials()
    assert dialog is not None
    for name, value in JUNO_CREDENTIALS.items():
        dialog.fields[name].setText(value)
    dialog.save()
    assert services.secrets.get("provider:juno:client_secret") == JUNO_CREDENTIALS["client_secret"]
    refreshed(qtbot, window)


def test_a_dashboard_only_provider_says_so_and_links_its_page(qtbot, window):
    window.provider.setCurrentIndex(window.provider.findData("mercadopago"))
    assert window.api_panel.isHidden()
    assert "has no API to register webhooks" in window.dashboard_note.text()
    assert "https://www.mercadopago.com.br/developers/panel/app" in window.dashboard_note.text()


def test_the_public_url_typed_is_kept_for_next_time(qtbot, window, data_dir):
    window.public_url.setText("https://tunnel.example.net")
    window.public_url.editingFinished.emit()
    window.settings.sync()
    again = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    assert again.value("subscriptions/public_url") == "https://tunnel.example.net"
