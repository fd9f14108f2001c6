"""Re-send and forwarding on PostgreSQL (team mode): targets, attempts, forward rules, queue.

The PostgreSQL twin of desktop/store/delivery_store.py: the same `DeliveryTables` protocol
and the same rows (its record converters are reused), so the one delivery hub, forwarder and
window service run unchanged on either engine. The connection is the caller's own, in
autocommit mode: each method is its own short transaction, nothing is held open across an
`await` of the forwarder. Claims are row locks (see postgres/forward_claims.py).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import replace

import psycopg

from desktop.core.records import RESPONSE_BODY_LIMIT, Attempt, ForwardRule, JobState, QueueJob
from desktop.core.targets import Target, TargetError
from desktop.store.delivery_store import _attempt, _job, _target
from desktop.store.postgres.action_store import PgActionStore
from desktop.store.postgres.database import translate_errors
from desktop.store.postgres.forward_claims import claim_due_jobs, release_claims

_TARGET_COLUMNS = "id, name, url, add_headers, drop_headers, timeout_s, keep_path, strip_prefix"
_ATTEMPT_COLUMNS = (
    "id, event_id, target_id, target, method, url, started_at, latency_ms, status_code,"
    " error, error_kind, response_headers, response_body, truncated"
)
_JOB_COLUMNS = "id, event_id, target_id, ordered, state, attempts, next_at, last_error, created_at"
_WAITING = "('pending', 'retrying')"
_RELEASE = "claimed_by = NULL, lease_until = NULL"

# As in SQLite: a job may start when it is waiting and, if ordered, no earlier job for its
# target is still waiting (one target sees events in arrival order, one at a time).
_ELIGIBLE = (
    f"q.state IN {_WAITING} AND (q.ordered = 0 OR NOT EXISTS (SELECT 1 FROM forward_queue AS e"
    f" WHERE e.target_id = q.target_id AND e.state IN {_WAITING} AND e.id < q.id))"
)
_INSERT_ATTEMPT = (
    "INSERT INTO attempts (event_id, target_id, target, method, url, started_at, latency_ms,"
    " status_code, error, error_kind, response_headers, response_body, truncated, job_id)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id"
)


@translate_errors
class PgDeliveryStore:
    """The delivery tables on one autocommit connection (the caller's thread); errors arrive
    as StorageError, an invalid or duplicate target as TargetError."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        # Claims, outcomes and attempts do not wait for the disk (as SQLite's WAL with
        # synchronous=NORMAL does not): a server crash may forget the last fraction of a
        # second of them, and a job forgotten as delivered is sent again (forwarding is at
        # least once at the edge anyway). Queueing happens in the recognising transaction,
        # not here. Measured (tests/bench/pg_claims.py, 3,000 jobs, loaded 2-core machine):
        # 67 -> 154 jobs/s with one claimant, 270 -> 965 with four.
        conn.execute("SET synchronous_commit = off")

    def close(self) -> None:
        self.conn.close()

    def actions(self) -> PgActionStore:
        """The action tables on this same connection."""
        return PgActionStore(self.conn)

    # --- targets ---------------------------------------------------------------------

    def save_target(self, target: Target) -> Target:
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
        )
        try:
            if target.id is None:
                row = self.conn.execute(
                    "INSERT INTO targets (name, url, add_headers, drop_headers, timeout_s, keep_path,"
                    " strip_prefix) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                    values,
                ).fetchone()
                return replace(target, id=int(row[0]) if row else None)
            self.conn.execute(
                "UPDATE targets SET name = %s, url = %s, add_headers = %s, drop_headers = %s,"
                " timeout_s = %s, keep_path = %s, strip_prefix = %s WHERE id = %s",
                (*values, target.id),
            )
        except psycopg.errors.UniqueViolation:
            raise TargetError(f"a target named {target.name!r} already exists") from None
        return target

    def list_targets(self) -> list[Target]:
        rows = self.conn.execute(f"SELECT {_TARGET_COLUMNS} FROM targets ORDER BY lower(name), name")
        return [_target(tuple(row)) for row in rows.fetchall()]

    def get_target(self, target_id: int) -> Target | None:
        sql = f"SELECT {_TARGET_COLUMNS} FROM targets WHERE id = %s"
        row = self.conn.execute(sql, (target_id,)).fetchone()
        return _target(tuple(row)) if row else None

    def delete_target(self, target_id: int) -> None:
        """Delete a target and its rules; its waiting jobs fail with a reason, not silently."""
        with self.conn.transaction():
            self.conn.execute("DELETE FROM forward_rules WHERE target_id = %s", (target_id,))
            self.conn.execute(
                "UPDATE forward_queue SET state = 'failed', last_error = 'target deleted'"
                f" WHERE target_id = %s AND state IN {_WAITING}",
                (target_id,),
            )
            self.conn.execute("DELETE FROM targets WHERE id = %s", (target_id,))

    # --- attempts --------------------------------------------------------------------

    def record_attempt(self, attempt: Attempt, job_id: int | None = None) -> int:
        """Store an attempt (the response body cut to 64 KiB); sets and returns its id."""
        row = self.conn.execute(_INSERT_ATTEMPT, _attempt_values(attempt, job_id)).fetchone()
        attempt.id = int(row[0]) if row else None
        return attempt.id or 0

    def record_attempts(self, batch: Iterable[Attempt]) -> None:
        """Store attempts in one short transaction; StorageError if the database refused."""
        with self.conn.transaction():
            for attempt in batch:
                self.record_attempt(attempt)

    def attempts_for_event(self, event_id: int) -> list[Attempt]:
        """Every send of an event, oldest first."""
        rows = self.conn.execute(
            f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE event_id = %s ORDER BY started_at, id",
            (event_id,),
        ).fetchall()
        return [_attempt(tuple(row)) for row in rows]

    # --- forward rules ---------------------------------------------------------------

    def save_rule(self, rule: ForwardRule) -> ForwardRule:
        values = (rule.target_id, rule.filter, int(rule.ordered), int(rule.enabled))
        if rule.id is None:
            row = self.conn.execute(
                "INSERT INTO forward_rules (target_id, filter, ordered, enabled) VALUES (%s, %s, %s, %s)"
                " RETURNING id",
                values,
            ).fetchone()
            return replace(rule, id=int(row[0]) if row else None)
        self.conn.execute(
            "UPDATE forward_rules SET target_id = %s, filter = %s, ordered = %s, enabled = %s WHERE id = %s",
            (*values, rule.id),
        )
        return rule

    def list_rules(self, enabled_only: bool = False) -> list[ForwardRule]:
        where = " WHERE enabled = 1" if enabled_only else ""
        rows = self.conn.execute(
            f"SELECT target_id, filter, ordered, enabled, id FROM forward_rules{where} ORDER BY id"
        ).fetchall()
        return [ForwardRule(int(r[0]), r[1], bool(r[2]), bool(r[3]), int(r[4])) for r in rows]

    def delete_rule(self, rule_id: int) -> None:
        self.conn.execute("DELETE FROM forward_rules WHERE id = %s", (rule_id,))

    # --- forward queue ---------------------------------------------------------------

    def enqueue(
        self,
        event_ids: Iterable[int],
        target_id: int,
        now: float,
        *,
        ordered: bool = False,
        rule_id: int | None = None,
    ) -> list[int]:
        """Queue events for a target, due at `now`; returns the new job ids in the given order.

        With a `rule_id` an event goes to a target once, whichever receiver queues it first.
        """
        ids = []
        with self.conn.transaction():
            for event_id in event_ids:
                row = self.conn.execute(
                    "INSERT INTO forward_queue (event_id, target_id, ordered, state, next_at, created_at,"
                    " rule_id) VALUES (%s, %s, %s, 'pending', %s, %s, %s)"
                    " ON CONFLICT DO NOTHING RETURNING id",
                    (event_id, target_id, int(ordered), now, now, rule_id),
                ).fetchone()
                if row is not None:
                    ids.append(int(row[0]))
        return ids

    def due_jobs(self, now: float, limit: int = 100, exclude: Collection[int] = ()) -> list[QueueJob]:
        """Jobs that may be sent now, oldest first, leaving out `exclude` (those in flight)."""
        rows = self.conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM forward_queue AS q WHERE {_ELIGIBLE} AND q.next_at <= %s"
            " AND NOT (q.id = ANY(%s)) ORDER BY q.next_at, q.id LIMIT %s",
            (now, [int(i) for i in exclude], limit),
        ).fetchall()
        return [_job(tuple(row)) for row in rows]

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
        """When the next job that may start becomes due (a held job: when its lease ends)."""
        due = "CASE WHEN q.claimed_by IS NOT NULL THEN greatest(q.next_at, q.lease_until) ELSE q.next_at END"
        row = self.conn.execute(
            f"SELECT min({due}) FROM forward_queue AS q WHERE {_ELIGIBLE} AND NOT (q.id = ANY(%s))",
            ([int(i) for i in exclude],),
        ).fetchone()
        return None if row is None or row[0] is None else float(row[0])

    def get_job(self, job_id: int) -> QueueJob | None:
        sql = f"SELECT {_JOB_COLUMNS} FROM forward_queue WHERE id = %s"
        row = self.conn.execute(sql, (job_id,)).fetchone()
        return _job(tuple(row)) if row else None

    def list_jobs(self, state: JobState | None = None, limit: int = 1000) -> list[QueueJob]:
        where, args = ("WHERE state = %s", [str(state)]) if state else ("", [])
        rows = self.conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM forward_queue {where} ORDER BY id LIMIT %s", (*args, limit)
        ).fetchall()
        return [_job(tuple(row)) for row in rows]

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
            f"state = 'retrying', attempts = attempts + 1, next_at = %s, last_error = %s, {_RELEASE}",
            next_at,
            error,
        )

    def mark_failed(
        self, job_id: int, error: str, *, count_attempt: bool = True, owner: str | None = None
    ) -> None:
        self._update(
            job_id,
            owner,
            f"state = 'failed', attempts = attempts + %s, last_error = %s, {_RELEASE}",
            int(count_attempt),
            error,
        )

    def retry_failed(self, job_ids: Iterable[int], now: float) -> int:
        """Put failed jobs back in the queue with a fresh set of attempts; returns how many."""
        return self.conn.execute(
            f"UPDATE forward_queue SET state = 'pending', attempts = 0, next_at = %s, {_RELEASE}"
            " WHERE id = ANY(%s) AND state = 'failed'",
            (now, [int(i) for i in job_ids]),
        ).rowcount

    def purge_delivered(self, before: float) -> int:
        """Forget delivered jobs created before `before` (their attempts stay); returns how many."""
        return self.conn.execute(
            "DELETE FROM forward_queue WHERE state = 'delivered' AND created_at < %s", (before,)
        ).rowcount

    def queue_counts(self) -> dict[JobState, int]:
        """How many jobs are in each state (every state present, zero if none)."""
        counts = dict.fromkeys(JobState, 0)
        for state, count in self.conn.execute(
            "SELECT state, count(*) FROM forward_queue GROUP BY state"
        ).fetchall():
            counts[JobState(state)] = int(count)
        return counts

    def _update(self, job_id: int, owner: str | None, assignments: str, *values: object) -> None:
        # Only a waiting job takes an outcome: a worker whose lease expired while it sent may
        # report after another worker claimed the job again and settled it (or is sending it);
        # its late word must not turn `delivered` back into `retrying` (an extra send), nor
        # free the other's claim.
        mine = "" if owner is None else " AND (claimed_by IS NULL OR claimed_by = %s)"
        self.conn.execute(
            f"UPDATE forward_queue SET {assignments} WHERE id = %s AND state IN {_WAITING}{mine}",
            (*values, job_id, *([] if owner is None else [owner])),
        )


def _attempt_values(attempt: Attempt, job_id: int | None) -> tuple[object, ...]:
    return (
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
    )
