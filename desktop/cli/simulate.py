"""`main.py simulate`: send a believable sale's provider events to a URL, signed.

For trying the app (or your own endpoint) without a provider account. The events come from
`desktop.core.simulation` (whole sales: paid, cancelled, refunded, and with duplicates,
out-of-order or forged deliveries). They are signed with the secret this app holds for the
target's endpoint (keyring, secrets file or the config's environment variable), so they verify
as `valid`; when it holds none, a warning says they will show as `unverified`.

`send_test_sale` is the same without a terminal, for the window's test-event button (call it
off the UI thread: it does blocking HTTP).
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from desktop.core import simulation
from desktop.core.config import Endpoint, Settings
from desktop.store.endpoints import EndpointStore
from desktop.store.secrets import KeyringBackend, SecretStore


@dataclass
class SimulationReport:
    """What happened to the deliveries of one run."""

    url: str
    provider: str
    sent: int = 0
    statuses: list[int] = field(default_factory=list)  # the HTTP status of each answer
    summaries: list[str] = field(default_factory=list)  # one line per delivery sent
    error: str = ""  # the target could not be reached; the rest was not sent

    @property
    def not_acknowledged(self) -> int:
        return sum(1 for status in self.statuses if not 200 <= status < 300)

    @property
    def ok(self) -> bool:
        return not self.error and self.not_acknowledged == 0


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


def send(
    url: str,
    provider: str,
    secret: str,
    scenario: str = "paid",
    count: int | None = None,
    rng: random.Random | None = None,
    timeout: float = 10.0,
) -> SimulationReport:
    """Send the planned deliveries one by one, in order, each signed at the moment it is sent."""
    deliveries = simulation.plan(provider, scenario, count, rng)
    path = httpx.URL(url).path or "/"
    report = SimulationReport(url, provider)
    with httpx.Client(timeout=timeout) as client:
        for delivery in deliveries:
            headers = simulation.signed_headers(provider, path, delivery, secret, time.time())
            try:
                response = client.post(url, content=delivery.body, headers=headers)
            except httpx.HTTPError as exc:
                report.error = f"cannot reach {url}: {exc}"
                return report
            report.sent += 1
            report.statuses.append(response.status_code)
            forged = " (forged signature)" if delivery.forged else ""
            report.summaries.append(f"{response.status_code} {delivery.summary}{forged}")
    return report


def send_test_sale(
    url: str, secret: str | None, provider: str = "juno", scenario: str = "paid"
) -> SimulationReport:
    """One whole simulated sale to `url`, for the window's test-event button.

    `secret` None: signed with the provider's test secret, so the receiver marks the events
    `unverified` (or `invalid` if its endpoint has another secret); the caller says so.
    """
    return send(url, provider, secret or simulation.TEST_SECRETS[provider], scenario)


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
