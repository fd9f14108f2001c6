"""`[providers.<name>]` and `[listener] public_url`: read, defaulted, and credentials refused."""

from __future__ import annotations

import pytest

from desktop.core.config import ConfigError, settings_from_dict


def test_providers_juno_keys_are_read():
    settings = settings_from_dict(
        {
            "listener": {"public_url": "https://hooks.example.com/"},
            "providers": {
                "juno": {
                    "environment": "production",
                    "client_id_env": "MY_JUNO_ID",
                    "api_base": "http://127.0.0.1:9/api-integration/",
                    "auth_base": "http://127.0.0.1:9/authorization-server",
                }
            },
        }
    )
    juno = settings.account("juno")
    assert settings.public_url == "https://hooks.example.com"
    assert (juno.environment, juno.api_base) == ("production", "http://127.0.0.1:9/api-integration")
    assert juno.env_name("client_id") == "MY_JUNO_ID"
    assert juno.env_name("client_secret") == "JUNO_CLIENT_SECRET"  # the default


def test_a_provider_without_a_table_gets_the_defaults():
    stripe = settings_from_dict({}).account("stripe")
    assert (stripe.environment, stripe.env_name("api_key")) == ("sandbox", "STRIPE_API_KEY")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"juno": {"client_secret": "abc"}}, "credentials do not belong in the config file"),
        ({"juno": {"environment": "live"}}, "sandbox or production"),
        ({"mercadopago": {}}, "subscriptions are managed for juno, stripe, asaas only"),
    ],
)
def test_bad_provider_tables_are_refused_with_the_reason(table, message):
    with pytest.raises(ConfigError, match=message):
        settings_from_dict({"providers": table})
