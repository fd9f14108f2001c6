"""Fixtures for the app-level tests: real services on a free port, a raw HTTP client."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from keyring.backends import fail

from desktop.core.config import Endpoint, Settings
from desktop.runtime import Services, build_services

FIXTURE_SECRETS_ENDPOINTS = (
    Endpoint(path="/juno/legacy", provider="juno-v1"),
    Endpoint(path="/juno", provider="juno", secret_env="TEST_JUNO_SECRET"),
    Endpoint(path="/github", provider="github", secret_env="TEST_GITHUB_SECRET"),
    Endpoint(path="/stripe", provider="stripe", secret_env="TEST_STRIPE_SECRET"),
    Endpoint(path="/svix", provider="standard-webhooks", secret_env="TEST_SVIX_SECRET"),
    Endpoint(path="/mercadopago", provider="mercadopago", secret_env="TEST_MP_SECRET"),
    Endpoint(path="/asaas", provider="asaas", secret_env="TEST_ASAAS_SECRET"),
)


@dataclass
class Reply:
    status: int
    body: bytes


def send_raw(
    port: int, method: str, target: str, headers: list[tuple[str, str]] | list[list[str]], body: bytes
) -> Reply:
    """Send a request with exactly these header names (case and order kept), plus Host/length."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", f"127.0.0.1:{port}")
        for name, value in headers:
            conn.putheader(name, value)
        if body or method not in ("GET", "HEAD"):
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body if body else None)
        response = conn.getresponse()
        return Reply(response.status, response.read())
    finally:
        conn.close()


@pytest.fixture
def settings() -> Settings:
    return Settings(host="127.0.0.1", port=0, max_body_mb=1, endpoints=FIXTURE_SECRETS_ENDPOINTS)


def no_keyring() -> fail.Keyring:
    """App tests never touch the system keyring: secrets go to the data dir's file."""
    return fail.Keyring()


@pytest.fixture
def services(settings: Settings, data_dir: Path) -> Iterator[Services]:
    running = build_services(settings, data_dir, keyring_backend=no_keyring())
    running.start_listener()
    yield running
    running.close()
