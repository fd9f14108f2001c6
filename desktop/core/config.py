"""Settings from the TOML config file and the command line.

The file format is a contract (see README): `[listener]` and `[[endpoints]]`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.finance_day import DEFAULT_TIMEZONE, UnknownTimezoneError, zone

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_MAX_BODY_MB = 25.0

PROVIDER_NAMES = (
    "juno",
    "juno-v1",
    "stripe",
    "github",
    "standard-webhooks",
    "mercadopago",
    "asaas",
    "pagarme",
    "pagbank",
)


class ConfigError(ValueError):
    """The config file cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A path prefix mapped to a provider (and where its secret comes from)."""

    path: str
    provider: str
    secret_env: str | None = None
    name: str = ""
    # The user vouches for this endpoint (e.g. behind the listener token): an `unsigned`
    # delivery of a provider that never signs counts as money here (core/trust.py).
    trusted: bool = False

    def matches(self, request_path: str) -> bool:
        """`/juno` owns `/juno` and everything below it, not `/junoX`."""
        base = self.path.rstrip("/")
        if not base:
            return True
        return request_path == base or request_path.startswith(base + "/")

    def env_secret(self) -> str | None:
        if not self.secret_env:
            return None
        return os.environ.get(self.secret_env) or None


@dataclass(frozen=True, slots=True)
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_body_mb: float = DEFAULT_MAX_BODY_MB
    endpoints: tuple[Endpoint, ...] = field(default_factory=tuple)
    # `[finance] timezone`: the zone whose calendar day "today" means (core/finance_day.py);
    # None when the file does not say (the window's setting, else the default, applies).
    finance_timezone: str | None = None

    @property
    def max_body_bytes(self) -> int:
        return int(self.max_body_mb * 1024 * 1024)

    def endpoint_for(self, path: str) -> Endpoint | None:
        """The most specific endpoint whose path owns `path`."""
        best: Endpoint | None = None
        for endpoint in self.endpoints:
            if endpoint.matches(path) and (best is None or len(endpoint.path) > len(best.path)):
                best = endpoint
        return best


def load_settings(path: Path | None) -> Settings:
    """Read a config file; `None` gives the defaults."""
    if path is None:
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return settings_from_dict(data, source=str(path))


def settings_from_dict(data: dict[str, object], source: str = "config") -> Settings:
    listener = data.get("listener", {})
    if not isinstance(listener, dict):
        raise ConfigError(f"{source}: [listener] must be a table")
    host = listener.get("host", DEFAULT_HOST)
    port = listener.get("port", DEFAULT_PORT)
    max_body_mb = listener.get("max_body_mb", DEFAULT_MAX_BODY_MB)
    if not isinstance(host, str) or not host:
        raise ConfigError(f"{source}: listener.host must be a non-empty string")
    if not isinstance(port, int) or not 0 <= port <= 65535:
        raise ConfigError(f"{source}: listener.port must be a whole number from 0 to 65535")
    if not isinstance(max_body_mb, int | float) or max_body_mb <= 0:
        raise ConfigError(f"{source}: listener.max_body_mb must be a positive number")

    raw_endpoints = data.get("endpoints", [])
    if not isinstance(raw_endpoints, list):
        raise ConfigError(f"{source}: [[endpoints]] must be an array of tables")
    endpoints = []
    for index, raw in enumerate(raw_endpoints, start=1):
        where = f"{source}: endpoint #{index}"
        if not isinstance(raw, dict):
            raise ConfigError(f"{where} must be a table")
        path = raw.get("path")
        provider = raw.get("provider")
        if not isinstance(path, str) or not path.startswith("/"):
            raise ConfigError(f"{where}: path must be a string starting with '/'")
        if provider not in PROVIDER_NAMES:
            known = ", ".join(PROVIDER_NAMES)
            raise ConfigError(f"{where}: provider must be one of {known} (got {provider!r})")
        secret_env = raw.get("secret_env")
        if secret_env is not None and not isinstance(secret_env, str):
            raise ConfigError(f"{where}: secret_env must be a string")
        if "secret" in raw:
            raise ConfigError(
                f"{where}: secrets do not belong in the config file; "
                "name an environment variable with secret_env instead"
            )
        name = raw.get("name", path)
        trusted = raw.get("trusted", False)
        if not isinstance(trusted, bool):
            raise ConfigError(f"{where}: trusted must be true or false")
        endpoints.append(
            Endpoint(
                path=path, provider=str(provider), secret_env=secret_env, name=str(name), trusted=trusted
            )
        )
    return Settings(
        host=host,
        port=port,
        max_body_mb=float(max_body_mb),
        endpoints=tuple(endpoints),
        finance_timezone=_finance_timezone(data, source),
    )


def _finance_timezone(data: dict[str, object], source: str) -> str | None:
    finance = data.get("finance", {})
    if not isinstance(finance, dict):
        raise ConfigError(f"{source}: [finance] must be a table")
    name = finance.get("timezone")
    if name is None:
        return None
    if not isinstance(name, str):
        raise ConfigError(f"{source}: finance.timezone must be a string such as {DEFAULT_TIMEZONE!r}")
    try:
        zone(name)
    except UnknownTimezoneError as exc:
        raise ConfigError(f"{source}: finance.timezone: {exc}") from None
    return name
