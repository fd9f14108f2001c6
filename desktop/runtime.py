"""The composition roots: where the services of each entry are built and wired.

- the window (`desktop.ui.app.run`) and headless mode (`desktop.cli.headless`) call
  `build_services` (store, writer, listener, endpoints, secrets, and the config file's
  `[[forward]]` and `[[actions]]` rules written to the store), then build the process's one `DeliveryHub`
  (desktop/delivery/hub.py: this module sits below delivery, see tests/test_layering.py) and
  hand it to their delivery side (the window's `DeliveryService`, headless's `HeadlessRelay`);
- `main.py export` calls `build_services` too (it recognises what a crash left pending);
- `main.py resend` calls `open_store_for_reading` (no writer thread, no listener).

Nothing below these constructs services or looks them up: widgets, delivery and the CLI's
command bodies are handed finished objects.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import platformdirs

from desktop.core import providers
from desktop.core.actions import SmtpSettings
from desktop.core.config import Endpoint, Settings
from desktop.core.import_formats import ImportedEvent
from desktop.core.model import CapturedRequest, Derived
from desktop.core.retention import RetentionPolicy
from desktop.core.storage import StorageError
from desktop.listener.responses import Responder
from desktop.listener.server import Listener, RequestLog
from desktop.store.action_store import apply_config_actions
from desktop.store.database import ensure_private_dir, open_database
from desktop.store.endpoints import EndpointStore
from desktop.store.entities import enrich_event
from desktop.store.events import Store, open_store
from desktop.store.importer import ImportResult, import_events
from desktop.store.postgres import is_postgres_url
from desktop.store.retention import Pruner, file_bytes, load_policy, save_policy
from desktop.store.saved_filters import SavedFilters
from desktop.store.secrets import KeyringBackend, SecretStore
from desktop.store.writer import GroupCommitWriter

if TYPE_CHECKING:
    from desktop.store.postgres.retention import PgPruner
    from desktop.store.postgres.store import PgStore

APP_NAME = "webhook-monitor"

SecretLookup = Callable[[Endpoint], str | None]


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def env_secrets(endpoint: Endpoint) -> str | None:
    """Secrets from the environment only (the config file's `secret_env`)."""
    return endpoint.env_secret()


class Deriver:
    """Recognises the provider of a request and checks its signature, using the endpoints.

    The endpoint list and secrets can change while the app runs (the UI edits them), so the
    settings are read at each call rather than captured once.
    """

    def __init__(self, settings: Settings, secret_for: SecretLookup = env_secrets) -> None:
        self.settings = settings
        self.secret_for = secret_for

    def __call__(self, request: CapturedRequest, now: float | None = None) -> Derived:
        """`now` is when the check happens (timestamp tolerances); None means now. Re-checking
        stored events passes their receipt time, so a replay window is judged as it was."""
        endpoint = self.settings.endpoint_for(request.path)
        provider = endpoint.provider if endpoint else None
        secret = self.secret_for(endpoint) if endpoint else None
        derived = providers.derive(request, provider, secret, time.time() if now is None else now)
        return derived.with_(
            endpoint=endpoint.path if endpoint else None,
            endpoint_trusted=bool(endpoint and endpoint.trusted),
        )

    def expected_signature(self, request: CapturedRequest) -> str:
        """What the sender should have signed this request with, for the inspector's button.

        Computed on demand with the endpoint's current secret; the caller shows it and drops
        it (never stored or logged). ValueError says why there is nothing to show.
        """
        endpoint = self.settings.endpoint_for(request.path)
        if endpoint is None:
            raise ValueError("no endpoint is configured for this path, so there is no secret")
        secret = self.secret_for(endpoint)
        if not secret or not secret.strip():
            raise ValueError(f"no secret configured for the endpoint {endpoint.path}")
        return providers.expected_signature(endpoint.provider, request, secret)


def endpoints_without_secret(settings: Settings, secret_for: SecretLookup) -> list[Endpoint]:
    """Endpoints of signing providers whose secret is unset or empty: every delivery to them
    is UNVERIFIED (untrusted), so the app says so at start rather than letting it look fine."""
    missing: list[Endpoint] = []
    for endpoint in settings.endpoints:
        impl = providers.PROVIDERS.get(endpoint.provider)
        secret = secret_for(endpoint)
        if impl is not None and impl.signed and not (secret and secret.strip()):
            missing.append(endpoint)
    return missing


def missing_secret_warnings(settings: Settings, secret_for: SecretLookup) -> list[str]:
    """One line per endpoint without its secret, naming where the secret should come from."""
    lines = []
    for endpoint in endpoints_without_secret(settings, secret_for):
        source = f"${endpoint.secret_env} is empty or unset" if endpoint.secret_env else "no secret is set"
        lines.append(
            f"warning: endpoint {endpoint.path} ({endpoint.provider}): {source}; "
            "its deliveries are not verified and do not count as money"
        )
    return lines


log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    # SQLite in the data directory, or PostgreSQL when `[store] url` / `--store` names one.
    store: Store | PgStore
    listener: Listener
    deriver: Deriver
    endpoints: EndpointStore
    secrets: SecretStore
    saved_filters: SavedFilters
    pruner: Pruner | PgPruner | None = None  # retention (off by default: it then does nothing)
    data_dir: Path | None = None

    @property
    def team_mode(self) -> bool:
        """Whether the events live in a shared PostgreSQL database."""
        return not isinstance(self.store, Store)

    @property
    def read_only_role(self) -> str | None:
        """The database role when it may not change events (team mode's `webhook_viewer`,
        deploy/roles.sql), so the window opens read-only; None when it may."""
        if isinstance(self.store, Store) or not self.store.read_only:
            return None
        return self.store.access.role

    def missing_secret_warnings(self) -> list[str]:
        return missing_secret_warnings(self.settings, self.endpoints.secret_lookup)

    def smtp_password(self) -> Callable[[], str | None]:
        """The `[smtp]` password lookup the delivery hub's e-mail actions use."""
        return smtp_password(self.settings.smtp, self.secrets)

    def start_listener(self) -> None:
        self.listener.start()

    # -- retention and size (the window's File menu and status bar) ----------------------------

    def retention_policy(self) -> RetentionPolicy:
        """In force now: the config file's `[retention]`, else the window's retention.json."""
        if self.settings.retention is not None:
            return self.settings.retention
        return load_policy(self.data_dir) if self.data_dir is not None else RetentionPolicy()

    def set_retention(self, policy: RetentionPolicy) -> None:
        """Save the window's setting and apply it at once (the config file's still wins)."""
        if self.data_dir is not None:
            save_policy(self.data_dir, policy)
        if self.pruner is not None:
            self.pruner.wake()

    def database_bytes(self) -> int:
        """The events database's size on disk, its write-ahead log included (SQLite only:
        team mode's database is not a local file, and the window does not show its size)."""
        if not isinstance(self.store, Store):
            raise StorageError("the size of a PostgreSQL store is not shown (team mode)")
        return file_bytes(self.store.path)

    def close(self) -> None:
        """Stop accepting, then let the writer store what it already has."""
        self.listener.stop()
        if self.pruner is not None:
            self.pruner.stop()  # before the writer: a slice in flight finishes first
        self.store.close()


def build_services(
    settings: Settings,
    data_dir: Path,
    on_answered: RequestLog | None = None,
    keyring_backend: KeyringBackend | None = None,
    reuse_port: bool = False,
) -> Services:
    """Everything the window and the headless mode share, wired together.

    `keyring_backend` None means the system keyring (tests pass their own, never the real one).
    `reuse_port`: the listener shares its port with other receivers (`--workers N`).
    """
    ensure_private_dir(data_dir)
    secrets = SecretStore(data_dir, backend=keyring_backend)
    endpoints = EndpointStore(data_dir, settings.endpoints, secrets)
    # Here, not on the store thread: a keyring that asks to be unlocked asks before capture starts.
    endpoints.preload_secrets()
    effective = endpoints.apply(settings)
    deriver = Deriver(effective, endpoints.secret_lookup)
    forwards = None if settings.forwards is None else [(f.name, f.url, f.filter) for f in settings.forwards]
    if settings.store_url and is_postgres_url(settings.store_url):
        # Team mode: the rules live in the shared database, written before this receiver's
        # writer starts (each receiver applies the same config file; it is idempotent).
        from desktop.store.postgres.store import apply_config

        apply_config(settings.store_url, forwards, settings.actions)
    elif settings.actions is not None:
        # [[actions]] from the config file, in the store before its writer recognises anything
        # (a backlog a killed receiver left is recognised as soon as the writer starts).
        with contextlib.closing(open_database(data_dir)) as conn:
            apply_config_actions(conn, settings.actions)
    store = open_events_store(settings, data_dir, deriver)
    # [[forward]] rules from the config file, in the store before anything is recognised.
    if forwards is not None and isinstance(store, Store):
        store.apply_config_rules(forwards)
    # Reads the deriver's settings per request: endpoints edited in the window apply at once.
    responder = Responder(lambda path: deriver.settings.endpoint_for(path), effective.endpoints)
    # The PostgreSQL writer offers the listener the same loop and `store()` as the SQLite one.
    writer = cast(GroupCommitWriter, store.writer)
    listener = Listener(
        writer,
        settings.host,
        settings.port,
        settings.max_body_bytes,
        on_answered,
        settings.listener,
        reuse_port=reuse_port,
        responder=responder,
    )
    # The config file's [retention] wins over the window's setting (read at every look).

    def policy() -> RetentionPolicy:
        return settings.retention or load_policy(data_dir)

    pruner: Pruner | PgPruner | None = None
    if isinstance(store, Store):
        pruner = Pruner(store.writer, store.path, policy)
    elif store.access.can_delete:
        from desktop.store.postgres.retention import PgPruner

        # Team mode: each receiver prunes the shared database by its policy (give all the same).
        pruner = PgPruner(store.url, store.writer, store.delete, policy)
    elif settings.retention is not None:
        # deploy/roles.sql's receiver and viewer roles may not delete events: pruning is the
        # job of a process connected as a role that may (the owner's, or a window's).
        log.warning(
            "[retention] is not applied here: the database role %s may not delete events", store.access.role
        )
    if pruner is not None:
        pruner.start()
    return Services(
        settings=effective,
        store=store,
        listener=listener,
        deriver=deriver,
        endpoints=endpoints,
        secrets=secrets,
        saved_filters=SavedFilters(data_dir),
        pruner=pruner,
        data_dir=data_dir,
    )


def open_events_store(settings: Settings, data_dir: Path, deriver: Deriver) -> Store | PgStore:
    """The store the settings name, opened (migrated) with its writer started."""
    if settings.store_url and is_postgres_url(settings.store_url):
        from desktop.store.postgres.entities import enrich_batch
        from desktop.store.postgres.store import open_pg_store

        return open_pg_store(settings.store_url, data_dir, deriver, enrich_batch)
    return open_store(data_dir, deriver, enrich_event)


def import_into(store_url: str | None, data_dir: Path, events: Iterable[ImportedEvent]) -> ImportResult:
    """`main.py import` and File > Import: the events into the store the settings name (the
    data directory's SQLite, or PostgreSQL in team mode), waiting for a writer to recognise them."""
    if store_url and is_postgres_url(store_url):
        from desktop.store.postgres.importer import import_events as import_into_postgres

        return import_into_postgres(store_url, events)
    return import_events(data_dir, events)


def copy_history_to_postgres(data_dir: Path, url: str, progress: Callable[[int], None]) -> tuple[int, int]:
    """`migrate-store`: the data directory's SQLite history into an empty PostgreSQL database;
    returns (events, payments) copied."""
    from desktop.store.postgres.copy_history import copy_history

    copied = copy_history(data_dir, url, progress)
    return copied.events, copied.entities


def upgrade_postgres_schema(url: str) -> int:
    """`migrate-schema`: run the PostgreSQL store's migrations (as the owner role) and return
    the schema version it is at."""
    from desktop.store.postgres.database import open_database as open_pg_database
    from desktop.store.postgres.schema import SCHEMA_VERSION

    open_pg_database(url)
    return SCHEMA_VERSION


def _never_derive(_request: CapturedRequest) -> Derived:
    return Derived()  # never called: the writer of a store opened for reading is not started


def open_store_for_reading(data_dir: Path, store_url: str | None = None) -> Store | PgStore:
    """The store of a data directory (or the PostgreSQL one `store_url` names) for a command
    that reads events and records delivery attempts (`resend`): migrated, but with no writer
    thread (nothing is captured or recognised) and no listener."""
    if store_url and is_postgres_url(store_url):
        from desktop.store.postgres.store import PgStore

        return PgStore(store_url, data_dir, _never_derive)
    return Store(data_dir, _never_derive)


SMTP_SECRET_KEY = "smtp"  # the SMTP password's name in the secret store (keyring)


def smtp_password(smtp: SmtpSettings, secrets: SecretStore) -> Callable[[], str | None]:
    """The SMTP password, looked up at each send: `password_env` first, else the keyring."""

    def lookup() -> str | None:
        if smtp.password_env and os.environ.get(smtp.password_env):
            return os.environ[smtp.password_env]
        return secrets.get(SMTP_SECRET_KEY)

    return lookup
