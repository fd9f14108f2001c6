"""Persistence for re-send and forwarding: targets, attempts, forward rules and the queue.

Plain functions over a `sqlite3.Connection` to the shared WAL database. Each function
commits its own change unless told `commit=False`, so a caller (the event writer) can
enqueue forwards in the same transaction that stores the events.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from desktop.delivery.sender import RESPONSE_BODY_LIMIT, Attempt, ErrorKind
from desktop.delivery.targets import Target

DELIVERY_SCHEMA = """
CREATE TABLE IF NOT EXISTS targets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    add_headers TEXT NOT NULL DEFAULT '[]',     -- JSON [[name, value], ...]
    drop_headers TEXT NOT NULL DEFAULT '[]',    -- JSON [name, ...]
    timeout_s REAL NOT NULL DEFAULT 10,
    keep_path INTEGER NOT NULL DEFAULT 1,
    strip_prefix TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    event_id INTEGER,                           -- NULL for a hand-built request
    target_id INTEGER,                          -- NULL for an ad-hoc URL
    target TEXT NOT NULL DEFAULT '',            -- the target's name when sent (survives renames)
    method TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL,
    started_at REAL NOT NULL,                   -- Unix seconds, UTC
    latency_ms REAL NOT NULL DEFAULT 0,
    status_code INTEGER,                        -- NULL when there was no answer
    error TEXT NOT NULL DEFAULT '',
    error_kind TEXT NOT NULL DEFAULT '',
    response_headers TEXT NOT NULL DEFAULT '[]',
    response_body BLOB NOT NULL DEFAULT x'',    -- at most 64 KiB
    truncated INTEGER NOT NULL DEFAULT 0,
    job_id INTEGER                              -- the forward_queue job, if any
);
CREATE INDEX IF NOT EXISTS attempts_event ON attempts(event_id, started_at);
CREATE TABLE IF NOT EXISTS forward_rules (
    id INTEGER PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    filter TEXT NOT NULL DEFAULT '',            -- filter-language query; '' forwards everything
    ordered INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS forward_queue (
    id INTEGER PRIMARY KEY,                     -- arrival order: ordered delivery follows it
    event_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    ordered INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'retrying', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS forward_queue_due ON forward_queue(state, next_at)
    WHERE state IN ('pending', 'retrying');
CREATE INDEX IF NOT EXISTS forward_queue_target ON forward_queue(target_id, id)
    WHERE state IN ('pending', 'retrying');
"""


def ensure_delivery_schema(conn: sqlite3.Connection) -> None:
    """Create the delivery tables if missing (idempotent; a migration will replace this)."""
    conn.executescript(DELIVERY_SCHEMA)


# --- targets -------------------------------------------------------------------------


def save_target(conn: sqlite3.Connection, target: Target) -> Target:
    """Insert (id None) or update a target; returns it with its id. Validates first."""
    target.validated()
    values = (
        target.name,
        target.url,
        json.dumps([list(h) for h in target.add_headers]),
        json.dumps(list(target.drop_headers)),
        target.timeout_s,
        int(target.keep_path),
        target.strip_prefix,
        target.notes,
    )
    with conn:
        if target.id is None:
            cursor = conn.execute(
                "INSERT INTO targets (name, url, add_headers, drop_headers, timeout_s, keep_path,"
                " strip_prefix, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            return _with_id(target, cursor.lastrowid)
        conn.execute(
            "UPDATE targets SET name = ?, url = ?, add_headers = ?, drop_headers = ?, timeout_s = ?,"
            " keep_path = ?, strip_prefix = ?, notes = ? WHERE id = ?",
            (*values, target.id),
        )
    return target


def _with_id(target: Target, target_id: int | None) -> Target:
    from dataclasses import replace

    return replace(target, id=target_id)


_TARGET_COLUMNS = "id, name, url, add_headers, drop_headers, timeout_s, keep_path, strip_prefix, notes"


def _target_from_row(row: tuple) -> Target:  # type: ignore[type-arg]
    tid, name, url, add, drop, timeout_s, keep_path, strip_prefix, notes = row
    return Target(
        id=tid,
        name=name,
        url=url,
        add_headers=tuple((str(k), str(v)) for k, v in json.loads(add)),
        drop_headers=tuple(str(n) for n in json.loads(drop)),
        timeout_s=float(timeout_s),
        keep_path=bool(keep_path),
        strip_prefix=strip_prefix,
        notes=notes,
    )


def list_targets(conn: sqlite3.Connection) -> list[Target]:
    rows = conn.execute(f"SELECT {_TARGET_COLUMNS} FROM targets ORDER BY name COLLATE NOCASE").fetchall()
    return [_target_from_row(row) for row in rows]


def get_target(conn: sqlite3.Connection, target_id: int) -> Target | None:
    row = conn.execute(f"SELECT {_TARGET_COLUMNS} FROM targets WHERE id = ?", (target_id,)).fetchone()
    return _target_from_row(row) if row else None


def delete_target(conn: sqlite3.Connection, target_id: int) -> None:
    """Delete a target and its rules. Queued jobs for it fail with a reason, not silently."""
    with conn:
        conn.execute("DELETE FROM forward_rules WHERE target_id = ?", (target_id,))
        conn.execute(
            "UPDATE forward_queue SET state = 'failed', last_error = 'target deleted'"
            " WHERE target_id = ? AND state IN ('pending', 'retrying')",
            (target_id,),
        )
        conn.execute("DELETE FROM targets WHERE id = ?", (target_id,))


# --- attempts ------------------------------------------------------------------------


def record_attempt(
    conn: sqlite3.Connection, attempt: Attempt, job_id: int | None = None, *, commit: bool = True
) -> int:
    """Store an attempt (the response body is cut to 64 KiB); sets and returns its id."""
    body = attempt.response_body[:RESPONSE_BODY_LIMIT]
    cursor = conn.execute(
        "INSERT INTO attempts (event_id, target_id, target, method, url, started_at, latency_ms,"
        " status_code, error, error_kind, response_headers, response_body, truncated, job_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            attempt.event_id,
            attempt.target_id,
            attempt.target_name,
            attempt.method,
            attempt.url,
            attempt.started_at,
            attempt.latency_ms,
            attempt.status_code,
            attempt.error,
            str(attempt.error_kind),
            json.dumps([list(h) for h in attempt.response_headers]),
            body,
            int(attempt.truncated or len(attempt.response_body) > RESPONSE_BODY_LIMIT),
            job_id,
        ),
    )
    if commit:
        conn.commit()
    attempt.id = cursor.lastrowid
    return attempt.id or 0


def attempts_for_event(conn: sqlite3.Connection, event_id: int) -> list[Attempt]:
    """Every send of an event, oldest first."""
    rows = conn.execute(
        "SELECT id, event_id, target_id, target, method, url, started_at, latency_ms, status_code,"
        " error, error_kind, response_headers, response_body, truncated"
        " FROM attempts WHERE event_id = ? ORDER BY started_at, id",
        (event_id,),
    ).fetchall()
    return [
        Attempt(
            id=r[0],
            event_id=r[1],
            target_id=r[2],
            target_name=r[3],
            method=r[4],
            url=r[5],
            started_at=r[6],
            latency_ms=r[7],
            status_code=r[8],
            error=r[9],
            error_kind=ErrorKind(r[10]) if r[10] in ErrorKind._value2member_map_ else ErrorKind.PROTOCOL,
            response_headers=[(str(k), str(v)) for k, v in json.loads(r[11])],
            response_body=bytes(r[12]),
            truncated=bool(r[13]),
        )
        for r in rows
    ]


# --- forward rules -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ForwardRule:
    target_id: int
    filter: str = ""
    ordered: bool = False
    enabled: bool = True
    id: int | None = None


def save_rule(conn: sqlite3.Connection, rule: ForwardRule) -> ForwardRule:
    values = (rule.target_id, rule.filter, int(rule.ordered), int(rule.enabled))
    with conn:
        if rule.id is None:
            cursor = conn.execute(
                "INSERT INTO forward_rules (target_id, filter, ordered, enabled) VALUES (?, ?, ?, ?)", values
            )
            return ForwardRule(rule.target_id, rule.filter, rule.ordered, rule.enabled, cursor.lastrowid)
        conn.execute(
            "UPDATE forward_rules SET target_id = ?, filter = ?, ordered = ?, enabled = ? WHERE id = ?",
            (*values, rule.id),
        )
    return rule


def list_rules(conn: sqlite3.Connection, enabled_only: bool = False) -> list[ForwardRule]:
    where = " WHERE enabled = 1" if enabled_only else ""
    rows = conn.execute(f"SELECT target_id, filter, ordered, enabled, id FROM forward_rules{where} ORDER BY id")
    return [ForwardRule(r[0], r[1], bool(r[2]), bool(r[3]), r[4]) for r in rows]


def delete_rule(conn: sqlite3.Connection, rule_id: int) -> None:
    with conn:
        conn.execute("DELETE FROM forward_rules WHERE id = ?", (rule_id,))


# --- forward queue -------------------------------------------------------------------


class JobState(StrEnum):
    PENDING = "pending"
    RETRYING = "retrying"
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class QueueJob:
    id: int
    event_id: int
    target_id: int
    ordered: bool
    state: JobState
    attempts: int
    next_at: float
    last_error: str
    created_at: float


_JOB_COLUMNS = "id, event_id, target_id, ordered, state, attempts, next_at, last_error, created_at"


def _job(row: tuple) -> QueueJob:  # type: ignore[type-arg]
    return QueueJob(row[0], row[1], row[2], bool(row[3]), JobState(row[4]), *row[5:])


def enqueue(
    conn: sqlite3.Connection,
    event_ids: Iterable[int],
    target_id: int,
    now: float,
    *,
    ordered: bool = False,
    commit: bool = True,
) -> list[int]:
    """Queue events for delivery to a target, due at `now`; returns the job ids in order."""
    ids = []
    for event_id in event_ids:
        cursor = conn.execute(
            "INSERT INTO forward_queue (event_id, target_id, ordered, state, next_at, created_at)"
            " VALUES (?, ?, ?, 'pending', ?, ?)",
            (event_id, target_id, int(ordered), now, now),
        )
        ids.append(cursor.lastrowid or 0)
    if commit:
        conn.commit()
    return ids


def due_jobs(conn: sqlite3.Connection, now: float, limit: int = 100) -> list[QueueJob]:
    """Jobs to send now, oldest first. An ordered job waits while any earlier job for the
    same target is still pending or retrying, so one target sees events in arrival order."""
    rows = conn.execute(
        f"SELECT {_JOB_COLUMNS} FROM forward_queue AS q"
        " WHERE q.state IN ('pending', 'retrying') AND q.next_at <= ?"
        " AND (q.ordered = 0 OR NOT EXISTS (SELECT 1 FROM forward_queue AS e"
        "   WHERE e.target_id = q.target_id AND e.state IN ('pending', 'retrying') AND e.id < q.id))"
        " ORDER BY q.next_at, q.id LIMIT ?",
        (now, limit),
    ).fetchall()
    return [_job(row) for row in rows]


def next_due_at(conn: sqlite3.Connection) -> float | None:
    """When the earliest waiting job becomes due (it may still be blocked by ordering)."""
    row = conn.execute("SELECT MIN(next_at) FROM forward_queue WHERE state IN ('pending', 'retrying')").fetchone()
    return row[0] if row else None


def get_job(conn: sqlite3.Connection, job_id: int) -> QueueJob | None:
    row = conn.execute(f"SELECT {_JOB_COLUMNS} FROM forward_queue WHERE id = ?", (job_id,)).fetchone()
    return _job(row) if row else None


def list_jobs(conn: sqlite3.Connection, state: JobState | None = None, limit: int = 1000) -> list[QueueJob]:
    if state is None:
        rows = conn.execute(f"SELECT {_JOB_COLUMNS} FROM forward_queue ORDER BY id LIMIT ?", (limit,))
    else:
        rows = conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM forward_queue WHERE state = ? ORDER BY id LIMIT ?", (str(state), limit)
        )
    return [_job(row) for row in rows]


def mark_delivered(conn: sqlite3.Connection, job_id: int) -> None:
    with conn:
        conn.execute(
            "UPDATE forward_queue SET state = 'delivered', attempts = attempts + 1, last_error = ''"
            " WHERE id = ?",
            (job_id,),
        )


def mark_retry(conn: sqlite3.Connection, job_id: int, next_at: float, error: str) -> None:
    with conn:
        conn.execute(
            "UPDATE forward_queue SET state = 'retrying', attempts = attempts + 1, next_at = ?,"
            " last_error = ? WHERE id = ?",
            (next_at, error, job_id),
        )


def mark_failed(conn: sqlite3.Connection, job_id: int, error: str, *, count_attempt: bool = True) -> None:
    with conn:
        conn.execute(
            "UPDATE forward_queue SET state = 'failed', attempts = attempts + ?, last_error = ? WHERE id = ?",
            (int(count_attempt), error, job_id),
        )


def retry_failed(conn: sqlite3.Connection, job_ids: Iterable[int], now: float) -> int:
    """Put failed jobs back in the queue with a fresh set of attempts; returns how many."""
    with conn:
        changed = 0
        for job_id in job_ids:
            changed += conn.execute(
                "UPDATE forward_queue SET state = 'pending', attempts = 0, next_at = ?"
                " WHERE id = ? AND state = 'failed'",
                (now, job_id),
            ).rowcount
    return changed


def queue_counts(conn: sqlite3.Connection) -> dict[JobState, int]:
    """How many jobs are in each state (every state present, zero if none)."""
    counts = dict.fromkeys(JobState, 0)
    for state, count in conn.execute("SELECT state, COUNT(*) FROM forward_queue GROUP BY state"):
        counts[JobState(state)] = count
    return counts
