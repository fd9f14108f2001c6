"""The background loop both engines' pruners share (retention.py, postgres/retention.py).

It looks at start, after its writer recognised events, after every `wake()`, again at once
while a slice deleted something, and every `interval_s` otherwise (other processes' events
arrive without telling it). An engine says only how to delete one slice, on this thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from desktop.core.retention import RetentionPolicy

log = logging.getLogger(__name__)

PRUNE_SLICE = 100  # events per transaction (tests/bench/retention.py: ~25 ms each at 200,000)
PRUNE_INTERVAL_S = 30.0  # how often to look when nothing is over the limits

PolicySource = Callable[[], RetentionPolicy]


class RecognisedFeed(Protocol):
    """The store's writer as the pruner uses it: its "recognised" callbacks."""

    def add_derived_listener(self, callback: Callable[[list[int]], None]) -> None: ...
    def remove_derived_listener(self, callback: Callable[[list[int]], None]) -> None: ...


class PruneLoop:
    """Start, stop, wake; subclasses implement `_slice` (and `_open`/`_reset`/`_close` for the
    connection they read with, made on this loop's thread).

    Args:
        policy: read at start, at every `wake()` and every interval (not per slice: it may
            read a file).
        on_pruned: called with how many events a slice deleted.
    """

    def __init__(
        self,
        writer: RecognisedFeed,
        policy: PolicySource,
        on_pruned: Callable[[int], None] | None = None,
        interval_s: float = PRUNE_INTERVAL_S,
    ) -> None:
        self._writer = writer
        self._policy = policy
        self._on_pruned = on_pruned
        self._interval = interval_s
        self.pruned = 0  # events deleted since the start
        self._current = RetentionPolicy()
        self._reread = threading.Event()
        self._look = threading.Event()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="retention", daemon=True)

    def start(self) -> None:
        self._writer.add_derived_listener(self._after_derived)
        self.wake()
        self._thread.start()

    def stop(self) -> None:
        """End the thread (before the writer stops); safe to call twice."""
        self._writer.remove_derived_listener(self._after_derived)
        self._stopped.set()
        self._look.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def wake(self) -> None:
        """Read the policy again and look now (after the setting changed); from any thread."""
        self._reread.set()
        self._look.set()

    def _after_derived(self, _ids: list[int]) -> None:
        # On the store thread, after a recognising commit: new events may put the store over
        # (the policy is not read here: it may read a file).
        if self._current.enabled:
            self._look.set()

    # -- what an engine provides (on the loop's thread) ------------------------------------------

    def _open(self) -> None:
        """Before the first look."""

    def _slice(self, policy: RetentionPolicy) -> int:
        """Delete one slice of events past `policy`; how many were deleted."""
        raise NotImplementedError

    def _reset(self) -> None:
        """After a failed slice (e.g. drop a broken connection)."""

    def _close(self) -> None:
        """When the loop ends."""

    def _run(self) -> None:
        self._open()
        last_read = 0.0
        try:
            while not self._stopped.is_set():
                self._look.wait(self._interval)
                self._look.clear()
                if self._stopped.is_set():
                    break
                if self._reread.is_set() or time.monotonic() - last_read >= self._interval:
                    self._reread.clear()
                    self._current, last_read = self._policy(), time.monotonic()
                policy = self._current
                if not policy.enabled:
                    continue
                try:
                    deleted = self._slice(policy)
                except Exception:
                    if self._stopped.is_set():
                        break  # the store is closing
                    log.exception("pruning old events failed; trying again later")
                    self._reset()
                    continue
                if deleted:
                    self.pruned += deleted
                    if self._on_pruned is not None:
                        self._on_pruned(deleted)
                    self._look.set()  # more may be over: look again at once
        finally:
            self._close()
