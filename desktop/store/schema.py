"""SQLite schema and migrations.

Bodies live in their own table so that row queries over a million events never page
through megabytes of payload. Everything in `events` after `rejected` is derived from the
request and can be recomputed; `entities` is derived from `events` and can be rebuilt.
"""

from __future__ import annotations

import sqlite3

from desktop.store.delivery_store import DELIVERY_SCHEMA
from desktop.store.fts import TOKENIZER as FTS_TOKENIZER

SCHEMA_VERSION = 3

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
    "sale_id",
    "endpoint_trusted",
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


# Version 3 (money truth, issue 9; the lead renumbers at merge): trust and sales.
# - events.endpoint_trusted: the delivery came to an endpoint the user marked trusted (an
#   `unsigned` delivery counts there); events.sale_id: the sale a payment names (Juno: the
#   payment's charge.id). Both are derived, so payment state stays rebuildable from events.
# - entities: the sale link, unchecked deliveries (claims) kept apart from the status.
# - sales: one line per sale (a charge and its payments), derived from entities; its
#   status_time places a sale in a finance day. Filled by the store's rebuild on first open
#   (desktop/store/sales.py, ensure_sales), since folding entities into sales is Python.
_MIGRATIONS[3] = """
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
