"""API credentials: the environment variable named in `[providers.<name>]` first, then the
keyring (through SecretStore, the app's only place for secrets), never the config file, the
database or a log line.

In the keyring a credential is kept under `provider:<name>:<field>`; endpoint secrets are kept
under their path, which starts with '/', so the two never collide.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from desktop.core.config import CREDENTIAL_FIELDS, ProviderAccount
from desktop.core.translation_marks import QT_TRANSLATE_NOOP
from desktop.store.secrets import SecretStore
from desktop.subscriptions.base import CredentialsMissing

# What each field is called where the user finds it (the Juno panel says "Token Privado");
# the credentials dialog shows it translated.
FIELD_LABELS = {
    "client_id": QT_TRANSLATE_NOOP("CredentialsDialog", "Client ID"),
    "client_secret": QT_TRANSLATE_NOOP("CredentialsDialog", "Client Secret"),
    "resource_token": QT_TRANSLATE_NOOP("CredentialsDialog", "Private token (X-Resource-Token)"),
    "api_key": QT_TRANSLATE_NOOP("CredentialsDialog", "API key"),
}


def keyring_key(provider: str, credential: str) -> str:
    return f"provider:{provider}:{credential}"


def fields(provider: str) -> tuple[str, ...]:
    return tuple(name for name, _ in CREDENTIAL_FIELDS.get(provider, ()))


def _lookup(account: ProviderAccount, credential: str, secrets: SecretStore | None) -> tuple[str, str]:
    """(value, where it came from); value '' when it is nowhere."""
    variable = account.env_name(credential)
    value = os.environ.get(variable, "") if variable else ""
    if value:
        return value, f"${variable}"
    if secrets is not None:
        stored = secrets.get(keyring_key(account.provider, credential))
        if stored:
            return stored, secrets.location(keyring_key(account.provider, credential)) or "keyring"
    return "", ""


def sources(account: ProviderAccount, secrets: SecretStore | None) -> dict[str, str]:
    """Where each credential comes from ('$JUNO_CLIENT_ID', 'keyring', 'file'), '' when unset."""
    return {name: _lookup(account, name, secrets)[1] for name in fields(account.provider)}


def load(account: ProviderAccount, secrets: SecretStore | None) -> dict[str, str]:
    """Every credential the provider's client needs; CredentialsMissing names the absent ones
    and where they were looked for."""
    found: dict[str, str] = {}
    missing: list[str] = []
    for name in fields(account.provider):
        value, _ = _lookup(account, name, secrets)
        if value:
            found[name] = value
        else:
            missing.append(f"{FIELD_LABELS.get(name, name)} (${account.env_name(name)} or the keyring)")
    if missing:
        raise CredentialsMissing(
            f"{account.provider}: missing credentials: {', '.join(missing)}. "
            "Enter them in Subscriptions → Credentials…, or set the environment variables."
        )
    return found


def save(provider: str, values: Mapping[str, str], secrets: SecretStore) -> None:
    """Store the credentials typed in the window (blank fields are left as they were)."""
    for name, value in values.items():
        if name in fields(provider) and value.strip():
            secrets.set(keyring_key(provider, name), value.strip())


def forget(provider: str, secrets: SecretStore) -> None:
    for name in fields(provider):
        secrets.delete(keyring_key(provider, name))
