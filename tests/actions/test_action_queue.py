"""The action queue in the store: one job per (rule, event), one run at a time per rule, and a
killed process's claims freed by a runner on the same machine; on both engines (SQLite and
PostgreSQL, whose claims are row locks)."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.core.actions import ActionKind, ActionRule, JobState
from desktop.store.action_store import ActionStore
from desktop.store.database import connect, open_database
from desktop.store.interface import ActionTables
from desktop.store.postgres.action_store import PgActionStore
from desktop.store.postgres.database import connect as pg_connect
from desktop.store.postgres.database import open_database as pg_open_database
from tests.postgres.conftest import pg_server, pg_url  # noqa: F401 (fixtures: the session's PostgreSQL)

Queue = Callable[[int, list[int]], None]  # (rule id, event ids): automatic jobs, each once


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, data_dir: Path) -> Iterator[tuple[ActionTables, Queue]]:
    """The action tables of a fresh store, and a way to queue automatic jobs, on each engine."""
    if request.param == "sqlite":
        open_database(data_dir).close()
        with contextlib.closing(connect(data_dir / "events.sqlite3")) as conn:

            def queue(rule_id: int, event_ids: list[int]) -> None:
                with conn:
                    for event_id in event_ids:
                        conn.execute(
                            "INSERT OR IGNORE INTO action_queue (rule_id, event_id, state, next_at,"
                            " created_at) VALUES (?, ?, 'pending', 0, 0)",
                            (rule_id, event_id),
                        )

            yield ActionStore(conn), queue
        return
    url = request.getfixturevalue("pg_url")
    pg_open_database(url)
    with pg_connect(url, autocommit=True) as pg:

        def pg_queue(rule_id: int, event_ids: list[int]) -> None:
            for event_id in event_ids:
                pg.execute(
                    "INSERT INTO action_queue (rule_id, event_id, state, next_at, created_at)"
                    " VALUES (%s, %s, 'pending', 0, 0) ON CONFLICT DO NOTHING",
                    (rule_id, event_id),
                )

        yield PgActionStore(pg), pg_queue


def test_a_rule_is_queued_once_per_event(engine: tuple[ActionTables, Queue]) -> None:
    store, queue = engine
    rule = store.save_rule(ActionRule(name="r", kind=ActionKind.NOTIFY))
    queue(rule, [1, 1, 2])
    assert [j.event_id for j in store.jobs()] == [2, 1]


def test_a_rule_runs_one_job_at_a_time_across_claimants(engine: tuple[ActionTables, Queue]) -> None:
    store, queue = engine
    first = store.save_rule(ActionRule(name="a", kind=ActionKind.NOTIFY))
    second = store.save_rule(ActionRule(name="b", kind=ActionKind.NOTIFY))
    queue(first, [1, 2, 3])
    queue(second, [1])
    claimed = store.claim_due_jobs(10.0, "host:1:a", lambda _r: 60.0, 10)
    assert sorted((j.rule_id, j.event_id) for j in claimed) == [(first, 1), (second, 1)]
    assert store.claim_due_jobs(10.0, "host:2:b", lambda _r: 60.0, 10) == []  # both rules busy
    store.mark_done(claimed[0].id)
    [next_job] = store.claim_due_jobs(10.0, "host:2:b", lambda _r: 60.0, 10)
    assert (next_job.rule_id, next_job.event_id) == (first, 2)


def test_claims_of_a_dead_process_on_this_host_are_freed(engine: tuple[ActionTables, Queue]) -> None:
    store, queue = engine
    rule = store.save_rule(ActionRule(name="a", kind=ActionKind.NOTIFY))
    queue(rule, [1])
    host = socket.gethostname()
    assert len(store.claim_due_jobs(10.0, f"{host}:4242:x", lambda _r: 3600.0, 1)) == 1
    assert store.release_dead_claims(host, alive=lambda pid: pid != 4242) == 1
    assert len(store.claim_due_jobs(11.0, f"{host}:7:y", lambda _r: 60.0, 1)) == 1


def test_run_again_adds_a_manual_job_beside_the_automatic_one(engine: tuple[ActionTables, Queue]) -> None:
    store, queue = engine
    rule = store.save_rule(ActionRule(name="a", kind=ActionKind.NOTIFY))
    queue(rule, [5])
    store.run_again(rule, 5, 1.0)
    assert sorted(j.manual for j in store.jobs()) == [False, True]


def test_a_late_outcome_of_an_expired_claim_does_not_undo_a_run(engine: tuple[ActionTables, Queue]) -> None:
    """A runner whose lease ran out reports after another ran the job: nothing runs twice."""
    store, queue = engine
    rule = store.save_rule(ActionRule(name="r", kind=ActionKind.NOTIFY))
    queue(rule, [1])
    [job] = store.claim_due_jobs(1.0, "host:1:a", lambda _r: 60.0, 10)
    [again] = store.claim_due_jobs(61.5, "host:2:b", lambda _r: 60.0, 10)  # the lease ran out
    assert again.id == job.id
    store.mark_done(job.id)  # b ran it
    store.mark_retry(job.id, 70.0, "timed out")  # a's late word
    store.mark_failed(job.id, "killed")
    [settled] = store.jobs()
    assert (settled.state, settled.attempts) == (JobState.DONE, 1)
    assert store.claim_due_jobs(1000.0, "host:3:c", lambda _r: 60.0, 10) == []


def test_a_late_outcome_leaves_the_claim_of_the_runner_still_running(
    engine: tuple[ActionTables, Queue],
) -> None:
    store, queue = engine
    rule = store.save_rule(ActionRule(name="r", kind=ActionKind.NOTIFY))
    queue(rule, [1])
    [job] = store.claim_due_jobs(1.0, "host:1:a", lambda _r: 60.0, 10)
    store.claim_due_jobs(61.5, "host:2:b", lambda _r: 60.0, 10)  # b runs it now
    store.mark_retry(job.id, 62.0, "timed out", owner="host:1:a")  # a's late word
    assert store.claim_due_jobs(63.0, "host:3:c", lambda _r: 60.0, 10) == []  # still b's
    store.mark_done(job.id, owner="host:2:b")
    [settled] = store.jobs()
    assert (settled.state, settled.attempts) == (JobState.DONE, 1)
