"""Decides whether stored events match a forward rule's filter, by asking the store.

No Qt here, and no SQL: a rule's filter is the same query language as the filter bar, parsed
here and evaluated by the store on the stored rows (`EventMatcher`), so a rule forwards
exactly what the filter bar would show.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Protocol

from desktop.core.model import StoredEvent
from desktop.core.query import Query, QuerySyntaxError, parse

log = logging.getLogger(__name__)


class EventMatcher(Protocol):
    """What the matcher needs of the store (the store's engines satisfy it)."""

    def matching_ids(
        self, query: Query | None, ids: Collection[int], *, now: float | None = None
    ) -> set[int]: ...

    def check_query(self, query: Query | None) -> None:
        """Raise QuerySyntaxError if the store cannot answer `query`."""
        ...


class ForwardRuleMatcher:
    """Evaluates rule filters against events (the Forwarder's `matcher`).

    Args:
        events: the store, which evaluates a parsed query on stored events.
    """

    def __init__(self, events: EventMatcher) -> None:
        self._events = events
        # While a batch of new events is being forwarded: its ids, and per filter the ids
        # that match, so each filter costs one query for the batch instead of one per event.
        self._batch: tuple[frozenset[int], dict[str, set[int]]] | None = None

    def validate(self, filter_text: str) -> None:
        """Raise QuerySyntaxError if `filter_text` cannot be a forward rule's filter."""
        self._events.check_query(parse(filter_text))

    @contextmanager
    def batch(self, ids: Collection[int]) -> Iterator[None]:
        """Within this block, a filter is evaluated once for all of `ids` on first use."""
        self._batch = (frozenset(ids), {})
        try:
            yield
        finally:
            self._batch = None

    def matches(self, filter_text: str, event: StoredEvent) -> bool:
        """Does `event` match a rule's filter? Evaluated by the store on the stored row."""
        batch = self._batch
        if batch is not None and event.id in batch[0]:
            ids, cache = batch
            if filter_text not in cache:
                cache[filter_text] = self._matching(filter_text, ids)
            return event.id in cache[filter_text]
        return event.id in self._matching(filter_text, (event.id,))

    def _matching(self, filter_text: str, ids: Collection[int]) -> set[int]:
        try:
            query = parse(filter_text)
            return self._events.matching_ids(query, ids)
        except QuerySyntaxError as exc:
            log.warning("forward rule filter %r is not valid (%s): it matches nothing", filter_text, exc)
            return set()
