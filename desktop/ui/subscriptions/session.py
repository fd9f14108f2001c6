"""The window's side of a provider's subscription API: runs each call on the qasync loop and
reports the outcome through signals, so the window only draws.

One call at a time (`busy`): the buttons are disabled while a call runs, and a second click
cannot race the first (two creates would hit Juno's one-webhook-per-event rule).
The HTTP client is the app's shared one, passed in as a callable because it only exists once
the delivery service has started.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import httpx
from PySide6.QtCore import QObject, Signal

from desktop.core.config import ProviderAccount
from desktop.store.endpoints import EndpointStore
from desktop.subscriptions import credentials, provision
from desktop.subscriptions.base import SubscriptionClient, SubscriptionError, Webhook
from desktop.subscriptions.registry import make_client

log = logging.getLogger(__name__)


class SubscriptionSession(QObject):
    """Signals:
    event_types_loaded(list[EventType]), webhooks_loaded(list[Webhook]): fresh lists.
    failed(str): a call failed; the reason in words (the provider's message as it came).
    incomplete(str, str): created but not stored and not rolled back: (message, secret).
    succeeded(str): a change went through; what happened.
    subscribed(str): a webhook was created and its endpoint path set up (the path).
    busy_changed(bool): a call started or ended.
    """

    event_types_loaded = Signal(list)
    webhooks_loaded = Signal(list)
    failed = Signal(str)
    incomplete = Signal(str, str)
    succeeded = Signal(str)
    subscribed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(
        self,
        http: Callable[[], httpx.AsyncClient],
        endpoints: EndpointStore,
        accounts: Callable[[str], ProviderAccount],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._http = http
        self._endpoints = endpoints
        self._accounts = accounts
        self._clients: dict[str, SubscriptionClient] = {}  # kept: each keeps its token cache
        self._task: asyncio.Task[Any] | None = None
        self.provider = "juno"

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def forget_client(self) -> None:
        """New credentials were saved: the next call builds a client with them."""
        self._clients.pop(self.provider, None)

    def _client(self) -> SubscriptionClient:
        client = self._clients.get(self.provider)
        if client is None:
            account = self._accounts(self.provider)
            found = credentials.load(account, self._endpoints.secrets)
            client = make_client(self.provider, self._http(), account, found)
            self._clients[self.provider] = client
        return client

    def _run(self, work: Callable[[SubscriptionClient], Awaitable[str | None]]) -> asyncio.Task[Any] | None:
        if self.busy:
            return None

        async def main() -> None:
            try:
                message = await work(self._client())
            except provision.ProvisionIncomplete as exc:
                self.incomplete.emit(str(exc), exc.secret)
            except SubscriptionError as exc:
                self.failed.emit(str(exc))
            except RuntimeError as exc:  # the shared client is not up (the app is closing)
                self.failed.emit(str(exc))
            else:
                if message:
                    self.succeeded.emit(message)
            finally:
                self.busy_changed.emit(False)

        self.busy_changed.emit(True)
        self._task = asyncio.get_event_loop().create_task(main())
        return self._task

    async def _reload(self, client: SubscriptionClient) -> None:
        self.webhooks_loaded.emit(await client.webhooks())

    # -- what the window asks for ---------------------------------------------------------------

    def refresh(self) -> asyncio.Task[Any] | None:
        async def work(client: SubscriptionClient) -> None:
            self.event_types_loaded.emit(await client.event_types())
            await self._reload(client)

        return self._run(work)

    def subscribe(self, url: str, events: Sequence[str]) -> asyncio.Task[Any] | None:
        async def work(client: SubscriptionClient) -> str:
            result = await provision.subscribe(client, url, events, self._endpoints)
            self.subscribed.emit(result.path)
            await self._reload(client)
            where = (
                self.tr("in the system keyring") if result.location == "keyring" else self.tr("in the file")
            )
            text = self.tr("Webhook {0} created; secret kept {1} for the endpoint {2}.").format(
                result.webhook.id, where, result.path
            )
            return f"{text} ⚠ {result.warning}" if result.warning else text

        return self._run(work)

    def update(self, webhook: Webhook, *, active: bool, events: Sequence[str]) -> asyncio.Task[Any] | None:
        async def work(client: SubscriptionClient) -> str:
            changed = await client.update(webhook, active=active, events=events)
            await self._reload(client)
            state = self.tr("active") if changed.active else self.tr("paused")
            count = len(changed.events)
            text = self.tr("Webhook {0}: {1}, %n event(s).", "", count)
            return text.format(changed.id, state)

        return self._run(work)

    def delete(self, webhook_id: str) -> asyncio.Task[Any] | None:
        async def work(client: SubscriptionClient) -> str:
            await client.delete(webhook_id)
            await self._reload(client)
            return self.tr("Webhook {0} deleted.").format(webhook_id)

        return self._run(work)
