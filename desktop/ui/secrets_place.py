"""Where endpoint secrets and provider credentials are kept, in the window's language.

The store words it in English for logs and the command line (SecretStore.backend_description);
the Endpoints and Credentials dialogs show this instead, so a pt_BR window says
"arquivo … (legível só por você) — nenhum chaveiro do sistema encontrado".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.store.secrets import SecretStore


def secrets_place(secrets: SecretStore) -> str:
    label = secrets.keyring_label
    if label is not None:
        return QCoreApplication.translate("SecretsPlace", "system keyring ({0})").format(label)
    template, detail = secrets.fallback_reason
    reason = QCoreApplication.translate("SecretsPlace", template).format(detail)
    return QCoreApplication.translate("SecretsPlace", "file {0} (readable only by you) — {1}").format(
        secrets.shown_path, reason
    )
