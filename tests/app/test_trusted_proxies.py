"""`[listener] trusted_proxies`: behind a reverse proxy (Caddy in deploy/), an event records
the sender's address from X-Forwarded-For, but only when the proxy is trusted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.config import ConfigError, ListenerOptions, Settings, load_settings
from desktop.listener.access import client_address, proxy_networks
from desktop.runtime import Services, build_services
from tests.app.conftest import no_keyring, send_raw

LOCAL = proxy_networks(("127.0.0.1", "10.0.0.0/8"))


def test_a_trusted_proxy_is_replaced_by_the_nearest_untrusted_address() -> None:
    headers = [("X-Forwarded-For", "198.51.100.1, 203.0.113.7"), ("x-forwarded-for", "10.1.2.3")]
    # A client can write anything on the left; the entries our proxies added are on the right.
    assert client_address("127.0.0.1", headers, LOCAL) == "203.0.113.7"


def test_an_untrusted_peer_is_recorded_whatever_it_claims() -> None:
    assert client_address("192.0.2.5", [("X-Forwarded-For", "203.0.113.7")], LOCAL) == "192.0.2.5"
    assert client_address("127.0.0.1", [("X-Forwarded-For", "203.0.113.7")], ()) == "127.0.0.1"


def test_a_chain_of_only_proxies_or_garbage_keeps_the_proxy() -> None:
    assert client_address("127.0.0.1", [("X-Forwarded-For", "10.0.0.9")], LOCAL) == "127.0.0.1"
    assert client_address("127.0.0.1", [("X-Forwarded-For", "not-an-ip")], LOCAL) == "127.0.0.1"
    assert client_address("127.0.0.1", [], LOCAL) == "127.0.0.1"


def test_the_config_file_takes_addresses_and_networks_only(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('[listener]\ntrusted_proxies = ["127.0.0.1", "10.0.0.0/8", "::1"]\n')
    assert load_settings(good).listener.trusted_proxies == ("127.0.0.1", "10.0.0.0/8", "::1")
    bad = tmp_path / "bad.toml"
    bad.write_text('[listener]\ntrusted_proxies = ["caddy.internal"]\n')
    with pytest.raises(ConfigError, match="not an address or a network"):
        load_settings(bad)


@pytest.fixture
def behind_proxy(tmp_path: Path) -> Iterator[Services]:
    options = ListenerOptions(trusted_proxies=("127.0.0.1",))
    settings = Settings(host="127.0.0.1", port=0, listener=options)
    services = build_services(settings, tmp_path / "data", keyring_backend=no_keyring())
    services.start_listener()
    yield services
    services.close()


def test_a_request_through_a_trusted_proxy_is_stored_with_the_senders_address(
    behind_proxy: Services,
) -> None:
    reply = send_raw(behind_proxy.listener.port, "POST", "/hook", [("X-Forwarded-For", "203.0.113.7")], b"{}")
    assert reply.status == 200
    behind_proxy.store.settled().result(timeout=10)
    stored = behind_proxy.store.event(behind_proxy.store.high_water())
    assert stored is not None
    assert stored.request.remote_addr == "203.0.113.7"
    assert ("X-Forwarded-For", "203.0.113.7") in stored.request.headers  # kept, byte-exact
