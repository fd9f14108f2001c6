"""SQLite schema versions and the migrations between them.

Bodies live in their own table so that row queries over a million events never page
through megabytes of payload. Everything in `events` after `rejected` is derived from the
request and can be recomputed; `entities` is derived from `events` and can be rebuilt.

How migrations work (keyed on `PRAGMA user_version`):

- `_MIGRATIONS[n]` brings a database from version n-1 to n. Each step is FROZEN: once it
  has shipped it is never edited, and it never imports today's schema or constants (a
  step that pasted in `DELIVERY_SCHEMA` would silently change when that string changed,
  and databases already past it would never get the change). Copy literal SQL instead.
- A step is either a SQL string (run as one script) or a function taking a
  `sqlite_utils.Database`, for changes SQL alone makes awkward (`add_column`,
  `create_index`, an `insert_all` of computed rows...). A function step must not commit
  on its own (sqlite-utils' `transform()` does: write the table copy in SQL instead);
  `migrate` checks that and refuses the step.
- Every step runs in ONE transaction together with its `user_version` bump, so a crash
  mid-migration leaves the previous version intact.
- A database newer than `SCHEMA_VERSION` is refused with a message that says so
  (`NewerSchemaError`), never "migrated" backwards.

To add a step: write `_MIGRATIONS[n] = "<frozen SQL>"` (or `def _to_v<n>(db)` registered as
`_MIGRATIONS[n]`) below the last one, set `SCHEMA_VERSION = n`, and add a fixture database
of version n-1 to tests/fixtures/ (tests/fixtures/make_fixture_dbs.py builds them by
running the project at the commit that had that version); tests/store/test_migrations.py
then migrates every fixture forward.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

SCHEMA_VERSION = 9

# Columns of `events` in the order the row queries read them (not the body). This is
# today's shape, for the queries; migrations below never read it.
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
    "sale_id",
    "endpoint_trusted",
    "derived",
)

Migration = str | Callable[[sqlite_utils.Database], None]


class NewerSchemaError(sqlite3.DatabaseError):
    """The database was written by a newer version of the app; it is left untouched."""

    def __init__(self, version: int) -> None:
        super().__init__(
            f"database schema version {version} is newer than this app understands ({SCHEMA_VERSION}); "
            "open it with the newer version of Webhook Monitor that wrote it"
        )
        self.version = version


class MigrationError(sqlite3.DatabaseError):
    """A migration step is broken (a programming error, caught before it can half-apply)."""


_MIGRATIONS: dict[int, Migration] = {}

# Version 1 (frozen): events, their bodies, and the payment entities derived from them.
_MIGRATIONS[1] = """
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
"""

# Version 2 (frozen): the filter language's indexes, the full-text index and the delivery
# tables. Every events index is partial on a derived column, so the acknowledging insert
# (which stores only the request; see writer.py) touches none of them: recognition pays
# for them. The tokenizer and the delivery tables are written out here as they were when
# version 2 shipped; `IF NOT EXISTS` because builds of that time also created the delivery
# tables on their own when the delivery side opened the file.
_V2_SQL = """
    DROP INDEX IF EXISTS events_entity;
    CREATE INDEX events_entity ON events(provider, entity_id) WHERE entity_id IS NOT NULL;
    CREATE INDEX events_entity_nocase ON events(entity_id COLLATE NOCASE) WHERE entity_id IS NOT NULL;
    CREATE INDEX events_reference_nocase ON events(reference COLLATE NOCASE) WHERE reference IS NOT NULL;
    CREATE INDEX events_status_nocase ON events(status COLLATE NOCASE) WHERE status IS NOT NULL;
    CREATE INDEX entities_last_event ON entities(last_event);
    CREATE INDEX entities_category ON entities(provider, entity_type, status);
    CREATE VIRTUAL TABLE events_fts USING fts5(head, body, content='',
        tokenize='unicode61 remove_diacritics 2');
    CREATE TABLE events_fts_state (id INTEGER PRIMARY KEY CHECK (id = 0), indexed_upto INTEGER NOT NULL);
    INSERT INTO events_fts_state (id, indexed_upto) VALUES (0, 0);
    CREATE TABLE events_fts_truncated (id INTEGER PRIMARY KEY);
    CREATE TABLE IF NOT EXISTS targets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        add_headers TEXT NOT NULL DEFAULT '[]',     -- JSON [[name, value], ...]
        drop_headers TEXT NOT NULL DEFAULT '[]',    -- JSON [name, ...]
        timeout_s REAL NOT NULL DEFAULT 10,
        keep_path INTEGER NOT NULL DEFAULT 1,
        strip_prefix TEXT NOT NULL DEFAULT ''
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


def _to_v2(db: sqlite_utils.Database) -> None:
    # Early builds wrote version 1 without `events.derived`: the column was later added to
    # migration 1 in place (the mistake this module's rules now forbid), so files made
    # before that never got it. Add it here, for those files only (tests/fixtures/schema-v1).
    events = db.table("events")
    if "derived" not in events.columns_dict:
        events.add_column("derived", int, not_null_default=1)
    db.execute("CREATE INDEX IF NOT EXISTS events_underived ON events(id) WHERE derived = 0")
    for statement in _statements(_V2_SQL):
        db.execute(statement)


_MIGRATIONS[2] = _to_v2

# Version 3 (issue 10, "a signing oracle is stored"): older versions
# kept "expected" = HMAC(secret, the sender's body) in signature_detail for every bad signature;
# whoever reads the database could mint valid signatures with it. Remove it from every stored
# detail. secure_delete overwrites the old bytes instead of leaving them in free space.
_MIGRATIONS[3] = """
    PRAGMA secure_delete = ON;
    UPDATE events SET signature_detail = json_remove(signature_detail, '$.expected')
        WHERE json_valid(signature_detail) AND json_type(signature_detail, '$.expected') IS NOT NULL;
"""

# Version 4 (issue 8, "one store, many processes"; the `multi-process` branch wrote it as
# version 3): what several processes on one data directory need to share work and to follow
# each other. Plain SQL, self-contained.
# - store_changes: deletes, clears and re-verifications, so a window following the store from
#   another process reloads what changed in place (new rows and recognition it sees by id).
# - forward_queue.rule_id / claimed_by / lease_until: a job enqueued by a rule is unique per
#   (target, event), and a process claims a job with a lease before sending it; a killed
#   process's claims expire and another process picks the job up.
# - forward_rules.origin: 'config' for rules written from the config file's [[forward]].
_MIGRATIONS[4] = """
    CREATE TABLE store_changes (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        kind TEXT NOT NULL,                 -- 'deleted' (ids listed) or 'reset' (reload everything)
        ids TEXT NOT NULL DEFAULT '[]'
    );
    ALTER TABLE forward_queue ADD COLUMN rule_id INTEGER;
    ALTER TABLE forward_queue ADD COLUMN claimed_by TEXT;
    ALTER TABLE forward_queue ADD COLUMN lease_until REAL;
    CREATE UNIQUE INDEX forward_queue_once ON forward_queue(target_id, event_id)
        WHERE rule_id IS NOT NULL;
    ALTER TABLE forward_rules ADD COLUMN origin TEXT NOT NULL DEFAULT '';
"""

# Version 5 (issue 8: every filter fast at a million events): an
# index for `payer:` (without it a payer nobody has read every event: 366 ms on
# 1,000,000), NOCASE like the other filter indexes; and the ids of duplicates, so that
# `dup:yes` with another rare condition reads only them. Both are partial on derived
# columns, so the acknowledging insert touches neither (see filter_sql.py for figures).
_MIGRATIONS[5] = """
    CREATE INDEX events_payer_nocase ON events(payer COLLATE NOCASE) WHERE payer IS NOT NULL;
    CREATE INDEX events_duplicates ON events(id) WHERE duplicate_of IS NOT NULL;
"""

# Version 6 (issue 11, actions; version 4 on the `actions` branch): action rules,
# their per-rule queue (claimed with a lease like forward_queue) and every run. Plain SQL,
# self-contained. A rule's automatic job is unique per (rule, event): queueing twice, from any
# process, is a no-op; "run again" by hand adds a manual job (manual = 1), not covered by it.
_MIGRATIONS[6] = """
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


# Version 7 (money truth, issue 9; the `money-truth` branch wrote it as version 3): trust
# and sales.
# - events.endpoint_trusted: the delivery came to an endpoint the user marked trusted (an
#   `unsigned` delivery counts there); events.sale_id: the sale a payment names (Juno: the
#   payment's charge.id). Both are derived, so payment state stays rebuildable from events.
# - entities: the sale link, unchecked deliveries (claims) kept apart from the status.
# - sales: one line per sale (a charge and its payments), derived from entities; its
#   status_time places a sale in a finance day. Filled by the store's rebuild on the first
#   open after this step (desktop/store/entities.py, ensure_sales, called by open_database),
#   since folding entities into sales is Python.
_MIGRATIONS[7] = """
    ALTER TABLE events ADD COLUMN sale_id TEXT;
    ALTER TABLE events ADD COLUMN endpoint_trusted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entities ADD COLUMN sale_id TEXT;
    ALTER TABLE entities ADD COLUMN unverified INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entities ADD COLUMN claimed_status TEXT;
    ALTER TABLE entities ADD COLUMN claimed_time REAL;
    ALTER TABLE entities ADD COLUMN claimed_amount TEXT;
    CREATE INDEX entities_sale ON entities(provider, sale_id) WHERE sale_id IS NOT NULL;
    CREATE TABLE sales (
        provider TEXT NOT NULL,
        entity_id TEXT NOT NULL,            -- the sale's id: its charge, or its only entity
        entity_type TEXT,
        status TEXT,                        -- the deciding member's trusted status
        category TEXT NOT NULL,             -- confirmed, pending, failed, refunded, other
        status_time REAL,                   -- when that status happened (provider time, else receipt)
        amount TEXT,
        currency TEXT,
        reference TEXT,
        payer TEXT,
        claimed_status TEXT,
        claimed_amount TEXT,
        first_seen REAL NOT NULL,
        last_update REAL NOT NULL,
        event_count INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        out_of_order INTEGER NOT NULL DEFAULT 0,
        invalid_signatures INTEGER NOT NULL DEFAULT 0,
        unverified INTEGER NOT NULL DEFAULT 0,
        members INTEGER NOT NULL DEFAULT 1,
        payment_id TEXT,
        payment_status TEXT,
        last_event INTEGER,
        PRIMARY KEY (provider, entity_id)
    );
    CREATE INDEX sales_last_event ON sales(last_event);
    CREATE INDEX sales_day ON sales(category, status_time);
    -- The few sales showing "não verificado": the window asks for their endpoints' secrets.
    CREATE INDEX sales_claimed ON sales(claimed_status) WHERE claimed_status IS NOT NULL;
"""


# Version 8 (issue 14, part 2; version 5 on the `responses-retention` branch):
# `response` records a custom answer actually sent (JSON: kind, status, headers, body,
# delay_ms; NULL for the default 200 {"ok": true, "id": N}); `imported` marks events that
# came from an export file rather than over the wire (`imported:yes`). The index is partial:
# live captures (imported = 0) never touch it.
_MIGRATIONS[8] = """
    ALTER TABLE events ADD COLUMN response TEXT;
    ALTER TABLE events ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX events_imported ON events(id) WHERE imported = 1;
"""


# Version 9 (issue 13, the Overview tab): events by receipt time. The dashboard counts today's
# events and the last hour's per minute, once a second during a burst; without this index each
# refresh read every event (2.0 s for 720,000 on the shared machine). Receipt times grow with
# the ids, so a new row's entry lands on the index's last page: a sequential append.
_MIGRATIONS[9] = """
    CREATE INDEX IF NOT EXISTS events_received_at ON events(received_at);
"""


def _statements(script: str) -> list[str]:
    """Split a script into statements (`executescript` would commit the step's transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise MigrationError(f"unterminated statement in a migration: {current.strip()[:60]!r}")
    return statements


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> None:
    """Bring a database to version `upto` (default: current), one transaction per step.

    A newer database is refused (`NewerSchemaError`); nothing is written to it.
    """
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(version)
    for target in range(version + 1, upto + 1):
        _apply(conn, target, _MIGRATIONS[target])


def _apply(conn: sqlite3.Connection, target: int, step: Migration) -> None:
    if conn.in_transaction:
        conn.commit()  # start the step from a clean slate: its BEGIN must be the outermost
    try:
        if isinstance(step, str):
            conn.executescript(f"BEGIN; {step}\n; PRAGMA user_version = {target};")
        else:
            conn.execute("BEGIN")
            # recursive_triggers=False: wrapping the connection must not change its pragmas.
            step(sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False))
            if not conn.in_transaction:
                raise MigrationError(f"migration step {target} committed on its own; it must not")
            conn.execute(f"PRAGMA user_version = {target}")
        conn.commit()
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
