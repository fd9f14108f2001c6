"""Connections to PostgreSQL: the pool, and the driver's errors in the store's own words."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import psycopg
from psycopg_pool import ConnectionPool

from desktop.core.storage import StorageError
from desktop.store.database import StoreError
from desktop.store.postgres.entities import ensure_sales
from desktop.store.postgres.schema import migrate

P = ParamSpec("P")
T = TypeVar("T")
C = TypeVar("C", bound=type)

CONNECT_TIMEOUT_S = 5  # a database that does not answer in this long is "down" (503)


def connect(url: str, autocommit: bool = False) -> psycopg.Connection:
    return psycopg.connect(url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT_S)


def open_database(url: str) -> None:
    """Migrate the database (once, whichever receiver comes first) or say why it cannot be used."""
    try:
        with connect(url) as conn:
            migrate(conn)
            ensure_sales(conn)
    except psycopg.errors.InsufficientPrivilege as exc:
        # A least-privilege role (deploy/roles.sql) on a database not migrated yet.
        raise StoreError(
            f"cannot open the PostgreSQL store: its schema must be brought up to date and this role "
            f"may not ({exc.diag.message_primary}); run `main.py migrate-schema --store URL` as the "
            "database's owner first"
        ) from exc
    except psycopg.Error as exc:
        raise StoreError(f"cannot open the PostgreSQL store: {exc}") from exc


def open_pool(url: str, max_size: int = 4) -> ConnectionPool:
    """Reads: a small pool shared by the window's threads (each read borrows a connection)."""
    pool = ConnectionPool(
        url,
        min_size=1,
        max_size=max_size,
        open=False,
        kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S},
        check=ConnectionPool.check_connection,
    )
    pool.open(wait=True, timeout=CONNECT_TIMEOUT_S * 2)
    return pool


def translated(fn: Callable[P, T]) -> Callable[P, T]:
    """`fn` raising StorageError where psycopg raised (the cause is chained)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return fn(*args, **kwargs)
        except psycopg.Error as exc:
            raise StorageError(str(exc)) from exc

    return wrapper


def translate_errors(cls: C) -> C:
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and callable(member):
            setattr(cls, name, translated(member))
    return cls
