"""Action rules, their per-rule queue and their runs on PostgreSQL (team mode).

The twin of desktop/store/action_store.py (the same `ActionTables` protocol and rows), with
row locks for the claims:

- Queueing: in the recognising transaction (`enqueue_for_action_rules`), one automatic job
  per (rule, event) (a partial UNIQUE index, ON CONFLICT DO NOTHING).
- Running: at most one job per rule at a time over all receivers (a rule's queue runs in
  order). A claim locks the rule's row (`FOR UPDATE SKIP LOCKED`: a rule another receiver is
  claiming right now is skipped, not waited for), then re-reads under that lock whether the
  rule already has a job held, and locks and leases the job. Claims end with the outcome, at
  a clean stop, with the lease, or at once when a runner on the same host sees the holder's
  process is gone (`release_dead_claims`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import psycopg

from desktop.core.actions import ActionJob, ActionRule, ActionRun
from desktop.store.action_store import _job, _rule, _run, _spec
from desktop.store.postgres.database import translate_errors
from desktop.store.postgres.forward_claims import CONFIG_LOCK, matching_ids

_JOB_COLUMNS = "id, rule_id, event_id, state, attempts, next_at, last_error, created_at, manual"
_RUN_COLUMNS = (
    "id, job_id, rule_id, rule_name, kind, event_id, started_at, duration_s, ok, answer,"
    " exit_code, stdout, stderr, manual"
)
_RULE_COLUMNS = "id, name, kind, filter, spec, enabled, origin"
_WAITING = "state IN ('pending', 'retrying')"
# A rule has a job running when one of its waiting jobs is held by an unexpired lease.
_RULE_BUSY = (
    "EXISTS (SELECT 1 FROM action_queue AS b WHERE b.rule_id = q.rule_id AND b.id != q.id"
    " AND b.claimed_by IS NOT NULL AND b.lease_until >= %s AND b.state IN ('pending', 'retrying'))"
)
_FREE = f"q.{_WAITING} AND q.next_at <= %s AND (q.claimed_by IS NULL OR q.lease_until < %s)"


def enqueue_for_action_rules(conn: psycopg.Connection, ids: Sequence[int], now: float) -> int:
    """Queue recognised events for every enabled action rule they match, in the caller's
    transaction (the one that records recognition); returns how many jobs were added."""
    if not ids:
        return 0
    rows: list[tuple[int, int]] = []
    for rule_id, filter_text in conn.execute(
        "SELECT id, filter FROM action_rules WHERE enabled = 1 ORDER BY id"
    ).fetchall():
        rows += [(int(rule_id), e) for e in sorted(matching_ids(conn, filter_text, ids, now, rules="action"))]
    if not rows:
        return 0
    return conn.execute(
        "INSERT INTO action_queue (rule_id, event_id, state, next_at, created_at)"
        " SELECT r, e, 'pending', %s, %s FROM unnest(%s::bigint[], %s::bigint[]) AS u(r, e)"
        " ON CONFLICT DO NOTHING",
        (now, now, [r for r, _ in rows], [e for _, e in rows]),
    ).rowcount


def apply_config_actions(conn: psycopg.Connection, rules: Sequence[ActionRule]) -> None:
    """Make the database's config-file action rules those of `rules` (matched by name), as
    the SQLite engine's; receivers starting together take turns (an advisory lock)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (CONFIG_LOCK,))
        names = []
        for rule in rules:
            names.append(rule.name)
            conn.execute(
                "INSERT INTO action_rules (name, kind, filter, spec, enabled, origin)"
                " VALUES (%s, %s, %s, %s, %s, 'config') ON CONFLICT (name) DO UPDATE SET"
                " kind = EXCLUDED.kind,"
                " filter = EXCLUDED.filter, spec = EXCLUDED.spec, enabled = EXCLUDED.enabled,"
                " origin = 'config'",
                (rule.name, rule.kind.value, rule.filter, _spec(rule), int(rule.enabled)),
            )
        doomed = conn.execute(
            "SELECT id FROM action_rules WHERE origin = 'config' AND NOT (name = ANY(%s))", (names,)
        ).fetchall()
        for (rule_id,) in doomed:
            _delete_rule(conn, int(rule_id))


def _delete_rule(conn: psycopg.Connection, rule_id: int) -> None:
    conn.execute(f"DELETE FROM action_queue WHERE rule_id = %s AND {_WAITING}", (rule_id,))
    conn.execute("DELETE FROM action_rules WHERE id = %s", (rule_id,))


@translate_errors
class PgActionStore:
    """The action tables through one autocommit connection (the hub's); `ActionTables`."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    # --- rules ---------------------------------------------------------------------------

    def list_rules(self, *, enabled_only: bool = False) -> list[ActionRule]:
        where = " WHERE enabled = 1" if enabled_only else ""
        rows = self.conn.execute(f"SELECT {_RULE_COLUMNS} FROM action_rules{where} ORDER BY id").fetchall()
        return [_rule(row) for row in rows]

    def get_rule(self, rule_id: int) -> ActionRule | None:
        sql = f"SELECT {_RULE_COLUMNS} FROM action_rules WHERE id = %s"
        row = self.conn.execute(sql, (rule_id,)).fetchone()
        return _rule(row) if row is not None else None

    def save_rule(self, rule: ActionRule) -> int:
        """Insert (id None) or update a rule; returns its id. Names are unique."""
        values = (rule.name, rule.kind.value, rule.filter, _spec(rule), int(rule.enabled))
        if rule.id is None:
            row = self.conn.execute(
                "INSERT INTO action_rules (name, kind, filter, spec, enabled) VALUES (%s, %s, %s, %s, %s)"
                " RETURNING id",
                values,
            ).fetchone()
            return int(row[0]) if row else 0
        self.conn.execute(
            "UPDATE action_rules SET name = %s, kind = %s, filter = %s, spec = %s, enabled = %s"
            " WHERE id = %s",
            (*values, rule.id),
        )
        return rule.id

    def set_enabled(self, rule_id: int, enabled: bool) -> None:
        self.conn.execute("UPDATE action_rules SET enabled = %s WHERE id = %s", (int(enabled), rule_id))

    def delete_rule(self, rule_id: int) -> None:
        """Remove a rule and its waiting jobs; its runs stay in the history."""
        with self.conn.transaction():
            _delete_rule(self.conn, rule_id)

    # --- the queue ------------------------------------------------------------------------

    def claim_due_jobs(
        self, now: float, owner: str, lease_s: Callable[[int], float], limit: int
    ) -> list[ActionJob]:
        """Claim up to `limit` due jobs, at most one per rule over all receivers, oldest first.
        `lease_s(rule_id)` is how long each claim holds (longer than the rule's timeout)."""
        if limit <= 0:
            return []
        # The oldest free job of each rule without a running one (no lock: most looks find none).
        firsts = self.conn.execute(
            f"SELECT DISTINCT ON (q.rule_id) q.id, q.rule_id FROM action_queue AS q WHERE {_FREE}"
            f" AND NOT {_RULE_BUSY} ORDER BY q.rule_id, q.next_at, q.id",
            (now, now, now),
        ).fetchall()
        jobs: list[ActionJob] = []
        for job_id, rule_id in firsts:
            if len(jobs) >= limit:
                break
            with self.conn.transaction():
                # The rule's row is the rule's lock: one claimant at a time; a busy one is skipped.
                if (
                    self.conn.execute(
                        "SELECT 1 FROM action_rules WHERE id = %s FOR UPDATE SKIP LOCKED", (rule_id,)
                    ).fetchone()
                    is None
                ):
                    continue
                # Under that lock, this statement sees every claim committed before it.
                row = self.conn.execute(
                    f"UPDATE action_queue AS q SET claimed_by = %s, lease_until = %s WHERE q.id = %s"
                    f" AND {_FREE} AND NOT {_RULE_BUSY} RETURNING {_q(_JOB_COLUMNS)}",
                    (owner, now + lease_s(int(rule_id)), job_id, now, now, now),
                ).fetchone()
                if row is not None:
                    jobs.append(_job(row))
        return sorted(jobs, key=lambda job: (job.next_at, job.id))

    def next_due_at(self) -> float | None:
        row = self.conn.execute(f"SELECT min(next_at) FROM action_queue WHERE {_WAITING}").fetchone()
        return None if row is None or row[0] is None else float(row[0])

    def release_claims(self, owner: str) -> int:
        """Give back the jobs `owner` holds (it is stopping)."""
        return self.conn.execute(
            "UPDATE action_queue SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = %s", (owner,)
        ).rowcount

    def release_dead_claims(self, host: str, alive: Callable[[int], bool]) -> int:
        """Free the claims of processes on `host` that no longer exist (killed mid-run)."""
        freed = 0
        owners = self.conn.execute(
            "SELECT DISTINCT claimed_by FROM action_queue WHERE claimed_by IS NOT NULL"
        ).fetchall()
        for (owner,) in owners:
            parts = str(owner).rsplit(":", 2)  # host:pid:random (forwarder.process_owner)
            if len(parts) == 3 and parts[0] == host and parts[1].isdigit() and not alive(int(parts[1])):
                freed += self.release_claims(str(owner))
        return freed

    def mark_done(self, job_id: int, *, owner: str | None = None) -> None:
        self._settle(job_id, owner, "done", None, "")

    def mark_retry(self, job_id: int, next_at: float, error: str, *, owner: str | None = None) -> None:
        self._settle(job_id, owner, "retrying", next_at, error)

    def mark_failed(self, job_id: int, error: str, *, owner: str | None = None) -> None:
        self._settle(job_id, owner, "failed", None, error)

    def _settle(self, job_id: int, owner: str | None, state: str, next_at: float | None, error: str) -> None:
        # Only a waiting job takes an outcome: a runner whose lease expired must not undo the
        # `done` of the runner that claimed the job after it (a second run).
        # With an `owner`: nor a job another runner has claimed since (it may be running it).
        mine = "" if owner is None else " AND (claimed_by IS NULL OR claimed_by = %s)"
        self.conn.execute(
            "UPDATE action_queue SET state = %s, attempts = attempts + 1,"
            " next_at = coalesce(%s::float8, next_at), last_error = %s, claimed_by = NULL,"
            f" lease_until = NULL WHERE id = %s AND {_WAITING}{mine}",
            (state, next_at, error, job_id, *([] if owner is None else [owner])),
        )

    def run_again(self, rule_id: int, event_id: int, now: float) -> int:
        """A person asks for one more run of a rule on an event: a manual job."""
        row = self.conn.execute(
            "INSERT INTO action_queue (rule_id, event_id, state, next_at, created_at, manual)"
            " VALUES (%s, %s, 'pending', %s, %s, 1) RETURNING id",
            (rule_id, event_id, now, now),
        ).fetchone()
        return int(row[0]) if row else 0

    def retry_failed(self, job_ids: Iterable[int], now: float) -> int:
        ids = [int(i) for i in job_ids]
        if not ids:
            return 0
        return self.conn.execute(
            "UPDATE action_queue SET state = 'pending', attempts = 0, next_at = %s, last_error = ''"
            " WHERE state = 'failed' AND id = ANY(%s)",
            (now, ids),
        ).rowcount

    def jobs(self, rule_id: int | None = None, limit: int = 500) -> list[ActionJob]:
        where = " WHERE rule_id = %s" if rule_id is not None else ""
        params: tuple[Any, ...] = (rule_id, limit) if rule_id is not None else (limit,)
        rows = self.conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM action_queue{where} ORDER BY id DESC LIMIT %s", params
        ).fetchall()
        return [_job(row) for row in rows]

    def queue_counts(self) -> dict[int, dict[str, int]]:
        """Per rule: how many jobs in each state."""
        counts: dict[int, dict[str, int]] = {}
        for rule_id, state, count in self.conn.execute(
            "SELECT rule_id, state, count(*) FROM action_queue GROUP BY rule_id, state"
        ).fetchall():
            counts.setdefault(int(rule_id), {})[str(state)] = int(count)
        return counts

    # --- runs ----------------------------------------------------------------------------

    def record_run(self, run: ActionRun) -> int:
        row = self.conn.execute(
            f"INSERT INTO action_runs ({_RUN_COLUMNS.removeprefix('id, ')})"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (
                run.job_id,
                run.rule_id,
                run.rule_name,
                run.kind.value,
                run.event_id,
                run.started_at,
                run.duration_s,
                int(run.ok),
                _text(run.answer),
                run.exit_code,
                _text(run.stdout),
                _text(run.stderr),
                int(run.manual),
            ),
        ).fetchone()
        return int(row[0]) if row else 0

    def runs(self, rule_id: int | None = None, limit: int = 500) -> list[ActionRun]:
        """The newest runs first (of one rule, or of all)."""
        where = " WHERE rule_id = %s" if rule_id is not None else ""
        params: tuple[Any, ...] = (rule_id, limit) if rule_id is not None else (limit,)
        rows = self.conn.execute(
            f"SELECT {_RUN_COLUMNS} FROM action_runs{where} ORDER BY id DESC LIMIT %s", params
        ).fetchall()
        return [_run(row) for row in rows]

    def runs_for_event(self, event_id: int) -> list[ActionRun]:
        rows = self.conn.execute(
            f"SELECT {_RUN_COLUMNS} FROM action_runs WHERE event_id = %s ORDER BY id", (event_id,)
        ).fetchall()
        return [_run(row) for row in rows]


def _q(columns: str) -> str:
    return ", ".join(f"q.{c.strip()}" for c in columns.split(","))


def _text(value: str) -> str:
    # PostgreSQL text cannot hold NUL, which a command's output may contain.
    return value.replace("\x00", "\ufffd")
