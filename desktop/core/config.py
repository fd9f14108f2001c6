"""Settings from the TOML config file and the command line.

The file format is a contract (see README): `[listener]`, `[[endpoints]]` and `[[forward]]`;
`[[actions]]` and `[smtp]` are read in action_config.py.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import posixpath
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from desktop.core.action_config import ActionConfigError, parse_actions, parse_smtp
from desktop.core.actions import ActionRule, SmtpSettings
from desktop.core.finance_day import DEFAULT_TIMEZONE, UnknownTimezoneError, zone
from desktop.core.query import QuerySyntaxError, parse
from desktop.core.responses import ResponseSpec, ResponseSpecError, response_spec
from desktop.core.retention import RetentionError, RetentionPolicy, retention_policy

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


# The credentials each subscription client needs, with the environment variable read by
# default; `[providers.<name>] <field>_env = "VAR"` names another. Values never live in the file.
CREDENTIAL_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "juno": (
        ("client_id", "JUNO_CLIENT_ID"),
        ("client_secret", "JUNO_CLIENT_SECRET"),
        ("resource_token", "JUNO_RESOURCE_TOKEN"),
    ),
    "stripe": (("api_key", "STRIPE_API_KEY"),),
    "asaas": (("api_key", "ASAAS_API_KEY"),),
}
ENVIRONMENTS = ("sandbox", "production")


@dataclass(frozen=True, slots=True)
class ProviderAccount:
    """`[providers.<name>]`: which environment, where the credentials come from, URL overrides."""

    provider: str
    environment: str = "sandbox"
    env_names: tuple[tuple[str, str], ...] = ()  # (field, variable) overrides of the defaults
    api_base: str = ""  # overrides the environment's resource-server URL (tests, proxies)
    auth_base: str = ""  # Juno: overrides the authorization server's URL
    email: str = ""  # Asaas: where it sends alerts about a stopped queue (required by its API)

    def env_name(self, credential: str) -> str:
        """The environment variable that holds this credential."""
        for name, variable in self.env_names:
            if name == credential:
                return variable
        return dict(CREDENTIAL_FIELDS.get(self.provider, ())).get(credential, "")


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
    response: ResponseSpec | None = None  # None: the default answer, 200 {"ok": true, "id": N}

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
    # Reverse proxies (addresses or networks) whose X-Forwarded-For names the client (Caddy
    # in deploy/): a request from one of them is recorded as coming from that client.
    trusted_proxies: tuple[str, ...] = ()

    def token(self) -> str | None:
        """The token from the environment (never from the file: it is a secret)."""
        if not self.token_env:
            return None
        return os.environ.get(self.token_env) or None

    @property
    def tls(self) -> bool:
        return self.tls_cert is not None


@dataclass(frozen=True, slots=True)
class ForwardConfig:
    """A `[[forward]]` rule: relay stored events matching `filter` ('' = all) to `url`.

    Written to the store at start (a target named `name` and its rule), so a headless
    receiver forwards without a window ever having been opened.
    """

    name: str
    url: str
    filter: str = ""


@dataclass(frozen=True, slots=True)
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_body_mb: float = DEFAULT_MAX_BODY_MB
    endpoints: tuple[Endpoint, ...] = field(default_factory=tuple)
    listener: ListenerOptions = field(default_factory=ListenerOptions)
    # None: the config says nothing about forwarding, so the store's config rules are left
    # alone (a window started without the receiver's config must not remove its rules).
    forwards: tuple[ForwardConfig, ...] | None = None
    # Subscriptions (desktop/subscriptions): the address providers reach, and [providers.*].
    public_url: str = ""
    provider_accounts: tuple[ProviderAccount, ...] = field(default_factory=tuple)
    # [[actions]]: None likewise leaves the store's config action rules alone.
    actions: tuple[ActionRule, ...] | None = None
    smtp: SmtpSettings = field(default_factory=SmtpSettings)

    def account(self, provider: str) -> ProviderAccount:
        """The `[providers.<provider>]` settings, or the defaults when the file has none."""
        found = next((a for a in self.provider_accounts if a.provider == provider), None)
        return found if found is not None else ProviderAccount(provider)

    # `[finance] timezone`: the zone whose calendar day "today" means (core/finance_day.py);
    # None when the file does not say (the window's setting, else the default, applies).
    finance_timezone: str | None = None
    # `[retention]` in the config file; None: the data directory's retention.json (the window's).
    retention: RetentionPolicy | None = None
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
        trusted = raw.get("trusted", False)
        if not isinstance(trusted, bool):
            raise ConfigError(f"{where}: trusted must be true or false")
        response = None
        if "response" in raw:
            try:
                response = response_spec(raw["response"])
            except ResponseSpecError as exc:
                raise ConfigError(f"{where}: {exc}") from None
        endpoints.append(
            Endpoint(
                path=path,
                provider=str(provider),
                secret_env=secret_env,
                name=str(name),
                trusted=trusted,
                response=response,
            )
        )
    actions, smtp = _actions(data, source, base_dir)
    retention = None
    if "retention" in data:
        try:
            retention = retention_policy(data["retention"], f"{source}: [retention]")
        except RetentionError as exc:
            raise ConfigError(str(exc)) from None
    return Settings(
        host=host,
        port=port,
        max_body_mb=float(max_body_mb),
        endpoints=tuple(endpoints),
        listener=listener_options(listener, source, base_dir),
        forwards=_forwards(data["forward"], source) if "forward" in data else None,
        public_url=_public_url(listener, source),
        provider_accounts=_provider_accounts(data.get("providers", {}), source),
        actions=actions,
        smtp=smtp,
        finance_timezone=_finance_timezone(data, source),
        retention=retention,
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
        trusted_proxies=trusted_proxies(listener.get("trusted_proxies", []), source),
    )


def trusted_proxies(value: object, source: str) -> tuple[str, ...]:
    """`listener.trusted_proxies`: addresses or networks ("127.0.0.1", "10.0.0.0/8")."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: listener.trusted_proxies must be a list of addresses")
    for item in value:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ConfigError(
                f"{source}: listener.trusted_proxies: {item!r} is not an address or a network"
            ) from None
    return tuple(value)


def _actions(
    data: dict[str, object], source: str, base_dir: Path | None
) -> tuple[tuple[ActionRule, ...] | None, SmtpSettings]:
    try:
        actions = parse_actions(data["actions"], source, base_dir) if "actions" in data else None
        smtp = parse_smtp(data["smtp"], source) if "smtp" in data else SmtpSettings()
        return actions, smtp
    except ActionConfigError as exc:
        raise ConfigError(str(exc)) from None


def _forwards(raw_forwards: object, source: str) -> tuple[ForwardConfig, ...]:
    """`[[forward]]` tables: name, url, and an optional filter in the filter language."""
    if not isinstance(raw_forwards, list):
        raise ConfigError(f"{source}: [[forward]] must be an array of tables")
    forwards: list[ForwardConfig] = []
    for index, raw in enumerate(raw_forwards, start=1):
        where = f"{source}: forward #{index}"
        if not isinstance(raw, dict):
            raise ConfigError(f"{where} must be a table")
        name, url, text = raw.get("name"), raw.get("url"), raw.get("filter", "")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}: name must be a non-empty string")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ConfigError(f"{where}: url must start with http:// or https://")
        if not isinstance(text, str):
            raise ConfigError(f"{where}: filter must be a string (the filter language)")
        try:
            parse(text)
        except QuerySyntaxError as exc:
            raise ConfigError(f"{where}: filter {text!r} is not valid: {exc}") from None
        if any(f.name == name.strip() for f in forwards):
            raise ConfigError(f"{where}: another [[forward]] is already named {name!r}")
        forwards.append(ForwardConfig(name=name.strip(), url=url, filter=text))
    return tuple(forwards)


def _public_url(listener: dict[str, object], source: str) -> str:
    """`[listener] public_url`: the address providers reach this listener at (a team-mode
    server, a reverse proxy or a tunnel); subscriptions are created under it."""
    value = listener.get("public_url", "")
    if not isinstance(value, str):
        raise ConfigError(f"{source}: listener.public_url must be a string")
    value = value.strip().rstrip("/")
    if value and not value.startswith(("https://", "http://")):
        raise ConfigError(f"{source}: listener.public_url must start with https:// (got {value!r})")
    return value


def _provider_accounts(raw: object, source: str) -> tuple[ProviderAccount, ...]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: [providers] must be a table of [providers.<name>] tables")
    accounts: list[ProviderAccount] = []
    for provider, table in raw.items():
        where = f"{source}: [providers.{provider}]"
        if provider not in CREDENTIAL_FIELDS:
            known = ", ".join(CREDENTIAL_FIELDS)
            raise ConfigError(f"{where}: subscriptions are managed for {known} only")
        if not isinstance(table, dict):
            raise ConfigError(f"{where} must be a table")
        fields = dict(CREDENTIAL_FIELDS[provider])
        leaked = [key for key in table if key in fields]
        if leaked:
            raise ConfigError(
                f"{where}: credentials do not belong in the config file ({', '.join(leaked)}); "
                "name an environment variable with <name>_env, or store them from the window"
            )
        environment = table.get("environment", "sandbox")
        if environment not in ENVIRONMENTS:
            raise ConfigError(f"{where}: environment must be sandbox or production (got {environment!r})")
        env_names: list[tuple[str, str]] = []
        for name in fields:
            variable = table.get(f"{name}_env")
            if variable is not None:
                if not isinstance(variable, str) or not variable:
                    raise ConfigError(f"{where}: {name}_env must be the name of an environment variable")
                env_names.append((name, variable))
        texts: dict[str, str] = {}
        for key in ("api_base", "auth_base", "email"):
            value = table.get(key, "")
            if not isinstance(value, str):
                raise ConfigError(f"{where}: {key} must be a string")
            texts[key] = value.strip().rstrip("/") if key != "email" else value.strip()
        accounts.append(
            ProviderAccount(
                provider=provider,
                environment=str(environment),
                env_names=tuple(env_names),
                api_base=texts["api_base"],
                auth_base=texts["auth_base"],
                email=texts["email"],
            )
        )
    return tuple(accounts)


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
