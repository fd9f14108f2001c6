"""Juno API v2: webhook subscriptions under /notifications (SUBSCRIPTIONS.md section 1).

Authentication is OAuth2 client credentials against the authorization server; the token is
cached and renewed 30 s before it expires (as [ngueno] does), and a call answered 401 gets a
fresh token and is retried once (an expired or revoked token answers 401, inferred from
[jetimob]'s retry setting). Every resource-server call carries the bearer token,
`X-Api-Version: 2` and `X-Resource-Token` (the digital account's private token: webhooks are
per digital account).
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from desktop.core.config import ProviderAccount
from desktop.subscriptions.base import (
    DEFAULT_TIMEOUT_S,
    EventType,
    SubscriptionError,
    Webhook,
    https_problem,
)
from desktop.subscriptions.transport import call, json_of

LABEL = "Juno"
ENVIRONMENTS = {
    "sandbox": (
        "https://sandbox.boletobancario.com/api-integration",
        "https://sandbox.boletobancario.com/authorization-server",
    ),
    "production": ("https://api.juno.com.br", "https://api.juno.com.br/authorization-server"),
}
RENEW_BEFORE_S = 30.0  # renew this long before expiry, so a token never expires mid-call


def read_error(body: Any) -> str:
    """Juno's `details[].message` (SUBSCRIPTIONS.md 1.4), as it came; else `error`."""
    if not isinstance(body, dict):
        return ""
    details = body.get("details")
    if isinstance(details, list):
        messages = [str(d["message"]) for d in details if isinstance(d, dict) and d.get("message")]
        if messages:
            return "; ".join(messages)
    # The authorization server answers in OAuth's shape: `error_description` says more than `error`.
    return str(body.get("error_description") or body.get("error") or body.get("message") or "")


@dataclass
class _Token:
    value: str
    expires_at: float  # on the client's clock


class JunoClient:
    """Args:
    http: the shared client (the window's) or one the command owns.
    account: `[providers.juno]` (environment, api_base/auth_base overrides).
    credentials: client_id, client_secret, resource_token.
    clock: seconds, monotonic; tests pass their own to expire the token.
    """

    provider = "juno"
    secret_only_at_creation = False  # Juno lists each webhook's secret again (SUBSCRIPTIONS.md 1.3)

    def __init__(
        self,
        http: httpx.AsyncClient,
        account: ProviderAccount,
        credentials: Mapping[str, str],
        *,
        clock: Callable[[], float] = time.monotonic,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        api, auth = ENVIRONMENTS[account.environment if account.environment in ENVIRONMENTS else "sandbox"]
        self.api_base = account.api_base or api
        self.auth_base = account.auth_base or auth
        self._http = http
        self._client_id = credentials["client_id"]
        self._client_secret = credentials["client_secret"]
        self._resource_token = credentials["resource_token"]
        self._secrets = (self._client_id, self._client_secret, self._resource_token)
        self._clock = clock
        self._timeout_s = timeout_s
        self._token: _Token | None = None
        self._token_lock = asyncio.Lock()  # one token request at a time, not one per call
        self.token_requests = 0

    def url_problem(self, url: str) -> str:
        return https_problem(url, LABEL)

    # -- the token ------------------------------------------------------------------------------

    async def _bearer(self, *, renew: bool = False) -> str:
        async with self._token_lock:
            token = self._token
            if renew or token is None or self._clock() >= token.expires_at - RENEW_BEFORE_S:
                token = await self._fetch_token()
                self._token = token
            return token.value

    async def _fetch_token(self) -> _Token:
        basic = base64.b64encode(f"{self._client_id}:{self._client_secret}".encode()).decode("ascii")
        self.token_requests += 1
        response = await call(
            self._http,
            "POST",
            f"{self.auth_base}/oauth/token",
            provider_label=f"{LABEL} (authorization)",
            read_error=read_error,
            secrets=self._secrets,
            headers={"Authorization": f"Basic {basic}"},
            form={"grant_type": "client_credentials"},
            timeout_s=self._timeout_s,
        )
        body = json_of(response, LABEL)
        value = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(value, str) or not value:
            raise SubscriptionError(f"{LABEL}'s authorization server answered without an access_token")
        lifetime = body.get("expires_in", 3600)
        lifetime = float(lifetime) if isinstance(lifetime, int | float) else 3600.0
        return _Token(value, self._clock() + lifetime)

    # -- calls ----------------------------------------------------------------------------------

    async def _request(self, method: str, path: str, json_body: object = None) -> httpx.Response:
        bearer = await self._bearer()
        for attempt in (1, 2):
            try:
                return await call(
                    self._http,
                    method,
                    f"{self.api_base}{path}",
                    provider_label=LABEL,
                    read_error=read_error,
                    secrets=(*self._secrets, bearer),
                    headers={
                        "Authorization": f"Bearer {bearer}",
                        "X-Api-Version": "2",
                        "X-Resource-Token": self._resource_token,
                        "Content-Type": "application/json;charset=UTF-8",
                    },
                    json_body=json_body,
                    timeout_s=self._timeout_s,
                )
            except SubscriptionError as exc:
                if exc.status != 401 or attempt == 2:
                    raise
                bearer = await self._bearer(renew=True)  # expired or revoked: one fresh try
        raise AssertionError("unreachable")

    async def event_types(self) -> list[EventType]:
        body = json_of(await self._request("GET", "/notifications/event-types"), LABEL)
        return [_event_type(item) for item in _embedded(body, "eventTypes")]

    async def webhooks(self) -> list[Webhook]:
        body = json_of(await self._request("GET", "/notifications/webhooks"), LABEL)
        return [_webhook(item) for item in _embedded(body, "webhooks")]

    async def create(self, url: str, events: Sequence[str]) -> Webhook:
        problem = self.url_problem(url)
        if problem:
            raise SubscriptionError(problem)
        if not events:
            raise SubscriptionError("choose at least one event type")
        body = {"url": url, "eventTypes": list(events)}
        return _webhook(json_of(await self._request("POST", "/notifications/webhooks", body), LABEL))

    async def update(self, webhook: Webhook, *, active: bool, events: Sequence[str]) -> Webhook:
        # Both fields, even when only one changes (SUBSCRIPTIONS.md 1.3, Update).
        body = {"status": "ACTIVE" if active else "INACTIVE", "eventTypes": list(events)}
        response = await self._request("PATCH", f"/notifications/webhooks/{webhook.id}", body)
        return _webhook(json_of(response, LABEL))

    async def delete(self, webhook_id: str) -> None:
        await self._request("DELETE", f"/notifications/webhooks/{webhook_id}")


def _embedded(body: Any, key: str) -> list[dict[str, Any]]:
    """The items of a HAL collection; an empty one may leave `_embedded` out (SUBSCRIPTIONS.md 1.3)."""
    if not isinstance(body, dict):
        raise SubscriptionError(f"{LABEL} answered with an unexpected shape (not a JSON object)")
    items = (body.get("_embedded") or {}).get(key, [])
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _event_type(item: Mapping[str, Any]) -> EventType:
    return EventType(
        name=str(item.get("name", "")),
        label=str(item.get("label", "")),
        enabled=item.get("status", "ENABLED") != "DEPRECATED",
    )


def _webhook(item: Any) -> Webhook:
    if not isinstance(item, dict) or not item.get("id"):
        raise SubscriptionError(f"{LABEL} answered without a webhook id")
    status = str(item.get("status", ""))
    # eventTypes are full objects, in no promised order (SUBSCRIPTIONS.md 1.3).
    raw_events = item.get("eventTypes") or []
    events = tuple(sorted(str(e.get("name")) if isinstance(e, dict) else str(e) for e in raw_events if e))
    secret = item.get("secret")
    return Webhook(
        id=str(item["id"]),
        url=str(item.get("url", "")),
        active=status == "ACTIVE",
        events=events,
        secret=secret if isinstance(secret, str) and secret else None,
        status=status,
    )
