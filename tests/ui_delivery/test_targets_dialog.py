"""The targets dialog: problems said next to the form, saving, removing with a question first."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.targets import Target
from desktop.ui.delivery.service import DeliveryService
from desktop.ui.delivery.targets_dialog import TargetsDialog
from tests.ui_delivery.conftest import QT_OFFSCREEN_WARNING

pytestmark = pytest.mark.qt_log_ignore(QT_OFFSCREEN_WARNING)


@pytest.fixture
def dialog(qtbot, service: DeliveryService) -> TargetsDialog:
    widget = TargetsDialog(service)
    qtbot.addWidget(widget)
    widget.open()
    return widget


def test_a_url_without_a_scheme_is_said_while_typing_and_not_saved(
    qtbot, dialog: TargetsDialog, service: DeliveryService
) -> None:
    dialog.name_edit.setText("my app")
    qtbot.keyClicks(dialog.url_edit, "x")  # any edit re-checks the URL
    dialog.url_edit.setText("")
    qtbot.keyClicks(dialog.url_edit, "127.0.0.1:3000/hooks")

    assert "it needs a scheme, e.g. http://127.0.0.1:3000/hooks" in dialog.url_error.text()
    assert not dialog.save_current()
    assert dialog.message.text().startswith("Not saved: invalid URL")
    assert service.list_targets() == []


def test_a_target_is_saved_with_its_headers_path_rules_and_timeout(
    dialog: TargetsDialog, service: DeliveryService
) -> None:
    dialog.name_edit.setText("my app")
    dialog.url_edit.setText("http://127.0.0.1:3000/webhooks/juno")
    dialog.keep_path.setChecked(True)
    dialog.strip_edit.setText("/juno")
    dialog.timeout.setValue(2.5)
    dialog.add_headers.set_headers([("X-Env", "dev")])
    dialog.drop_edit.setText("Cookie, X-Forwarded-For")

    assert dialog.save_current()

    [saved] = service.list_targets()
    assert (saved.name, saved.url, saved.strip_prefix, saved.timeout_s) == (
        "my app",
        "http://127.0.0.1:3000/webhooks/juno",
        "/juno",
        2.5,
    )
    assert saved.add_headers == (("X-Env", "dev"),)
    assert saved.drop_headers == ("Cookie", "X-Forwarded-For")
    assert dialog.list.count() == 1 and dialog.message.text() == "Saved “my app”."


def test_a_second_target_with_the_same_name_is_refused_in_words(
    dialog: TargetsDialog, service: DeliveryService
) -> None:
    service.save_target(Target(name="my app", url="http://127.0.0.1:3000"))
    dialog.new_target()
    dialog.name_edit.setText("my app")

    assert not dialog.save_current()
    assert dialog.message.text() == "Not saved: a target named 'my app' already exists"


def test_removing_a_target_asks_first(dialog: TargetsDialog, service: DeliveryService) -> None:
    service.save_target(Target(name="old", url="http://127.0.0.1:3000"))
    dialog.reload()

    dialog.remove_current()
    assert service.list_targets() != []  # nothing happens before the answer
    dialog.confirm_box.button(QMessageBox.StandardButton.Yes).click()

    assert service.list_targets() == []
    assert "Removed “old”" in dialog.message.text()
