"""Typing a provider's API credentials once: they go to the keyring (SecretStore), never to a
file the app writes in the clear, and the fields never show a stored value back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core.config import ProviderAccount
from desktop.store.secrets import SecretStore, SecretStoreError
from desktop.subscriptions import credentials
from desktop.ui.theme import Tone, text_style


class CredentialsDialog(QDialog):
    """Signals: saved(): new credentials were stored."""

    saved = Signal()

    def __init__(self, account: ProviderAccount, secrets: SecretStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.secrets = secrets
        self.setWindowTitle(self.tr("Credenciais da API — {0}").format(account.provider))
        sources = credentials.sources(account, secrets)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name in credentials.fields(account.provider):
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMinimumWidth(380)  # room for the placeholder that says where it comes from
            where = sources.get(name, "")
            edit.setPlaceholderText(
                self.tr("guardado ({0}); deixe em branco para manter").format(where)
                if where
                else self.tr("não definido (${0} ou o chaveiro)").format(account.env_name(name))
            )
            self.fields[name] = edit
            form.addRow(credentials.FIELD_LABELS.get(name, name), edit)
        note = QLabel(
            self.tr(
                "Guardadas em: {0}. Uma variável de ambiente com o mesmo papel tem prioridade. "
                "Nunca vão para o arquivo de configuração nem para o banco de dados."
            ).format(secrets.backend_description)
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
            self.problem.setText(self.tr("Não foi possível guardar: {0}").format(exc))
            return
        for edit in self.fields.values():
            edit.clear()
        self.saved.emit()
        self.accept()
