"""Action rules, their per-rule queue and their runs: all the SQL of actions.

Exactly once across processes, the way forwarding does it (forward_claims.py):

- Queueing. The writer that recognises an event queues it for every enabled action rule it
  matches in the same transaction that marks it recognised (`enqueue_for_action_rules`), so
  a crash never leaves an event recognised but not queued, and only that writer queues it.
  A rule's automatic job is unique per (rule, event) (a partial UNIQUE index).
- Running. A runner claims due jobs (`ActionStore.claim_due_jobs`): its name and a lease in
  one IMMEDIATE transaction, at most one job per rule at a time over all processes (a
  rule's queue runs in order, so two "update the stock" scripts never race each other). A
  process killed mid-run leaves its claim; a runner on the same host frees the claims of
  processes that no longer exist (`release_dead_claims`), others wait for the lease.
  A command that finished but was not yet marked done when its process was killed runs
  again: like forwarding, a run is at least once at the edge; scripts that must not repeat
  use WEBHOOK_EVENT_ID to tell.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from desktop.core.actions import ActionJob, ActionKind, ActionRule, ActionRun, JobState
from desktop.store.errors import translate_errors
from desktop.store.forward_claims import immediate, matching_ids

_SPEC_FIELDS = ("command", "cwd", "timeout_s", "to", "subject", "body")
_JOB_COLUMNS = "id, rule_id, event_id, state, attempts, next_at, last_error, created_at, manual"
_RUN_COLUMNS = (
    "id, job_id, rule_id, rule_name, kind, event_id, started_at, duration_s, ok, answer,"
    " exit_code, stdout, stderr, manual"
)


def enqueue_for_action_rules(conn: sqlite3.Connection, ids: Sequence[int], now: float) -> int:
    """Queue recognised events for every enabled action rule they match, in the caller's
    transaction (the one that records recognition); returns how many jobs were added."""
    if not ids:
        return 0
    added = 0
    for rule_id, filter_text in conn.execute(
        "SELECT id, filter FROM action_rules WHERE enabled = 1 ORDER BY id"
    ).fetchall():
        for event_id in sorted(matching_ids(conn, filter_text, ids, now, rules="action")):
            added += conn.execute(
                "INSERT OR IGNORE INTO action_queue (rule_id, event_id, state, next_at, created_at)"
                " VALUES (?, ?, 'pending', ?, ?)",
                (rule_id, event_id, now, now),
            ).rowcount
    return added


def _spec(rule: ActionRule) -> str:
    return json.dumps(
        {
            "command": list(rule.command),
            "cwd": rule.cwd,
            "timeout_s": rule.timeout_s,
            "to": list(rule.to),
            "subject": rule.subject,
            "body": rule.body,
        }
    )


def _rule(row: Sequence[Any]) -> ActionRule:
    spec = json.loads(row[4] or "{}")
    return ActionRule(
        id=int(row[0]),
        name=str(row[1]),
        kind=ActionKind(row[2]),
        filter=str(row[3]),
        command=tuple(str(a) for a in spec.get("command", ())),
        cwd=str(spec.get("cwd", "")),
        timeout_s=float(spec.get("timeout_s", 30.0)),
        to=tuple(str(a) for a in spec.get("to", ())),
        subject=str(spec.get("subject", "")),
        body=str(spec.get("body", "")),
        enabled=bool(row[5]),
        origin=str(row[6]),
    )


def apply_config_actions(conn: sqlite3.Connection, rules: Sequence[ActionRule]) -> None:
    """Make the store's config-file action rules those of `rules` (matched by name).

    Idempotent, so every process on the data directory may run it at start. A rule made in
    the window with the same name is taken over by the file. Config rules gone from the file
    are removed; their runs stay (they name the rule).
    """
    with immediate(conn):
        names = []
        for rule in rules:
            names.append(rule.name)
            conn.execute(
                "INSERT INTO action_rules (name, kind, filter, spec, enabled, origin)"
                " VALUES (?, ?, ?, ?, ?, 'config') ON CONFLICT(name) DO UPDATE SET kind = excluded.kind,"
                " filter = excluded.filter, spec = excluded.spec, enabled = excluded.enabled,"
                " origin = 'config'",
                (rule.name, rule.kind.value, rule.filter, _spec(rule), int(rule.enabled)),
            )
        marks = ", ".join("?" * len(names))
        gone = f" AND name NOT IN ({marks})" if names else ""
        doomed = [
            r[0] for r in conn.execute(f"SELECT id FROM action_rules WHERE origin = 'config'{gone}", names)
        ]
        for rule_id in doomed:
            _delete_rule(conn, rule_id)


def _delete_rule(conn: sqlite3.Connection, rule_id: int) -> None:
    conn.execute(
        "DELETE FROM action_queue WHERE rule_id = ? AND state IN ('pending', 'retrying')", (rule_id,)
    )
    conn.execute("DELETE FROM action_rules WHERE id = ?", (rule_id,))


@translate_errors
class ActionStore:
    """The action tables through one connection (the runner's, on the hub's loop); the
    store's `ActionTables` (interface.py). Errors arrive as StorageError."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # --- rules ---------------------------------------------------------------------------

    def list_rules(self, *, enabled_only: bool = False) -> list[ActionRule]:
        where = " WHERE enabled = 1" if enabled_only else ""
        rows = self.conn.execute(
            f"SELECT id, name, kind, filter, spec, enabled, origin FROM action_rules{where} ORDER BY id"
        ).fetchall()
        return [_rule(row) for row in rows]

    def get_rule(self, rule_id: int) -> ActionRule | None:
        row = self.conn.execute(
            "SELECT id, name, kind, filter, spec, enabled, origin FROM action_rules WHERE id = ?", (rule_id,)
        ).fetchone()
        return _rule(row) if row is not None else None

    def save_rule(self, rule: ActionRule) -> int:
        """Insert (id None) or update a rule; returns its id. Names are unique."""
        with immediate(self.conn):
            values = (rule.name, rule.kind.value, rule.filter, _spec(rule), int(rule.enabled))
            if rule.id is None:
                cursor = self.conn.execute(
                    "INSERT INTO action_rules (name, kind, filter, spec, enabled) VALUES (?, ?, ?, ?, ?)",
                    values,
                )
                return int(cursor.lastrowid or 0)
            self.conn.execute(
                "UPDATE action_rules SET name = ?, kind = ?, filter = ?, spec = ?, enabled = ? WHERE id = ?",
                (*values, rule.id),
            )
            return rule.id

    def set_enabled(self, rule_id: int, enabled: bool) -> None:
        with immediate(self.conn):
            self.conn.execute("UPDATE action_rules SET enabled = ? WHERE id = ?", (int(enabled), rule_id))

    def delete_rule(self, rule_id: int) -> None:
        """Remove a rule and its waiting jobs; its runs stay in the history."""
        with immediate(self.conn):
            _delete_rule(self.conn, rule_id)

    # --- the queue ------------------------------------------------------------------------

    def claim_due_jobs(
        self, now: float, owner: str, lease_s: Callable[[int], float], limit: int
    ) -> list[ActionJob]:
        """Claim up to `limit` due jobs, at most one per rule over all processes, oldest first.
        `lease_s(rule_id)` is how long each claim holds (longer than the rule's timeout)."""
        sql = (
            f"SELECT {_JOB_COLUMNS} FROM action_queue AS q WHERE state IN ('pending', 'retrying')"
            " AND next_at <= ? AND (claimed_by IS NULL OR lease_until < ?)"
            " AND NOT EXISTS (SELECT 1 FROM action_queue AS b WHERE b.rule_id = q.rule_id"
            " AND b.id != q.id AND b.claimed_by IS NOT NULL AND b.lease_until >= ?"
            " AND b.state IN ('pending', 'retrying'))"
            " ORDER BY q.next_at, q.id LIMIT 200"
        )
        params = (now, now, now)
        if limit <= 0 or not self.conn.execute(sql, params).fetchall():  # most looks find nothing
            return []
        jobs: list[ActionJob] = []
        with immediate(self.conn):
            seen: set[int] = set()
            for row in self.conn.execute(sql, params).fetchall():
                job = _job(row)
                if job.rule_id in seen or len(jobs) >= limit:
                    continue
                seen.add(job.rule_id)
                jobs.append(job)
            self.conn.executemany(
                "UPDATE action_queue SET claimed_by = ?, lease_until = ? WHERE id = ?",
                [(owner, now + lease_s(job.rule_id), job.id) for job in jobs],
            )
        return jobs

    def next_due_at(self) -> float | None:
        row = self.conn.execute(
            "SELECT min(next_at) FROM action_queue WHERE state IN ('pending', 'retrying')"
        ).fetchone()
        return None if row is None or row[0] is None else float(row[0])

    def release_claims(self, owner: str) -> int:
        """Give back the waiting jobs `owner` holds (it is stopping)."""
        with immediate(self.conn):
            return self.conn.execute(
                "UPDATE action_queue SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = ?", (owner,)
            ).rowcount

    def release_dead_claims(self, host: str, alive: Callable[[int], bool]) -> int:
        """Free the claims of processes on `host` that no longer exist (killed mid-run)."""
        dead = []
        for (owner,) in self.conn.execute(
            "SELECT DISTINCT claimed_by FROM action_queue WHERE claimed_by IS NOT NULL"
        ):
            parts = str(owner).rsplit(":", 2)  # host:pid:random (forwarder.process_owner)
            if len(parts) == 3 and parts[0] == host and parts[1].isdigit() and not alive(int(parts[1])):
                dead.append(str(owner))
        freed = 0
        for owner in dead:
            freed += self.release_claims(owner)
        return freed

    def mark_done(self, job_id: int, *, owner: str | None = None) -> None:
        self._settle(job_id, owner, "done", None, "")

    def mark_retry(self, job_id: int, next_at: float, error: str, *, owner: str | None = None) -> None:
        self._settle(job_id, owner, "retrying", next_at, error)

    def mark_failed(self, job_id: int, error: str, *, owner: str | None = None) -> None:
        self._settle(job_id, owner, "failed", None, error)

    def _settle(self, job_id: int, owner: str | None, state: str, next_at: float | None, error: str) -> None:
        # Only a waiting job takes an outcome (a runner whose lease ran out reports late), and
        # with an `owner` not one another runner has claimed since (it may be running it).
        with immediate(self.conn):
            self.conn.execute(
                "UPDATE action_queue SET state = ?, attempts = attempts + 1, next_at = coalesce(?, next_at),"
                " last_error = ?, claimed_by = NULL, lease_until = NULL"
                " WHERE id = ? AND state IN ('pending', 'retrying')"
                + ("" if owner is None else " AND (claimed_by IS NULL OR claimed_by = ?)"),
                (state, next_at, error, job_id, *([] if owner is None else [owner])),
            )

    def run_again(self, rule_id: int, event_id: int, now: float) -> int:
        """A person asks for one more run of a rule on an event: a manual job."""
        with immediate(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO action_queue (rule_id, event_id, state, next_at, created_at, manual)"
                " VALUES (?, ?, 'pending', ?, ?, 1)",
                (rule_id, event_id, now, now),
            )
            return int(cursor.lastrowid or 0)

    def retry_failed(self, job_ids: Iterable[int], now: float) -> int:
        ids = [int(i) for i in job_ids]
        if not ids:
            return 0
        with immediate(self.conn):
            return self.conn.execute(
                f"UPDATE action_queue SET state = 'pending', attempts = 0, next_at = ?, last_error = ''"
                f" WHERE state = 'failed' AND id IN ({', '.join('?' * len(ids))})",
                (now, *ids),
            ).rowcount

    def jobs(self, rule_id: int | None = None, limit: int = 500) -> list[ActionJob]:
        where = " WHERE rule_id = ?" if rule_id is not None else ""
        params: tuple[Any, ...] = (rule_id, limit) if rule_id is not None else (limit,)
        rows = self.conn.execute(
            f"SELECT {_JOB_COLUMNS} FROM action_queue{where} ORDER BY id DESC LIMIT ?", params
        ).fetchall()
        return [_job(row) for row in rows]

    def queue_counts(self) -> dict[int, dict[str, int]]:
        """Per rule: how many jobs in each state."""
        counts: dict[int, dict[str, int]] = {}
        for rule_id, state, count in self.conn.execute(
            "SELECT rule_id, state, count(*) FROM action_queue GROUP BY rule_id, state"
        ):
            counts.setdefault(int(rule_id), {})[str(state)] = int(count)
        return counts

    # --- runs ----------------------------------------------------------------------------

    def record_run(self, run: ActionRun) -> int:
        with immediate(self.conn):
            cursor = self.conn.execute(
                f"INSERT INTO action_runs ({_RUN_COLUMNS.removeprefix('id, ')})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run.job_id,
                    run.rule_id,
                    run.rule_name,
                    run.kind.value,
                    run.event_id,
                    run.started_at,
                    run.duration_s,
                    int(run.ok),
                    run.answer,
                    run.exit_code,
                    run.stdout,
                    run.stderr,
                    int(run.manual),
                ),
            )
            return int(cursor.lastrowid or 0)

    def runs(self, rule_id: int | None = None, limit: int = 500) -> list[ActionRun]:
        """The newest runs first (of one rule, or of all)."""
        where = " WHERE rule_id = ?" if rule_id is not None else ""
        params: tuple[Any, ...] = (rule_id, limit) if rule_id is not None else (limit,)
        rows = self.conn.execute(
            f"SELECT {_RUN_COLUMNS} FROM action_runs{where} ORDER BY id DESC LIMIT ?", params
        ).fetchall()
        return [_run(row) for row in rows]

    def runs_for_event(self, event_id: int) -> list[ActionRun]:
        rows = self.conn.execute(
            f"SELECT {_RUN_COLUMNS} FROM action_runs WHERE event_id = ? ORDER BY id", (event_id,)
        ).fetchall()
        return [_run(row) for row in rows]


def _job(row: Sequence[Any]) -> ActionJob:
    return ActionJob(
        id=int(row[0]),
        rule_id=int(row[1]),
        event_id=int(row[2]),
        state=JobState(row[3]),
        attempts=int(row[4]),
        next_at=float(row[5]),
        last_error=str(row[6]),
        created_at=float(row[7]),
        manual=bool(row[8]),
    )


def _run(row: Sequence[Any]) -> ActionRun:
    return ActionRun(
        id=int(row[0]),
        job_id=None if row[1] is None else int(row[1]),
        rule_id=int(row[2]),
        rule_name=str(row[3]),
        kind=ActionKind(row[4]),
        event_id=int(row[5]),
        started_at=float(row[6]),
        duration_s=float(row[7]),
        ok=bool(row[8]),
        answer=str(row[9]),
        exit_code=None if row[10] is None else int(row[10]),
        stdout=str(row[11]),
        stderr=str(row[12]),
        manual=bool(row[13]),
    )
