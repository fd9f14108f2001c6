"""Stores send attempts in short batched transactions, then says which events got one.

No Qt here: the owner passes a callback (the delivery service emits its signal from it).
The attempts of a bulk re-send are buffered and written in one short transaction every
FLUSH_S, because the delivery connection shares the events file with the store thread's
writer: a write transaction held across the whole bulk would make the events writer (and
with it the listener's acknowledgements) wait until the bulk ended.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from typing import Protocol

from desktop.core.records import Attempt
from desktop.core.storage import StorageError

log = logging.getLogger(__name__)

FLUSH_S = 0.1  # attempts of a bulk re-send are written at most this late...
FLUSH_MAX = 500  # ...or as soon as this many are waiting
FLUSH_RETRY_S = 1.0  # the database stayed locked past busy_timeout: try again


class AttemptSink(Protocol):
    """Where attempts are stored (the store's delivery tables satisfy it)."""

    def record_attempts(self, batch: Iterable[Attempt]) -> None:
        """Store them all in one short transaction; StorageError if the store refused."""
        ...


class AttemptRecorder:
    """Buffers attempts and writes them in batches on the running loop's thread.

    Args:
        delivery: gives the open attempt store, or None before start and after close (then
            buffered attempts are dropped: there is nowhere to write them).
        on_recorded: called once per event id with attempts in a batch just written.
    """

    def __init__(
        self, delivery: Callable[[], AttemptSink | None], on_recorded: Callable[[int], None]
    ) -> None:
        self._delivery = delivery
        self._on_recorded = on_recorded
        self._unflushed: list[Attempt] = []
        self._flush_handle: asyncio.Handle | None = None

    def record(self, attempt: Attempt) -> None:
        """Buffer an attempt; it is written within FLUSH_S (or at once when FLUSH_MAX wait)."""
        self._unflushed.append(attempt)
        if len(self._unflushed) >= FLUSH_MAX:
            self.flush()
        elif self._flush_handle is None:
            self._flush_handle = asyncio.get_event_loop().call_later(FLUSH_S, self.flush)

    def flush(self) -> None:
        """Write the buffered attempts in one short transaction, then announce them."""
        if self._flush_handle is not None:
            self._flush_handle.cancel()
            self._flush_handle = None
        batch, self._unflushed = self._unflushed, []
        delivery = self._delivery()
        if not batch or delivery is None:
            return
        try:
            delivery.record_attempts(batch)
        except StorageError:
            log.exception("could not store %d attempts; trying again in %s s", len(batch), FLUSH_RETRY_S)
            self._unflushed = batch + self._unflushed
            self._flush_handle = asyncio.get_event_loop().call_later(FLUSH_RETRY_S, self.flush)
            return
        for event_id in dict.fromkeys(a.event_id for a in batch if a.event_id is not None):
            self._on_recorded(event_id)
