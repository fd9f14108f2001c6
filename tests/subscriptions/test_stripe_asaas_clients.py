"""Stripe and Asaas through the same interface: subscribe, list, pause, change, delete, errors."""

from __future__ import annotations

import pytest

from desktop.core.config import ProviderAccount
from desktop.subscriptions.asaas import AsaasClient
from desktop.subscriptions.base import SubscriptionError
from desktop.subscriptions.stripe import StripeClient
from tests.subscriptions.conftest import asaas, stripe, with_client


def lifecycle(make, url: str, first: list[str], second: list[str]):
    async def pause(c):
        [hook] = await c.webhooks()
        return await c.update(hook, active=False, events=hook.events)

    async def change(c):
        [hook] = await c.webhooks()
        return await c.update(hook, active=True, events=second)

    async def delete(c):
        [hook] = await c.webhooks()
        await c.delete(hook.id)
        return await c.webhooks()

    return with_client(make, lambda c: c.create(url, first), lambda c: c.webhooks(), pause, change, delete)


def test_stripe_subscribe_list_pause_change_delete(stripe_api):
    created, listed, paused, changed, gone = lifecycle(
        stripe(stripe_api), "https://m.example.com/stripe", ["charge.succeeded"], ["invoice.paid"]
    )
    assert created.secret.startswith("whsec_") and created.active
    assert [(w.id, w.secret) for w in listed] == [(created.id, None)]  # the secret only at creation
    assert (paused.active, paused.status) == (False, "disabled")
    assert (changed.active, changed.events) == (True, ("invoice.paid",))
    assert gone == [] and stripe_api.endpoints == {}


def test_asaas_subscribe_list_pause_change_delete(asaas_api):
    created, listed, paused, changed, gone = lifecycle(
        asaas(asaas_api), "https://m.example.com/asaas", ["PAYMENT_RECEIVED"], ["PAYMENT_CONFIRMED"]
    )
    assert len(created.secret) == 64 and created.active
    stored = asaas_api.webhooks.get(created.id)
    assert stored is None  # deleted at the end
    assert [(w.id, w.secret) for w in listed] == [(created.id, None)]  # Asaas never echoes the token
    assert (paused.active, paused.status) == (False, "disabled")
    assert (changed.active, changed.events) == (True, ("PAYMENT_CONFIRMED",))
    assert gone == []


def test_a_stripe_error_is_shown_with_its_message(stripe_api):
    with pytest.raises(SubscriptionError) as caught:
        with_client(stripe(stripe_api), lambda c: c.delete("we_unknown"))
    assert caught.value.status == 404 and "No such webhook endpoint: 'we_unknown'" in str(caught.value)


def test_a_wrong_stripe_key_is_not_repeated_in_the_error(stripe_api):
    account = ProviderAccount("stripe", api_base=stripe_api.api_base)
    key = "sk_test_wrong_key_0000"
    with pytest.raises(SubscriptionError) as caught:
        with_client(lambda http: StripeClient(http, account, {"api_key": key}), lambda c: c.webhooks())
    assert caught.value.status == 401 and key not in str(caught.value)


def test_an_asaas_error_is_shown_with_its_description(asaas_api):
    async def eleven(c):
        for n in range(11):
            await c.create(f"https://m.example.com/asaas/{n}", ["PAYMENT_RECEIVED"])

    with pytest.raises(SubscriptionError, match="Limite de 10 webhooks atingido"):
        with_client(asaas(asaas_api), eleven)


def test_asaas_without_an_email_says_where_to_set_it(asaas_api):
    account = ProviderAccount("asaas", api_base=asaas_api.api_base)
    with pytest.raises(SubscriptionError, match=r"\[providers.asaas\]"):
        with_client(
            lambda http: AsaasClient(http, account, {"api_key": "k"}),
            lambda c: c.create("https://m.example.com/asaas", ["PAYMENT_RECEIVED"]),
        )
    assert asaas_api.webhooks == {}
