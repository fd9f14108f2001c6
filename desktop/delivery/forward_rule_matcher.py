"""Decides whether stored events match a forward rule's filter, by asking SQLite.

No Qt here. A rule's filter is the same query language as the filter bar, translated to SQL
and evaluated on the stored rows, so a rule forwards exactly what the filter bar would show.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager

from desktop.core.model import StoredEvent
from desktop.core.query import QuerySyntaxError, parse
from desktop.store.filter_sql import to_sql

log = logging.getLogger(__name__)

MATCH_CHUNK = 500  # ids per `IN (...)` when checking rule filters


def validate_filter(text: str) -> None:
    """Raise QuerySyntaxError if `text` cannot be a forward rule's filter."""
    to_sql(parse(text), time.time())


class ForwardRuleMatcher:
    """Evaluates rule filters against events (the Forwarder's `matcher`).

    Args:
        reader: gives a read connection to the events database for the calling thread.
    """

    def __init__(self, reader: Callable[[], sqlite3.Connection]) -> None:
        self._reader = reader
        # While a batch of new events is being forwarded: its ids, and per filter the ids
        # that match, so each filter costs one query for the batch instead of one per event.
        self._batch: tuple[frozenset[int], dict[str, set[int]]] | None = None

    @contextmanager
    def batch(self, ids: Collection[int]) -> Iterator[None]:
        """Within this block, a filter is evaluated once for all of `ids` on first use."""
        self._batch = (frozenset(ids), {})
        try:
            yield
        finally:
            self._batch = None

    def matches(self, filter_text: str, event: StoredEvent) -> bool:
        """Does `event` match a rule's filter? Evaluated by SQLite on the stored row."""
        batch = self._batch
        if batch is not None and event.id in batch[0]:
            ids, cache = batch
            if filter_text not in cache:
                cache[filter_text] = self._matching(filter_text, ids)
            return event.id in cache[filter_text]
        return event.id in self._matching(filter_text, (event.id,))

    def _matching(self, filter_text: str, ids: Collection[int]) -> set[int]:
        try:
            where, params = to_sql(parse(filter_text), time.time())
        except QuerySyntaxError as exc:
            log.warning("forward rule filter %r is not valid (%s): it matches nothing", filter_text, exc)
            return set()
        wanted = sorted(ids)
        found: set[int] = set()
        conn = self._reader()
        for start in range(0, len(wanted), MATCH_CHUNK):
            chunk = wanted[start : start + MATCH_CHUNK]
            # Only placeholders and the translator's fragment reach the SQL text; values are bound.
            sql = f"SELECT id FROM events WHERE id IN ({', '.join('?' * len(chunk))}) AND ({where})"
            found.update(row[0] for row in conn.execute(sql, (*chunk, *params)))
        return found
