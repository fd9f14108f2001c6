"""Endpoint secrets: the OS keyring when there is one, else a file only the user can read.

This is the only place secrets are stored. They never go to the events database, to
`endpoints.json`, to logs or to exports. Some machines have no usable keyring (a headless
Linux box without a Secret Service, a container); there the secrets go to `secrets.json` in
the data directory, created with mode 0600, and `backend_description` says so, so the UI can
tell the user instead of failing or pretending.

Deriving a request asks for its endpoint's secret, thousands of times a second under load,
and a keyring lookup is an IPC round trip (D-Bus, Keychain), so lookups are cached in memory;
`set`/`delete` update the cache and `refresh` drops it.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import threading
import time
from pathlib import Path
from typing import Literal

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from desktop.core.translation_marks import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

SERVICE = "webhook-monitor"  # keyring service name; the username is the endpoint path
SECRETS_FILENAME = "secrets.json"
FILE_MODE = 0o600

Location = Literal["keyring", "file"]

# keyring's own names ("SecretService Keyring") mean little to a finance user.
_FRIENDLY_NAMES = {
    "SecretService Keyring": "Secret Service",
    "macOS Keyring": "macOS Keychain",
    "Windows WinVaultKeyring": "Windows Credential Locker",
    "kwallet DBusKeyring": "KWallet",
}


class SecretStoreError(RuntimeError):
    """A secret could not be stored; the message says why in words a user understands."""


def unusable_reason(backend: KeyringBackend) -> str:
    """Why this keyring backend cannot keep secrets, or '' when it looks usable."""
    if isinstance(backend, fail.Keyring):
        return QT_TRANSLATE_NOOP("SecretsPlace", "no system keyring found")
    if isinstance(backend, null.Keyring):
        return QT_TRANSLATE_NOOP("SecretsPlace", "the system keyring is disabled")
    # An empty chainer accepts set_password and silently stores nothing.
    if isinstance(backend, chainer.ChainerBackend) and not list(backend.backends):
        return QT_TRANSLATE_NOOP("SecretsPlace", "no system keyring found")
    return ""


def backend_label(backend: KeyringBackend) -> str:
    if isinstance(backend, chainer.ChainerBackend):
        inner = list(backend.backends)
        if inner:
            backend = inner[0]
    name = str(getattr(backend, "name", type(backend).__name__))
    return _FRIENDLY_NAMES.get(name, name)


def _display_path(path: Path) -> str:
    """`~/...` when under the home directory: shorter, and it is what users recognise."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


class SecretStore:
    """Secrets by endpoint key (the endpoint path). Safe to use from any thread.

    Args:
        data_dir: where the fallback file lives.
        backend: the keyring backend; None means the system's (`keyring.get_keyring()`),
            looked up on first use, not at construction. Tests pass an in-memory one.
    """

    def __init__(self, data_dir: Path, backend: KeyringBackend | None = None) -> None:
        self.path = data_dir / SECRETS_FILENAME
        self._given = backend
        self._backend: KeyringBackend | None = None
        self._resolved = False
        self._fallback_reason = ""
        self._fallback_detail = ""  # the keyring's error, for "the system keyring failed ({0})"
        self._lock = threading.RLock()
        self._cache: dict[str, tuple[str | None, Location | None]] = {}
        # A problem with the fallback file the UI should show (permissions fixed, file unreadable).
        self.problem = ""

    # -- where secrets go ---------------------------------------------------------------------

    @property
    def uses_keyring(self) -> bool:
        return self._keyring() is not None

    @property
    def backend_description(self) -> str:
        backend = self._keyring()
        if backend is not None:
            return f"system keyring ({backend_label(backend)})"
        template, detail = self.fallback_reason
        return f"file {_display_path(self.path)} (readable only by you) — {template.format(detail)}"

    @property
    def keyring_label(self) -> str | None:
        """The keyring's friendly name, or None when secrets go to the file."""
        backend = self._keyring()
        return backend_label(backend) if backend is not None else None

    @property
    def shown_path(self) -> str:
        return _display_path(self.path)

    @property
    def fallback_reason(self) -> tuple[str, str]:
        """Why the file: an English template ('{0}' for the detail) and its detail, so a window
        can word it in its language (context "SecretsPlace")."""
        self._keyring()
        return self._fallback_reason, self._fallback_detail

    def _keyring(self) -> KeyringBackend | None:
        with self._lock:
            if not self._resolved:
                self._resolved = True
                backend = self._given if self._given is not None else keyring.get_keyring()
                reason = unusable_reason(backend)
                if reason:
                    self._fallback_reason = reason
                    log.info("%s: endpoint secrets are kept in %s", reason, self.path)
                else:
                    self._backend = backend
            return self._backend

    def _keyring_failed(self, exc: BaseException, secret: str | None = None) -> None:
        """Fall back to the file for the rest of the session, and say so."""
        message = f"{type(exc).__name__}: {exc}"
        if secret:
            message = message.replace(secret, "•••")  # a backend's error text is not trusted
        self._backend = None
        self._fallback_reason = QT_TRANSLATE_NOOP("SecretsPlace", "the system keyring failed ({0})")
        self._fallback_detail = message
        self._cache.clear()  # what the keyring answered before is unreachable now
        log.warning("the system keyring failed (%s); endpoint secrets are kept in %s", message, self.path)

    # -- the interface ------------------------------------------------------------------------

    def get(self, endpoint_key: str) -> str | None:
        return self._lookup(endpoint_key)[0]

    def location(self, endpoint_key: str) -> Location | None:
        """Where this endpoint's secret is kept, or None when it has none."""
        return self._lookup(endpoint_key)[1]

    def set(self, endpoint_key: str, secret: str) -> Location:
        """Store a secret; returns where it went. Raises SecretStoreError if nowhere would take it."""
        if not secret:
            raise ValueError("an empty secret: use delete() to remove one")
        with self._lock:
            backend = self._keyring()
            if backend is not None:
                try:
                    backend.set_password(SERVICE, endpoint_key, secret)
                    # Some backends accept a secret and drop it (a chain whose members all refuse).
                    if backend.get_password(SERVICE, endpoint_key) != secret:
                        raise KeyringError("the keyring did not keep the secret")
                except Exception as exc:
                    self._keyring_failed(exc, secret)
                else:
                    self._remove_from_file(endpoint_key)  # an older copy from a keyring-less session
                    self._cache[endpoint_key] = (secret, "keyring")
                    return "keyring"
            secrets = self._read_file()
            secrets[endpoint_key] = secret
            self._write_file(secrets)
            self._cache[endpoint_key] = (secret, "file")
            return "file"

    def delete(self, endpoint_key: str) -> None:
        """Forget a secret wherever it is kept; deleting an absent one is not an error."""
        with self._lock:
            backend = self._keyring()
            if backend is not None:
                try:
                    backend.delete_password(SERVICE, endpoint_key)
                except PasswordDeleteError:
                    pass  # it was not there
                except Exception as exc:
                    self._keyring_failed(exc)
            self._remove_from_file(endpoint_key)
            self._cache[endpoint_key] = (None, None)

    def refresh(self) -> None:
        """Forget cached lookups (e.g. after another program changed the keyring)."""
        with self._lock:
            self._cache.clear()

    def _lookup(self, key: str) -> tuple[str | None, Location | None]:
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                return cached
            result: tuple[str | None, Location | None] = (None, None)
            backend = self._keyring()
            if backend is not None:
                try:
                    value = backend.get_password(SERVICE, key)
                except Exception as exc:
                    self._keyring_failed(exc)
                else:
                    if value:
                        result = (value, "keyring")
            if result[0] is None:
                # Also when a keyring exists: a secret saved while it was missing still counts.
                value = self._read_file().get(key)
                if value:
                    result = (value, "file")
            self._cache[key] = result
            return result

    # -- the fallback file --------------------------------------------------------------------

    def _read_file(self) -> dict[str, str]:
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise SecretStoreError(f"cannot read the secrets file {self.path}: {exc.strerror}") from exc
        with os.fdopen(fd, "rb") as file:
            self._check_permissions(file.fileno())
            raw = file.read()
        try:
            data = json.loads(raw)
            secrets = data["secrets"]
            if not isinstance(secrets, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in secrets.items()
            ):
                raise TypeError("'secrets' must map paths to strings")
        except (ValueError, KeyError, TypeError) as exc:
            kept = self._set_aside()
            self.problem = (
                f"The secrets file was unreadable ({type(exc).__name__}) and was moved to {kept}; "
                "enter the endpoint secrets again."
            )
            log.error(
                "secrets file %s is unreadable (%s); moved it to %s", self.path, type(exc).__name__, kept
            )
            return {}
        return dict(secrets)

    def _check_permissions(self, fd: int) -> None:
        """Complain about, and fix, a secrets file that others can read."""
        if os.name != "posix":
            return  # Windows: the per-user data directory's ACL is what protects it
        info = os.fstat(fd)
        if info.st_uid != os.getuid():
            self.problem = f"The secrets file {self.path} belongs to another user (uid {info.st_uid})."
            log.warning("secrets file %s belongs to uid %d, not to this user", self.path, info.st_uid)
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077:
            try:
                os.fchmod(fd, FILE_MODE)
            except OSError as exc:
                self.problem = (
                    f"The secrets file {self.path} is readable by others (mode {mode:04o}) and its "
                    f"permissions could not be fixed: {exc.strerror}."
                )
            else:
                self.problem = (
                    f"The secrets file {self.path} was readable by others (mode {mode:04o}); it is now "
                    "readable only by you. Consider changing the secrets it held."
                )
            log.warning("secrets file %s had mode %04o; restricting it to 0600", self.path, mode)

    def _write_file(self, secrets: dict[str, str]) -> None:
        if not secrets:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed over it: a crash never leaves half a file, and
        # the new file is 0600 from its first byte (never created open, then restricted).
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        payload = json.dumps({"version": 1, "secrets": secrets}, indent=2, sort_keys=True).encode()
        try:
            fd = os.open(tmp, flags, FILE_MODE)
            with os.fdopen(fd, "wb") as file:
                if hasattr(os, "fchmod"):
                    os.fchmod(file.fileno(), FILE_MODE)  # a umask cannot add bits, but be exact
                file.write(payload)
                file.flush()
                os.fsync(file.fileno())
            os.replace(tmp, self.path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise SecretStoreError(f"cannot write the secrets file {self.path}: {exc.strerror}") from exc

    def _remove_from_file(self, key: str) -> None:
        if not self.path.exists():
            return
        secrets = self._read_file()
        if key in secrets:
            del secrets[key]
            self._write_file(secrets)

    def _set_aside(self) -> Path:
        """Keep an unreadable file's bytes (renaming keeps its 0600 mode) rather than overwrite it."""
        target = self.path.with_name(f"{self.path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(self.path, target)
        return target
