"""Errors the store raises that other layers handle without knowing the engine.

Delivery and the UI catch these, never `sqlite3.Error` (or a PostgreSQL driver's errors):
only `desktop/store` knows which engine is behind it.
"""

from __future__ import annotations


class StorageError(RuntimeError):
    """The store could not do what was asked (locked past its timeout, disk full, ...)."""


class QueryInterrupted(StorageError):
    """A query was stopped because a newer one made it moot (not a failure to show)."""
