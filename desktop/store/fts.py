"""The full-text index behind free-text filters (SQLite FTS5).

`events_fts` is *contentless* (content=''): it stores only the index, not a second
copy of every body, and its rowid is `events.id`. Indexing happens off the ingest
path: the writer only appends events, and an indexer calls `catch_up` shortly after
(`events_fts_state.indexed_upto` remembers how far it got), so a burst of webhooks
never waits for tokenising. Free text therefore finds an event a moment after it
arrived, not in the same instant.

Indexed text per event, in two columns:
- `head`: method, path, raw query, and every header as "name: value";
- `body`: the body decoded as UTF-8 (errors='replace'), first 1 MiB only; for JSON
  with `\\u` escapes the decoded strings are added too, so "João" written as
  "Jo\\u00e3o" is still found.

Tokenizer: unicode61 with remove_diacritics 2 and default separators, measured
against the alternatives on 100,000 ~1 KB Juno events (tests/bench/filter.py mix):

    tokenizer                     index time   index size   "pedido-1001"   "chr_7A1C…"*
    unicode61                       see MEASURED below

`pedido-1001` is a phrase query here ("pedido" then "1001"), `chr_7A1C4E2B` is
"chr" then the id, `12345678909` is one token; a trailing `*` is a prefix on the last
token. So ids, references and CPFs are found whole or by their start, and a part
after a separator ("1001") is found too. Trigram would also find any substring, but
its index is several times larger and slower to build for 1 KB bodies (see figures),
and substring search is what `field:*part*` filters are for.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

TOKENIZER = "unicode61 remove_diacritics 2"
MAX_INDEXED_BODY = 1 << 20  # bodies can be tens of MB; the first MiB is what people search

# SQLite's default limit on host parameters was 999 before 3.32; stay under it.
_CHUNK = 900


def ensure_fts(conn: sqlite3.Connection) -> None:
    """Create the index and its bookkeeping if missing (idempotent)."""
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5("
        f"head, body, content='', tokenize='{TOKENIZER}')"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS events_fts_state ("
        " id INTEGER PRIMARY KEY CHECK (id = 0),"
        " indexed_upto INTEGER NOT NULL)"
    )
    conn.execute("INSERT OR IGNORE INTO events_fts_state (id, indexed_upto) VALUES (0, 0)")


def document(method: str, path: str, query: str, headers: str, body: bytes | None) -> tuple[str, str]:
    """The (head, body) text indexed for one event. Deterministic: deleting an entry
    from a contentless index needs exactly the text that was indexed."""
    head = [f"{method} {path} {query}".rstrip()]
    try:
        pairs = json.loads(headers)
        head += [f"{name}: {value}" for name, value in pairs]
    except (ValueError, TypeError):
        head.append(headers)
    text = (body or b"")[:MAX_INDEXED_BODY].decode("utf-8", errors="replace")
    if "\\u" in text:
        text += "\n" + " ".join(_json_strings(text))
    return "\n".join(head), text


def _json_strings(text: str) -> list[str]:
    try:
        value = json.loads(text)
    except ValueError:
        return []
    found: list[str] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _indexed(conn: sqlite3.Connection, ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0] for row in conn.execute(f"SELECT rowid FROM events_fts WHERE rowid IN ({marks})", chunk)
        )
    return found


def _documents(conn: sqlite3.Connection, ids: Sequence[int]) -> Iterator[tuple[int, str, str]]:
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT e.id, e.method, e.path, e.query, e.headers, substr(b.body, 1, ?)"
            f" FROM events AS e LEFT JOIN bodies AS b ON b.event_id = e.id WHERE e.id IN ({marks})",
            [MAX_INDEXED_BODY, *chunk],
        )
        for event_id, method, path, query, headers, body in rows:
            head, text = document(method, path, query, headers, body)
            yield event_id, head, text


def index_events(conn: sqlite3.Connection, ids: Sequence[int]) -> int:
    """Index these events (in the caller's transaction); already indexed ones are
    skipped, since a contentless index would silently count them twice."""
    done = _indexed(conn, ids)
    todo = [event_id for event_id in dict.fromkeys(ids) if event_id not in done]
    rows = list(_documents(conn, todo))
    conn.executemany("INSERT INTO events_fts (rowid, head, body) VALUES (?, ?, ?)", rows)
    return len(rows)


def delete_events(conn: sqlite3.Connection, ids: Sequence[int]) -> int:
    """Drop these events from the index. Call it *before* deleting the events (same
    transaction): removing an entry needs the text that was indexed. Entries of events
    already gone stay behind; they never match, because filters join on events.id."""
    done = _indexed(conn, ids)
    rows = [row for row in _documents(conn, list(done))]
    conn.executemany(
        "INSERT INTO events_fts (events_fts, rowid, head, body) VALUES ('delete', ?, ?, ?)",
        rows,
    )
    return len(rows)


def unindexed_ids(conn: sqlite3.Connection, limit: int) -> list[int]:
    """Ids of events above the indexer's watermark, oldest first."""
    upto = conn.execute("SELECT indexed_upto FROM events_fts_state WHERE id = 0").fetchone()[0]
    rows = conn.execute("SELECT id FROM events WHERE id > ? ORDER BY id LIMIT ?", (upto, limit))
    return [row[0] for row in rows]


def catch_up(conn: sqlite3.Connection, batch: int = 5000) -> int:
    """Index every event not indexed yet, one transaction per `batch` events (so the
    writer is never locked out for long); returns how many were indexed."""
    total = 0
    while True:
        with _transaction(conn):
            ids = unindexed_ids(conn, batch)
            if not ids:
                return total
            total += index_events(conn, ids)
            conn.execute("UPDATE events_fts_state SET indexed_upto = ? WHERE id = 0", (ids[-1],))


def rebuild(conn: sqlite3.Connection) -> None:
    """Empty the index and reset the watermark; the next `catch_up` indexes everything."""
    with _transaction(conn):
        conn.execute("INSERT INTO events_fts (events_fts) VALUES ('delete-all')")
        conn.execute("UPDATE events_fts_state SET indexed_upto = 0 WHERE id = 0")


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """A transaction of our own, or the caller's if one is already open."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if own:
            conn.rollback()
        raise
    if own:
        conn.commit()
