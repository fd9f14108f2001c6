"""Forwarding in headless mode: `main.py --headless` as a relay on a server.

The same `DeliveryHub` the window uses, started on the store thread's asyncio loop (the
writer's "recognised" callback runs there too and wakes it). Rules and targets are those
saved from the window or written from the config file's `[[forward]]`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Protocol

from desktop.delivery.hub import DeliveryHub


class RecognisedFeed(Protocol):
    """The store's writer as the relay uses it: its loop, and its "recognised" callbacks."""

    loop: asyncio.AbstractEventLoop

    def add_derived_listener(self, callback: Callable[[Sequence[int]], None]) -> None: ...
    def remove_derived_listener(self, callback: Callable[[Sequence[int]], None]) -> None: ...


class RelayStore(Protocol):
    """What the relay needs of the store (the SQLite store satisfies it; no import of it here)."""

    @property
    def writer(self) -> RecognisedFeed: ...


class HeadlessRelay:
    def __init__(self, store: RelayStore, hub: DeliveryHub) -> None:
        self._store = store
        self._loop = store.writer.loop
        self._hub = hub
        self._started = False

    def start(self) -> int:
        """Start forwarding; returns how many rules are enabled (0: nothing to relay yet)."""
        return asyncio.run_coroutine_threadsafe(self._start(), self._loop).result()

    def stop(self) -> None:
        """Before the store closes: finish or abandon in-flight sends (they stay queued)."""
        if self._started and self._loop.is_running():
            asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result()

    async def _start(self) -> int:
        await self._hub.start()  # resumes what was queued before the last stop
        self._store.writer.add_derived_listener(self._on_recognised)
        self._started = True
        return self._hub.enabled_rules()

    async def _stop(self) -> None:
        self._store.writer.remove_derived_listener(self._on_recognised)
        await self._hub.close()
        self._started = False

    def _on_recognised(self, ids: Sequence[int]) -> None:
        # On the store thread's loop, right after the transaction that queued their jobs.
        self._hub.wake()
