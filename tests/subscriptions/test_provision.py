"""Subscribing end to end: the webhook created at the (fake) provider, its secret stored, its
path mapped, and the next delivery signed with that secret verifying `valid` at the listener;
and nothing half-done when a step after the creation fails."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.core.config import Endpoint, Settings
from desktop.runtime import Services, build_services
from desktop.store.secrets import SecretStoreError
from desktop.subscriptions import provision
from desktop.subscriptions.base import SubscriptionError
from tests.app.conftest import no_keyring, send_raw
from tests.subscriptions.conftest import asaas, juno, stripe

URL = "https://monitor.example.com/juno"


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    running = build_services(Settings(port=0), data_dir, keyring_backend=no_keyring())
    running.start_listener()
    yield running
    running.close()


def subscribe(make, url: str, events: list[str], services: Services) -> provision.Provisioned:
    async def main() -> provision.Provisioned:
        async with httpx.AsyncClient() as http:
            return await provision.subscribe(make(http), url, events, services.endpoints)

    result = asyncio.run(main())
    # What the window does after a subscription: new captures use the new mapping.
    services.deriver.settings = services.endpoints.apply(services.deriver.settings)
    return result


def verdict(services: Services, path: str, headers: list[tuple[str, str]], body: bytes) -> str:
    """Send a delivery to the listener; its signature verdict once the writer has derived it
    (stored first, recognised just after: waited for through the writer's derived listener)."""
    derived: set[int] = set()
    arrived = threading.Condition()

    def on_derived(ids: list[int]) -> None:
        with arrived:
            derived.update(ids)
            arrived.notify_all()

    services.store.writer.add_derived_listener(on_derived)
    try:
        reply = send_raw(services.listener.port, "POST", path, headers, body)
        assert reply.status == 200, reply.body
        event_id = int(json.loads(reply.body)["id"])
        with arrived:
            assert arrived.wait_for(lambda: event_id in derived, timeout=30)
    finally:
        services.store.writer.remove_derived_listener(on_derived)
    event = services.store.event(event_id)
    assert event is not None
    return event.derived.signature.value


def test_a_juno_delivery_signed_with_the_returned_secret_verifies_valid(juno_api, services):
    result = subscribe(juno(juno_api), URL, ["PAYMENT_NOTIFICATION"], services)
    assert (result.path, result.endpoint_added, result.location) == ("/juno", True, "file")
    assert [(e.path, e.provider) for e in services.endpoints.user_endpoints()] == [("/juno", "juno")]
    body, signature = juno_api.delivery(result.webhook.id)
    headers = [("Content-Type", "application/json"), ("X-Signature", signature)]
    assert verdict(services, "/juno", headers, body) == "valid"


def test_the_secret_is_in_the_secret_store_and_nowhere_else(juno_api, services, data_dir):
    result = subscribe(juno(juno_api), URL, ["PAYMENT_NOTIFICATION"], services)
    secret = juno_api.webhooks[result.webhook.id].secret
    assert services.secrets.get("/juno") == secret
    assert secret not in (data_dir / "endpoints.json").read_text()
    assert secret not in repr(result)


def test_a_stripe_delivery_signed_with_the_creation_secret_verifies_valid(stripe_api, services):
    result = subscribe(
        stripe(stripe_api), "https://monitor.example.com/stripe", ["charge.succeeded"], services
    )
    secret = result.webhook.secret
    assert secret is not None and secret.startswith("whsec_")
    body = b'{"id":"evt_1","type":"charge.succeeded","data":{"object":{"id":"ch_1","amount":5000}}}'
    now = str(int(time.time()))
    mac = hmac.new(secret.encode(), now.encode() + b"." + body, hashlib.sha256).hexdigest()
    headers = [("Content-Type", "application/json"), ("Stripe-Signature", f"t={now},v1={mac}")]
    assert verdict(services, "/stripe", headers, body) == "valid"


def test_an_asaas_delivery_with_the_generated_token_verifies_valid(asaas_api, services):
    result = subscribe(asaas(asaas_api), "https://monitor.example.com/asaas", ["PAYMENT_RECEIVED"], services)
    token = asaas_api.webhooks[result.webhook.id]["authToken"]
    assert token == result.webhook.secret and len(token) == 64
    body = b'{"event":"PAYMENT_RECEIVED","payment":{"id":"pay_1","value":50.0,"status":"RECEIVED"}}'
    headers = [("Content-Type", "application/json"), ("asaas-access-token", token)]
    assert verdict(services, "/asaas", headers, body) == "valid"


def test_a_path_owned_by_another_provider_is_refused_before_creating(juno_api, services):
    services.endpoints.save_user_endpoints([Endpoint("/juno", "github")])
    with pytest.raises(SubscriptionError, match="already the endpoint of github"):
        subscribe(juno(juno_api), URL, ["PAYMENT_NOTIFICATION"], services)
    assert juno_api.webhooks == {}


def test_an_existing_juno_endpoint_is_reused(juno_api, services):
    services.endpoints.save_user_endpoints([Endpoint("/juno", "juno", name="vendas")])
    result = subscribe(juno(juno_api), URL, ["PAYMENT_NOTIFICATION"], services)
    assert not result.endpoint_added
    assert [e.name for e in services.endpoints.user_endpoints()] == ["vendas"]


class BrokenSecrets:
    """A secret store whose writes fail (a full disk, a keyring that refuses)."""

    def __init__(self, real) -> None:
        self.real = real

    def set(self, key: str, secret: str) -> str:
        raise SecretStoreError("cannot write the secrets file: No space left on device")

    def __getattr__(self, name: str):
        return getattr(self.real, name)


def test_when_the_secret_cannot_be_stored_the_webhook_is_deleted_again(juno_api, services):
    services.endpoints.secrets = BrokenSecrets(services.secrets)
    with pytest.raises(SubscriptionError, match="was deleted again, so nothing changed"):
        subscribe(juno(juno_api), URL, ["PAYMENT_NOTIFICATION"], services)
    assert juno_api.webhooks == {}
    assert services.endpoints.user_endpoints() == []


def test_when_the_rollback_fails_too_the_secret_is_handed_back(juno_api, services):
    services.endpoints.secrets = BrokenSecrets(services.secrets)
    juno_api.fail_delete = True
    with pytest.raises(provision.ProvisionIncomplete) as caught:
        subscribe(juno(juno_api), URL, ["PAYMENT_NOTIFICATION"], services)
    [hook] = juno_api.webhooks.values()
    assert caught.value.secret == hook.secret
    assert hook.secret not in str(caught.value)  # the message may be logged; the secret is apart
    assert "deleting the webhook again failed" in str(caught.value)
