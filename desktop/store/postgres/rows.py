"""Events rows on PostgreSQL: the SQLite engine's columns, written with %s placeholders."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import psycopg

from desktop.core.model import CapturedRequest, StoredEvent
from desktop.store.rows import EXTRA_COLUMNS, REQUEST_COLUMNS, capture_values, row_to_event
from desktop.store.schema import EVENT_COLUMNS

SELECT_EVENT_SQL_COLUMNS = ", ".join(f"events.{c}" for c in EVENT_COLUMNS)
# With the custom answer and the import mark (schema 2), for whole events (inspector, export).
SELECT_FULL_EVENT_SQL_COLUMNS = ", ".join(f"events.{c}" for c in (*EVENT_COLUMNS, *EXTRA_COLUMNS))
UPDATE_RESPONSE_SQL = "UPDATE events SET response = %s WHERE id = %s"
INSERT_CAPTURE_SQL = (
    f"INSERT INTO events ({', '.join(REQUEST_COLUMNS)}, derived) "
    f"VALUES ({', '.join('%s' for _ in REQUEST_COLUMNS)}, 0) "
    "RETURNING id"
)
# One request, event and body, in one statement: the acknowledging path queues these in a
# pipeline, so a batch is one round trip however many requests it holds (COPY cannot be
# pipelined: it cost two round trips of its own).
INSERT_CAPTURE_WITH_BODY_SQL = (
    f"WITH e AS ({INSERT_CAPTURE_SQL}) "
    "INSERT INTO bodies (event_id, body) SELECT id, %s FROM e RETURNING event_id"
)
_DERIVED_COLUMNS = EVENT_COLUMNS[12:31]  # provider .. endpoint_trusted
UPDATE_DERIVED_SQL = (
    f"UPDATE events SET {', '.join(f'{c} = %s' for c in _DERIVED_COLUMNS)}, derived = 1 WHERE id = %s"
)


def pg_row_to_event(row: Sequence[Any], body: bytes = b"") -> StoredEvent:
    """A StoredEvent from a row selected with SELECT_EVENT_SQL_COLUMNS (or the FULL ones)."""
    names = EVENT_COLUMNS if len(row) == len(EVENT_COLUMNS) else (*EVENT_COLUMNS, *EXTRA_COLUMNS)
    return row_to_event(dict(zip(names, row, strict=True)), body)


def capture_row(
    request: CapturedRequest, response_status: int, rejected: str, size: int | None
) -> list[object]:
    """Values for INSERT_CAPTURE_SQL: the SQLite engine's, with the headers as ASCII JSON (a
    header's odd characters, lone surrogates or NUL, survive as escapes)."""
    values: list[object] = list(capture_values(request, response_status, rejected, size))
    values[REQUEST_COLUMNS.index("headers")] = json.dumps(request.headers)
    return values


def text_safe(value: object) -> object:
    """Text PostgreSQL can hold: lone surrogates and NUL written as escapes (other text unchanged)."""
    if not isinstance(value, str):
        return value
    return value.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


def insert_captures(conn: psycopg.Connection, rows: list[list[object]], bodies: list[bytes]) -> list[int]:
    """Insert captured requests (rows of `capture_row`) and their bodies, in the caller's
    transaction: the events in pipeline mode (one round trip, ids in order), bodies by COPY."""
    ids: list[int] = []
    with conn.cursor() as cursor:
        cursor.executemany(INSERT_CAPTURE_SQL, rows, returning=True)
        while True:
            found = cursor.fetchone()
            assert found is not None, "INSERT ... RETURNING gave no id"
            ids.append(int(found[0]))
            if not cursor.nextset():
                break
        with cursor.copy("COPY bodies (event_id, body) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int8", "bytea"])
            for event_id, body in zip(ids, bodies, strict=True):
                copy.write_row((event_id, body))
    return ids


def queue_captures(
    conn: psycopg.Connection, rows: list[list[object]], bodies: list[bytes]
) -> list[psycopg.Cursor[Any]]:
    """In the caller's pipeline and transaction, send these captures (rows of `capture_row`),
    a cursor each: an `executemany(returning=True)` would wait for its ids before the pipeline
    goes on, one more round trip. Once the pipeline has synced, `captured_ids` reads them."""
    cursors = []
    for row, body in zip(rows, bodies, strict=True):
        cursor = conn.cursor()
        cursor.execute(INSERT_CAPTURE_WITH_BODY_SQL, [*row, body])
        cursors.append(cursor)
    return cursors


def captured_ids(cursors: list[psycopg.Cursor[Any]]) -> list[int]:
    """The ids of `queue_captures`, in order (its cursors closed)."""
    ids: list[int] = []
    for cursor in cursors:
        with cursor:
            found = cursor.fetchone()
            assert found is not None, "INSERT ... RETURNING gave no id"
            ids.append(int(found[0]))
    return ids
