"""A real PostgreSQL for the team-mode tests: one server per test session (per xdist worker),
started by the `pgserver` package (no system install), and a fresh database per test."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pgserver
import psycopg
import pytest


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    # Not under pytest's tmp dir: run as root, pgserver starts PostgreSQL as its own user,
    # which must be able to reach the data directory (pytest's is private to root).
    parent = Path(tempfile.mkdtemp(prefix="wm-pg-"))
    parent.chmod(0o755)
    server = pgserver.get_server(parent / "data", cleanup_mode="stop")
    yield server
    server.cleanup()
    shutil.rmtree(parent, ignore_errors=True)


@contextlib.contextmanager
def fresh_database(server: object) -> Iterator[str]:
    """An empty database on `server` for the duration, dropped afterwards."""
    name = "t_" + uuid.uuid4().hex[:16]
    admin = server.get_uri()  # type: ignore[attr-defined]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.get_uri(name)  # type: ignore[attr-defined]
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_server: object) -> Iterator[str]:
    """The URL of an empty database of its own for this test."""
    with fresh_database(pg_server) as url:
        yield url


@pytest.fixture(scope="module")
def pg_module_url(pg_server: object) -> Iterator[str]:
    """An empty database shared by one module's tests (those that only read)."""
    with fresh_database(pg_server) as url:
        yield url
