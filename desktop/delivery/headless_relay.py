"""Forwarding rules in headless mode: `main.py --headless` as a local relay on a server.

The window forwards through its DeliveryService on the Qt loop; without a window, the same
Forwarder runs on the store thread's asyncio loop, fed by the writer's "recognised" callback
(which already runs on that loop), with its own httpx client and its own connection to the
queue tables. Rules and targets are the ones saved from the window.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import Protocol

import httpx

from desktop.core.model import CapturedRequest, StoredEvent
from desktop.core.storage import StorageError
from desktop.delivery.forward_rule_matcher import EventMatcher, ForwardRuleMatcher
from desktop.delivery.forwarder import Forwarder, QueueStore

log = logging.getLogger(__name__)


class RelayQueue(QueueStore, Protocol):
    def close(self) -> None: ...


class RecognisedFeed(Protocol):
    """The store's writer as the relay uses it: its loop, and its "recognised" callbacks."""

    loop: asyncio.AbstractEventLoop

    def add_derived_listener(self, callback: Callable[[Sequence[int]], None]) -> None: ...
    def remove_derived_listener(self, callback: Callable[[Sequence[int]], None]) -> None: ...


class RelayStore(EventMatcher, Protocol):
    """What the relay needs of the store (the SQLite store satisfies it; no import of it here)."""

    @property
    def writer(self) -> RecognisedFeed: ...

    def event(self, event_id: int, with_body: bool = True) -> StoredEvent | None: ...
    def open_delivery(self) -> RelayQueue: ...


class HeadlessRelay:
    def __init__(self, store: RelayStore) -> None:
        self._store = store
        self._loop = store.writer.loop
        self._client: httpx.AsyncClient | None = None
        self._delivery: RelayQueue | None = None
        self._forwarder: Forwarder | None = None
        self._rules = ForwardRuleMatcher(store)

    def start(self) -> int:
        """Start forwarding; returns how many rules are enabled (0: nothing to relay)."""
        return asyncio.run_coroutine_threadsafe(self._start(), self._loop).result()

    def stop(self) -> None:
        """Before the store closes: finish or abandon in-flight sends (they stay queued)."""
        if self._forwarder is not None and self._loop.is_running():
            asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result()

    async def _start(self) -> int:
        self._delivery = self._store.open_delivery()
        self._client = httpx.AsyncClient()
        self._forwarder = Forwarder(
            self._delivery, self._client, self._load_request, matcher=self._rules.matches
        )
        self._forwarder.start()  # resumes what was queued before the last stop
        self._store.writer.add_derived_listener(self._on_recognised)
        return len(self._delivery.list_rules(enabled_only=True))

    async def _stop(self) -> None:
        self._store.writer.remove_derived_listener(self._on_recognised)
        if self._forwarder is not None:
            await self._forwarder.stop()
        if self._client is not None:
            await self._client.aclose()
        if self._delivery is not None:
            self._delivery.close()
        self._forwarder = self._client = self._delivery = None

    def _load_request(self, event_id: int) -> CapturedRequest | None:
        event = self._store.event(event_id)
        return event.request if event is not None else None

    def _on_recognised(self, ids: Sequence[int]) -> None:
        # On the store thread, inside its loop: the same thread the forwarder runs on.
        if self._forwarder is None or self._delivery is None or not ids:
            return
        try:
            if not self._delivery.list_rules(enabled_only=True):
                return
            events = [e for i in ids if (e := self._store.event(i, with_body=False)) is not None]
            with self._rules.batch(ids):
                self._forwarder.forward_events(events)
        except StorageError:
            log.exception("could not queue events %s..%s for forwarding", min(ids), max(ids))
