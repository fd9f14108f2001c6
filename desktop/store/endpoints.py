"""Endpoints defined in the UI, merged with the config file's, and where their secrets come from.

The UI's endpoints (path, provider, name) live in `endpoints.json` in the data directory. Never
their secrets: those go to the SecretStore. The config file's endpoints are read-only here (the
file is the user's, and we do not rewrite it); when both define the same path, the config file
wins, so a team can pin a mapping in a shared config.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.core.config import PROVIDER_NAMES, Endpoint, Settings, match_key
from desktop.core.responses import ResponseSpec, ResponseSpecError, response_spec
from desktop.store.secrets import SecretStore

log = logging.getLogger(__name__)

ENDPOINTS_FILENAME = "endpoints.json"


class EndpointsError(ValueError):
    """Endpoints that cannot be saved; the message says which and why."""


@dataclass(frozen=True, slots=True)
class EndpointEntry:
    """An endpoint as the UI lists it."""

    endpoint: Endpoint
    read_only: bool  # defined in the config file: change it there


@dataclass(slots=True)
class EndpointEdit:
    """One endpoint as the user is editing it, and what to do with its secret on save."""

    path: str
    provider: str
    name: str = ""
    read_only: bool = False
    secret_env: str | None = None
    original: Endpoint | None = None  # as it was saved; None for one added in this edit
    new_secret: str | None = None  # typed, to be stored on save
    clear_secret: bool = False
    response: ResponseSpec | None = None  # the custom answer; None: the default

    def endpoint(self) -> Endpoint:
        return Endpoint(
            normalise_path(self.path),
            self.provider,
            self.secret_env,
            self.name.strip(),
            trusted=self.original.trusted if self.original is not None else False,
            response=self.response,
        )


@dataclass(frozen=True, slots=True)
class SaveResult:
    """Which paths' stored events need re-verifying after a save."""

    secret_paths: tuple[str, ...]  # the secret was set or cleared
    mapping_paths: tuple[str, ...]  # added, removed, renamed or provider changed (not in secret_paths)


def normalise_path(path: str) -> str:
    """'/juno/' and ' /juno' mean '/juno' (Endpoint.matches strips the slash too)."""
    path = path.strip()
    if not path.startswith("/"):
        return path
    return path.rstrip("/") or "/"


def path_problem(path: str) -> str:
    """Why this is not a usable endpoint path, or ''."""
    if not path:
        return "every endpoint needs a path, e.g. /juno"
    if not path.startswith("/"):
        return f"path {path!r} must start with '/'"
    if any(c.isspace() for c in path) or "?" in path or "#" in path:
        return f"path {path!r} must not contain spaces, '?' or '#'"
    return ""


def validate(endpoints: Sequence[Endpoint]) -> list[str]:
    """Everything wrong with a list of endpoints, in words; [] when it can be saved."""
    problems: list[str] = []
    seen: set[str] = set()
    for endpoint in endpoints:
        problem = path_problem(endpoint.path)
        if problem:
            problems.append(problem)
        if endpoint.provider not in PROVIDER_NAMES:
            problems.append(f"{endpoint.path}: unknown provider {endpoint.provider!r}")
        # Compared as requests are matched (case and //, trailing / folded): /JUNO is /juno.
        if match_key(endpoint.path) in seen:
            problems.append(f"path {endpoint.path} is listed twice")
        seen.add(match_key(endpoint.path))
    return problems


class EndpointStore:
    """The endpoint list the Deriver uses, and the secret lookup it calls.

    Args:
        data_dir: where `endpoints.json` lives.
        config_endpoints: the config file's endpoints (`Settings.endpoints` as loaded).
        secrets: where UI-entered secrets are kept; None means environment variables only.
    """

    def __init__(
        self, data_dir: Path, config_endpoints: Sequence[Endpoint] = (), secrets: SecretStore | None = None
    ) -> None:
        self.path = data_dir / ENDPOINTS_FILENAME
        self.config_endpoints = tuple(config_endpoints)
        self.secrets = secrets
        self.problem = ""  # a problem with endpoints.json the UI should show
        self._lock = threading.Lock()
        self._user: list[Endpoint] | None = None

    # -- the list ---------------------------------------------------------------------------

    def user_endpoints(self) -> list[Endpoint]:
        """The endpoints defined in the UI (read from the file once, then kept)."""
        with self._lock:
            if self._user is None:
                self._user = self._load()
            return list(self._user)

    def save_user_endpoints(self, endpoints: Sequence[Endpoint]) -> None:
        """Replace the UI's endpoints. Raises EndpointsError if they are not valid."""
        cleaned = [
            replace(e, path=normalise_path(e.path), secret_env=None, name=e.name.strip()) for e in endpoints
        ]
        problems = validate(cleaned)
        if problems:
            raise EndpointsError("; ".join(problems))
        # Deliberately only these keys: nothing secret can end up in this file.
        payload = {
            "version": 1,
            "endpoints": [_entry(e) for e in cleaned],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.chmod(tmp, 0o600)  # data directory files are the user's only
        os.replace(tmp, self.path)  # never a half-written file
        with self._lock:
            self._user = cleaned

    def edits(self) -> list[EndpointEdit]:
        """The current endpoints as editable rows (what the dialog starts from)."""
        return [
            EndpointEdit(
                path=e.endpoint.path,
                provider=e.endpoint.provider,
                name=e.endpoint.name,
                read_only=e.read_only,
                secret_env=e.endpoint.secret_env,
                original=e.endpoint,
                response=e.endpoint.response,
            )
            for e in self.entries()
        ]

    def save_edits(self, edits: Sequence[EndpointEdit]) -> SaveResult:
        """Store an edited endpoint list and its secret changes. Raises EndpointsError (invalid
        endpoints: nothing is changed) or SecretStoreError (the secret could not be stored)."""
        problems = validate([edit.endpoint() for edit in edits])
        if problems:
            raise EndpointsError("; ".join(problems))
        # Still in use: kept (maybe renamed), or the path some row has now (a config endpoint
        # that shadows a UI one uses the same secret).
        in_use = {edit.original.path for edit in edits if edit.original is not None}
        in_use |= {edit.endpoint().path for edit in edits}
        removed = [e.path for e in self.user_endpoints() if e.path not in in_use]
        secret_paths = self._save_secrets(edits, removed)
        self.save_user_endpoints([edit.endpoint() for edit in edits if not edit.read_only])
        mapping: list[str] = list(removed)
        for edit in edits:
            path, old = edit.endpoint().path, edit.original
            if old is None or old.provider != edit.provider:
                mapping.append(path)
            elif old.path != path:
                mapping += [old.path, path]
        mapping_paths = tuple(dict.fromkeys(p for p in mapping if p not in secret_paths))
        return SaveResult(secret_paths=secret_paths, mapping_paths=mapping_paths)

    def _save_secrets(self, edits: Sequence[EndpointEdit], removed: Sequence[str]) -> tuple[str, ...]:
        """Apply typed, cleared and moved (renamed endpoint) secrets; the paths whose secret changed."""
        writes: dict[str, str] = {}
        deletes: set[str] = set(removed)
        changed: list[str] = []
        for edit in edits:
            path = edit.endpoint().path
            old = edit.original.path if edit.original is not None else None
            renamed = old is not None and old != path
            if edit.new_secret:
                writes[path] = edit.new_secret
                changed.append(path)
            elif edit.clear_secret:
                deletes.add(path)
                changed.append(path)
            elif renamed and self.secrets is not None:
                stored = self.secrets.get(old or "")
                if stored:
                    writes[path] = stored  # the secret follows its endpoint to the new path
            if renamed:
                deletes.add(old or "")
        if (writes or changed) and self.secrets is None:
            raise EndpointsError("secrets cannot be stored: no secret store is configured")
        if self.secrets is not None:
            # Deletes first, so a path that was renamed away and reused keeps its new secret.
            for path in deletes - writes.keys():
                self.secrets.delete(path)
            for path, secret in writes.items():
                self.secrets.set(path, secret)
        return tuple(dict.fromkeys(changed))

    def entries(self) -> list[EndpointEntry]:
        """Config endpoints (read-only) first, then the UI's, minus those the config overrides."""
        pinned = {e.path for e in self.config_endpoints}
        merged = [EndpointEntry(e, read_only=True) for e in self.config_endpoints]
        merged += [EndpointEntry(e, read_only=False) for e in self.user_endpoints() if e.path not in pinned]
        return merged

    def endpoints(self) -> tuple[Endpoint, ...]:
        return tuple(entry.endpoint for entry in self.entries())

    def apply(self, settings: Settings) -> Settings:
        """`settings` with the merged endpoint list (what `Deriver.settings` should be)."""
        return replace(settings, endpoints=self.endpoints())

    # -- secrets ----------------------------------------------------------------------------

    def secret_lookup(self, endpoint: Endpoint) -> str | None:
        """The endpoint's secret: its environment variable first, then the SecretStore.

        Called by the Deriver on the writer thread for every request, so it must never raise.
        """
        from_env = endpoint.env_secret()
        if from_env or self.secrets is None:
            return from_env
        try:
            return self.secrets.get(endpoint.path)
        except Exception as exc:  # an unreadable secrets file must not cost a capture
            log.warning("cannot read the secret of %s: %s", endpoint.path, type(exc).__name__)
            return None

    def secret_state(self, endpoint: Endpoint) -> str:
        """What the UI shows: 'from $ENV', 'set (keyring)', 'set (file)' or 'not set [($ENV is empty)]'."""
        if endpoint.env_secret():
            return f"from ${endpoint.secret_env}"
        location = None
        if self.secrets is not None:
            try:
                location = self.secrets.location(endpoint.path)
            except Exception:
                location = None
        if location:
            return f"set ({location})"
        # Say which variable the config file expects, or the user hunts for why nothing verifies.
        return f"not set (${endpoint.secret_env} is empty)" if endpoint.secret_env else "not set"

    def preload_secrets(self) -> None:
        """Look every secret up once, so the first capture does not wait on the keyring.

        Call it on the UI thread at startup: a locked keyring may ask the user to unlock it,
        and that prompt belongs to the app's start, not to the writer thread mid-burst.
        """
        for endpoint in self.endpoints():
            self.secret_lookup(endpoint)

    # -- the file ---------------------------------------------------------------------------

    def _load(self) -> list[Endpoint]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        try:
            items = json.loads(raw)["endpoints"]
            if not isinstance(items, list):
                raise TypeError("'endpoints' must be a list")
        except (ValueError, KeyError, TypeError) as exc:
            kept = self.path.with_name(f"{self.path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
            os.replace(self.path, kept)  # keep the bytes; the user may want them back
            self.problem = f"{self.path.name} was unreadable ({type(exc).__name__}) and was moved to {kept}."
            log.error("%s", self.problem)
            return []
        endpoints: list[Endpoint] = []
        skipped: list[str] = []
        for item in items:
            endpoint = _endpoint(item)
            # Keep the good entries of a hand-edited file rather than refuse all of them.
            if endpoint is None or validate([*endpoints, endpoint]):
                skipped.append(repr(item)[:80])
                continue
            endpoints.append(endpoint)
        if skipped:
            self.problem = f"{self.path.name}: ignored invalid entries: {', '.join(skipped)}"
            log.warning("%s", self.problem)
        return endpoints


def _entry(endpoint: Endpoint) -> dict[str, object]:
    entry: dict[str, object] = {"path": endpoint.path, "provider": endpoint.provider, "name": endpoint.name}
    if endpoint.response is not None:
        entry["response"] = endpoint.response.to_dict()
    return entry


def _endpoint(item: object) -> Endpoint | None:
    if not isinstance(item, dict):
        return None
    path, provider, name = item.get("path"), item.get("provider"), item.get("name", "")
    if not isinstance(path, str) or not isinstance(provider, str) or not isinstance(name, str):
        return None
    response = None
    if item.get("response") is not None:
        try:
            response = response_spec(item["response"])
        except ResponseSpecError:
            return None  # reported as an ignored entry, like any other invalid one
    return Endpoint(path=normalise_path(path), provider=provider, name=name, response=response)
