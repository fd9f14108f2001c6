"""Simulated provider deliveries, sent over HTTP and signed: a believable sale for trying the app.

Shared by `main.py simulate` (cli/simulate.py) and the window's "Send a test event" button
(ui/first_run.py). Blocking HTTP: the window calls it off the UI thread.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

import httpx

from desktop.core import simulation


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
