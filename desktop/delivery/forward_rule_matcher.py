"""Checking a forward rule's filter before it is saved.

A rule's filter is the filter bar's language; which events it matches is decided in the
store, in the transaction that records their recognition (desktop/store/forward_claims.py),
so a rule forwards exactly what the filter bar would show, once. No Qt here, and no SQL:
the filter is parsed here and checked by the store (`FilterChecker`), which the store's
engines satisfy.
"""

from __future__ import annotations

from typing import Protocol

from desktop.core.query import Query, parse


class FilterChecker(Protocol):
    """What validating a filter needs of the store."""

    def check_query(self, query: Query | None) -> None:
        """Raise QuerySyntaxError if the store cannot answer `query`."""
        ...


def validate_filter(store: FilterChecker, text: str) -> None:
    """Raise QuerySyntaxError if `text` cannot be a forward rule's filter."""
    store.check_query(parse(text))
