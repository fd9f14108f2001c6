"""The PostgreSQL writer commits on its own thread: the store loop goes on while a COMMIT
waits, a request is answered only once its batch committed, and what arrives meanwhile is
the next batch, stored after it (ids in arrival order)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest

from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest
from desktop.runtime import Deriver
from desktop.store.postgres.database import open_database
from desktop.store.postgres.writer import PgWriter
from tests.polling import wait_for


def request(n: int) -> CapturedRequest:
    return CapturedRequest(
        method="POST",
        path="/hook",
        query=f"n={n}",
        headers=[("Content-Type", "application/json")],
        body=json.dumps({"n": n}).encode(),
        received_at=time.time(),
        remote_addr="127.0.0.1",
    )


@pytest.fixture
def writer(pg_url: str) -> Iterator[PgWriter]:
    open_database(pg_url)
    running = PgWriter(pg_url, Deriver(Settings(endpoints=(Endpoint(path="/juno", provider="juno"),))))
    running.start()
    yield running
    running.stop()


def stored_queries(pg_url: str) -> list[str]:
    with psycopg.connect(pg_url) as conn:
        return [row[0] for row in conn.execute("SELECT query FROM events ORDER BY id").fetchall()]


def test_the_loop_runs_while_a_commit_waits_and_the_next_batch_follows(writer: PgWriter, pg_url: str) -> None:
    with contextlib.closing(psycopg.connect(pg_url)) as blocker:
        # Inserting a body waits for this lock: the first batch's transaction is held open.
        blocker.execute("LOCK TABLE bodies IN SHARE MODE")
        first = writer.submit(request(1))
        wait_for(
            lambda: (
                blocker.execute(
                    "SELECT count(*) FROM pg_locks WHERE relation = 'bodies'::regclass AND NOT granted"
                ).fetchone()
                == (1,)
            ),
            what="the first batch waiting for the lock",
        )
        # The store loop is not blocked by it: a callback runs, and a second request is queued.
        ran = threading.Event()
        writer.loop.call_soon_threadsafe(ran.set)
        assert ran.wait(10), "the store loop was blocked by the commit"
        second = writer.submit(request(2))
        wait_for(lambda: len(writer._pending) == 1, what="the second request queued behind the first")
        # Nothing is acknowledged before its commit.
        assert not first.done() and not second.done()
        blocker.rollback()
    first_id, second_id = first.result(10), second.result(10)
    assert first_id < second_id
    assert stored_queries(pg_url) == ["n=1", "n=2"]


def test_a_call_after_a_request_sees_it_committed(writer: PgWriter) -> None:
    submitted = writer.submit(request(7))
    # call() runs after everything queued before it, the batch in flight included.
    count = writer.call(lambda conn: conn.execute("SELECT count(*) FROM events").fetchone())
    assert count.result(10) == (1,)
    assert submitted.done() and submitted.result() > 0


def test_many_requests_from_the_loop_are_all_stored_in_order(writer: PgWriter, pg_url: str) -> None:
    async def send_all() -> list[int]:
        futures = [writer.store(request(n)) for n in range(300)]
        return list(await asyncio.gather(*futures))

    ids = asyncio.run_coroutine_threadsafe(send_all(), writer.loop).result(30)
    assert ids == sorted(ids) and len(set(ids)) == 300
    assert stored_queries(pg_url) == [f"n={n}" for n in range(300)]
