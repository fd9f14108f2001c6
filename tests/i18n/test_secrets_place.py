"""Where secrets are kept, said in the window's language (the store's own text stays English)."""

from __future__ import annotations

from pathlib import Path

from keyring.backends import fail

from desktop.store.secrets import SecretStore
from desktop.ui.secrets_place import secrets_place


def test_in_pt_br_the_fallback_file_and_its_reason_are_portuguese(tmp_path: Path, pt_br) -> None:
    secrets = SecretStore(tmp_path, backend=fail.Keyring())
    text = secrets_place(secrets)
    assert text.startswith("arquivo ") and "secrets.json (legível só por você)" in text
    assert text.endswith("— nenhum chaveiro do sistema encontrado")
    assert "no system keyring found" in secrets.backend_description  # logs and CLI: English


def test_in_english_it_reads_as_the_store_says(tmp_path: Path) -> None:
    secrets = SecretStore(tmp_path, backend=fail.Keyring())
    assert secrets_place(secrets) == secrets.backend_description
