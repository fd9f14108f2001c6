"""Settings from the TOML config file and the command line.

The file format is a contract (see README): `[listener]` and `[[endpoints]]`.
"""

from __future__ import annotations

import functools
import os
import posixpath
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_MAX_BODY_MB = 25.0
# A connection that sends no complete request for this long is closed: idle keep-alive
# connections and half-sent headers alike (aiohttp's own default was 3,630 s).
DEFAULT_IDLE_TIMEOUT_S = 15.0
# A body that stops arriving for this long is abandoned (a half-sent request).
DEFAULT_BODY_TIMEOUT_S = 30.0
# Open connections past this are refused, so idle sockets cannot exhaust descriptors.
DEFAULT_MAX_CONNECTIONS = 512

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


@functools.lru_cache(maxsize=4096)  # called per endpoint per request by the Deriver
def match_key(path: str) -> str:
    """The form in which request paths and endpoint paths are compared.

    HTTP paths are case-sensitive, but a forged delivery must not escape verification by being
    sent to a spelling of the endpoint that the backend behind it may treat as the same route:
    `/JUNO`, `//juno`, `/juno/`, `/./juno`, `/%6Auno`, `\\juno` or the absolute form
    `http://host/juno`. So matching is deliberately generous: the absolute form's scheme and
    host are dropped, percent-encoding is decoded (repeatedly, for double encoding), backslashes
    count as slashes, `//`, `.` and `..` segments collapse, a trailing `/` is ignored, and the
    comparison is case-insensitive. Matching more paths only means more deliveries are
    verified; the stored path stays byte-exact.
    """
    text = path.split("?", 1)[0].split("#", 1)[0]
    if "://" in text[:16]:  # absolute form (RFC 9112 3.2.2): "http://127.0.0.1/juno"
        text = urlsplit(text).path or "/"
    for _ in range(4):  # "%256Auno" -> "%6Auno" -> "juno"; four rounds is plenty
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    text = text.replace("\\", "/")
    normal = posixpath.normpath("/" + text.lstrip("/"))  # collapses //, . and .. (never above /)
    return "/" + normal.strip("/").casefold() if normal != "/" else "/"


class ConfigError(ValueError):
    """The config file cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A path prefix mapped to a provider (and where its secret comes from)."""

    path: str
    provider: str
    secret_env: str | None = None
    name: str = ""

    def matches(self, request_path: str) -> bool:
        """`/juno` owns `/juno` and everything below it, not `/junoX`; compared in their
        `match_key` forms, so `/JUNO`, `//juno/` and `http://host/juno` are `/juno` too."""
        base = match_key(self.path)
        if base == "/":
            return True
        wanted = match_key(request_path)
        return wanted == base or wanted.startswith(base + "/")

    def env_secret(self) -> str | None:
        if not self.secret_env:
            return None
        return os.environ.get(self.secret_env) or None


@dataclass(frozen=True, slots=True)
class ListenerOptions:
    """The `[listener]` keys beyond host, port and body size: access, TLS and connection limits."""

    token_env: str | None = None  # names the environment variable holding the token
    tls_cert: Path | None = None
    tls_key: Path | None = None
    idle_timeout_s: float = DEFAULT_IDLE_TIMEOUT_S
    body_timeout_s: float = DEFAULT_BODY_TIMEOUT_S
    max_connections: int = DEFAULT_MAX_CONNECTIONS

    def token(self) -> str | None:
        """The token from the environment (never from the file: it is a secret)."""
        if not self.token_env:
            return None
        return os.environ.get(self.token_env) or None

    @property
    def tls(self) -> bool:
        return self.tls_cert is not None


@dataclass(frozen=True, slots=True)
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_body_mb: float = DEFAULT_MAX_BODY_MB
    endpoints: tuple[Endpoint, ...] = field(default_factory=tuple)
    listener: ListenerOptions = field(default_factory=ListenerOptions)
    # `[store] url` / `--store URL`: a PostgreSQL database (team mode); None is SQLite in the data dir.
    store_url: str | None = None

    @property
    def max_body_bytes(self) -> int:
        return int(self.max_body_mb * 1024 * 1024)

    def endpoint_for(self, path: str) -> Endpoint | None:
        """The most specific endpoint whose path owns `path` (the longest normalised path wins)."""
        best: Endpoint | None = None
        best_length = -1
        for endpoint in self.endpoints:
            length = len(match_key(endpoint.path))
            if endpoint.matches(path) and length > best_length:
                best, best_length = endpoint, length
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
    return settings_from_dict(data, source=str(path), base_dir=path.parent)


def settings_from_dict(
    data: dict[str, object], source: str = "config", base_dir: Path | None = None
) -> Settings:
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
    endpoints: list[Endpoint] = []
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
        twin = next((e for e in endpoints if match_key(e.path) == match_key(path)), None)
        if twin is not None:
            raise ConfigError(
                f"{where}: path {path!r} is the same endpoint as {twin.path!r} "
                "(paths are matched case-insensitively, ignoring '//' and a trailing '/')"
            )
        endpoints.append(Endpoint(path=path, provider=str(provider), secret_env=secret_env, name=str(name)))
    return Settings(
        host=host,
        port=port,
        max_body_mb=float(max_body_mb),
        endpoints=tuple(endpoints),
        listener=listener_options(listener, source, base_dir),
        store_url=store_url(data.get("store", {}), source),
    )


STORE_URL_SCHEMES = ("postgresql://", "postgres://")


def check_store_url(url: str, source: str = "--store") -> str:
    """A store URL as given, or ConfigError naming what is accepted."""
    if not url.startswith(STORE_URL_SCHEMES):
        raise ConfigError(f"{source}: the store URL must start with postgresql:// (got {url[:40]!r})")
    return url


def store_url(table: object, source: str) -> str | None:
    """The `[store]` table's `url`: None (or "") keeps SQLite in the data directory."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [store] must be a table")
    url = table.get("url")
    if url is None or url == "":
        return None
    if not isinstance(url, str):
        raise ConfigError(f"{source}: store.url must be a string")
    return check_store_url(url, f"{source}: store.url")


def listener_options(listener: dict[str, object], source: str, base_dir: Path | None) -> ListenerOptions:
    """The `[listener]` access and limit keys; relative TLS paths are relative to the config file."""
    token_env = listener.get("token_env")
    if token_env is not None and (not isinstance(token_env, str) or not token_env):
        raise ConfigError(f"{source}: listener.token_env must name an environment variable")
    if "token" in listener:
        raise ConfigError(
            f"{source}: the token does not belong in the config file; "
            "name an environment variable with token_env instead"
        )
    paths: dict[str, Path | None] = {}
    for key in ("tls_cert", "tls_key"):
        value = listener.get(key)
        if value is not None and (not isinstance(value, str) or not value):
            raise ConfigError(f"{source}: listener.{key} must be a file path")
        path = Path(value).expanduser() if isinstance(value, str) else None
        if path is not None and not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        paths[key] = path
    if (paths["tls_cert"] is None) != (paths["tls_key"] is None):
        raise ConfigError(f"{source}: listener.tls_cert and listener.tls_key go together")
    numbers: dict[str, float] = {}
    defaults = {
        "idle_timeout_s": DEFAULT_IDLE_TIMEOUT_S,
        "body_timeout_s": DEFAULT_BODY_TIMEOUT_S,
        "max_connections": DEFAULT_MAX_CONNECTIONS,
    }
    for key, default in defaults.items():
        value = listener.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigError(f"{source}: listener.{key} must be a positive number")
        numbers[key] = value
    return ListenerOptions(
        token_env=token_env,
        tls_cert=paths["tls_cert"],
        tls_key=paths["tls_key"],
        idle_timeout_s=float(numbers["idle_timeout_s"]),
        body_timeout_s=float(numbers["body_timeout_s"]),
        max_connections=int(numbers["max_connections"]),
    )
