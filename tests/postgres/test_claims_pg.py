"""Work claimed in PostgreSQL (team mode): jobs queued once per (target, event) in the
recognising transaction, each claimed by one of many concurrent claimants (FOR UPDATE SKIP
LOCKED), a dead claimant's lease expiring, one action run at a time per rule."""

from __future__ import annotations

import contextlib
import json
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.actions import ActionKind, ActionRule
from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest
from desktop.core.records import ForwardRule, JobState
from desktop.core.simulation import Delivery
from desktop.core.targets import Target
from desktop.runtime import Deriver
from desktop.store.postgres.database import connect, open_database
from desktop.store.postgres.delivery_store import PgDeliveryStore
from desktop.store.postgres.entities import enrich_batch, rebuild_entities
from desktop.store.postgres.forward_claims import enqueue_for_rules
from desktop.store.postgres.store import PgStore
from tests.postgres.stories import juno_story, signed
from tests.postgres.test_pg_ingest import ENDPOINTS, SECRET

CLAIMANTS = 4


def juno(n: int) -> CapturedRequest:
    body = {
        "eventId": f"evt-{n}",
        "eventType": "CHARGE_STATUS_CHANGED",
        "data": [{"entityId": f"chr_{n:032d}", "entityType": "CHARGE", "attributes": {"status": "PAID"}}],
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


@pytest.fixture
def delivery(pg_url: str) -> Iterator[PgDeliveryStore]:
    open_database(pg_url)
    store = PgDeliveryStore(connect(pg_url, autocommit=True))
    yield store
    store.close()


def test_concurrent_claimants_each_get_different_jobs_and_together_all(
    pg_url: str, delivery: PgDeliveryStore
) -> None:
    target = delivery.save_target(Target(name="app", url="http://127.0.0.1:9/"))
    jobs = delivery.enqueue(range(1, 401), target.id or 0, now=0.0)
    claimants = [PgDeliveryStore(connect(pg_url, autocommit=True)) for _ in range(CLAIMANTS)]
    claimed: list[list[int]] = [[] for _ in claimants]
    start = threading.Barrier(len(claimants))

    def claim_all(index: int) -> None:
        start.wait()  # all at the same moment: the row locks decide, not the timing
        while batch := claimants[index].claim_due_jobs(1.0, 7, f"host:{index}:x", 60.0):
            claimed[index].extend(job.id for job in batch)

    threads = [threading.Thread(target=claim_all, args=(i,)) for i in range(len(claimants))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for claimant in claimants:
        claimant.close()

    everything = [job_id for mine in claimed for job_id in mine]
    assert sorted(everything) == jobs  # none twice, none left
    owners = delivery.conn.execute("SELECT count(DISTINCT claimed_by) FROM forward_queue").fetchone()
    assert owners is not None and owners[0] == sum(1 for mine in claimed if mine)


def test_a_job_is_claimed_once_and_taken_over_when_its_lease_runs_out(
    pg_url: str, delivery: PgDeliveryStore
) -> None:
    second = PgDeliveryStore(connect(pg_url, autocommit=True))
    target = delivery.save_target(Target(name="app", url="http://127.0.0.1:9/"))
    jobs = delivery.enqueue([10, 11], target.id or 0, now=0.0)

    assert [job.id for job in delivery.claim_due_jobs(now=1.0, limit=10, owner="first", lease_s=60.0)] == jobs
    assert second.claim_due_jobs(now=2.0, limit=10, owner="second", lease_s=60.0) == []
    assert second.next_due_at() == 61.0  # not a busy loop: due again when the lease ends

    # "first" is killed: nobody releases its claims; after the lease, "second" takes them.
    assert [job.id for job in second.claim_due_jobs(now=61.5, limit=10, owner="second", lease_s=60.0)] == jobs
    second.mark_delivered(jobs[0])
    assert second.get_job(jobs[0]).state == JobState.DELIVERED  # type: ignore[union-attr]
    assert second.release_claims("second") == 1  # the other one, given back on a clean stop
    assert [job.id for job in delivery.claim_due_jobs(now=62.0, limit=10, owner="first", lease_s=60.0)] == [
        jobs[1]
    ]
    second.close()


def test_recognition_queues_matching_events_once_per_target_and_skips_rejected_ones(
    pg_url: str, delivery: PgDeliveryStore, tmp_path: Path
) -> None:
    target = delivery.save_target(Target(name="app", url="http://127.0.0.1:9/"))
    # Two rules to one target: an event both match still goes once.
    delivery.save_rule(ForwardRule(target_id=target.id or 0, filter="path:/juno*"))
    delivery.save_rule(ForwardRule(target_id=target.id or 0, filter="path:/juno/notify"))
    deriver = Deriver(Settings(endpoints=(Endpoint(path="/juno", provider="juno"),)))
    store = PgStore(pg_url, tmp_path, deriver, enrich_batch)
    store.start()
    try:
        ids = [
            store.writer.submit(juno(0)).result(10),
            store.writer.submit(replace(juno(1), path="/other")).result(10),
            store.writer.submit(juno(2), 413, "body larger than the limit").result(10),
        ]
        store.settled().result(10)  # recognised, and the jobs queued in the same transactions
    finally:
        store.close()
    assert [job.event_id for job in delivery.list_jobs()] == [ids[0]]
    # Queueing again (another receiver recognising the same events) adds nothing.
    with contextlib.closing(connect(pg_url)) as conn, conn.transaction():
        assert enqueue_for_rules(conn, ids, now=0.0) == 0
    assert len(delivery.list_jobs()) == 1


def test_concurrent_action_claimants_run_one_job_per_rule_at_a_time(
    pg_url: str, delivery: PgDeliveryStore
) -> None:
    actions = delivery.actions()
    rules = [actions.save_rule(ActionRule(name=f"r{n}", kind=ActionKind.NOTIFY)) for n in range(3)]
    for rule_id in rules:
        for event_id in range(1, 6):
            delivery.conn.execute(
                "INSERT INTO action_queue (rule_id, event_id, state, next_at, created_at)"
                " VALUES (%s, %s, 'pending', 0, 0)",
                (rule_id, event_id),
            )
    claimants = [PgDeliveryStore(connect(pg_url, autocommit=True)).actions() for _ in range(CLAIMANTS)]
    claimed: list[list[tuple[int, int]]] = [[] for _ in claimants]
    start = threading.Barrier(len(claimants))

    def claim(index: int) -> None:
        start.wait()
        jobs = claimants[index].claim_due_jobs(1.0, f"host:{index}:x", lambda _rule: 60.0, 10)
        claimed[index].extend((job.rule_id, job.event_id) for job in jobs)

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(claimants))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for claimant in claimants:
        claimant.conn.close()

    # The first job of each rule, each claimed by exactly one claimant; nothing else.
    assert sorted(pair for mine in claimed for pair in mine) == [(rule_id, 1) for rule_id in rules]


def test_payment_truth_holds_when_one_sales_deliveries_reach_two_receivers_at_once(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each sale's charge deliveries go to one receiver and its payment's to the other, at
    the same moment: the sale lines recognised live are those rebuilt from the events."""
    monkeypatch.setenv("TEST_PG_JUNO_SECRET", SECRET)
    deriver = Deriver(Settings(endpoints=ENDPOINTS))
    receivers = [PgStore(pg_url, tmp_path / name, deriver, enrich_batch) for name in ("a", "b")]
    for receiver in receivers:
        receiver.start()
    rng = random.Random(15)
    stories = [juno_story(rng) for _ in range(30)]
    # In story order: the charge's deliveries to "a", the payment's to "b".
    parts = [
        [d for s in stories for d in s if b'"PAYMENT"' not in d.body],
        [d for s in stories for d in s if b'"PAYMENT"' in d.body],
    ]
    start = threading.Barrier(2)

    def send(receiver: PgStore, deliveries: list[Delivery]) -> None:
        start.wait()
        futures = [receiver.writer.submit(replace(request(d), received_at=time.time())) for d in deliveries]
        for future in futures:
            future.result(30)

    try:
        threads = [
            threading.Thread(target=send, args=(receiver, part))
            for receiver, part in zip(receivers, parts, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        for receiver in receivers:
            receiver.settled().result(60)
    finally:
        for receiver in receivers:
            receiver.close()

    live = sales(pg_url)
    assert len(live) == 30 and [row for row in live if row[2] != 2] == []  # charge and payment, one line each
    with contextlib.closing(connect(pg_url)) as conn, conn.transaction():
        keys = conn.execute("SELECT provider, entity_id FROM entities").fetchall()
        rebuild_entities(conn, [(k[0], k[1]) for k in keys])
    assert sales(pg_url) == live


def request(delivery: Delivery) -> CapturedRequest:
    return CapturedRequest(
        method="POST",
        path="/juno",
        query="",
        headers=list(signed(delivery, SECRET)),
        body=delivery.body,
        received_at=time.time(),
        remote_addr="127.0.0.1",
    )


def sales(url: str) -> list[tuple[object, ...]]:
    with contextlib.closing(connect(url)) as conn:
        return conn.execute(
            "SELECT entity_id, status, members, category, amount, payment_id, payment_status, event_count"
            " FROM sales ORDER BY entity_id"
        ).fetchall()
