"""The Actions tab and the inspector's runs, in the window, with the app's own delivery hub."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QPlainTextEdit

from desktop.core.actions import ActionKind, ActionRule, SmtpSettings
from desktop.core.config import Endpoint, Settings
from desktop.delivery.hub import DeliveryHub
from desktop.runtime import SMTP_SECRET_KEY, Services, build_services, smtp_password
from desktop.ui.actions.rule_dialog import ActionRuleDialog
from desktop.ui.app import create_window
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.main_window import MainWindow
from tests.actions.support import charge_body, python, recorded, recorder
from tests.ui_delivery.conftest import QT_OFFSCREEN_WARNING, Runner, juno_request, store_event

NOTIFY = ActionRule(
    name="Pago!", kind=ActionKind.NOTIFY, filter="status:CONFIRMED", body="{{ reference }} {{ amount_text }}"
)


def ours(title: str, _message: str) -> bool:
    return title == "Pago!"


@pytest.fixture
def window(qtbot, data_dir: Path, run: Runner) -> Iterator[MainWindow]:
    settings = Settings(port=0, endpoints=(Endpoint(path="/juno", provider="juno"),), actions=(NOTIFY,))
    services: Services = build_services(settings, data_dir, keyring_backend=fail.Keyring())
    # The hub as the window's entry (desktop/ui/app.py) builds it.
    hub = DeliveryHub(services.store, smtp=services.settings.smtp, smtp_password=services.smtp_password())
    delivery = DeliveryService(services.store, services.deriver, hub=hub)
    run(delivery.start())
    win = create_window(services, delivery)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    yield win
    win.close()
    run(delivery.close())
    services.close()


@pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)
def test_a_notify_rule_shows_in_the_window_and_its_runs_in_the_tab_and_inspector(
    qtbot, qtmodeltester, window: MainWindow
) -> None:
    # The notifier's own "Pagamento confirmado" comes too; the rule's is the one titled "Pago!".
    with qtbot.waitSignal(window.notifier.notified, timeout=15_000, check_params_cb=ours) as shown:
        event_id = store_event(window.services, juno_request(charge_body(8)))
    assert shown.args == ["Pago!", "pedido-8 R$ 149,90"]

    panel = window.actions_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.runs_model.rowCount() == 1)
    qtmodeltester.check(panel.rules_model)
    qtmodeltester.check(panel.runs_model)
    assert panel.rules_model.rule(0) is not None and panel.rules_model.rule(0).origin == "config"
    assert not panel.edit_button.isEnabled() or panel.current_rule() is None  # config rules: the file

    window.tabs.setCurrentWidget(window.events)
    qtbot.waitUntil(lambda: window.events.select_event(event_id))
    qtbot.waitUntil(lambda: window.event_runs.model.rowCount() == 1)
    window.tabs.setCurrentWidget(panel)
    panel.rules.selectRow(0)
    dialog = panel.dry_run()
    assert dialog is not None
    text = dialog.findChild(QPlainTextEdit).toPlainText()
    assert "Title: Pago!" in text and "pedido-8 R$ 149,90" in text
    dialog.close()

    panel.runs.selectRow(0)
    assert "Result: shown: Pago!" in panel.details.toPlainText()
    with qtbot.waitSignal(window.notifier.notified, timeout=15_000, check_params_cb=ours):
        panel.run_again()
    qtbot.waitUntil(lambda: panel.runs_model.rowCount() == 2)
    panel.grab().save("/tmp/actions_tab.png")


@pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)
def test_a_rule_made_in_the_tab_is_saved_with_its_argv_as_typed(qtbot, window: MainWindow) -> None:
    panel = window.actions_panel
    window.tabs.setCurrentWidget(panel)
    dialog = ActionRuleDialog(None, panel)
    qtbot.addWidget(dialog)
    dialog.name.setText("estoque")
    dialog.filter.setText("status:CONFIRMED signature:valid")
    dialog.argv.setPlainText("python3\n/opt/scripts/on paid.py\n--sku=$(x)")
    dialog.timeout.setValue(12)
    dialog.show()
    dialog.grab().save("/tmp/actions_rule_dialog.png")
    assert dialog.argv_preview.text() == "Runs: python3 '/opt/scripts/on paid.py' '--sku=$(x)'"
    dialog._save()
    rule = dialog.rule()
    assert rule is not None
    panel._save(rule)
    saved = {r.name: r for r in panel.rules_model._rules}["estoque"]
    assert saved.command == ("python3", "/opt/scripts/on paid.py", "--sku=$(x)") and saved.timeout_s == 12


@pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)
def test_a_bad_filter_is_refused_in_the_dialog(qtbot, window: MainWindow) -> None:
    dialog = ActionRuleDialog(None, window)
    qtbot.addWidget(dialog)
    dialog.name.setText("x")
    dialog.filter.setText("status:(")
    dialog._save()
    assert dialog.rule() is None and dialog.error.text().startswith("The filter is not valid")


@pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)
def test_a_failed_job_shows_in_its_rules_queue_and_is_retried_by_hand(
    qtbot, qtmodeltester, window: MainWindow
) -> None:
    panel = window.actions_panel
    window.tabs.setCurrentWidget(panel)
    broken = ActionRule(name="quebrada", kind=ActionKind.NOTIFY, filter="status:CONFIRMED", body="{% if %}")
    panel._save(broken)  # selects it
    store_event(window.services, juno_request(charge_body(2)))
    qtbot.waitUntil(lambda: [j.state.value for j in panel.jobs_model.jobs()] == ["failed"], timeout=15_000)
    qtmodeltester.check(panel.jobs_model)
    assert panel.runs_model.run(0) is not None and panel.runs_model.run(0).answer.startswith("template error")
    assert panel.retry_button.isEnabled()

    panel.retry_button.click()
    qtbot.waitUntil(lambda: panel.runs_model.rowCount() == 2, timeout=15_000)
    panel.lower_tabs.setCurrentIndex(1)
    panel.grab().save("/tmp/actions_queue.png")


@pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)
def test_a_command_runs_on_the_windows_qasync_loop(qtbot, window: MainWindow, tmp_path: Path) -> None:
    script, out = recorder(tmp_path)
    panel = window.actions_panel
    rule = ActionRule(
        name="estoque",
        kind=ActionKind.COMMAND,
        filter="status:CONFIRMED",
        command=(python(), str(script), str(out)),
    )
    panel._save(rule)
    event_id = store_event(window.services, juno_request(charge_body(3)))
    qtbot.waitUntil(lambda: [j.state.value for j in panel.jobs_model.jobs()] == ["done"], timeout=15_000)
    assert [int(line["event"]) for line in recorded(out)] == [event_id]
    window.events.select_event(event_id)
    qtbot.waitUntil(lambda: window.event_runs.model.rowCount() == 2)  # "Pago!" and this one


@pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)
def test_the_smtp_password_asked_in_the_tab_is_the_one_sent(qtbot, window: MainWindow) -> None:
    dialog = window.actions_panel.ask_smtp_password()
    dialog.setTextValue("s3nh@")
    dialog.accept()
    assert window.services.secrets.get(SMTP_SECRET_KEY) == "s3nh@"
    lookup = smtp_password(SmtpSettings(host="h", user="u"), window.services.secrets)
    assert lookup() == "s3nh@"
