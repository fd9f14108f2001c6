"""The delivery tables: targets, attempts that survive restarts, and the queue's rules, on
both engines (SQLite and PostgreSQL: the same protocol, the same answers)."""

from __future__ import annotations

import pytest

from desktop.core.records import RESPONSE_BODY_LIMIT, Attempt, ErrorKind, JobState
from desktop.core.targets import Target, TargetError
from desktop.store.interface import DeliveryTables
from tests.delivery.conftest import OpenTables


def test_targets_round_trip_and_invalid_ones_are_refused(tables: DeliveryTables) -> None:
    store = tables
    saved = store.save_target(
        Target(
            name="my app",
            url="http://127.0.0.1:3000/webhooks/juno",
            add_headers=(("X-Env", "local"),),
            drop_headers=("X-Signature",),
            timeout_s=2.5,
            strip_prefix="/juno",
        )
    )
    assert saved.id is not None and store.list_targets() == [saved]
    store.save_target(Target(name="renamed", url=saved.url, id=saved.id))
    assert store.get_target(saved.id).name == "renamed"  # type: ignore[union-attr]
    with pytest.raises(TargetError, match="invalid URL"):
        store.save_target(Target(name="bad", url="localhost:3000"))


def test_attempts_survive_a_restart_with_the_body_truncation_flag(open_tables: OpenTables) -> None:
    store = open_tables()
    store.record_attempt(
        Attempt(
            url="http://x/",
            method="POST",
            started_at=10.0,
            latency_ms=12.5,
            status_code=500,
            response_headers=[("Content-Type", "text/plain"), ("X-Dup", "1"), ("X-Dup", "2")],
            response_body=b"e" * (RESPONSE_BODY_LIMIT + 10),
            event_id=5,
            target_name="app",
        )
    )
    store.record_attempt(
        Attempt(
            url="http://x/",
            method="POST",
            started_at=11.0,
            error="connection refused",
            error_kind=ErrorKind.REFUSED,
            event_id=5,
        )
    )
    store.close()

    reopened = open_tables()
    first, second = reopened.attempts_for_event(5)
    assert (first.status_code, first.truncated, len(first.response_body)) == (500, True, RESPONSE_BODY_LIMIT)
    assert first.response_headers == [("Content-Type", "text/plain"), ("X-Dup", "1"), ("X-Dup", "2")]
    assert (second.status_code, second.error, second.error_kind) == (None, "connection refused", "refused")


def test_an_ordered_job_waits_for_earlier_jobs_of_its_target_only(tables: DeliveryTables) -> None:
    store = tables
    a1, a2 = store.enqueue([1, 2], target_id=1, now=0.0, ordered=True)
    (b1,) = store.enqueue([3], target_id=2, now=0.0, ordered=True)
    assert [j.id for j in store.due_jobs(now=0.0)] == [a1, b1]
    assert [j.id for j in store.due_jobs(now=0.0, exclude=[a1])] == [b1]  # a1 in flight: a2 still waits
    store.mark_retry(a1, next_at=5.0, error="HTTP 503")
    assert [j.id for j in store.due_jobs(now=1.0)] == [b1]
    assert store.next_due_at(exclude=[b1]) == 5.0
    store.mark_failed(a1, "HTTP 503")
    assert [j.id for j in store.due_jobs(now=1.0)] == [a2, b1]


def test_unordered_jobs_do_not_wait(tables: DeliveryTables) -> None:
    store = tables
    ids = store.enqueue([1, 2, 3], target_id=1, now=0.0)
    assert [j.id for j in store.due_jobs(now=0.0)] == ids


def test_queue_counts_and_deleting_a_target_fails_its_jobs(tables: DeliveryTables) -> None:
    store = tables
    target = store.save_target(Target(name="t", url="http://127.0.0.1:1/"))
    first, _second = store.enqueue([1, 2], target.id or 0, now=0.0)
    store.mark_delivered(first)
    store.delete_target(target.id or 0)
    assert store.queue_counts() == {
        JobState.PENDING: 0,
        JobState.RETRYING: 0,
        JobState.DELIVERED: 1,
        JobState.FAILED: 1,
    }
    assert store.list_jobs(JobState.FAILED)[0].last_error == "target deleted"


def test_a_taken_target_name_is_refused_in_words(tables: DeliveryTables) -> None:
    store = tables
    store.save_target(Target(name="my app", url="http://127.0.0.1:3000/"))
    with pytest.raises(TargetError, match="already exists"):
        store.save_target(Target(name="my app", url="http://127.0.0.1:4000/"))


def test_purging_forgets_old_delivered_jobs_only(tables: DeliveryTables) -> None:
    store = tables
    old, waiting = store.enqueue([1, 2], target_id=1, now=10.0)
    store.mark_delivered(old)
    (recent,) = store.enqueue([3], target_id=1, now=100.0)
    store.mark_delivered(recent)
    assert store.purge_delivered(before=50.0) == 1
    assert [j.id for j in store.list_jobs()] == [waiting, recent]
