"""From "create a webhook" to "the next delivery verifies valid", with nothing half-done.

Creating a webhook at the provider is the one step that cannot be undone locally, so it goes
in the middle: everything that can be checked is checked before it (the URL, a free endpoint
path, somewhere to keep the secret), and if keeping the secret or mapping the path fails after
it, the webhook is deleted again. If even that delete fails, ProvisionIncomplete carries the
webhook and its secret, so the caller can show it to the user (it is never logged): for
Stripe and Asaas the secret cannot be fetched again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from desktop.core.config import Endpoint, match_key
from desktop.store.endpoints import EndpointStore, normalise_path
from desktop.subscriptions.base import SubscriptionClient, SubscriptionError, Webhook

log = logging.getLogger(__name__)


class ProvisionIncomplete(SubscriptionError):
    """The webhook exists at the provider but its secret is not stored here, and it could not be
    deleted. `secret` is for the user's eyes only (show it, never log it)."""

    def __init__(self, message: str, webhook: Webhook, secret: str) -> None:
        super().__init__(message)
        self.webhook = webhook
        self.secret = secret


@dataclass(frozen=True, slots=True)
class Provisioned:
    webhook: Webhook
    path: str  # the endpoint path deliveries arrive on
    location: str  # where the secret went: 'keyring' or 'file'
    endpoint_added: bool  # False when an endpoint for the path already existed
    warning: str = ""  # e.g. an environment variable that overrides the stored secret


def endpoint_path(url: str) -> str:
    """The listener path a public URL's deliveries arrive on (the proxy or tunnel must pass the
    path through unchanged)."""
    return normalise_path(urlsplit(url.strip()).path or "/")


def check(client: SubscriptionClient, url: str, endpoints: EndpointStore) -> str:
    """Why subscribing to `url` would fail before anything is sent, or ''."""
    problem = client.url_problem(url)
    if problem:
        return problem
    if endpoints.secrets is None:
        return "no secret store is configured, so the webhook's secret could not be kept"
    path = endpoint_path(url)
    existing = _endpoint_at(endpoints, path)
    if existing is not None and existing.provider != client.provider:
        return (
            f"the path {path} is already the endpoint of {existing.provider}; "
            f"choose another path for {client.provider} (e.g. /{client.provider})"
        )
    return ""


async def subscribe(
    client: SubscriptionClient, url: str, events: Sequence[str], endpoints: EndpointStore
) -> Provisioned:
    """Create the webhook, store its secret for its path, and map the path to the provider."""
    problem = check(client, url, endpoints)
    if problem:
        raise SubscriptionError(problem)
    secrets = endpoints.secrets
    assert secrets is not None  # check() said so
    path = endpoint_path(url)
    webhook = await client.create(url, events)
    secret = webhook.secret
    if secret is None and not client.secret_only_at_creation:
        # Juno repeats the secret in its list (SUBSCRIPTIONS.md 1.3); ask there before giving up.
        secret = next((w.secret for w in await _safe_list(client) if w.id == webhook.id), None)
    try:
        if not secret:
            raise SubscriptionError(f"{client.provider} created {webhook.id} but returned no secret")
        location = secrets.set(path, secret)
        existing = _endpoint_at(endpoints, path)
        if existing is None:
            user = endpoints.user_endpoints()
            endpoints.save_user_endpoints([*user, Endpoint(path, client.provider, name=client.provider)])
    except Exception as exc:
        await _roll_back(client, webhook, secret or "", path, endpoints, exc)
        raise AssertionError("unreachable") from exc
    warning = ""
    if existing is not None and existing.env_secret():
        warning = (
            f"${existing.secret_env} is set and takes precedence over the stored secret for {path}; "
            "unset it (or put the new secret in it), or deliveries will not verify"
        )
    return Provisioned(webhook, path, location, existing is None, warning)


async def _safe_list(client: SubscriptionClient) -> list[Webhook]:
    try:
        return await client.webhooks()
    except SubscriptionError:
        return []


async def _roll_back(
    client: SubscriptionClient,
    webhook: Webhook,
    secret: str,
    path: str,
    endpoints: EndpointStore,
    cause: Exception,
) -> None:
    """Undo the creation after a local failure; always raises, saying what state things are in."""
    reason = str(cause) or type(cause).__name__
    if secret:
        reason = reason.replace(secret, "•••")
    try:
        await client.delete(webhook.id)
    except SubscriptionError as undo:
        log.error("webhook %s created, secret not stored, delete failed: %s", webhook.id, undo)
        raise ProvisionIncomplete(
            f"{client.provider} created the webhook {webhook.id}, but its secret could not be stored "
            f"for {path} ({reason}), and deleting the webhook again failed ({undo}). "
            "Keep the secret shown here: enter it in Endpoints & secrets for that path, "
            "or delete the webhook.",
            webhook,
            secret,
        ) from cause
    raise SubscriptionError(
        f"the secret could not be stored for {path} ({reason}); the webhook {webhook.id} was "
        "deleted again, so nothing changed"
    ) from cause


def _endpoint_at(endpoints: EndpointStore, path: str) -> Endpoint | None:
    return next((e for e in endpoints.endpoints() if match_key(e.path) == match_key(path)), None)
