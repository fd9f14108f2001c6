"""Turning the engine's errors into the store's own (`desktop.core.storage`).

Other layers catch `StorageError`, never `sqlite3.Error`: this is the one place that maps
one to the other, so a PostgreSQL engine can do the same with its driver's errors.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from desktop.core.storage import QueryInterrupted, StorageError

P = ParamSpec("P")
T = TypeVar("T")
C = TypeVar("C", bound=type)


def storage_error(exc: sqlite3.Error) -> StorageError:
    # Connection.interrupt() makes the running statement fail with exactly this message.
    if isinstance(exc, sqlite3.OperationalError) and str(exc) == "interrupted":
        return QueryInterrupted("interrupted")
    return StorageError(str(exc))


def translated(fn: Callable[P, T]) -> Callable[P, T]:
    """`fn` raising StorageError where SQLite raised sqlite3.Error (the cause is chained)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return fn(*args, **kwargs)
        except sqlite3.Error as exc:
            raise storage_error(exc) from exc

    return wrapper


def translate_errors(cls: C) -> C:
    """Apply `translated` to every public method of a class the other layers call."""
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and callable(member):
            setattr(cls, name, translated(member))
    return cls
