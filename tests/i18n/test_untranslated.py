"""No visible string stays in English when the window runs in pt_BR.

Each screen is built twice, in English (the sources) and in pt_BR, and every text slot is
compared: one that reads the same in both is untranslated (unless it is on the allow-list in
visible_texts.py). To cover a new screen, add a builder to SCREENS: it gets the main window
(built in the language under test) and returns the window or dialog to walk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.config import Endpoint, Settings
from desktop.core.retention import RetentionPolicy
from desktop.delivery.hub import DeliveryHub
from desktop.runtime import Services, build_services
from desktop.ui.actions.rule_dialog import ActionRuleDialog
from desktop.ui.app import create_window
from desktop.ui.delivery.resend_dialog import ResendDialog
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.delivery.targets_dialog import TargetsDialog
from desktop.ui.i18n import install_translators, remove_translators
from desktop.ui.main_window import MainWindow
from desktop.ui.retention_dialog import RetentionDialog
from tests.i18n.visible_texts import untranslated, visible_texts
from tests.ui_delivery.conftest import QT_OFFSCREEN_WARNING, Runner, juno_request, store_event

CHARGE = (
    b'{"eventType":"CHARGE_STATUS_CHANGED",'
    b'"data":[{"entityId":"chr_1","attributes":{"status":"PAID","amount":149.9}}]}'
)
# Two more sales, so the Payments tab lists a few rows in other states.
MORE_SALES = (
    b'{"eventType":"CHARGE_STATUS_CHANGED",'
    b'"data":[{"entityId":"chr_2","attributes":{"status":"ACTIVE","amount":1234.56}}]}',
    b'{"eventType":"CHARGE_STATUS_CHANGED",'
    b'"data":[{"entityId":"chr_3","attributes":{"status":"CANCELLED","amount":10}}]}',
)

# What the inspector shows from that event: data, the same in every language.
EVENT_DATA = {"juno", "CHARGE_STATUS_CHANGED", "chr_1", "PAID", "POST /juno/notify HTTP/1.1"}


def main_window(window: MainWindow) -> QWidget:
    """The window with an event selected, so the inspector shows its fields."""
    window.events.table.selectRow(0)
    return window


def endpoints_dialog(window: MainWindow) -> QWidget:
    dialog = window.endpoints.open_dialog(window)
    dialog.table.selectRow(0)
    return dialog


def response_dialog(window: MainWindow) -> QWidget:
    dialog = endpoints_dialog(window)
    response = dialog.edit_response()
    assert response is not None
    return response


def targets_dialog(window: MainWindow) -> QWidget:
    assert window.delivery is not None
    return TargetsDialog(window.delivery.delivery, window)


def forward_rule_dialog(window: MainWindow) -> QWidget:
    assert window.delivery is not None
    return window.delivery.queue_view.add_rule()


def resend_dialog(window: MainWindow) -> QWidget:
    assert window.delivery is not None
    event = window.services.store.event(window.events.model.event_id(0) or 0)
    assert event is not None
    return ResendDialog(window.delivery.delivery, event, window)


def retention_dialog(window: MainWindow) -> QWidget:
    return RetentionDialog(RetentionPolicy(keep_days=30), from_config=False, parent=window)


def payments_tab(window: MainWindow) -> QWidget:
    """The Payments tab with its sales listed and one selected (its timeline shown)."""
    window.tabs.setCurrentWidget(window.payments)
    window.payments.reload()
    assert window.payments.model.rowCount() == 3
    window.payments.table.selectRow(0)
    return window.payments


def alerts_tab(window: MainWindow) -> QWidget:
    window.tabs.setCurrentWidget(window.alerts)
    return window.alerts


def actions_tab(window: MainWindow) -> QWidget:
    window.tabs.setCurrentWidget(window.actions_panel)
    return window.actions_panel


def action_rule_dialog(window: MainWindow) -> QWidget:
    return ActionRuleDialog(None, window.actions_panel)


def subscriptions_window(window: MainWindow) -> QWidget:
    return window.subscriptions.open()


def credentials_dialog(window: MainWindow) -> QWidget:
    dialog = window.subscriptions.open().open_credentials()
    assert dialog is not None
    return dialog


def settings_dialog(window: MainWindow) -> QWidget:
    return window.open_settings()


def shortcuts_dialog(window: MainWindow) -> QWidget:
    return window.keys.show_shortcuts()


def overview_tab(window: MainWindow) -> QWidget:
    window.tabs.setCurrentWidget(window.overview)
    return window.overview


SCREENS: dict[str, Callable[[MainWindow], QWidget]] = {
    "main window": main_window,
    "endpoints dialog": endpoints_dialog,
    "response dialog": response_dialog,
    "targets dialog": targets_dialog,
    "forward rule dialog": forward_rule_dialog,
    "re-send dialog": resend_dialog,
    "retention dialog": retention_dialog,
    "payments tab": payments_tab,
    "alerts tab": alerts_tab,
    "actions tab": actions_tab,
    "action rule dialog": action_rule_dialog,
    "subscriptions window": subscriptions_window,
    "credentials dialog": credentials_dialog,
    "settings dialog": settings_dialog,
    "shortcuts dialog": shortcuts_dialog,
    "overview tab": overview_tab,
}


@pytest.fixture
def build(qtbot, data_dir: Path, run: Runner) -> Iterator[Callable[[], MainWindow]]:
    """Builds the window (with delivery, so every tab is there) on one data directory."""
    settings = Settings(port=0, endpoints=(Endpoint(path="/juno", provider="juno"),))
    services: Services = build_services(settings, data_dir, keyring_backend=fail.Keyring())
    for body in (*MORE_SALES, CHARGE):  # the charge last: the newest, selected in the inspector
        store_event(services, juno_request(body))
    built: list[tuple[MainWindow, DeliveryService]] = []

    def make() -> MainWindow:
        hub = DeliveryHub(services.store, smtp=services.settings.smtp, smtp_password=services.smtp_password())
        delivery = DeliveryService(services.store, services.deriver, hub=hub)
        run(delivery.start())
        window = create_window(services, delivery)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.events.model.rowCount() == 3)
        # The Overview's cards get their texts from its first read (on the reader thread): a
        # build compared before that showed fewer slots on a loaded machine.
        qtbot.waitUntil(lambda: bool(window.overview.status.text()))
        built.append((window, delivery))
        return window

    yield make
    for window, delivery in built:
        if shiboken6.isValid(window):  # a screen's teardown may have deleted it already
            window.close()
        run(delivery.close())
    services.close()


# The Subscriptions window raises itself on open: offscreen Qt cannot, and says so.
@pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING, "This plugin does not support raise")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_visible_text_is_translated_in_pt_br(
    qapp, build: Callable[[], MainWindow], screen: str
) -> None:
    english = visible_texts(SCREENS[screen](build()))
    before = QLocale()
    translators = install_translators(qapp, "pt_BR")
    try:
        portuguese = visible_texts(SCREENS[screen](build()))
    finally:
        remove_translators(qapp, translators, before)
    assert QCoreApplication.translate("MainWindow", "Events") == "Events"
    problems = untranslated(english, portuguese, data=EVENT_DATA)
    assert problems == [], "\n".join(problems)


def test_a_text_left_in_english_is_reported(qtbot, pt_br) -> None:
    # The same check on a screen with one string that never went through tr().
    def screen() -> QWidget:
        widget = QWidget()
        qtbot.addWidget(widget)
        QLabel("Delete every stored event?", widget)
        QLabel(QCoreApplication.translate("MainWindow", "Clear all events"), widget)
        return widget

    english = {"label0": "Delete every stored event?", "label1": "Clear all events"}
    assert untranslated(english, visible_texts_of(screen())) == ["label0: 'Delete every stored event?'"]


def visible_texts_of(widget: QWidget) -> dict[str, str]:
    texts = list(visible_texts(widget).items())
    labels = [text for where, text in texts if where.endswith("/label")]
    return {f"label{i}": text for i, text in enumerate(labels)}
