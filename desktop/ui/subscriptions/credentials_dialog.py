"""Typing a provider's API credentials once: they go to the keyring (SecretStore), never to a
file the app writes in the clear, and the fields never show a stored value back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core.config import ProviderAccount
from desktop.store.secrets import SecretStore, SecretStoreError
from desktop.subscriptions import credentials
from desktop.ui.secrets_place import secrets_place
from desktop.ui.theme import Tone, text_style


class CredentialsDialog(QDialog):
    """Signals: saved(): new credentials were stored."""

    saved = Signal()

    def __init__(self, account: ProviderAccount, secrets: SecretStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.secrets = secrets
        self.setWindowTitle(self.tr("API credentials — {0}").format(account.provider))
        sources = credentials.sources(account, secrets)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name in credentials.fields(account.provider):
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMinimumWidth(380)  # room for the placeholder that says where it comes from
            where = sources.get(name, "")
            edit.setPlaceholderText(
                self.tr("kept ({0}); leave empty to keep it").format(where)
                if where
                else self.tr("not set (${0} or the keyring)").format(account.env_name(name))
            )
            self.fields[name] = edit
            form.addRow(self.tr(credentials.FIELD_LABELS.get(name, name)), edit)
        note = QLabel(
            self.tr(
                "Kept in: {0}. An environment variable with the same role wins. "
                "They never go to the configuration file nor to the database."
            ).format(secrets_place(secrets))
        )
        note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style(Tone.BAD))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def save(self) -> None:
        values = {name: edit.text() for name, edit in self.fields.items()}
        try:
            credentials.save(self.account.provider, values, self.secrets)
        except SecretStoreError as exc:
            self.problem.setText(self.tr("Could not keep them: {0}").format(exc))
            return
        for edit in self.fields.values():
            edit.clear()
        self.saved.emit()
        self.accept()
