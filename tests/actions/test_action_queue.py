"""The action queue in the store: one job per (rule, event), one run at a time per rule, and a
killed process's claims freed by a runner on the same machine."""

from __future__ import annotations

import contextlib
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.actions import ActionKind, ActionRule
from desktop.store.action_store import ActionStore
from desktop.store.database import connect, open_database


@pytest.fixture
def conn(data_dir: Path) -> Iterator[sqlite3.Connection]:
    open_database(data_dir).close()
    with contextlib.closing(connect(data_dir / "events.sqlite3")) as connection:
        yield connection


def queue(conn: sqlite3.Connection, rule_id: int, event_ids: list[int]) -> None:
    with conn:
        for event_id in event_ids:
            conn.execute(
                "INSERT OR IGNORE INTO action_queue (rule_id, event_id, state, next_at, created_at)"
                " VALUES (?, ?, 'pending', 0, 0)",
                (rule_id, event_id),
            )


def test_a_rule_is_queued_once_per_event(conn: sqlite3.Connection) -> None:
    rule = ActionStore(conn).save_rule(ActionRule(name="r", kind=ActionKind.NOTIFY))
    queue(conn, rule, [1, 1, 2])
    assert [j.event_id for j in ActionStore(conn).jobs()] == [2, 1]


def test_a_rule_runs_one_job_at_a_time_across_claimants(conn: sqlite3.Connection) -> None:
    store = ActionStore(conn)
    first = store.save_rule(ActionRule(name="a", kind=ActionKind.NOTIFY))
    second = store.save_rule(ActionRule(name="b", kind=ActionKind.NOTIFY))
    queue(conn, first, [1, 2, 3])
    queue(conn, second, [1])
    claimed = store.claim_due_jobs(10.0, "host:1:a", lambda _r: 60.0, 10)
    assert sorted((j.rule_id, j.event_id) for j in claimed) == [(first, 1), (second, 1)]
    assert store.claim_due_jobs(10.0, "host:2:b", lambda _r: 60.0, 10) == []  # both rules busy
    store.mark_done(claimed[0].id)
    [next_job] = store.claim_due_jobs(10.0, "host:2:b", lambda _r: 60.0, 10)
    assert (next_job.rule_id, next_job.event_id) == (first, 2)


def test_claims_of_a_dead_process_on_this_host_are_freed(conn: sqlite3.Connection) -> None:
    store = ActionStore(conn)
    rule = store.save_rule(ActionRule(name="a", kind=ActionKind.NOTIFY))
    queue(conn, rule, [1])
    host = socket.gethostname()
    assert len(store.claim_due_jobs(10.0, f"{host}:4242:x", lambda _r: 3600.0, 1)) == 1
    assert store.release_dead_claims(host, alive=lambda pid: pid != 4242) == 1
    assert len(store.claim_due_jobs(11.0, f"{host}:7:y", lambda _r: 60.0, 1)) == 1


def test_run_again_adds_a_manual_job_beside_the_automatic_one(conn: sqlite3.Connection) -> None:
    store = ActionStore(conn)
    rule = store.save_rule(ActionRule(name="a", kind=ActionKind.NOTIFY))
    queue(conn, rule, [5])
    store.run_again(rule, 5, 1.0)
    assert sorted(j.manual for j in store.jobs()) == [False, True]
