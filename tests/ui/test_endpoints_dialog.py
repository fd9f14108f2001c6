"""The endpoints dialog as a user sees it: the list, the secret field, saving, the storage notice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from desktop.core.config import Endpoint
from desktop.store.endpoints import EndpointStore
from desktop.store.secrets import SecretStore
from desktop.ui.endpoints.dialog import COL_PATH, COL_SECRET, COL_SOURCE, EndpointsDialog
from tests.store.test_secrets import SECRET, MemoryKeyring

# The offscreen QPA plugin (used by the tests) cannot pass a dialog's minimum size to a window
# system and warns when a shown dialog's layout sets one; real platforms do not warn.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

STRIPE = Endpoint("/stripe", "stripe", secret_env="TEST_DIALOG_STRIPE", name="Stripe")


def make_store(data_dir: Path, backend: object | None = None) -> EndpointStore:
    secrets = SecretStore(data_dir, backend or MemoryKeyring())  # type: ignore[arg-type]
    store = EndpointStore(data_dir, (STRIPE,), secrets)
    store.save_user_endpoints([Endpoint("/juno", "juno", name="Juno")])
    return store


@pytest.fixture
def store(data_dir: Path, monkeypatch) -> EndpointStore:
    monkeypatch.setenv("TEST_DIALOG_STRIPE", "whsec_from_env")
    return make_store(data_dir)


@pytest.fixture
def dialog(qtbot, store: EndpointStore) -> EndpointsDialog:
    widget = EndpointsDialog(store)
    qtbot.addWidget(widget)
    widget.open()
    return widget


def cell(dialog: EndpointsDialog, row: int, column: int) -> str:
    return dialog.table.item(row, column).text()


def save(dialog: EndpointsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_config_and_app_endpoints_are_listed_with_their_secret_state(qtbot, store: EndpointStore) -> None:
    assert store.secrets is not None
    store.secrets.set("/juno", SECRET)
    dialog = EndpointsDialog(store)
    qtbot.addWidget(dialog)
    rows = [
        (cell(dialog, r, COL_PATH), cell(dialog, r, COL_SECRET), cell(dialog, r, COL_SOURCE)) for r in (0, 1)
    ]
    assert rows == [
        ("/stripe", "from $TEST_DIALOG_STRIPE", "config file"),
        ("/juno", "set (keyring)", "this app"),
    ]


def test_a_config_endpoint_cannot_be_renamed_or_removed_but_takes_a_secret(dialog: EndpointsDialog) -> None:
    dialog.table.selectRow(0)
    assert not dialog.path_edit.isEnabled()
    assert not dialog.provider_combo.isEnabled()
    assert not dialog.remove_button.isEnabled()
    assert dialog.secret_edit.isEnabled()
    assert dialog.read_only_note.isVisible()


def test_adding_an_endpoint_with_a_secret_saves_both_and_asks_to_reverify(
    qtbot, dialog, store, data_dir
) -> None:
    dialog.add_button.click()
    qtbot.keyClicks(dialog.path_edit, "/asaas")
    dialog.provider_combo.setCurrentText("asaas")
    qtbot.keyClicks(dialog.secret_edit, "asaas-token")
    assert cell(dialog, 2, COL_SECRET) == "will be set on save"
    with (
        qtbot.waitSignal(dialog.endpoints_changed),
        qtbot.waitSignal(dialog.secret_changed, check_params_cb=lambda path: path == "/asaas"),
        qtbot.assertNotEmitted(dialog.mapping_changed),
    ):
        save(dialog)
    assert Endpoint("/asaas", "asaas") in store.endpoints()
    assert store.secrets is not None
    assert (store.secrets.get("/asaas"), store.secrets.location("/asaas")) == ("asaas-token", "keyring")
    assert "asaas-token" not in (data_dir / "endpoints.json").read_text()
    assert not dialog.isVisible()


def test_clearing_a_secret_deletes_it_and_asks_to_reverify(qtbot, store: EndpointStore) -> None:
    assert store.secrets is not None
    store.secrets.set("/juno", SECRET)
    dialog = EndpointsDialog(store)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(1)
    dialog.clear_secret.click()
    assert cell(dialog, 1, COL_SECRET) == "will be cleared on save"
    with qtbot.waitSignal(dialog.secret_changed, check_params_cb=lambda path: path == "/juno"):
        save(dialog)
    assert store.secrets.get("/juno") is None


def test_the_secret_is_masked_until_show_is_pressed(dialog: EndpointsDialog) -> None:
    assert dialog.secret_edit.echoMode() == QLineEdit.EchoMode.Password
    dialog.show_secret.click()
    assert dialog.secret_edit.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.show_secret.text() == "Hide"
    dialog.show_secret.click()
    assert dialog.secret_edit.echoMode() == QLineEdit.EchoMode.Password


def test_removing_an_endpoint_forgets_its_secret_and_releases_its_path(qtbot, store: EndpointStore) -> None:
    assert store.secrets is not None
    store.secrets.set("/juno", SECRET)
    dialog = EndpointsDialog(store)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(1)
    dialog.remove_button.click()
    assert dialog.table.rowCount() == 1
    with qtbot.waitSignal(dialog.mapping_changed, check_params_cb=lambda path: path == "/juno"):
        save(dialog)
    assert store.user_endpoints() == []
    assert store.secrets.get("/juno") is None


def test_an_invalid_path_is_refused_with_a_reason_and_nothing_is_announced(qtbot, dialog, store) -> None:
    dialog.add_button.click()
    qtbot.keyClicks(dialog.path_edit, "juno2")
    with qtbot.assertNotEmitted(dialog.endpoints_changed), qtbot.assertNotEmitted(dialog.secret_changed):
        save(dialog)
    assert "must start with '/'" in dialog.error.text()
    assert dialog.isVisible()
    assert [e.path for e in store.user_endpoints()] == ["/juno"]


def test_cancel_keeps_everything_as_it_was(qtbot, dialog: EndpointsDialog, store: EndpointStore) -> None:
    dialog.table.selectRow(1)
    qtbot.keyClicks(dialog.secret_edit, "typed-but-cancelled")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert store.secrets is not None
    assert store.secrets.get("/juno") is None


def test_without_a_keyring_the_dialog_says_where_secrets_go(qtbot, tmp_path: Path) -> None:
    store = make_store(tmp_path, fail.Keyring())
    dialog = EndpointsDialog(store)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(1)
    qtbot.keyClicks(dialog.secret_edit, SECRET)
    save(dialog)
    text = dialog.storage.text()
    assert "secrets.json (readable only by you)" in text
    assert "no system keyring found" in text
    assert "background" in dialog.storage.styleSheet()  # shown as a warning, not small print
    secrets_file = tmp_path / "secrets.json"
    assert json.loads(secrets_file.read_text())["secrets"] == {"/juno": SECRET}
    assert SECRET not in (tmp_path / "endpoints.json").read_text()
