"""Forwarding work shared by several receivers on one PostgreSQL database (team mode).

The SQLite engine's rules (desktop/store/forward_claims.py), with PostgreSQL's row locks in
place of SQLite's single write lock (DESIGN.md, "Work on events"):

- Queueing. The writer that recognises an event queues it for the forward rules it matches
  in the transaction that records the recognition (`enqueue_for_rules`), so a crash never
  leaves an event recognised but not queued. A rule's job is unique per (target, event) (a
  partial UNIQUE index) and inserted with ON CONFLICT DO NOTHING: queueing it twice, from
  any receiver, is a no-op.
- Sending. A forwarder claims due jobs (`claim_due_jobs`) with `SELECT … FOR UPDATE SKIP
  LOCKED` and writes its name and a lease on them in the same statement: two receivers
  claiming at the same moment lock disjoint rows, and a row a concurrent claim already took
  fails the re-check PostgreSQL makes after the lock (READ COMMITTED re-reads the row), so
  no job is claimed twice. The outcome releases the claim; a killed receiver's claims expire
  with the lease and another receiver takes the job (at least once at the HTTP edge).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

from desktop.core.query import QuerySyntaxError, parse
from desktop.store.postgres.filter_pg import to_pg_sql

log = logging.getLogger(__name__)


def claim_due_jobs(
    conn: psycopg.Connection,
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
    queue's own condition (waiting, and not behind an earlier job of an ordered target), on
    the alias `q`. `conn` is in autocommit mode: the statement is its own transaction.
    """
    if limit <= 0:
        return []
    skip = [int(i) for i in exclude]
    returned = ", ".join(f"forward_queue.{c.strip()}" for c in columns.split(","))
    rows = conn.execute(
        "WITH picked AS ("
        f" SELECT q.id FROM forward_queue AS q WHERE {eligible} AND q.next_at <= %s"
        " AND (q.claimed_by IS NULL OR q.lease_until < %s) AND NOT (q.id = ANY(%s))"
        " ORDER BY q.next_at, q.id LIMIT %s FOR UPDATE OF q SKIP LOCKED)"
        " UPDATE forward_queue SET claimed_by = %s, lease_until = %s FROM picked"
        f" WHERE forward_queue.id = picked.id RETURNING {returned}",
        (now, now, skip, limit, owner, now + lease_s),
    ).fetchall()
    # RETURNING keeps no order: oldest first, as the SQLite engine answers.
    order = [c.strip() for c in columns.split(",")]
    due, ident = order.index("next_at"), order.index("id")
    return sorted((tuple(row) for row in rows), key=lambda row: (row[due], row[ident]))


def release_claims(conn: psycopg.Connection, owner: str) -> int:
    """Give back the waiting jobs `owner` holds (it is stopping): others may take them now."""
    return conn.execute(
        "UPDATE forward_queue SET claimed_by = NULL, lease_until = NULL"
        " WHERE claimed_by = %s AND state IN ('pending', 'retrying')",
        (owner,),
    ).rowcount


@dataclass(frozen=True, slots=True)
class _Rule:
    id: int
    target_id: int
    filter: str
    ordered: bool


def enqueue_for_rules(conn: psycopg.Connection, ids: Sequence[int], now: float) -> int:
    """Queue recognised events for every enabled forward rule they match (in the caller's
    transaction, the one recording recognition); returns how many jobs were added.

    An event goes to a target once even when several of its rules match; the job names the
    target's first rule (lowest id), so every receiver computes the same key. Events the
    listener rejected are skipped: their sender was told no and will send them again.
    """
    if not ids:
        return 0
    rules = [
        _Rule(int(r[0]), int(r[1]), str(r[2]), bool(r[3]))
        for r in conn.execute(
            "SELECT id, target_id, filter, ordered FROM forward_rules WHERE enabled = 1 ORDER BY id"
        ).fetchall()
    ]
    if not rules:
        return 0
    wanted: dict[int, tuple[int, set[int], bool]] = {}  # target -> (first rule, ids, ordered)
    for rule in rules:
        first, matched, ordered = wanted.get(rule.target_id, (rule.id, set(), False))
        matched |= matching_ids(conn, rule.filter, ids, now)
        wanted[rule.target_id] = (first, matched, ordered or rule.ordered)
    jobs = [
        (event_id, target_id, int(ordered), rule_id)
        for target_id, (rule_id, matched, ordered) in wanted.items()
        for event_id in sorted(matched)
    ]
    if not jobs:
        return 0
    events, targets, flags, rule_ids = (list(column) for column in zip(*jobs, strict=True))
    # One statement for the whole batch (a round trip per job would slow recognition).
    return conn.execute(
        "INSERT INTO forward_queue (event_id, target_id, ordered, state, next_at, created_at, rule_id)"
        " SELECT e, t, o, 'pending', %s, %s, r"
        " FROM unnest(%s::bigint[], %s::bigint[], %s::int[], %s::bigint[]) AS u(e, t, o, r)"
        " ON CONFLICT DO NOTHING",
        (now, now, events, targets, flags, rule_ids),
    ).rowcount


def matching_ids(
    conn: psycopg.Connection, filter_text: str, ids: Sequence[int], now: float, rules: str = "forward"
) -> set[int]:
    """The ids among `ids` that a rule's filter matches (the filter bar's language, in
    PostgreSQL's SQL); events the listener rejected never match. `rules` names the kind of
    rule in the warning about a filter that is not valid (forward, action)."""
    try:
        where, params = to_pg_sql(parse(filter_text), now) if filter_text.strip() else ("TRUE", [])
    except QuerySyntaxError as exc:
        log.warning("%s rule filter %r is not valid (%s): it matches nothing", rules, filter_text, exc)
        return set()
    try:
        # A savepoint: a filter that fails at run time (it should not) must cost only its own
        # matches, never the recognising transaction it runs in.
        with conn.transaction():
            rows = conn.execute(
                f"SELECT id FROM events WHERE id = ANY(%s) AND rejected = '' AND ({where})",
                (sorted(ids), *params),
            ).fetchall()
    except psycopg.DatabaseError as exc:
        log.warning("%s rule filter %r failed (%s): it matches nothing here", rules, filter_text, exc)
        return set()
    return {int(row[0]) for row in rows}


def apply_config_rules(conn: psycopg.Connection, rules: Sequence[tuple[str, str, str]]) -> None:
    """Make the database's config-file rules those of `rules`: (name, url, filter) each.

    As the SQLite engine's: each becomes a target named `name` (created, or its URL updated)
    with one enabled rule of origin 'config'; config rules gone from the file are removed
    (targets stay: attempts name them). Idempotent; receivers starting together take turns
    (a transaction-scoped advisory lock), so none of them sees half of another's work.
    """
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (CONFIG_LOCK,))
        kept: list[int] = []
        for name, url, filter_text in rules:
            row = conn.execute(
                "INSERT INTO targets (name, url) VALUES (%s, %s)"
                " ON CONFLICT (name) DO UPDATE SET url = EXCLUDED.url RETURNING id",
                (name, url),
            ).fetchone()
            target_id = int(row[0]) if row else 0
            kept.append(target_id)
            rule = conn.execute(
                "SELECT id FROM forward_rules WHERE target_id = %s AND origin = 'config'", (target_id,)
            ).fetchone()
            if rule is None:
                conn.execute(
                    "INSERT INTO forward_rules (target_id, filter, ordered, enabled, origin)"
                    " VALUES (%s, %s, 0, 1, 'config')",
                    (target_id, filter_text),
                )
            else:
                conn.execute(
                    "UPDATE forward_rules SET filter = %s, enabled = 1 WHERE id = %s", (filter_text, rule[0])
                )
        conn.execute(
            "DELETE FROM forward_rules WHERE origin = 'config' AND NOT (target_id = ANY(%s))", (kept,)
        )


# Names the advisory lock config-file rules are written under (forward and actions alike).
CONFIG_LOCK = 0x77686D34  # "whm4": its own key (whm2 is the recognition turn, claims.py)
