"""The contract every subscription client follows, and what they exchange.

The facts about each provider's API (paths, envelopes, error shapes, what is unconfirmed) are
in ../shared/SUBSCRIPTIONS.md; each client module cites the parts it relies on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

DEFAULT_TIMEOUT_S = 20.0


class SubscriptionError(Exception):
    """A call failed; `str()` is the reason in words, with the provider's own message as it came.

    Args:
        message: what went wrong, for the user (never holds a credential).
        status: the HTTP status the provider answered with, or None (network failure, no answer).
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class CredentialsMissing(SubscriptionError):
    """Some credential is in neither its environment variable nor the keyring."""


@dataclass(frozen=True, slots=True)
class EventType:
    """An event a webhook can subscribe to; `label` is Portuguese (Juno sends it so)."""

    name: str
    label: str
    enabled: bool = True  # Juno: DEPRECATED types are listed but no longer sent


@dataclass(frozen=True, slots=True)
class Webhook:
    """A registered webhook as the provider lists it.

    `secret` is the signing key (Juno, Stripe at creation) or the token the provider sends
    back (Asaas, which only we know); None when the provider does not return it.
    """

    id: str
    url: str
    active: bool
    events: tuple[str, ...]
    secret: str | None = None
    status: str = ""  # the provider's own word for it (ACTIVE, disabled, ...)

    def __repr__(self) -> str:  # a secret must never reach a log line through repr()
        return f"Webhook(id={self.id!r}, url={self.url!r}, active={self.active}, events={self.events!r})"


class SubscriptionClient(Protocol):
    """One provider's webhook-registration API. Every method raises SubscriptionError with the
    reason in words; none writes anything locally (see provision.py for that)."""

    provider: str
    # The secret comes back only in the creation response (Stripe): losing it there loses it.
    secret_only_at_creation: bool

    def url_problem(self, url: str) -> str:
        """Why the provider would refuse this URL, or ''."""
        ...

    async def event_types(self) -> list[EventType]: ...

    async def webhooks(self) -> list[Webhook]: ...

    async def create(self, url: str, events: Sequence[str]) -> Webhook: ...

    async def update(self, webhook: Webhook, *, active: bool, events: Sequence[str]) -> Webhook:
        """Pause or resume, or change the event types (the URL cannot change: delete and create)."""
        ...

    async def delete(self, webhook_id: str) -> None: ...


def https_problem(url: str, provider_label: str) -> str:
    """The rule all three providers share: a public HTTPS URL with a host."""
    parts = urlsplit(url.strip())
    if parts.scheme == "http":
        return (
            f"{provider_label} only delivers to HTTPS addresses: {url} starts with http://. "
            "Put the listener behind a reverse proxy or tunnel that serves HTTPS "
            "(see the README, 'Subscribing with Juno')."
        )
    if parts.scheme != "https" or not parts.hostname:
        return f"{url!r} is not a full address such as https://example.com/juno"
    if len(url) > 255:
        return f"the address is {len(url)} characters long; {provider_label} accepts at most 255"
    return ""


def redact(text: str, secrets: Sequence[str]) -> str:
    """`text` with every credential replaced, for error messages from outside (bodies, reasons)."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "•••")
    return text
