"""Building the services the window and the headless mode share: store, writer, listener.

`main.py` is the composition root; it calls `build_services` (headless) or the UI's `run`,
which calls it too. Nothing else constructs these objects.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.core import providers
from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest, Derived
from desktop.listener.server import Listener, RequestLog
from desktop.store.endpoints import EndpointStore
from desktop.store.entities import enrich_event
from desktop.store.events import Store, open_store
from desktop.store.secrets import KeyringBackend, SecretStore

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


@dataclass
class Services:
    settings: Settings
    store: Store
    listener: Listener
    deriver: Deriver
    endpoints: EndpointStore
    secrets: SecretStore

    def start_listener(self) -> None:
        self.listener.start()

    def close(self) -> None:
        """Stop accepting, then let the writer store what it already has."""
        self.listener.stop()
        self.store.close()


def build_services(
    settings: Settings,
    data_dir: Path,
    on_answered: RequestLog | None = None,
    keyring_backend: KeyringBackend | None = None,
) -> Services:
    """Everything the window and the headless mode share, wired together.

    `keyring_backend` None means the system keyring (tests pass their own, never the real one).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    secrets = SecretStore(data_dir, backend=keyring_backend)
    endpoints = EndpointStore(data_dir, settings.endpoints, secrets)
    # Here, not on the store thread: a keyring that asks to be unlocked asks before capture starts.
    endpoints.preload_secrets()
    effective = endpoints.apply(settings)
    deriver = Deriver(effective, endpoints.secret_lookup)
    store = open_store(data_dir, deriver, enrich_event)
    listener = Listener(store.writer, settings.host, settings.port, settings.max_body_bytes, on_answered)
    return Services(
        settings=effective,
        store=store,
        listener=listener,
        deriver=deriver,
        endpoints=endpoints,
        secrets=secrets,
    )
