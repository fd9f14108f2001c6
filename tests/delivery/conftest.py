"""Fixtures for delivery tests: the recording target, a loop runner, a fresh database, and the
delivery tables of a fresh store on each engine (SQLite, and PostgreSQL from pgserver)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.store.delivery_store import DeliveryStore
from desktop.store.interface import DeliveryTables
from desktop.store.postgres.database import connect as pg_connect
from desktop.store.postgres.database import open_database as pg_open_database
from desktop.store.postgres.delivery_store import PgDeliveryStore
from tests.delivery.support import RecordingServer, open_db
from tests.postgres.conftest import pg_server, pg_url  # noqa: F401 (fixtures: the session's PostgreSQL)

TEST_TIMEOUT_S = 10.0


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    srv = RecordingServer()
    srv.start()
    yield srv
    srv.close()


@pytest.fixture
def run() -> Callable[[Coroutine[Any, Any, Any]], Any]:
    """Run a coroutine on a fresh loop, failing (not hanging) after TEST_TIMEOUT_S."""

    def runner(coro: Coroutine[Any, Any, Any]) -> Any:
        async def bounded() -> Any:
            async with asyncio.timeout(TEST_TIMEOUT_S):
                return await coro

        return asyncio.run(bounded())

    return runner


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[sqlite3.Connection]:
    conn = open_db(db_path)
    yield conn
    conn.close()


OpenTables = Callable[[], DeliveryTables]


@pytest.fixture(params=["sqlite", "postgresql"])
def open_tables(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[OpenTables]:
    """Opens the delivery tables of one fresh store on each engine; each call is a new
    connection (as after a restart). Everything opened is closed at the end."""
    opened: list[DeliveryTables] = []
    if request.param == "sqlite":

        def open_one() -> DeliveryTables:
            return DeliveryStore(open_db(tmp_path / "events.sqlite3"))

    else:
        url = request.getfixturevalue("pg_url")  # a server only for the PostgreSQL cases
        pg_open_database(url)

        def open_one() -> DeliveryTables:
            return PgDeliveryStore(pg_connect(url, autocommit=True))

    def tracked() -> DeliveryTables:
        opened.append(open_one())
        return opened[-1]

    yield tracked
    for tables in opened:
        tables.close()


@pytest.fixture
def tables(open_tables: OpenTables) -> DeliveryTables:
    """The delivery tables of a fresh store, on each engine."""
    return open_tables()
