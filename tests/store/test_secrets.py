"""Secrets go to the OS keyring, or to a 0600 file that the store says it is using."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from desktop.store.secrets import SERVICE, SecretStore

SECRET = "8f6b2c1d4e5a79b0c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0"
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


class MemoryKeyring(KeyringBackend):
    """A keyring backend in a dict. It does not define `priority`, so keyring's discovery finds
    it not viable and the system keyring detection can never pick it up."""

    name = "SecretService Keyring"

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.passwords:
            raise PasswordDeleteError("not found")
        del self.passwords[(service, username)]


class LockedKeyring(MemoryKeyring):
    """A keyring that exists but fails when used (a locked collection, D-Bus gone)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError(f"cannot store {password}")  # an error text that leaks: must be redacted


class ForgetfulKeyring(MemoryKeyring):
    """Accepts a secret and keeps nothing, like a chain whose members all decline."""

    def set_password(self, service: str, username: str, password: str) -> None:
        pass


class EmptyChainer(chainer.ChainerBackend):
    """What keyring builds when it finds no backend to chain."""

    viable = False  # never offered by keyring's discovery
    backends: list[object] = []  # noqa: RUF012 - mirrors the class property it replaces


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_secret_goes_to_the_keyring_under_the_endpoint_path(data_dir: Path) -> None:
    backend = MemoryKeyring()
    store = SecretStore(data_dir, backend)
    assert store.set("/juno", SECRET) == "keyring"
    assert backend.passwords == {(SERVICE, "/juno"): SECRET}
    assert SecretStore(data_dir, backend).get("/juno") == SECRET
    assert store.location("/juno") == "keyring"
    assert store.backend_description == "system keyring (Secret Service)"
    assert not (data_dir / "secrets.json").exists()


def test_delete_forgets_the_secret_and_deleting_twice_is_fine(data_dir: Path) -> None:
    backend = MemoryKeyring()
    store = SecretStore(data_dir, backend)
    store.set("/juno", SECRET)
    store.delete("/juno")
    store.delete("/juno")
    assert store.get("/juno") is None
    assert store.location("/juno") is None
    assert backend.passwords == {}


def test_the_system_keyring_is_used_when_none_is_given(data_dir: Path) -> None:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        SecretStore(data_dir).set("/juno", SECRET)
    finally:
        keyring.set_keyring(previous)
    assert backend.passwords[(SERVICE, "/juno")] == SECRET


@pytest.mark.parametrize(
    "backend", [fail.Keyring(), null.Keyring(), EmptyChainer()], ids=["fail", "null", "chain"]
)
def test_without_a_keyring_secrets_go_to_a_file_and_the_store_says_so(
    data_dir: Path, backend: object
) -> None:
    store = SecretStore(data_dir, backend)  # type: ignore[arg-type]
    assert store.set("/juno", SECRET) == "file"
    assert not store.uses_keyring
    assert "secrets.json (readable only by you)" in store.backend_description
    assert "no system keyring found" in store.backend_description or "disabled" in store.backend_description
    assert json.loads((data_dir / "secrets.json").read_text())["secrets"] == {"/juno": SECRET}
    assert SecretStore(data_dir, backend).get("/juno") == SECRET  # type: ignore[arg-type]


@posix_only
def test_the_fallback_file_is_readable_only_by_the_user_even_with_a_lax_umask(data_dir: Path) -> None:
    old = os.umask(0o022)
    try:
        SecretStore(data_dir, fail.Keyring()).set("/juno", SECRET)
    finally:
        os.umask(old)
    assert file_mode(data_dir / "secrets.json") == 0o600


@posix_only
def test_a_secrets_file_others_can_read_is_restricted_and_reported(data_dir: Path) -> None:
    SecretStore(data_dir, fail.Keyring()).set("/juno", SECRET)
    path = data_dir / "secrets.json"
    path.chmod(0o644)
    store = SecretStore(data_dir, fail.Keyring())
    assert store.get("/juno") == SECRET
    assert file_mode(path) == 0o600
    assert "was readable by others (mode 0644)" in store.problem


def test_deleting_the_last_file_secret_removes_the_file(data_dir: Path) -> None:
    store = SecretStore(data_dir, fail.Keyring())
    store.set("/a", "one")
    store.set("/b", "two")
    store.delete("/a")
    assert SecretStore(data_dir, fail.Keyring()).get("/b") == "two"
    store.delete("/b")
    assert not (data_dir / "secrets.json").exists()


def test_a_keyring_that_fails_on_use_falls_back_without_logging_the_secret(data_dir: Path, caplog) -> None:
    store = SecretStore(data_dir, LockedKeyring())  # type: ignore[arg-type]
    assert store.uses_keyring  # it looks fine until it is used
    assert store.set("/juno", SECRET) == "file"
    assert "the system keyring failed (KeyringError" in store.backend_description
    assert SECRET not in store.backend_description
    assert SECRET not in caplog.text
    assert "system keyring failed" in caplog.text
    assert store.get("/juno") == SECRET


def test_a_keyring_that_silently_drops_secrets_is_not_trusted(data_dir: Path) -> None:
    store = SecretStore(data_dir, ForgetfulKeyring())  # type: ignore[arg-type]
    assert store.set("/juno", SECRET) == "file"
    assert store.get("/juno") == SECRET


def test_a_secret_from_a_session_without_keyring_still_counts_and_moves_when_set_again(
    data_dir: Path,
) -> None:
    SecretStore(data_dir, fail.Keyring()).set("/juno", "old")
    backend = MemoryKeyring()
    store = SecretStore(data_dir, backend)
    assert (store.get("/juno"), store.location("/juno")) == ("old", "file")
    store.set("/juno", SECRET)
    assert backend.passwords[(SERVICE, "/juno")] == SECRET
    assert not (data_dir / "secrets.json").exists()


def test_an_unreadable_secrets_file_is_kept_aside_not_overwritten(data_dir: Path) -> None:
    (data_dir / "secrets.json").write_text("{not json")
    store = SecretStore(data_dir, fail.Keyring())
    assert store.get("/juno") is None
    assert "moved to" in store.problem
    kept = list(data_dir.glob("secrets.json.unreadable-*"))
    assert [p.read_text() for p in kept] == ["{not json"]


def test_lookups_are_cached_so_captures_do_not_hit_the_keyring_each_time(data_dir: Path) -> None:
    backend = MemoryKeyring()
    store = SecretStore(data_dir, backend)
    store.set("/juno", SECRET)
    backend.passwords.clear()  # changed behind the store's back
    assert store.get("/juno") == SECRET
    store.refresh()
    assert store.get("/juno") is None
