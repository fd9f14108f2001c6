"""`main.py simulate`: send a believable sale's provider events to a URL, signed.

For trying the app (or your own endpoint) without a provider account. The events come from
`desktop.core.simulation` (whole sales: paid, cancelled, refunded, and with duplicates,
out-of-order or forged deliveries). They are signed with the secret this app holds for the
target's endpoint (keyring, secrets file or the config's environment variable), so they verify
as `valid`; when it holds none, a warning says they will show as `unverified`.

Sending lives in desktop/delivery/simulated.py (`send`, and `send_test_sale` for the window's
test-event button), shared with the window.
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx

from desktop.core import simulation
from desktop.core.config import Endpoint, Settings
from desktop.delivery.simulated import SimulationReport, send, send_test_sale
from desktop.store.endpoints import EndpointStore
from desktop.store.secrets import KeyringBackend, SecretStore

__all__ = ["SimulationReport", "app_secret", "no_secret_warning", "run_simulate", "send", "send_test_sale"]


def app_secret(
    settings: Settings, data_dir: Path, path: str, keyring_backend: KeyringBackend | None = None
) -> tuple[Endpoint | None, str | None]:
    """The endpoint this app maps `path` to, and the secret it holds for it (or None).

    Through the same stores the receiver uses, so a secret typed in the window counts.
    `keyring_backend` None means the system keyring (tests pass their own).
    """
    endpoints = EndpointStore(data_dir, settings.endpoints, SecretStore(data_dir, backend=keyring_backend))
    endpoint = endpoints.apply(settings).endpoint_for(path)
    if endpoint is None:
        return None, None
    secret = endpoints.secret_lookup(endpoint)
    return endpoint, secret if secret and secret.strip() else None


def no_secret_warning(provider: str, path: str, endpoint: Endpoint | None) -> str:
    test_secret = simulation.TEST_SECRETS[provider]
    where = (
        f"this app has no endpoint for {path}"
        if endpoint is None
        else f"this app holds no secret for the endpoint {endpoint.path} ({endpoint.provider})"
    )
    return (
        f"warning: {where}, so the events will show as `unverified`. They are signed with the "
        f"test secret {test_secret!r}: set it as the endpoint's secret (Endpoints & secrets…) "
        "or pass --secret to see them verified."
    )


def run_simulate(
    settings: Settings,
    data_dir: Path,
    url: str | None,
    provider: str,
    scenario: str,
    count: int | None,
    secret: str | None,
) -> int:
    target = url or f"http://{settings.host}:{settings.port}/{provider}"
    path = httpx.URL(target).path or "/"
    if secret is None:
        endpoint, secret = app_secret(settings, data_dir, path)
        if endpoint is not None and endpoint.provider != provider:
            print(
                f"warning: the endpoint {endpoint.path} expects {endpoint.provider} events, "
                f"not {provider}; they will not verify",
                file=sys.stderr,
            )
        if secret is None:
            print(no_secret_warning(provider, path, endpoint), file=sys.stderr)
            secret = simulation.TEST_SECRETS[provider]
    try:
        report = send(target, provider, secret, scenario, count)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in report.summaries:
        print(line)
    if report.error:
        print(f"error: {report.error}", file=sys.stderr)
        return 1
    print(f"sent {report.sent} {provider} event(s) to {target} ({report.not_acknowledged} not acknowledged)")
    return 0 if report.ok else 1
