"""Provider name -> subscription client, and the providers registered only in a dashboard.

Adding a provider: write its module with a class that follows base.SubscriptionClient (a
constructor taking `(http, account, credentials)`), name its credentials in
core/config.py's CREDENTIAL_FIELDS, and add one line to `CLIENTS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

from desktop.core.config import ProviderAccount
from desktop.core.translation_marks import QT_TRANSLATE_NOOP
from desktop.subscriptions.asaas import AsaasClient
from desktop.subscriptions.base import SubscriptionClient
from desktop.subscriptions.juno import JunoClient
from desktop.subscriptions.stripe import StripeClient

ClientFactory = Callable[[httpx.AsyncClient, ProviderAccount, Mapping[str, str]], SubscriptionClient]

CLIENTS: dict[str, ClientFactory] = {
    "juno": JunoClient,
    "stripe": StripeClient,
    "asaas": AsaasClient,
}

LABELS = {"juno": "Juno", "stripe": "Stripe", "asaas": "Asaas"}


@dataclass(frozen=True, slots=True)
class DashboardOnly:
    """A provider with no registration API: the user registers the URL on its site."""

    provider: str
    label: str
    url: str
    how: str  # English source; the window translates it (context SubscriptionsWindow)


# SUBSCRIPTIONS.md section 4.
DASHBOARD_ONLY: tuple[DashboardOnly, ...] = (
    DashboardOnly(
        "mercadopago",
        "Mercado Pago",
        "https://www.mercadopago.com.br/developers/panel/app",
        QT_TRANSLATE_NOOP(
            "SubscriptionsWindow",
            "Mercado Pago has no API to register webhooks: register the URL in Your integrations → "
            "Webhooks, copy the secret signature it makes and paste it in Endpoints & secrets.",
        ),
    ),
    DashboardOnly(
        "pagarme",
        "Pagar.me",
        "https://dash.pagar.me",
        QT_TRANSLATE_NOOP(
            "SubscriptionsWindow",
            "Pagar.me registers webhooks in its dashboard (Settings → Webhooks), or per transaction "
            "with postback_url; there is no API for it.",
        ),
    ),
    DashboardOnly(
        "pagbank",
        "PagBank",
        "https://developer.pagbank.com.br/reference/webhooks",
        QT_TRANSLATE_NOOP(
            "SubscriptionsWindow",
            "PagBank does not register webhooks by API: each order or charge carries notification_urls.",
        ),
    ),
)


def make_client(
    provider: str, http: httpx.AsyncClient, account: ProviderAccount, credentials: Mapping[str, str]
) -> SubscriptionClient:
    factory = CLIENTS.get(provider)
    if factory is None:
        raise KeyError(f"no subscription client for {provider!r}; known: {', '.join(CLIENTS)}")
    return factory(http, account, credentials)
