"""A provider API client for one command: credentials from the environment or the keyring,
an httpx client the command owns, and the app's endpoints (`subscribe` adds one)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from desktop.core.config import Settings

T = TypeVar("T")


def with_client(
    settings: Settings,
    data_dir: Path,
    provider: str,
    environment: str | None,
    work: Callable[..., Awaitable[T]],
) -> T:
    """Build the provider's client (credentials from env or keyring) and run `work(client,
    endpoints)` on a client this command owns. Raises SubscriptionError."""
    import httpx

    from desktop.store.endpoints import EndpointStore
    from desktop.store.secrets import SecretStore
    from desktop.subscriptions import credentials
    from desktop.subscriptions.registry import make_client

    account = settings.account(provider)
    if environment:
        account = replace(account, environment=environment)
    secrets = SecretStore(data_dir)
    endpoints = EndpointStore(data_dir, settings.endpoints, secrets)
    found = credentials.load(account, secrets)

    async def main() -> T:
        async with httpx.AsyncClient() as http:
            return await work(make_client(provider, http, account, found), endpoints)

    return asyncio.run(main())
