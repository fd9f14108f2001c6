"""Stripe: `/v1/webhook_endpoints` (SUBSCRIPTIONS.md section 2).

Bodies are form-encoded with arrays as `enabled_events[]`; the secret key goes as a bearer
token. The signing secret (`whsec_...`) comes back ONLY in the creation response, which is why
provision.py must store it (or hand it to the user) before anything else can go wrong.
Pausing is `disabled=true` (the `status` field is read-only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from desktop.core.config import ProviderAccount
from desktop.subscriptions.base import DEFAULT_TIMEOUT_S, EventType, SubscriptionError, Webhook, https_problem
from desktop.subscriptions.transport import call, json_of

LABEL = "Stripe"
API_BASE = "https://api.stripe.com"  # one host for test and live mode: the key decides

# Stripe has no call that lists event types for an endpoint; these are the ones a payments
# monitor needs (names from Stripe's event reference), labelled in Portuguese like Juno's.
EVENT_TYPES: tuple[EventType, ...] = (
    EventType("payment_intent.succeeded", "Pagamento confirmado"),
    EventType("payment_intent.payment_failed", "Pagamento recusado ou com falha"),
    EventType("payment_intent.canceled", "Pagamento cancelado"),
    EventType("charge.succeeded", "Cobrança paga"),
    EventType("charge.refunded", "Cobrança estornada"),
    EventType("charge.dispute.created", "Contestação aberta"),
    EventType("checkout.session.completed", "Checkout concluído"),
    EventType("invoice.paid", "Fatura paga"),
    EventType("invoice.payment_failed", "Falha no pagamento da fatura"),
    EventType("customer.subscription.deleted", "Assinatura cancelada"),
)


def read_error(body: Any) -> str:
    """`error.message` (https://docs.stripe.com/api/errors), as it came."""
    error = body.get("error") if isinstance(body, dict) else None
    return str(error.get("message", "")) if isinstance(error, dict) else ""


class StripeClient:
    provider = "stripe"
    secret_only_at_creation = True

    def __init__(
        self,
        http: httpx.AsyncClient,
        account: ProviderAccount,
        credentials: Mapping[str, str],
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.api_base = account.api_base or API_BASE
        self._http = http
        self._key = credentials["api_key"]
        self._timeout_s = timeout_s

    def url_problem(self, url: str) -> str:
        return https_problem(url, LABEL)

    async def _request(self, method: str, path: str, form: Mapping[str, Any] | None = None) -> Any:
        response = await call(
            self._http,
            method,
            f"{self.api_base}{path}",
            provider_label=LABEL,
            read_error=read_error,
            secrets=(self._key,),
            headers={"Authorization": f"Bearer {self._key}"},
            form=form,
            timeout_s=self._timeout_s,
        )
        return json_of(response, LABEL)

    async def event_types(self) -> list[EventType]:
        return list(EVENT_TYPES)

    async def webhooks(self) -> list[Webhook]:
        body = await self._request("GET", "/v1/webhook_endpoints?limit=100")
        items = body.get("data", []) if isinstance(body, dict) else []
        return [_webhook(item) for item in items if isinstance(item, dict)]

    async def create(self, url: str, events: Sequence[str]) -> Webhook:
        problem = self.url_problem(url)
        if problem:
            raise SubscriptionError(problem)
        if not events:
            raise SubscriptionError("choose at least one event type")
        form = {"url": url, "enabled_events[]": list(events), "description": "webhook-monitor"}
        return _webhook(await self._request("POST", "/v1/webhook_endpoints", form))

    async def update(self, webhook: Webhook, *, active: bool, events: Sequence[str]) -> Webhook:
        form = {"disabled": "false" if active else "true", "enabled_events[]": list(events)}
        return _webhook(await self._request("POST", f"/v1/webhook_endpoints/{webhook.id}", form))

    async def delete(self, webhook_id: str) -> None:
        body = await self._request("DELETE", f"/v1/webhook_endpoints/{webhook_id}")
        if not (isinstance(body, dict) and body.get("deleted") is True):
            raise SubscriptionError(f"{LABEL} did not confirm that {webhook_id} was deleted")


def _webhook(item: Any) -> Webhook:
    if not isinstance(item, dict) or not item.get("id"):
        raise SubscriptionError(f"{LABEL} answered without an endpoint id")
    status = str(item.get("status", ""))
    secret = item.get("secret")
    return Webhook(
        id=str(item["id"]),
        url=str(item.get("url", "")),
        active=status == "enabled",
        events=tuple(sorted(str(e) for e in item.get("enabled_events") or [])),
        secret=secret if isinstance(secret, str) and secret else None,
        status=status,
    )
