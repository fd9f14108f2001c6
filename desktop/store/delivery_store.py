"""Persistence for re-send and forwarding: targets, attempts, forward rules and the queue.

`DeliveryStore` wraps a plain `sqlite3.Connection` to the shared WAL database, already
migrated (`schema.py` creates the tables). Each method commits its own change;
`enqueue` and `record_attempt` take `commit=False` so a caller
(the event writer, a bulk re-send) can fold them into a transaction of its own.

Several processes may share one queue (a window and a headless receiver, `--workers N`), so
work is claimed in the store, never assumed to be ours (see desktop/store/forward_claims.py):
a rule's job is unique per (target, event), and a job is sent only by the process that
claimed it, with a lease that expires if that process dies.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import replace
from typing import Any

from desktop.core.records import RESPONSE_BODY_LIMIT, Attempt, ErrorKind, ForwardRule, JobState, QueueJob
from desktop.core.storage import StorageError
from desktop.core.targets import Target, TargetError
from desktop.store.action_store import ActionStore
from desktop.store.errors import translate_errors
from desktop.store.forward_claims import claim_due_jobs, release_claims

_TARGET_COLUMNS = "id, name, url, add_headers, drop_headers, timeout_s, keep_path, strip_prefix"
_ATTEMPT_COLUMNS = (
    "id, event_id, target_id, target, method, url, started_at, latency_ms, status_code,"
    " error, error_kind, response_headers, response_body, truncated"
)
_JOB_COLUMNS = "id, event_id, target_id, ordered, state, attempts, next_at, last_error, created_at"
_WAITING = "('pending', 'retrying')"
_RELEASE = "claimed_by = NULL, lease_until = NULL"

# A job may start when it is waiting and, if ordered, no earlier job for its target is
# still waiting: one target then sees events in arrival order, one at a time.
_ELIGIBLE = (
    f"q.state IN {_WAITING} AND (q.ordered = 0 OR NOT EXISTS (SELECT 1 FROM forward_queue AS e"
    f" WHERE e.target_id = q.target_id AND e.state IN {_WAITING} AND e.id < q.id))"
)


@translate_errors
class DeliveryStore:
    """The delivery tables behind one object; also the forwarder's `QueueStore`.

    Use it on the thread that created `conn` (the forwarder runs on that thread's loop).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    def actions(self) -> ActionStore:
        """The action tables (issue 11) on this connection: the hub's runner and the Actions
        tab use them on the thread that opened it."""
        return ActionStore(self.conn)

    # --- targets ---------------------------------------------------------------------

    def save_target(self, target: Target) -> Target:
        """Insert (id None) or update a target; returns it with its id. Validates first.

        Raises TargetError when the target is not valid or its name is taken.
        """
        target.validated()
        try:
            return self._save_target(target)
        except sqlite3.IntegrityError:
            raise TargetError(f"a target named {target.name!r} already exists") from None

    def _save_target(self, target: Target) -> Target:
        values = (
            target.name,
            target.url,
            json.dumps([list(h) for h in target.add_headers]),
            json.dumps(list(target.drop_headers)),
            target.timeout_s,
            int(target.keep_path),
            target.strip_prefix,
        )
        with self.conn:
            if target.id is None:
                cursor = self.conn.execute(
                    "INSERT INTO targets (name, url, add_headers, drop_headers, timeout_s, keep_path,"
                    " strip_prefix) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
                return replace(target, id=cursor.lastrowid)
            self.conn.execute(
                "UPDATE targets SET name = ?, url = ?, add_headers = ?, drop_headers = ?, timeout_s = ?,"
                " keep_path = ?, strip_prefix = ? WHERE id = ?",
                (*values, target.id),
            )
        return target

    def list_targets(self) -> list[Target]:
        rows = self.conn.execute(f"SELECT {_TARGET_COLUMNS} FROM targets ORDER BY name COLLATE NOCASE")
        return [_target(row) for row in rows]

    def get_target(self, target_id: int) -> Target | None:
        row = self.conn.execute(
            f"SELECT {_TARGET_COLUMNS} FROM targets WHERE id = ?", (target_id,)
        ).fetchone()
        return _target(row) if row else None

    def delete_target(self, target_id: int) -> None:
        """Delete a target and its rules; its waiting jobs fail with a reason, not silently."""
        with self.conn:
            self.conn.execute("DELETE FROM forward_rules WHERE target_id = ?", (target_id,))
            self.conn.execute(
                "UPDATE forward_queue SET state = 'failed', last_error = 'target deleted'"
                f" WHERE target_id = ? AND state IN {_WAITING}",
                (target_id,),
            )
            self.conn.execute("DELETE FROM targets WHERE id = ?", (target_id,))

    # --- attempts --------------------------------------------------------------------

    def record_attempt(self, attempt: Attempt, job_id: int | None = None, *, commit: bool = True) -> int:
        """Store an attempt (the response body cut to 64 KiB); sets and returns its id."""
        cursor = self.conn.execute(
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
                attempt.response_body[:RESPONSE_BODY_LIMIT],
                int(attempt.truncated or len(attempt.response_body) > RESPONSE_BODY_LIMIT),
                job_id,
            ),
        )
        if commit:
            self.conn.commit()
        attempt.id = cursor.lastrowid
        return attempt.id or 0

    def record_attempts(self, batch: Iterable[Attempt]) -> None:
        """Store attempts in one short transaction; StorageError if the database refused."""
        try:
            with self.conn:
                for attempt in batch:
                    self.record_attempt(attempt, commit=False)
        except sqlite3.Error as exc:
            raise StorageError(f"could not store attempts: {exc}") from exc

    def attempts_for_event(self, event_id: int) -> list[Attempt]:
        """Every send of an event, oldest first."""
        rows = self.conn.execute(
            f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE event_id = ? ORDER BY started_at, id", (event_id,)
        )
        return [_attempt(row) for row in rows]

    # --- forward rules ---------------------------------------------------------------

    def save_rule(self, rule: ForwardRule) -> ForwardRule:
        values = (rule.target_id, rule.filter, int(rule.ordered), int(rule.enabled))
        with self.conn:
            if rule.id is None:
                cursor = self.conn.execute(
                    "INSERT INTO forward_rules (target_id, filter, ordered, enabled) VALUES (?, ?, ?, ?)",
                    values,
                )
                return replace(rule, id=cursor.lastrowid)
            self.conn.execute(
                "UPDATE forward_rules SET target_id = ?, filter = ?, ordered = ?, enabled = ? WHERE id = ?",
                (*values, rule.id),
            )
        return rule

    def list_rules(self, enabled_only: bool = False) -> list[ForwardRule]:
        where = " WHERE enabled = 1" if enabled_only else ""
        rows = self.conn.execute(
            f"SELECT target_id, filter, ordered, enabled, id FROM forward_rules{where} ORDER BY id"
        )
        return [ForwardRule(r[0], r[1], bool(r[2]), bool(r[3]), r[4]) for r in rows]

    def delete_rule(self, rule_id: int) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM forward_rules WHERE id = ?", (rule_id,))

    # --- forward queue ---------------------------------------------------------------

    def enqueue(
        self,
        event_ids: Iterable[int],
        target_id: int,
        now: float,
        *,
        ordered: bool = False,
        commit: bool = True,
        rule_id: int | None = None,
    ) -> list[int]:
        """Queue events for a target, due at `now`; returns the new job ids in the given order.

        With a `rule_id` (forwarding by a rule) an event goes to a target once, whichever
        process queues it first; events already queued that way are skipped.
        """
        ids = []
        verb = "INSERT OR IGNORE" if rule_id is not None else "INSERT"
        for event_id in event_ids:
            cursor = self.conn.execute(
                f"{verb} INTO forward_queue (event_id, target_id, ordered, state, next_at, created_at,"
                " rule_id) VALUES (?, ?, ?, 'pending', ?, ?, ?)",
                (event_id, target_id, int(ordered), now, now, rule_id),
            )
            if cursor.rowcount:
                ids.append(cursor.lastrowid or 0)
        if commit:
            self.conn.commit()
        return ids

    def due_jobs(self, now: float, limit: int = 100, exclude: Collection[int] = ()) -> list[QueueJob]:
        """Jobs that may be sent now, oldest first, leaving out `exclude` (those in flight)."""
        skip, ids = _excluding(exclude)
        rows = self.conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM forward_queue AS q WHERE {_ELIGIBLE} AND q.next_at <= ?{skip}"
            " ORDER BY q.next_at, q.id LIMIT ?",
            (now, *ids, limit),
        )
        return [_job(row) for row in rows]

    def claim_due_jobs(
        self, now: float, limit: int, owner: str, lease_s: float, exclude: Collection[int] = ()
    ) -> list[QueueJob]:
        """Claim jobs that may be sent now for `owner` (see forward_claims.claim_due_jobs)."""
        rows = claim_due_jobs(self.conn, _ELIGIBLE, _JOB_COLUMNS, now, limit, owner, lease_s, exclude)
        return [_job(row) for row in rows]

    def release_claims(self, owner: str) -> int:
        """Give back the waiting jobs `owner` holds (it stops): others need not wait the lease."""
        return release_claims(self.conn, owner)

    def next_due_at(self, exclude: Collection[int] = ()) -> float | None:
        """When the next job that may start becomes due, or None.

        An ordered job blocked behind an earlier one does not count: it becomes eligible
        when that job finishes, and the forwarder looks again then anyway.
        """
        skip, ids = _excluding(exclude)
        # A job another process holds is due again only when its lease runs out.
        due = "CASE WHEN q.claimed_by IS NOT NULL THEN max(q.next_at, q.lease_until) ELSE q.next_at END"
        sql = f"SELECT MIN({due}) FROM forward_queue AS q WHERE {_ELIGIBLE}{skip}"
        return self.conn.execute(sql, ids).fetchone()[0]

    def get_job(self, job_id: int) -> QueueJob | None:
        row = self.conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM forward_queue WHERE id = ?", (job_id,)
        ).fetchone()
        return _job(row) if row else None

    def list_jobs(self, state: JobState | None = None, limit: int = 1000) -> list[QueueJob]:
        where, args = ("WHERE state = ?", [str(state)]) if state else ("", [])
        rows = self.conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM forward_queue {where} ORDER BY id LIMIT ?", (*args, limit)
        )
        return [_job(row) for row in rows]

    # Each outcome also releases the job's claim; a job already settled keeps its outcome, and
    # with an `owner` a job another worker has claimed since (this one's lease ran out) too.
    def mark_delivered(self, job_id: int, *, owner: str | None = None) -> None:
        self._update(
            job_id, owner, f"state = 'delivered', attempts = attempts + 1, last_error = '', {_RELEASE}"
        )

    def mark_retry(self, job_id: int, next_at: float, error: str, *, owner: str | None = None) -> None:
        self._update(
            job_id,
            owner,
            f"state = 'retrying', attempts = attempts + 1, next_at = ?, last_error = ?, {_RELEASE}",
            next_at,
            error,
        )

    def mark_failed(
        self, job_id: int, error: str, *, count_attempt: bool = True, owner: str | None = None
    ) -> None:
        self._update(
            job_id,
            owner,
            f"state = 'failed', attempts = attempts + ?, last_error = ?, {_RELEASE}",
            int(count_attempt),
            error,
        )

    def retry_failed(self, job_ids: Iterable[int], now: float) -> int:
        """Put failed jobs back in the queue with a fresh set of attempts; returns how many."""
        with self.conn:
            return sum(
                self.conn.execute(
                    "UPDATE forward_queue SET state = 'pending', attempts = 0, next_at = ?,"
                    f" {_RELEASE} WHERE id = ? AND state = 'failed'",
                    (now, job_id),
                ).rowcount
                for job_id in job_ids
            )

    def purge_delivered(self, before: float) -> int:
        """Forget delivered jobs created before `before` (their attempts stay); returns how many."""
        with self.conn:
            return self.conn.execute(
                "DELETE FROM forward_queue WHERE state = 'delivered' AND created_at < ?", (before,)
            ).rowcount

    def queue_counts(self) -> dict[JobState, int]:
        """How many jobs are in each state (every state present, zero if none)."""
        counts = dict.fromkeys(JobState, 0)
        for state, count in self.conn.execute("SELECT state, COUNT(*) FROM forward_queue GROUP BY state"):
            counts[JobState(state)] = count
        return counts

    def _update(self, job_id: int, owner: str | None, assignments: str, *values: object) -> None:
        # Only a waiting job takes an outcome: a worker whose lease ran out may report after
        # another claimed the job (and settled it, or is sending it); it must not turn
        # `delivered` into `retrying`, nor free the other's claim.
        mine = "" if owner is None else " AND (claimed_by IS NULL OR claimed_by = ?)"
        with self.conn:
            self.conn.execute(
                f"UPDATE forward_queue SET {assignments} WHERE id = ? AND state IN {_WAITING}{mine}",
                (*values, job_id, *([] if owner is None else [owner])),
            )


def _excluding(exclude: Collection[int]) -> tuple[str, list[int]]:
    ids = [int(i) for i in exclude]
    return (f" AND q.id NOT IN ({', '.join('?' * len(ids))})", ids) if ids else ("", [])


def _target(row: tuple[Any, ...]) -> Target:
    tid, name, url, add, drop, timeout_s, keep_path, strip_prefix = row
    return Target(
        id=tid,
        name=name,
        url=url,
        add_headers=tuple((str(k), str(v)) for k, v in json.loads(add)),
        drop_headers=tuple(str(n) for n in json.loads(drop)),
        timeout_s=float(timeout_s),
        keep_path=bool(keep_path),
        strip_prefix=strip_prefix,
    )


def _attempt(r: tuple[Any, ...]) -> Attempt:
    known = r[10] in ErrorKind._value2member_map_
    return Attempt(
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
        # A kind written by a newer version still reads as "something went wrong".
        error_kind=ErrorKind(r[10]) if known else ErrorKind.PROTOCOL,
        response_headers=[(str(k), str(v)) for k, v in json.loads(r[11])],
        response_body=bytes(r[12]),
        truncated=bool(r[13]),
    )


def _job(row: tuple[Any, ...]) -> QueueJob:
    return QueueJob(row[0], row[1], row[2], bool(row[3]), JobState(row[4]), *row[5:])
