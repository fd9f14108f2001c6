"""A forwarder whose lease ran out reports late: its outcome must not undo the outcome of the
one that claimed the job after it (an extra send). On each engine, two connections."""

from __future__ import annotations

from desktop.core.records import JobState
from desktop.core.targets import Target
from tests.delivery.conftest import OpenTables


def test_a_late_retry_does_not_undo_a_delivery(open_tables: OpenTables) -> None:
    a, b = open_tables(), open_tables()
    target = a.save_target(Target(name="app", url="http://127.0.0.1:9/"))
    [job_id] = a.enqueue([10], target.id or 0, now=0.0)
    assert [job.id for job in a.claim_due_jobs(now=1.0, limit=10, owner="A", lease_s=60.0)] == [job_id]
    # A's lease runs out while it still sends; B claims the job and delivers it.
    assert [job.id for job in b.claim_due_jobs(now=61.5, limit=10, owner="B", lease_s=60.0)] == [job_id]
    b.mark_delivered(job_id)

    a.mark_retry(job_id, next_at=70.0, error="timed out")  # A's late word
    a.mark_failed(job_id, "gave up")
    a.mark_delivered(job_id)
    job = a.get_job(job_id)
    assert job is not None
    assert (job.state, job.attempts, job.last_error) == (JobState.DELIVERED, 1, "")
    assert a.claim_due_jobs(now=1000.0, limit=10, owner="C", lease_s=60.0) == []  # no extra send
    assert a.next_due_at() is None


def test_a_failed_job_keeps_its_outcome_until_a_person_retries_it(open_tables: OpenTables) -> None:
    a, b = open_tables(), open_tables()
    target = a.save_target(Target(name="app", url="http://127.0.0.1:9/"))
    [job_id] = a.enqueue([11], target.id or 0, now=0.0)
    a.claim_due_jobs(now=1.0, limit=10, owner="A", lease_s=60.0)
    b.claim_due_jobs(now=61.5, limit=10, owner="B", lease_s=60.0)
    b.mark_failed(job_id, "410 Gone")
    a.mark_retry(job_id, next_at=70.0, error="timed out")
    failed = a.get_job(job_id)
    assert failed is not None and (failed.state, failed.last_error) == (JobState.FAILED, "410 Gone")
    assert a.retry_failed([job_id], now=100.0) == 1  # a person's retry still works
    a.mark_retry(job_id, next_at=200.0, error="503")
    job = a.get_job(job_id)
    assert job is not None and (job.state, job.attempts) == (JobState.RETRYING, 1)


def test_a_late_outcome_leaves_the_claim_of_the_worker_still_sending(open_tables: OpenTables) -> None:
    """B took the job over and is sending it: A's late retry neither settles it nor frees
    B's claim (a third worker would send it again); B's own outcome then counts."""
    a, b = open_tables(), open_tables()
    target = a.save_target(Target(name="app", url="http://127.0.0.1:9/"))
    [job_id] = a.enqueue([12], target.id or 0, now=0.0)
    a.claim_due_jobs(now=1.0, limit=10, owner="A", lease_s=60.0)
    assert [job.id for job in b.claim_due_jobs(now=61.5, limit=10, owner="B", lease_s=60.0)] == [job_id]
    a.mark_retry(job_id, next_at=62.0, error="timed out", owner="A")
    assert a.claim_due_jobs(now=63.0, limit=10, owner="C", lease_s=60.0) == []  # still B's
    b.mark_delivered(job_id, owner="B")
    job = a.get_job(job_id)
    assert job is not None and (job.state, job.attempts) == (JobState.DELIVERED, 1)


def test_the_owner_whose_lease_ran_out_still_settles_a_job_nobody_took(open_tables: OpenTables) -> None:
    a = open_tables()
    target = a.save_target(Target(name="app", url="http://127.0.0.1:9/"))
    [job_id] = a.enqueue([13], target.id or 0, now=0.0)
    a.claim_due_jobs(now=1.0, limit=10, owner="A", lease_s=60.0)
    a.mark_retry(job_id, next_at=500.0, error="503", owner="A")  # late, but still its claim
    job = a.get_job(job_id)
    assert job is not None and (job.state, job.attempts, job.next_at) == (JobState.RETRYING, 1, 500.0)
    assert a.claim_due_jobs(now=100.0, limit=10, owner="C", lease_s=60.0) == []  # released: due at 500
