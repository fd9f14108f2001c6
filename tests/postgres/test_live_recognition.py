"""Several receivers on one PostgreSQL database: each event is recognised exactly once, and
a sale whose deliveries land on different receivers at the same moment is folded right."""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import psycopg
import pytest

from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest, Derived
from desktop.core.simulation import Delivery
from desktop.runtime import Deriver
from desktop.store.postgres.entities import enrich_batch
from desktop.store.postgres.rows import capture_row, insert_captures
from desktop.store.postgres.store import PgStore, open_pg_store
from tests.app.conftest import send_raw
from tests.app.receivers import Receiver, post, wait_for
from tests.bench.bench_payloads import juno_body
from tests.postgres.stories import juno_story, signed

SECRET = "pg-live-juno-secret"
ENDPOINTS = (Endpoint(path="/juno", provider="juno", secret_env="TEST_PG_LIVE_SECRET"),)


class Counting:
    """A recogniser that remembers which bodies it recognised; the first call can be held."""

    def __init__(self, hold: threading.Event | None = None) -> None:
        self._inner = Deriver(Settings(endpoints=ENDPOINTS))
        self._hold = hold
        self.holding = threading.Event()
        self.bodies: list[bytes] = []

    def __call__(self, request: CapturedRequest) -> Derived:
        if self._hold is not None and not self.bodies:
            self.holding.set()
            self._hold.wait(60)
        self.bodies.append(request.body)
        return self._inner(request)


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_PG_LIVE_SECRET", SECRET)


def waiting_for_the_turn(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()
    return int(row[0]) if row else 0


def sale_rows(url: str) -> list[tuple[str, int]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT category, event_count FROM sales ORDER BY entity_id").fetchall()
    return [(str(category), int(count)) for category, count in rows]


def test_two_receivers_never_both_recognise_an_event(secret: None, pg_url: str, tmp_path: Path) -> None:
    hold = threading.Event()
    first_derive, second_derive = Counting(hold), Counting()
    first = open_pg_store(pg_url, tmp_path / "a", first_derive, enrich_batch)
    second: PgStore | None = None
    try:
        deliveries = [d for seed in range(6) for d in juno_story(random.Random(seed), "refunded")]
        futures: list[Future[int]] = [
            first.writer.submit(CapturedRequest("POST", "/juno", "", signed(d, SECRET), d.body, 1.0))
            for d in deliveries
        ]
        # The first receiver is recognising (and holds the turn) when the second starts and
        # adopts every row still unrecognised: the same rows.
        wait_for(first_derive.holding.is_set, what="the first receiver to start recognising")
        second = open_pg_store(pg_url, tmp_path / "b", second_derive, enrich_batch)
        settled = second.settled()  # waits for the turn, then recognises what is left
        wait_for(lambda: waiting_for_the_turn(pg_url) == 1, what="the second receiver to wait its turn")
        hold.set()
        assert len({f.result(timeout=60) for f in futures}) == len(deliveries)
        settled.result(timeout=60)
        first.settled().result(timeout=60)
        second.settled().result(timeout=60)
    finally:
        hold.set()
        first.close()
        if second is not None:
            second.close()
    everything = sorted(d.body for d in deliveries)
    # The second adopted every row at its start; without the claim it would recognise again
    # what the first had recognised meanwhile.
    assert sorted(first_derive.bodies + second_derive.bodies) == everything  # each exactly once
    assert sale_rows(pg_url) == [("refunded", 4)] * 6


def deliver_at_once(receivers: list[Receiver], story: list[Delivery]) -> list[int]:
    """Send a sale's deliveries all at the same moment, alternately to each receiver."""
    start = threading.Barrier(len(story))
    answers: list[int] = []

    def deliver(index: int) -> None:
        start.wait(30)
        delivery, port = story[index], receivers[index % len(receivers)].port
        answers.append(send_raw(port, "POST", "/juno", signed(delivery, SECRET), delivery.body).status)

    threads = [threading.Thread(target=deliver, args=(index,)) for index in range(len(story))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def test_one_sales_deliveries_at_two_receivers_at_once_give_the_right_truth(
    secret: None, pg_url: str, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[[endpoints]]\npath = "/juno"\nprovider = "juno"\nsecret_env = "TEST_PG_LIVE_SECRET"\n',
        encoding="utf-8",
    )
    receivers = [Receiver(tmp_path / name, config, "--store", pg_url) for name in ("one", "two")]
    try:
        for seed in range(4):
            story = juno_story(random.Random(100 + seed), "refunded")  # charge, payment, paid, refund
            answers = deliver_at_once(receivers, story)
            assert answers == [200] * len(story)
        with psycopg.connect(pg_url, autocommit=True) as conn:

            def all_recognised() -> bool:
                row = conn.execute("SELECT count(*) FROM events WHERE derived = 0").fetchone()
                return row is not None and row[0] == 0

            wait_for(all_recognised, what="every delivery to be recognised")
            counts = conn.execute(
                "SELECT count(*), count(duplicate_of), (SELECT sum(event_count) FROM entities) FROM events"
            ).fetchone()
        assert counts == (16, 0, 16)  # nothing folded twice, nothing lost between receivers
    finally:
        codes = [receiver.stop() for receiver in receivers]
    assert codes == [0, 0]
    assert sale_rows(pg_url) == [("refunded", 4)] * 4


def test_several_workers_share_one_postgresql_database(pg_url: str, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[[endpoints]]\npath = "/juno"\nprovider = "juno"\n', encoding="utf-8")
    receiver = Receiver(tmp_path / "data", config, "--workers", "2", "--store", pg_url)
    try:
        ids = [post(receiver.port, "/juno/notify", juno_body(n)) for n in range(30)]  # a connection each
        assert None not in ids and len(set(ids)) == 30
        with psycopg.connect(pg_url, autocommit=True) as conn:

            def recognised() -> int:
                row = conn.execute("SELECT count(*) FROM events WHERE derived = 1").fetchone()
                return int(row[0]) if row else 0

            wait_for(lambda: recognised() == 30, what="every request to be recognised")
            assert conn.execute("SELECT count(*), sum(event_count) FROM entities").fetchone() == (30, 30)
    finally:
        code = receiver.stop()
    assert code == 0, receiver.errors


def test_rows_a_killed_receiver_left_unrecognised_are_taken_up_by_a_live_one(
    secret: None, pg_url: str, tmp_path: Path
) -> None:
    live = open_pg_store(pg_url, tmp_path / "live", Counting(), enrich_batch)
    try:
        # What a receiver killed between its commit and its recognition leaves behind.
        (delivery,) = juno_story(random.Random(7), "cancelled")[:1]
        request = CapturedRequest(
            "POST", "/juno", "", signed(delivery, SECRET), delivery.body, time.time() - 60
        )
        with psycopg.connect(pg_url) as conn, conn.transaction():
            (orphan,) = insert_captures(conn, [capture_row(request, 200, "", None)], [request.body])

        def recognised() -> bool:
            with psycopg.connect(pg_url, autocommit=True) as conn:
                row = conn.execute("SELECT derived, provider FROM events WHERE id = %s", (orphan,)).fetchone()
            return row == (1, "juno")

        wait_for(recognised, what="the live receiver to recognise the orphaned row")
    finally:
        live.close()
