"""Fixtures: the fake provider APIs (real servers on 127.0.0.1, port 0), accounts pointed at
them, credentials, and a way to run one client call on a fresh httpx client."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import httpx
import pytest

from desktop.core.config import ProviderAccount
from desktop.subscriptions.asaas import AsaasClient
from desktop.subscriptions.juno import JunoClient
from desktop.subscriptions.stripe import StripeClient
from tests.subscriptions import fake_asaas, fake_juno, fake_stripe

T = TypeVar("T")

JUNO_CREDENTIALS = {
    "client_id": fake_juno.CLIENT_ID,
    "client_secret": fake_juno.CLIENT_SECRET,
    "resource_token": fake_juno.RESOURCE_TOKEN,
}


@pytest.fixture
def juno_api() -> Iterator[fake_juno.FakeJuno]:
    fake = fake_juno.FakeJuno().start()
    yield fake
    fake.stop()


@pytest.fixture
def stripe_api() -> Iterator[fake_stripe.FakeStripe]:
    fake = fake_stripe.FakeStripe().start()
    yield fake
    fake.stop()


@pytest.fixture
def asaas_api() -> Iterator[fake_asaas.FakeAsaas]:
    fake = fake_asaas.FakeAsaas().start()
    yield fake
    fake.stop()


def juno_account(api: fake_juno.FakeJuno) -> ProviderAccount:
    return ProviderAccount("juno", api_base=api.api_base, auth_base=api.auth_base)


ClientCall = Callable[[Any], Awaitable[T]]


def with_client(
    make: Callable[[httpx.AsyncClient], Any], *steps: Callable[[Any], Awaitable[Any]]
) -> list[Any]:
    """Run `steps` in order on one client (one token cache), each given the client; their results."""

    async def main() -> list[Any]:
        async with httpx.AsyncClient() as http:
            client = make(http)
            return [await step(client) for step in steps]

    return asyncio.run(main())


def juno(api: fake_juno.FakeJuno, **kwargs: Any) -> Callable[[httpx.AsyncClient], JunoClient]:
    return lambda http: JunoClient(http, juno_account(api), JUNO_CREDENTIALS, **kwargs)


def stripe(api: fake_stripe.FakeStripe) -> Callable[[httpx.AsyncClient], StripeClient]:
    return lambda http: StripeClient(
        http, ProviderAccount("stripe", api_base=api.api_base), {"api_key": fake_stripe.API_KEY}
    )


def asaas(api: fake_asaas.FakeAsaas) -> Callable[[httpx.AsyncClient], AsaasClient]:
    account = ProviderAccount("asaas", api_base=api.api_base, email="financeiro@example.com")
    return lambda http: AsaasClient(http, account, {"api_key": fake_asaas.API_KEY})
