"""Forwarding work shared by several processes on one store: queueing by rule, and claims.

Exactly once across processes (DESIGN.md, "Work on events"): work is claimed in the store,
under SQLite's single write lock (`BEGIN IMMEDIATE`), never by "only one process runs".

- Queueing. The writer that recognises an event queues it for the forward rules it matches
  in the same transaction that marks it recognised (`enqueue_for_rules`), so a crash can
  never leave an event recognised but not queued, and only the process that claimed the
  recognition queues it. A rule's job is also unique per (target, event) (a UNIQUE index):
  queueing it twice, from anywhere, is a no-op.
- Sending. A forwarder claims due jobs (`claim_due_jobs`): it writes its name and a lease
  expiry on them in one IMMEDIATE transaction, so no two processes claim the same job. The
  outcome (delivered, retry, failed) releases the claim. A process killed mid-send leaves
  its claims behind; they expire after the lease and another process takes the job. A job
  that was delivered but not yet marked so when its process was killed is sent again:
  delivery is at least once at the HTTP edge.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from desktop.core.query import QuerySyntaxError, parse
from desktop.store.filter_sql import to_sql

log = logging.getLogger(__name__)

_CHUNK = 500  # ids per `IN (...)`


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """A write transaction that takes the write lock first (BEGIN IMMEDIATE).

    A deferred transaction that reads, then writes, fails at once with SQLITE_BUSY when
    another process committed in between (WAL cannot upgrade a stale snapshot); taking the
    lock first makes it wait (busy_timeout) and read what is current.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def claim_due_jobs(
    conn: sqlite3.Connection,
    eligible: str,
    columns: str,
    now: float,
    limit: int,
    owner: str,
    lease_s: float,
    exclude: Collection[int] = (),
) -> list[tuple[Any, ...]]:
    """Claim up to `limit` due jobs for `owner`; returns their rows (`columns`), oldest first.

    A job is free when nobody holds it or its holder's lease ran out. `eligible` is the
    queue's own condition (waiting, and not behind an earlier job of an ordered target).
    """
    if limit <= 0:
        return []
    skip = [int(i) for i in exclude]
    not_in = f" AND q.id NOT IN ({', '.join('?' * len(skip))})" if skip else ""
    sql = (
        f"SELECT {columns} FROM forward_queue AS q WHERE {eligible} AND q.next_at <= ?"
        f" AND (q.claimed_by IS NULL OR q.lease_until < ?){not_in} ORDER BY q.next_at, q.id LIMIT ?"
    )
    params = (now, now, *skip, limit)
    # Looked at first without the lock: the dispatcher of every process looks every second,
    # and most looks find nothing, which then costs no write lock at all.
    if not conn.execute(sql, params).fetchall():  # read to the end: no snapshot stays open
        return []
    with immediate(conn):
        rows = conn.execute(sql, params).fetchall()
        conn.executemany(
            "UPDATE forward_queue SET claimed_by = ?, lease_until = ? WHERE id = ?",
            [(owner, now + lease_s, row[0]) for row in rows],
        )
    return [tuple(row) for row in rows]


def release_claims(conn: sqlite3.Connection, owner: str) -> int:
    """Give back the waiting jobs `owner` holds (it is stopping): others may take them now."""
    with immediate(conn):
        return conn.execute(
            "UPDATE forward_queue SET claimed_by = NULL, lease_until = NULL"
            " WHERE claimed_by = ? AND state IN ('pending', 'retrying')",
            (owner,),
        ).rowcount


@dataclass(frozen=True, slots=True)
class _Rule:
    id: int
    target_id: int
    filter: str
    ordered: bool


def enqueue_for_rules(conn: sqlite3.Connection, ids: Sequence[int], now: float) -> int:
    """Queue recognised events for every enabled forward rule they match (in the caller's
    transaction, which holds the write lock); returns how many jobs were added.

    An event goes to a target once even when several of its rules match; the job names the
    target's first rule (lowest id), so every process computes the same key. Events the
    listener rejected are skipped: their sender was told no and will send them again.
    """
    if not ids:
        return 0
    rules = [
        _Rule(r[0], r[1], r[2], bool(r[3]))
        for r in conn.execute(
            "SELECT id, target_id, filter, ordered FROM forward_rules WHERE enabled = 1 ORDER BY id"
        )
    ]
    if not rules:
        return 0
    wanted: dict[int, tuple[int, set[int], bool]] = {}  # target -> (first rule, ids, ordered)
    for rule in rules:
        first, matched, ordered = wanted.get(rule.target_id, (rule.id, set(), False))
        matched |= matching_ids(conn, rule.filter, ids, now)
        wanted[rule.target_id] = (first, matched, ordered or rule.ordered)
    added = 0
    for target_id, (rule_id, matched, ordered) in wanted.items():
        for event_id in sorted(matched):
            added += conn.execute(
                "INSERT OR IGNORE INTO forward_queue (event_id, target_id, ordered, state, next_at,"
                " created_at, rule_id) VALUES (?, ?, ?, 'pending', ?, ?, ?)",
                (event_id, target_id, int(ordered), now, now, rule_id),
            ).rowcount
    return added


def matching_ids(
    conn: sqlite3.Connection, filter_text: str, ids: Sequence[int], now: float, rules: str = "forward"
) -> set[int]:
    """The ids among `ids` that a rule's filter matches (the filter bar's language, in SQL);
    events the listener rejected never match (their sender was told no). `rules` names the
    kind of rule in the warning about a filter that is not valid (forward, action)."""
    try:
        where, params = to_sql(parse(filter_text), now) if filter_text.strip() else ("1", [])
    except QuerySyntaxError as exc:
        log.warning("%s rule filter %r is not valid (%s): it matches nothing", rules, filter_text, exc)
        return set()
    found: set[int] = set()
    wanted = sorted(ids)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        sql = (
            f"SELECT id FROM events WHERE id IN ({', '.join('?' * len(chunk))}) AND rejected = ''"
            f" AND ({where})"
        )
        found.update(row[0] for row in conn.execute(sql, (*chunk, *params)))
    return found


def apply_config_rules(conn: sqlite3.Connection, rules: Sequence[tuple[str, str, str]]) -> None:
    """Make the store's config-file rules those of `rules`: (name, url, filter) each.

    Each becomes a target named `name` (created, or its URL updated) with one enabled rule
    marked origin 'config'; config rules no longer in the file are removed (targets stay:
    their attempts name them). Idempotent, so every process on the data directory may run
    it at start; processes sharing a data directory should share the config file too.
    """
    with immediate(conn):
        kept: list[int] = []
        for name, url, filter_text in rules:
            row = conn.execute("SELECT id FROM targets WHERE name = ?", (name,)).fetchone()
            if row is None:
                target_id = int(
                    conn.execute("INSERT INTO targets (name, url) VALUES (?, ?)", (name, url)).lastrowid or 0
                )
            else:
                target_id = int(row[0])
                conn.execute("UPDATE targets SET url = ? WHERE id = ?", (url, target_id))
            kept.append(target_id)
            rule = conn.execute(
                "SELECT id FROM forward_rules WHERE target_id = ? AND origin = 'config'", (target_id,)
            ).fetchone()
            if rule is None:
                conn.execute(
                    "INSERT INTO forward_rules (target_id, filter, ordered, enabled, origin)"
                    " VALUES (?, ?, 0, 1, 'config')",
                    (target_id, filter_text),
                )
            else:
                conn.execute(
                    "UPDATE forward_rules SET filter = ?, enabled = 1 WHERE id = ?", (filter_text, rule[0])
                )
        marks = ", ".join("?" * len(kept))
        gone = f" AND target_id NOT IN ({marks})" if kept else ""
        conn.execute(f"DELETE FROM forward_rules WHERE origin = 'config'{gone}", kept)
