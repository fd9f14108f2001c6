"""Full-text indexing of a large body is bounded: it runs on the store thread between requests."""

from __future__ import annotations

from pathlib import Path

from desktop.store import fts
from desktop.store.database import open_database


def test_only_the_first_64_kib_of_a_large_body_is_indexed_and_the_event_is_marked_truncated(
    tmp_path: Path,
) -> None:
    conn = open_database(tmp_path)
    body = b"x " * (16 << 10) + b"nearterm " + b"y " * (64 << 10) + b"farterm"  # ~190 KiB
    with conn:
        conn.execute(
            "INSERT INTO events (received_at, method, path, headers, size, response_status)"
            " VALUES (0, 'POST', '/big', '[]', ?, 200)",
            (len(body),),
        )
        conn.execute("INSERT INTO bodies (event_id, body) VALUES (1, ?)", (body,))
        fts.index_new(conn, [1])

    def matches(term: str) -> list[int]:
        return [r[0] for r in conn.execute("SELECT rowid FROM events_fts WHERE events_fts MATCH ?", (term,))]

    assert fts.MAX_INDEXED_BODY == 64 << 10
    assert (matches("nearterm"), matches("farterm")) == ([1], [])
    # Prefilters let truncated events through, so body.<path> filters still see the rest.
    assert conn.execute("SELECT id FROM events_fts_truncated").fetchall() == [(1,)]
