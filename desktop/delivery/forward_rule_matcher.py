"""Checking a forward rule's filter before it is saved.

A rule's filter is the filter bar's language; which events it matches is decided in the
store, in the transaction that records their recognition (desktop/store/forward_claims.py),
so a rule forwards exactly what the filter bar would show, once.
"""

from __future__ import annotations

import time

from desktop.core.query import parse
from desktop.store.filter_sql import to_sql


def validate_filter(text: str) -> None:
    """Raise QuerySyntaxError if `text` cannot be a forward rule's filter."""
    to_sql(parse(text), time.time())
