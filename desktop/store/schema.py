"""SQLite schema and migrations.

Bodies live in their own table so that row queries over a million events never page
through megabytes of payload. Everything in `events` after `rejected` is derived from the
request and can be recomputed; `entities` is derived from `events` and can be rebuilt.
"""

from __future__ import annotations

import sqlite3

from desktop.store.delivery_store import DELIVERY_SCHEMA
from desktop.store.fts import TOKENIZER as FTS_TOKENIZER

SCHEMA_VERSION = 4

# Columns of `events` in the order the row queries read them (not the body).
EVENT_COLUMNS = (
    "id",
    "received_at",
    "remote_addr",
    "method",
    "path",
    "query",
    "http_version",
    "headers",
    "content_type",
    "size",
    "response_status",
    "rejected",
    "provider",
    "event_type",
    "event_id",
    "event_time",
    "entity_type",
    "entity_id",
    "status",
    "amount",
    "currency",
    "payer",
    "reference",
    "signature",
    "signature_reason",
    "signature_detail",
    "endpoint",
    "duplicate_of",
    "out_of_order",
    "derived",
)

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        received_at REAL NOT NULL,          -- Unix seconds, UTC
        remote_addr TEXT NOT NULL DEFAULT '',
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        query TEXT NOT NULL DEFAULT '',
        http_version TEXT NOT NULL DEFAULT '1.1',
        headers TEXT NOT NULL,              -- JSON [[name, value], ...], original case and order
        content_type TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL,              -- body length in bytes
        response_status INTEGER NOT NULL,
        rejected TEXT NOT NULL DEFAULT '',
        provider TEXT,
        event_type TEXT,
        event_id TEXT,
        event_time REAL,
        entity_type TEXT,
        entity_id TEXT,
        status TEXT,
        amount TEXT,                        -- decimal as text, e.g. '149.90'
        currency TEXT,
        payer TEXT,
        reference TEXT,
        signature TEXT NOT NULL DEFAULT 'unverified',
        signature_reason TEXT NOT NULL DEFAULT '',
        signature_detail TEXT NOT NULL DEFAULT '{}',
        endpoint TEXT,
        duplicate_of INTEGER,
        out_of_order INTEGER NOT NULL DEFAULT 0,
        derived INTEGER NOT NULL DEFAULT 1  -- 0 while recognition is pending (see writer.py)
    );
    CREATE INDEX events_underived ON events(id) WHERE derived = 0;
    CREATE TABLE bodies (
        event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        body BLOB NOT NULL
    );
    -- Duplicate detection looks only at deliveries that passed their check (see entities.py).
    CREATE INDEX events_trusted_event_id ON events(provider, event_id)
        WHERE event_id IS NOT NULL AND signature NOT IN ('invalid', 'missing');
    CREATE INDEX events_entity ON events(provider, entity_id) WHERE entity_id IS NOT NULL;
    CREATE TABLE entities (
        provider TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        entity_type TEXT,
        status TEXT,
        amount TEXT,
        currency TEXT,
        reference TEXT,
        payer TEXT,
        first_seen REAL NOT NULL,
        last_update REAL NOT NULL,
        status_time REAL,                   -- provider timestamp of the current status
        event_count INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        out_of_order INTEGER NOT NULL DEFAULT 0,
        invalid_signatures INTEGER NOT NULL DEFAULT 0,
        last_event INTEGER,
        PRIMARY KEY (provider, entity_id)
    );
    """,
}


# Version 2: the filter language's indexes, the full-text index and the delivery tables.
# Every events index is partial on a derived column, so the acknowledging insert (which
# stores only the request; see writer.py) touches none of them: recognition pays for them.
_MIGRATIONS[2] = f"""
    DROP INDEX IF EXISTS events_entity;
    CREATE INDEX events_entity ON events(provider, entity_id) WHERE entity_id IS NOT NULL;
    CREATE INDEX events_entity_nocase ON events(entity_id COLLATE NOCASE) WHERE entity_id IS NOT NULL;
    CREATE INDEX events_reference_nocase ON events(reference COLLATE NOCASE) WHERE reference IS NOT NULL;
    CREATE INDEX events_status_nocase ON events(status COLLATE NOCASE) WHERE status IS NOT NULL;
    CREATE INDEX entities_last_event ON entities(last_event);
    CREATE INDEX entities_category ON entities(provider, entity_type, status);
    CREATE VIRTUAL TABLE events_fts USING fts5(head, body, content='', tokenize='{FTS_TOKENIZER}');
    CREATE TABLE events_fts_state (id INTEGER PRIMARY KEY CHECK (id = 0), indexed_upto INTEGER NOT NULL);
    INSERT INTO events_fts_state (id, indexed_upto) VALUES (0, 0);
    CREATE TABLE events_fts_truncated (id INTEGER PRIMARY KEY);
    {DELIVERY_SCHEMA}
"""


# Version 3 (issue 8, multi-process: the `multi-process` branch): what several processes on one
# data directory need to share work and to follow each other. Plain SQL, self-contained.
# - store_changes: deletes, clears and re-verifications, so a window following the store from
#   another process reloads what changed in place (new rows and recognition it sees by id).
# - forward_queue.rule_id / claimed_by / lease_until: a job enqueued by a rule is unique per
#   (target, event), and a process claims a job with a lease before sending it; a killed
#   process's claims expire and another process picks the job up.
# - forward_rules.origin: 'config' for rules written from the config file's [[forward]].
_MIGRATIONS[3] = """
    CREATE TABLE IF NOT EXISTS store_changes (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        kind TEXT NOT NULL,                 -- 'deleted' (ids listed) or 'reset' (reload everything)
        ids TEXT NOT NULL DEFAULT '[]'
    );
    ALTER TABLE forward_queue ADD COLUMN rule_id INTEGER;
    ALTER TABLE forward_queue ADD COLUMN claimed_by TEXT;
    ALTER TABLE forward_queue ADD COLUMN lease_until REAL;
    CREATE UNIQUE INDEX IF NOT EXISTS forward_queue_once ON forward_queue(target_id, event_id)
        WHERE rule_id IS NOT NULL;
    ALTER TABLE forward_rules ADD COLUMN origin TEXT NOT NULL DEFAULT '';
"""


# Version 4 (issue 11, actions: the `actions` branch; the lead renumbers at merge): action rules,
# their per-rule queue (claimed with a lease like forward_queue) and every run. Plain SQL,
# self-contained. A rule's automatic job is unique per (rule, event): queueing twice, from any
# process, is a no-op; "run again" by hand adds a manual job (manual = 1), not covered by it.
_MIGRATIONS[4] = """
    CREATE TABLE action_rules (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,                 -- 'command', 'email', 'notify'
        filter TEXT NOT NULL DEFAULT '',
        spec TEXT NOT NULL DEFAULT '{}',    -- JSON: command, cwd, timeout_s, to, subject, body
        enabled INTEGER NOT NULL DEFAULT 1,
        origin TEXT NOT NULL DEFAULT ''     -- 'config' for [[actions]] of the config file
    );
    CREATE TABLE action_queue (
        id INTEGER PRIMARY KEY,
        rule_id INTEGER NOT NULL,
        event_id INTEGER NOT NULL,
        state TEXT NOT NULL,                -- pending, retrying, done, failed
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at REAL NOT NULL,
        last_error TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL,
        manual INTEGER NOT NULL DEFAULT 0,
        claimed_by TEXT,
        lease_until REAL
    );
    CREATE UNIQUE INDEX action_queue_once ON action_queue(rule_id, event_id) WHERE manual = 0;
    CREATE INDEX action_queue_due ON action_queue(next_at) WHERE state IN ('pending', 'retrying');
    CREATE TABLE action_runs (
        id INTEGER PRIMARY KEY,
        job_id INTEGER,
        rule_id INTEGER NOT NULL,
        rule_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        event_id INTEGER NOT NULL,
        started_at REAL NOT NULL,
        duration_s REAL NOT NULL,
        ok INTEGER NOT NULL,
        answer TEXT NOT NULL DEFAULT '',
        exit_code INTEGER,
        stdout TEXT NOT NULL DEFAULT '',
        stderr TEXT NOT NULL DEFAULT '',
        manual INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX action_runs_event ON action_runs(event_id);
    CREATE INDEX action_runs_rule ON action_runs(rule_id, id);
"""


def migrate(conn: sqlite3.Connection) -> None:
    """Bring a database to the current schema; a newer database is refused."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"database schema version {version} is newer than this app understands ({SCHEMA_VERSION})"
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        # One transaction per step: a crash mid-migration leaves the previous version intact.
        conn.executescript(f"BEGIN; {_MIGRATIONS[target]} PRAGMA user_version = {target}; COMMIT;")
