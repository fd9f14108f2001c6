"""The Juno client against the fake Juno API: subscribe, list, pause, change, delete, tokens, errors."""

from __future__ import annotations

import socket

import pytest

from desktop.core.config import ProviderAccount
from desktop.subscriptions.base import SubscriptionError
from desktop.subscriptions.juno import JunoClient
from tests.subscriptions.conftest import JUNO_CREDENTIALS, juno, with_client

URL = "https://monitor.example.com/juno"


def test_event_types_come_with_their_portuguese_labels(juno_api):
    [types] = with_client(juno(juno_api), lambda c: c.event_types())
    labels = {t.name: t.label for t in types}
    assert len(types) == 10
    assert labels["PAYMENT_NOTIFICATION"] == "Notificação de pagamento"


def test_create_list_pause_change_and_delete_a_webhook(juno_api):
    async def pause(c):
        [hook] = await c.webhooks()
        return await c.update(hook, active=False, events=hook.events)

    async def change(c):
        [hook] = await c.webhooks()
        return await c.update(hook, active=True, events=["CHARGE_STATUS_CHANGED"])

    async def delete(c):
        [hook] = await c.webhooks()
        await c.delete(hook.id)
        return await c.webhooks()

    created, listed, paused, changed, after_delete = with_client(
        juno(juno_api),
        lambda c: c.create(URL, ["PAYMENT_NOTIFICATION", "CHARGE_STATUS_CHANGED"]),
        lambda c: c.webhooks(),
        pause,
        change,
        delete,
    )
    assert created.id.startswith("wbh_") and created.active and len(created.secret) == 64
    assert created.events == ("CHARGE_STATUS_CHANGED", "PAYMENT_NOTIFICATION")
    assert [(w.id, w.url, w.status) for w in listed] == [(created.id, URL, "ACTIVE")]
    assert (paused.active, paused.status) == (False, "INACTIVE")
    assert (changed.active, changed.events) == (True, ("CHARGE_STATUS_CHANGED",))
    assert after_delete == []
    assert juno_api.webhooks == {}


def test_a_token_is_fetched_once_and_reused(juno_api):
    with_client(juno(juno_api), lambda c: c.event_types(), lambda c: c.webhooks(), lambda c: c.webhooks())
    assert juno_api.tokens_issued == 1


def test_a_token_about_to_expire_is_renewed_before_the_call(juno_api):
    now = [1000.0]
    juno_api.token_lifetime_s = 3600

    async def later(c):
        now[0] += 3600 - 29  # inside the 30 s renewal margin
        return await c.webhooks()

    with_client(juno(juno_api, clock=lambda: now[0]), lambda c: c.webhooks(), later)
    assert juno_api.tokens_issued == 2


def test_a_token_the_server_expired_is_renewed_once_on_401(juno_api):
    async def after_expiry(c):
        juno_api.expire_tokens()
        return await c.create(URL, ["PAYMENT_NOTIFICATION"])

    _, hook = with_client(juno(juno_api), lambda c: c.webhooks(), after_expiry)
    assert hook.id in juno_api.webhooks
    assert juno_api.tokens_issued == 2


def test_a_400_is_shown_with_its_message_as_it_came(juno_api):
    async def twice(c):
        await c.create(URL, ["PAYMENT_NOTIFICATION"])
        await c.create("https://other.example.com/juno", ["PAYMENT_NOTIFICATION"])

    with pytest.raises(SubscriptionError) as caught:
        with_client(juno(juno_api), twice)
    assert caught.value.status == 400
    assert "Já existe um webhook ativo inscrito no evento PAYMENT_NOTIFICATION" in str(caught.value)


def test_an_http_url_is_refused_before_any_call_with_the_reason(juno_api):
    with pytest.raises(SubscriptionError, match="only delivers to HTTPS"):
        with_client(juno(juno_api), lambda c: c.create("http://monitor.example.com/juno", ["CHARGE_CREATED"]))
    assert juno_api.tokens_issued == 0


def test_wrong_credentials_are_explained_without_revealing_them(juno_api):
    bad = {**JUNO_CREDENTIALS, "client_secret": "wrong-secret-value-123"}
    account = ProviderAccount("juno", api_base=juno_api.api_base, auth_base=juno_api.auth_base)
    with pytest.raises(SubscriptionError) as caught:
        with_client(lambda http: JunoClient(http, account, bad), lambda c: c.webhooks())
    assert caught.value.status == 401 and "Bad credentials" in str(caught.value)
    assert "wrong-secret-value-123" not in str(caught.value)


def test_an_unreachable_api_is_explained():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    account = ProviderAccount(
        "juno", api_base=f"http://127.0.0.1:{port}", auth_base=f"http://127.0.0.1:{port}"
    )
    with pytest.raises(SubscriptionError, match="could not connect to Juno"):
        with_client(lambda http: JunoClient(http, account, JUNO_CREDENTIALS), lambda c: c.webhooks())


def test_a_provider_that_does_not_answer_in_time_is_explained():
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        base = f"http://127.0.0.1:{silent.getsockname()[1]}"
        account = ProviderAccount("juno", api_base=base, auth_base=base)
        with pytest.raises(SubscriptionError, match=r"did not answer within 0\.3 s"):
            with_client(
                lambda http: JunoClient(http, account, JUNO_CREDENTIALS, timeout_s=0.3),
                lambda c: c.webhooks(),
            )


def test_production_and_sandbox_urls_and_the_overrides():
    import httpx

    http = httpx.AsyncClient()
    sandbox = JunoClient(http, ProviderAccount("juno"), JUNO_CREDENTIALS)
    production = JunoClient(http, ProviderAccount("juno", environment="production"), JUNO_CREDENTIALS)
    overridden = JunoClient(
        http, ProviderAccount("juno", api_base="http://a", auth_base="http://b"), JUNO_CREDENTIALS
    )
    assert sandbox.api_base == "https://sandbox.boletobancario.com/api-integration"
    assert production.auth_base == "https://api.juno.com.br/authorization-server"
    assert (overridden.api_base, overridden.auth_base) == ("http://a", "http://b")


def test_credentials_and_the_webhook_secret_never_reach_the_logs(juno_api, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    [hook] = with_client(juno(juno_api), lambda c: c.create(URL, ["PAYMENT_NOTIFICATION"]))
    for secret in (*JUNO_CREDENTIALS.values(), hook.secret):
        assert secret not in caplog.text
    assert hook.secret not in repr(hook)
