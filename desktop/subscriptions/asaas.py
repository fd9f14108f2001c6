"""Asaas: the multi-webhook API `/v3/webhooks` (SUBSCRIPTIONS.md section 3).

Asaas does not sign deliveries: it sends back, in the `asaas-access-token` header, the
`authToken` given at creation. So here WE make the token (random, 64 hex characters, inside
its 32-255 limit) and it plays the secret's part: provision.py stores it for the endpoint and
the app's asaas provider compares it. Asaas never echoes it (`hasAuthToken` only).
"""

from __future__ import annotations

import secrets as random_tokens
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from desktop.core.config import ProviderAccount
from desktop.subscriptions.base import DEFAULT_TIMEOUT_S, EventType, SubscriptionError, Webhook, https_problem
from desktop.subscriptions.transport import call, json_of

LABEL = "Asaas"
ENVIRONMENTS = {"sandbox": "https://api-sandbox.asaas.com/v3", "production": "https://api.asaas.com/v3"}
USER_AGENT = "webhook-monitor"  # mandatory for root accounts created from 2024-06-13

# Asaas lists no event types through its API; the payment events a finance user watches.
EVENT_TYPES: tuple[EventType, ...] = (
    EventType("PAYMENT_CREATED", "Cobrança criada"),
    EventType("PAYMENT_CONFIRMED", "Pagamento confirmado"),
    EventType("PAYMENT_RECEIVED", "Pagamento recebido"),
    EventType("PAYMENT_OVERDUE", "Cobrança vencida"),
    EventType("PAYMENT_REFUNDED", "Pagamento estornado"),
    EventType("PAYMENT_DELETED", "Cobrança removida"),
    EventType("PAYMENT_UPDATED", "Cobrança alterada"),
    EventType("TRANSFER_DONE", "Transferência efetuada"),
)


def read_error(body: Any) -> str:
    """`errors[].description` (https://docs.asaas.com/docs/códigos-http-das-respostas)."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list):
        return ""
    return "; ".join(str(e.get("description", "")) for e in errors if isinstance(e, dict))


class AsaasClient:
    provider = "asaas"
    secret_only_at_creation = True  # the authToken is ours and never echoed

    def __init__(
        self,
        http: httpx.AsyncClient,
        account: ProviderAccount,
        credentials: Mapping[str, str],
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.api_base = account.api_base or ENVIRONMENTS.get(account.environment, ENVIRONMENTS["sandbox"])
        self.email = account.email
        self._http = http
        self._key = credentials["api_key"]
        self._timeout_s = timeout_s

    def url_problem(self, url: str) -> str:
        return https_problem(url, LABEL)

    async def _request(self, method: str, path: str, json_body: object = None) -> Any:
        response = await call(
            self._http,
            method,
            f"{self.api_base}{path}",
            provider_label=LABEL,
            read_error=read_error,
            secrets=(self._key,),
            headers={"access_token": self._key, "User-Agent": USER_AGENT, "Content-Type": "application/json"},
            json_body=json_body,
            timeout_s=self._timeout_s,
        )
        return json_of(response, LABEL)

    async def event_types(self) -> list[EventType]:
        return list(EVENT_TYPES)

    async def webhooks(self) -> list[Webhook]:
        body = await self._request("GET", "/webhooks")
        items = body.get("data", []) if isinstance(body, dict) else []
        return [_webhook(item) for item in items if isinstance(item, dict)]

    async def create(self, url: str, events: Sequence[str]) -> Webhook:
        problem = self.url_problem(url)
        if problem:
            raise SubscriptionError(problem)
        if not events:
            raise SubscriptionError("choose at least one event type")
        if not self.email:
            raise SubscriptionError(
                "Asaas requires an e-mail for alerts about a stopped queue: "
                'set email = "..." in [providers.asaas] of the config file'
            )
        token = random_tokens.token_hex(32)
        body = {
            "name": "webhook-monitor",
            "url": url,
            "email": self.email,
            "enabled": True,
            "interrupted": False,
            "apiVersion": 3,
            "authToken": token,
            "sendType": "SEQUENTIALLY",
            "events": list(events),
        }
        created = _webhook(await self._request("POST", "/webhooks", body))
        return Webhook(created.id, created.url, created.active, created.events, token, created.status)

    async def update(self, webhook: Webhook, *, active: bool, events: Sequence[str]) -> Webhook:
        # PUT per the official reference; the token is left out, so Asaas keeps the one it has.
        body = {"url": webhook.url, "enabled": active, "interrupted": False, "events": list(events)}
        return _webhook(await self._request("PUT", f"/webhooks/{webhook.id}", body))

    async def delete(self, webhook_id: str) -> None:
        await self._request("DELETE", f"/webhooks/{webhook_id}")


def _webhook(item: Any) -> Webhook:
    if not isinstance(item, dict) or not item.get("id"):
        raise SubscriptionError(f"{LABEL} answered without a webhook id")
    enabled = item.get("enabled") is True and item.get("interrupted") is not True
    status = "interrupted" if item.get("interrupted") else ("enabled" if item.get("enabled") else "disabled")
    return Webhook(
        id=str(item["id"]),
        url=str(item.get("url", "")),
        active=enabled,
        events=tuple(sorted(str(e) for e in item.get("events") or [])),
        secret=None,
        status=status,
    )
