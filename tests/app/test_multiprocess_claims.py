"""Work claimed in the store: two writers never recognise the same event, a forward job is
queued once per (target, event) and sent by one claimant, a dead claimant's lease expires."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import replace
from pathlib import Path

from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest
from desktop.core.records import ForwardRule, JobState
from desktop.core.targets import Target
from desktop.runtime import Deriver
from desktop.store.database import connect, open_database
from desktop.store.delivery_store import DeliveryStore
from desktop.store.entities import enrich_event
from desktop.store.events import Store
from desktop.store.forward_claims import enqueue_for_rules
from desktop.store.rows import INSERT_CAPTURE_SQL, capture_values

ENTITY = "chr_00000000000000000000000000001234"


def juno(n: int) -> CapturedRequest:
    body = {
        "eventId": f"evt-{n}",
        "eventType": "CHARGE_STATUS_CHANGED",
        "data": [{"entityId": ENTITY, "entityType": "CHARGE", "attributes": {"status": "ACTIVE"}}],
    }
    return CapturedRequest(
        method="POST",
        path="/juno/notify",
        query="",
        headers=[("Content-Type", "application/json")],
        body=json.dumps(body).encode(),
        received_at=time.time(),
        remote_addr="127.0.0.1",
    )


def store_unrecognised(data_dir: Path, count: int) -> None:
    """Rows as a receiver leaves them when it is killed before recognising them (a while ago)."""
    conn = open_database(data_dir)
    with conn:
        for n in range(count):
            request = replace(juno(n), received_at=time.time() - 60)
            event_id = conn.execute(INSERT_CAPTURE_SQL, capture_values(request, 200, "")).lastrowid
            conn.execute("INSERT INTO bodies (event_id, body) VALUES (?, ?)", (event_id, request.body))
    conn.close()


def test_two_writers_starting_on_the_same_backlog_recognise_each_event_once(data_dir: Path) -> None:
    count = 600
    store_unrecognised(data_dir, count)
    deriver = Deriver(Settings(endpoints=(Endpoint(path="/juno", provider="juno"),)))
    stores = [Store(data_dir, deriver, enrich_event) for _ in range(2)]
    recognised: list[list[int]] = [[], []]
    done = threading.Event()
    for store, mine in zip(stores, recognised, strict=True):
        store.writer.add_derived_listener(mine.extend)
        store.writer.add_derived_listener(
            lambda _ids: done.set() if sum(map(len, recognised)) >= count else None
        )
    for store in stores:
        store.start()  # both see all `count` rows unrecognised and race for them
    assert done.wait(30)
    for store in stores:
        store.close()

    assert sorted(recognised[0] + recognised[1]) == list(range(1, count + 1))  # disjoint, complete
    conn = connect(data_dir / "events.sqlite3")
    with contextlib.closing(conn):
        assert conn.execute("SELECT event_count FROM entities").fetchall() == [(count,)]
        assert conn.execute("SELECT count(*) FROM events WHERE derived = 0").fetchone()[0] == 0


def test_a_rule_queues_an_event_for_its_target_once_whoever_queues_it(data_dir: Path) -> None:
    store_unrecognised(data_dir, 3)
    delivery = DeliveryStore(connect(data_dir / "events.sqlite3"))
    target = delivery.save_target(Target(name="app", url="http://127.0.0.1:9/"))
    # Two rules to the same target: an event they both match still goes once.
    delivery.save_rule(ForwardRule(target_id=target.id or 0))
    delivery.save_rule(ForwardRule(target_id=target.id or 0, filter="path:/juno*"))
    conn = delivery.conn
    with conn:
        assert enqueue_for_rules(conn, [1, 2, 3], now=0.0) == 3
    with conn:
        assert enqueue_for_rules(conn, [1, 2, 3], now=0.0) == 0  # another process, later
    first_rule = delivery.list_rules()[0].id
    assert delivery.enqueue([1, 2], target.id or 0, now=0.0, rule_id=first_rule) == []
    assert [job.event_id for job in delivery.list_jobs()] == [1, 2, 3]
    conn.close()


def test_a_job_is_claimed_by_one_process_and_taken_over_when_its_lease_runs_out(data_dir: Path) -> None:
    open_database(data_dir).close()
    first = DeliveryStore(connect(data_dir / "events.sqlite3"))
    second = DeliveryStore(connect(data_dir / "events.sqlite3"))
    target = first.save_target(Target(name="app", url="http://127.0.0.1:9/"))
    jobs = first.enqueue([10, 11], target.id or 0, now=0.0)

    mine = first.claim_due_jobs(now=1.0, limit=10, owner="first", lease_s=60.0)
    assert [job.id for job in mine] == jobs
    assert second.claim_due_jobs(now=2.0, limit=10, owner="second", lease_s=60.0) == []
    assert second.next_due_at() == 61.0  # not a busy loop: due again when the lease ends

    # "first" is killed: nobody releases its claims; after the lease, "second" takes them.
    taken = second.claim_due_jobs(now=61.5, limit=10, owner="second", lease_s=60.0)
    assert [job.id for job in taken] == jobs
    second.mark_delivered(jobs[0])
    assert second.get_job(jobs[0]).state == JobState.DELIVERED  # type: ignore[union-attr]
    assert second.release_claims("second") == 1  # the other one, given back on a clean stop
    assert [job.id for job in first.claim_due_jobs(now=62.0, limit=10, owner="first", lease_s=60.0)] == [
        jobs[1]
    ]
    first.conn.close()
    second.conn.close()


def test_rules_queue_only_matching_recognised_events_and_skip_rejected_ones(data_dir: Path) -> None:
    deriver = Deriver(Settings(endpoints=(Endpoint(path="/juno", provider="juno"),)))
    store = Store(data_dir, deriver, enrich_event)
    delivery = DeliveryStore(connect(data_dir / "events.sqlite3"))
    target = delivery.save_target(Target(name="app", url="http://127.0.0.1:9/"))
    delivery.save_rule(ForwardRule(target_id=target.id or 0, filter="path:/juno*"))
    store.start()
    try:
        other = replace(juno(1), path="/other")
        ids = [
            store.writer.submit(juno(0)).result(10),
            store.writer.submit(other).result(10),
            store.writer.submit(juno(2), 413, "body larger than the limit").result(10),
        ]
        store.writer.call(lambda _conn: None).result(10)  # all recognised, jobs queued with them
    finally:
        store.close()
    assert [job.event_id for job in delivery.list_jobs()] == [ids[0]]
    delivery.conn.close()


def test_a_running_writer_takes_over_rows_a_killed_process_left_unrecognised(data_dir: Path) -> None:
    deriver = Deriver(Settings(endpoints=(Endpoint(path="/juno", provider="juno"),)))
    store = Store(data_dir, deriver, enrich_event)
    taken = threading.Event()
    store.writer.add_derived_listener(lambda ids: taken.set() if 3 in ids else None)
    store.start()
    try:
        store_unrecognised(data_dir, 3)  # written after this writer started: only its scan finds them
        assert taken.wait(30)
    finally:
        store.close()
    with contextlib.closing(connect(data_dir / "events.sqlite3")) as conn:
        assert conn.execute("SELECT count(*), sum(derived) FROM events").fetchone() == (3, 3)
