"""Putting exported events back into a PostgreSQL store (`main.py import` in team mode).

The SQLite importer's rules (desktop/store/importer.py): each request is stored as a capture
waiting for recognition (`derived = 0`), marked `imported = 1` with the custom response the
export recorded; a writer then recognises it with today's endpoints and secrets (a writer
that starts picks up every row waiting; a running window calls `writer.recognise_stored`).
An event already stored (same receipt time to the millisecond, method, path, query, headers
and body) is skipped, so importing a file twice adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import psycopg

from desktop.core.import_formats import ImportedEvent
from desktop.core.storage import StorageError
from desktop.store.importer import Fingerprint, ImportResult, _fingerprint
from desktop.store.postgres.database import connect, open_database
from desktop.store.postgres.rows import capture_row, insert_captures, text_safe

_CHUNK = 500  # events per transaction: a receiver on the same database never waits long


def import_events(url: str, events: Iterable[ImportedEvent]) -> ImportResult:
    """Store the events not stored yet (migrating the database first if needed)."""
    items = list(events)
    if not items:
        return ImportResult(0, 0)
    open_database(url)
    try:
        with connect(url) as conn:
            times = [item.request.received_at for item in items]
            seen = _stored_fingerprints(conn, min(times), max(times))
            conn.commit()  # end the read: no snapshot held while writing
            fresh: list[ImportedEvent] = []
            for item in items:
                request = item.request
                key = _fingerprint(
                    request.received_at,
                    request.method,
                    request.path,
                    request.query,
                    json.dumps(request.headers),  # as capture_row stores them
                    request.body,
                )
                if key not in seen:
                    seen.add(key)
                    fresh.append(item)
            for start in range(0, len(fresh), _CHUNK):
                with conn.transaction():
                    _insert_chunk(conn, fresh[start : start + _CHUNK])
    except psycopg.Error as exc:
        raise StorageError(f"could not import into PostgreSQL: {exc}") from exc
    return ImportResult(added=len(fresh), skipped=len(items) - len(fresh))


def _stored_fingerprints(conn: psycopg.Connection, lowest: float, highest: float) -> set[Fingerprint]:
    rows = conn.execute(
        "SELECT e.received_at, e.method, e.path, e.query, e.headers, b.body FROM events AS e"
        " LEFT JOIN bodies AS b ON b.event_id = e.id WHERE e.received_at BETWEEN %s AND %s",
        (lowest - 0.001, highest + 0.001),
    )
    return {
        _fingerprint(received_at, method, path, query, headers, bytes(body or b""))
        for received_at, method, path, query, headers, body in rows
    }


def _insert_chunk(conn: psycopg.Connection, chunk: list[ImportedEvent]) -> None:
    rows = [
        [text_safe(v) for v in capture_row(item.request, item.response_status, item.rejected, item.size)]
        for item in chunk
    ]
    ids = insert_captures(conn, rows, [item.request.body for item in chunk])
    with conn.cursor() as cursor:
        # Marked, so `imported:yes` and the inspector tell it from a live capture.
        cursor.executemany(
            "UPDATE events SET imported = 1, response = %s WHERE id = %s",
            [(item.response, event_id) for item, event_id in zip(chunk, ids, strict=True)],
        )
