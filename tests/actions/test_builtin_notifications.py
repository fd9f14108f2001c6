"""Today's notifications as built-in rules of the Actions tab (issue 11's last bullet).

The notifier still decides when one is due (trust, charge + payment once); the built-in rule
says whether it is on and gives the title and text templates. The alert list is what a person
sees whatever the desktop, so it is the observable here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop.core.actions import ActionKind
from desktop.store.events import Store
from desktop.ui.actions.models import RuleCol
from desktop.ui.actions.panel import ActionsPanel
from desktop.ui.main_window import MainWindow
from desktop.ui.payments.alerts import AlertList
from desktop.ui.payments.notifier import BUILTIN, BUILTIN_ORIGIN, Notifier, NotifySettings
from tests.actions.test_actions_tab import window  # noqa: F401 (fixture: the window with its hub)
from tests.store.test_entities_query import BASE_TIME, deliver, open_juno_store
from tests.ui_delivery.conftest import QT_OFFSCREEN_WARNING

CONFIRMED = ("Pagamento confirmado", "R$149.90 — pedido-1001 (Maria da Silva)")
MONEY_ID, SIGNATURE_ID, PROBLEM_ID = (BUILTIN[key][0] for key in BUILTIN)


class NoHub:
    """The delivery hub before it starts: no action store, so the tab shows only built-ins."""

    actions = None
    runner = None

    def add_run_listener(self, _listener: Any) -> None:
        pass

    def remove_run_listener(self, _listener: Any) -> None:
        pass


@pytest.fixture
def store(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    opened = open_juno_store(data_dir, monkeypatch)
    yield opened
    opened.close()


@pytest.fixture
def alerts(qtbot, tmp_path: Path) -> AlertList:
    widget = AlertList(tmp_path)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def notifier(tmp_path: Path, alerts: AlertList) -> Notifier:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return Notifier(settings, alerts=alerts)


@pytest.fixture
def panel(qtbot, notifier: Notifier) -> ActionsPanel:
    widget = ActionsPanel(NoHub(), lambda _id: None, lambda: None)  # type: ignore[arg-type]
    qtbot.addWidget(widget)
    widget.set_builtin(notifier)
    return widget


def shown(alerts: AlertList) -> list[tuple[str, str]]:
    return [(a.title, a.message) for a in alerts.alerts]


def select(panel: ActionsPanel, rule_id: int) -> None:
    panel._select_rule(rule_id)
    rule = panel.current_rule()
    assert rule is not None and rule.id == rule_id


def row_of(panel: ActionsPanel, rule_id: int) -> int:
    return next(r for r in range(panel.rules_model.rowCount()) if panel.rules_model.rule(r).id == rule_id)


@pytest.fixture
def confirm_payment(store: Store, notifier: Notifier) -> Callable[[], None]:
    """A charge PAID and its payment CONFIRMED arrive: stored once, announced at each call
    (the same receipt again is a new one to the notifier: what a second sale would be)."""
    ids = deliver(store, ["juno-charge-paid", "juno-payment-confirmed-pretty"])
    return lambda: notifier.on_events_arrived(store, ids)


def test_the_three_notifications_are_built_in_notify_rules(qtmodeltester, panel: ActionsPanel) -> None:
    rules = [panel.rules_model.rule(row) for row in range(panel.rules_model.rowCount())]
    assert [r.name for r in rules if r] == [
        "Payment confirmed",
        "Invalid signature",
        "Payment problem",
    ]
    assert all(r and r.kind is ActionKind.NOTIFY and r.origin == BUILTIN_ORIGIN for r in rules)
    assert [r.enabled for r in rules if r] == [True, True, False]  # today's defaults
    qtmodeltester.check(panel.rules_model)
    select(panel, MONEY_ID)
    assert panel.edit_button.isEnabled() and panel.toggle_button.isEnabled()
    assert not panel.delete_button.isEnabled() and not panel.dry_run_button.isEnabled()
    panel.delete_rule()  # even when asked directly
    assert panel.rules_model.rowCount() == 3


def test_turning_the_built_in_rule_off_stops_that_notification(
    qtbot,
    store: Store,
    notifier: Notifier,
    panel: ActionsPanel,
    alerts: AlertList,
    confirm_payment: Callable[[], None],
) -> None:
    select(panel, MONEY_ID)
    panel.toggle_rule()
    assert not notifier.settings.money_confirmed
    assert panel.current_rule() is not None and not panel.current_rule().enabled
    with qtbot.assertNotEmitted(notifier.notified):
        confirm_payment()
    assert shown(alerts) == []

    panel.toggle_rule()  # on again
    confirm_payment()
    assert shown(alerts) == [CONFIRMED]


def test_the_menu_toggle_and_the_rule_stay_in_step(
    qtbot, tmp_path: Path, notifier: Notifier, panel: ActionsPanel
) -> None:
    money, signatures, problems = notifier.actions(notifier)
    signatures.setChecked(False)  # the menu: the rule follows
    row = row_of(panel, SIGNATURE_ID)
    check = panel.rules_model.index(row, RuleCol.ENABLED).data(Qt.ItemDataRole.CheckStateRole)
    assert check == Qt.CheckState.Unchecked

    select(panel, PROBLEM_ID)
    panel.toggle_rule()  # the tab: the menu follows
    assert problems.isChecked() and money.isChecked() and not signatures.isChecked()
    # One store: settings.ini, as the menu always kept it.
    saved = NotifySettings.load(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert saved == NotifySettings(money_confirmed=True, invalid_signature=False, money_problem=True)


@pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)
def test_an_edited_template_changes_the_text_and_restore_default_brings_it_back(
    qtbot,
    store: Store,
    tmp_path: Path,
    notifier: Notifier,
    panel: ActionsPanel,
    alerts: AlertList,
    confirm_payment: Callable[[], None],
) -> None:
    select(panel, MONEY_ID)
    dialog = panel._edit(panel.current_rule())
    assert not dialog.name.isEnabled() and not dialog.filter.isEnabled() and not dialog.kind.isEnabled()
    dialog.title.setText("Pago: {{ reference }}")
    dialog.message.setPlainText("{{ payer }} pagou {{ amount_text }} ({{ status_label }})")
    dialog.grab().save(str(tmp_path / "builtin_rule_dialog.png"))
    dialog._save()
    assert panel.current_rule() is not None and panel.current_rule().subject == "Pago: {{ reference }}"

    confirm_payment()
    assert shown(alerts)[0] == ("Pago: pedido-1001", "Maria da Silva pagou R$149.90 (Confirmed)")

    # Kept across a restart, in settings.ini.
    again = Notifier(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.templates("money_confirmed")[0] == "Pago: {{ reference }}"

    select(panel, MONEY_ID)
    assert panel.restore_button.isEnabled()
    panel.restore_default()
    confirm_payment()
    assert shown(alerts)[0] == CONFIRMED


def test_a_broken_template_falls_back_to_the_default_and_shows_in_the_rule_row(
    qtbot,
    store: Store,
    notifier: Notifier,
    panel: ActionsPanel,
    alerts: AlertList,
    confirm_payment: Callable[[], None],
) -> None:
    notifier.set_builtin_templates(MONEY_ID, "{% if %}", "{{ 1 + 'a' }}")
    confirm_payment()
    assert shown(alerts) == [CONFIRMED]
    queue = panel.rules_model.index(row_of(panel, MONEY_ID), RuleCol.QUEUE)
    assert queue.data().startswith("template error:")
    assert queue.data(Qt.ItemDataRole.ForegroundRole) is not None
    panel.resize(1280, 400)
    panel.grab().save("/tmp/builtin_rules_error.png")

    notifier.set_builtin_templates(MONEY_ID, "Pago: {{ reference }}", "")  # fixed: the error goes
    queue = panel.rules_model.index(row_of(panel, MONEY_ID), RuleCol.QUEUE)
    assert not queue.data().startswith("template error:")
    confirm_payment()
    assert shown(alerts)[0] == ("Pago: pedido-1001", CONFIRMED[1])


def test_the_signature_warning_is_a_template_too(store: Store, notifier: Notifier, alerts: AlertList) -> None:
    deliver(store, ["juno-charge-created", "juno-charge-paid"])
    (tampered,) = deliver(store, ["juno-charge-tampered"], start=BASE_TIME + 60)
    notifier.set_builtin_templates(SIGNATURE_ID, "", "{{ verdict }} #{{ id }} ({{ signature }})")
    notifier.on_events_arrived(store, [tampered])
    assert shown(alerts) == [("Invalid signature", f"Invalid signature #{tampered} (invalid)")]


@pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)
def test_the_window_shows_the_built_in_rules_beside_the_stored_ones(
    qtbot,
    window: MainWindow,  # noqa: F811 (the imported fixture)
) -> None:
    panel = window.actions_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.rules_model.rowCount() == 4)  # the config file's rule, then the built-ins
    assert panel.rules_model.rule(0) is not None and panel.rules_model.rule(0).origin == "config"
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("Notifications"))
    menu_money = next(a for a in menu.actions() if a.text().startswith("Notify when a payment is c"))
    assert menu_money.isChecked()
    select(panel, MONEY_ID)
    panel.toggle_rule()
    assert not menu_money.isChecked()
    panel.grab().save("/tmp/actions_builtin.png")
