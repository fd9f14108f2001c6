"""Putting exported events back into a data directory (`main.py import`), with sqlite-utils.

Each request is stored as a capture waiting for recognition (`derived = 0`), exactly as the
listener stores one; the store's writer then recognises it with today's endpoints and
secrets, updates the payments and indexes it for full-text search (`writer.start` picks up
every row waiting for recognition; a running window calls `writer.recognise_stored`). So an
imported event is recognised like one received live, and the derived fields written in the
file are not trusted; it is marked `imported = 1` (filter `imported:yes`), and the custom
response an export recorded comes back with it.

No duplicates: an event already stored (same receipt time to the millisecond, method, path,
query, headers and body) is skipped, so importing a file twice, or importing an export back
into the directory it came from, adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from desktop.core.export_formats import iso_utc
from desktop.core.import_formats import ImportedEvent
from desktop.store.database import open_database
from desktop.store.rows import REQUEST_COLUMNS, capture_values

_CHUNK = 500  # rows per insert_all batch (bodies can be large)

Fingerprint = tuple[str, str, str, str, str, bytes]


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    skipped: int  # already stored (or twice in the file)


def _fingerprint(
    received_at: float, method: str, path: str, query: str, headers: str, body: bytes
) -> Fingerprint:
    # The time as an export writes it (to the millisecond), so a stored event and its exported
    # copy agree; the digest keeps large bodies out of memory.
    return (iso_utc(received_at), method, path, query, headers, hashlib.sha256(body).digest())


def _stored_fingerprints(conn: sqlite3.Connection, lowest: float, highest: float) -> set[Fingerprint]:
    """Fingerprints of the events stored within the file's time span (one scan, no index needed)."""
    rows = conn.execute(
        "SELECT e.received_at, e.method, e.path, e.query, e.headers, b.body FROM events AS e"
        " LEFT JOIN bodies AS b ON b.event_id = e.id WHERE e.received_at BETWEEN ? AND ?",
        (lowest - 0.001, highest + 0.001),
    )
    return {
        _fingerprint(received_at, method, path, query, headers, bytes(body or b""))
        for received_at, method, path, query, headers, body in rows
    }


def import_events(data_dir: Path, events: Iterable[ImportedEvent]) -> ImportResult:
    """Store the events not stored yet; recognition follows when the store's writer starts
    (or `writer.recognise_stored` in a running window). A newer database is refused
    (StoreError) before anything is read.

    What is already stored is read first, without the write lock; the new rows then go in
    transactions of _CHUNK events, each holding the write lock for milliseconds, so a
    receiver on the same directory keeps storing (its writer waits at most a chunk, never the
    whole file, and answers no 503). An import that fails part-way keeps the chunks before
    the failure; importing the file again adds the rest and nothing twice.
    """
    items = list(events)
    if not items:
        return ImportResult(0, 0)
    conn = open_database(data_dir)
    try:
        db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
        times = [item.request.received_at for item in items]
        seen = _stored_fingerprints(conn, min(times), max(times))
        conn.commit()  # end the read: no snapshot held while writing
        fresh: list[ImportedEvent] = []
        for item in items:
            key = _fingerprint(
                item.request.received_at,
                item.request.method,
                item.request.path,
                item.request.query,
                json.dumps(item.request.headers, ensure_ascii=False),
                item.request.body,
            )
            if key not in seen:
                seen.add(key)
                fresh.append(item)
        for start in range(0, len(fresh), _CHUNK):
            _insert_chunk(conn, db, fresh[start : start + _CHUNK])
        return ImportResult(added=len(fresh), skipped=len(items) - len(fresh))
    finally:
        conn.close()


def _insert_chunk(conn: sqlite3.Connection, db: sqlite_utils.Database, chunk: list[ImportedEvent]) -> None:
    # IMMEDIATE: the write lock first, so the ids chosen below stay free until the commit.
    conn.execute("BEGIN IMMEDIATE")
    try:
        next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]) + 1
        events_rows: list[dict[str, object]] = []
        bodies_rows: list[dict[str, object]] = []
        for event_id, item in enumerate(chunk, start=next_id):
            values = capture_values(item.request, item.response_status, item.rejected, item.size)
            row = dict(zip(REQUEST_COLUMNS, values, strict=True))
            # Marked, so `imported:yes` and the inspector tell it from a live capture.
            events_rows.append(
                {"id": event_id, **row, "derived": 0, "imported": 1, "response": item.response}
            )
            bodies_rows.append({"event_id": event_id, "body": item.request.body})
        # Inside our transaction sqlite-utils nests its own as savepoints: all or nothing.
        db.table("events").insert_all(events_rows, batch_size=_CHUNK)
        db.table("bodies").insert_all(bodies_rows, batch_size=_CHUNK)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
