"""One Settings dialog: theme, language, listener, finance zone, notifications, retention."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from desktop.core.config import Settings
from desktop.core.finance_day import chosen_timezone
from desktop.core.retention import RetentionPolicy
from desktop.runtime import Services, build_services
from desktop.ui.app import create_window
from desktop.ui.main_window import MainWindow
from desktop.ui.retention_dialog import RetentionDialog
from desktop.ui.settings.dialog import SettingsDialog
from desktop.ui.settings.listener_overrides import pinned_listener_keys, with_overrides
from desktop.ui.theme import is_dark
from tests.app.conftest import no_keyring

# Dialogs are opened (shown) as the app opens them; the offscreen platform says it cannot size them.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    running = build_services(Settings(host="127.0.0.1", port=0), data_dir, keyring_backend=no_keyring())
    yield running
    running.close()


@pytest.fixture
def window(qtbot, services: Services) -> Iterator[MainWindow]:
    win = create_window(services)
    qtbot.addWidget(win)
    win.start_listener()
    yield win
    win.close()


@pytest.fixture
def dialog(qtbot, window: MainWindow) -> SettingsDialog:
    opened = window.open_settings()
    qtbot.addWidget(opened)
    return opened


def saved(window: MainWindow) -> QSettings:
    """settings.ini as the next start reads it (a fresh reader, not the window's object)."""
    return QSettings(str(window.services.store.data_dir / "settings.ini"), QSettings.Format.IniFormat)


def tab(dialog: SettingsDialog, title: str) -> None:
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    dialog.tabs.setCurrentIndex(titles.index(title))


def test_edit_menu_opens_settings_with_ctrl_comma(window: MainWindow) -> None:
    assert window.settings_action.shortcut() == QKeySequence("Ctrl+,")
    window.settings_action.trigger()
    opened = window.findChildren(SettingsDialog)
    assert len(opened) == 1
    assert [opened[0].tabs.tabText(i) for i in range(opened[0].tabs.count())] == [
        "Appearance",
        "Listener",
        "Finance",
        "Notifications",
        "Retention",
    ]
    opened[0].close()


def test_choosing_dark_saves_it_and_applies_it_at_once(
    qapp: QApplication, window: MainWindow, dialog: SettingsDialog
) -> None:
    try:
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        assert saved(window).value("ui/theme") == "dark"
        assert is_dark(qapp.palette())
    finally:
        dialog.theme.setCurrentIndex(dialog.theme.findData("system"))
    assert saved(window).value("ui/theme") == "system"


def test_the_language_is_saved_for_the_next_start(window: MainWindow, dialog: SettingsDialog) -> None:
    dialog.language.setCurrentIndex(dialog.language.findData("pt_BR"))
    assert saved(window).value("ui/language") == "pt_BR"
    assert any(
        "after a restart" in label.text() for label in dialog.findChildren(type(dialog.listener_saved))
    )


def test_listener_choices_apply_at_the_next_start_unless_the_command_line_or_config_sets_them(
    qtbot, window: MainWindow, dialog: SettingsDialog, tmp_path: Path
) -> None:
    tab(dialog, "Listener")
    dialog.port.setValue(18080)
    dialog.body_limit.setValue(3)
    dialog.token_env.setText("MY_TOKEN")
    qtbot.mouseClick(dialog.save_listener, Qt.MouseButton.LeftButton)
    assert "next start" in dialog.listener_saved.text()
    ini = saved(window)
    start = with_overrides(Settings(), ini, {})
    assert (start.port, start.max_body_mb, start.listener.token_env) == (18080, 3.0, "MY_TOKEN")
    config = tmp_path / "config.toml"
    config.write_text("[listener]\nmax_body_mb = 9\n", encoding="utf-8")
    pinned = pinned_listener_keys(config, host=None, port=9000)
    assert pinned == {"max_body_mb": "config", "port": "command line"}
    start = with_overrides(Settings(port=9000, max_body_mb=9), ini, pinned)
    assert (start.port, start.max_body_mb, start.listener.token_env) == (9000, 9.0, "MY_TOKEN")


def test_a_setting_the_config_file_pins_is_shown_but_not_editable(
    qtbot, window: MainWindow, services: Services
) -> None:
    window.listener_pinned = {"port": "command line", "host": "config"}
    opened = window.open_settings()
    qtbot.addWidget(opened)
    assert not opened.port.isEnabled()
    assert not opened.host.isEnabled()
    assert opened.body_limit.isEnabled()
    opened.close()


def test_listen_on_this_port_now_moves_the_running_listener(
    qtbot, window: MainWindow, dialog: SettingsDialog
) -> None:
    from desktop.listener.server import free_port

    port = free_port("127.0.0.1")
    dialog.port.setValue(port)
    qtbot.mouseClick(dialog.listen_now, Qt.MouseButton.LeftButton)
    assert window.services.listener.port == port
    assert window.listener_bar.url.text() == f"http://127.0.0.1:{port}/"
    assert window.first_run.page.url.text() == f"http://127.0.0.1:{port}/"


def test_the_finance_zone_is_the_one_the_commands_read(window: MainWindow, dialog: SettingsDialog) -> None:
    tab(dialog, "Finance")
    dialog.zone.setCurrentText("America/Manaus")
    dialog.keep_zone()
    assert window.finance_timezone == "America/Manaus"
    assert chosen_timezone(None, window.services.store.data_dir) == "America/Manaus"
    dialog.zone.setCurrentText("Mars/Olympus")
    dialog.keep_zone()
    assert "Mars/Olympus" in dialog.zone_problem.text()
    assert chosen_timezone(None, window.services.store.data_dir) == "America/Manaus"


def test_notifications_are_the_notifiers_own_settings_and_the_menus(qtbot, window: MainWindow) -> None:
    dialog = window.open_settings()  # not handed to qtbot: this test deletes it
    tab(dialog, "Notifications")
    first, menu_entry = dialog.notification_boxes[0], window.notification_actions[0]
    was = window.notifier.settings.money_confirmed
    first.setChecked(not was)
    assert window.notifier.settings.money_confirmed is (not was)
    assert menu_entry.isChecked() is (not was)
    gone: list[bool] = []
    dialog.destroyed.connect(lambda: gone.append(True))
    dialog.close()  # deleted once closed
    qtbot.waitUntil(lambda: bool(gone))
    menu_entry.setChecked(was)  # the closed dialog's boxes no longer listen (no error)
    assert window.notifier.settings.money_confirmed is was


def test_retention_opens_the_retention_dialog(qtbot, window: MainWindow, dialog: SettingsDialog) -> None:
    tab(dialog, "Retention")
    qtbot.mouseClick(dialog.retention_button, Qt.MouseButton.LeftButton)
    opened = dialog.findChildren(RetentionDialog)
    assert len(opened) == 1
    opened[0].close()


def retention_summary(dialog: SettingsDialog) -> str:
    [label] = [
        label for label in dialog.findChildren(QLabel) if label.text().startswith(("Keeping", "Guardando"))
    ]
    return label.text()


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            RetentionPolicy(keep_events=12345, keep_days=1, keep_gb=1.5),
            "the newest 12,345 events, 1 day, under 1.5 GB",
        ),
        (RetentionPolicy(keep_days=30), "30 days"),
        (RetentionPolicy(keep_days=0.5), "0.5 days"),
    ],
)
def test_the_retention_summary_writes_numbers_and_days_as_english_does(
    qtbot, window: MainWindow, policy: RetentionPolicy, expected: str
) -> None:
    window.services.set_retention(policy)
    opened = window.open_settings()
    qtbot.addWidget(opened)
    assert retention_summary(opened) == f"Keeping: {expected}."


def test_the_retention_summary_in_pt_br(qtbot, pt_br, services: Services) -> None:
    services.set_retention(RetentionPolicy(keep_events=12345, keep_days=1, keep_gb=1.5))
    win = create_window(services)
    qtbot.addWidget(win)
    opened = win.open_settings()
    qtbot.addWidget(opened)
    assert retention_summary(opened) == "Guardando: os 12.345 eventos mais novos, 1 dia, abaixo de 1,5 GB."
    services.set_retention(RetentionPolicy(keep_days=30))
    again = win.open_settings()
    qtbot.addWidget(again)
    assert "30 dias" in retention_summary(again)
    win.close()
