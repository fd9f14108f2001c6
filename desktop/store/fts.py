"""The full-text index behind free-text filters (SQLite FTS5).

`events_fts` is *contentless* (content=''): it stores only the index, not a second
copy of every body, and its rowid is `events.id`. Indexing happens off the ingest
path: the writer only appends events, and an indexer calls `catch_up` shortly after
(`events_fts_state.indexed_upto` remembers how far it got), so a burst of webhooks
never waits for tokenising. Free text therefore finds an event a moment after it
arrived, not in the same instant.

Indexed text per event, in two columns:
- `head`: method, path, raw query, and every header as "name: value";
- `body`: the body decoded as UTF-8 (errors='replace'), first 64 KiB only (the ids of
  longer bodies are kept in `events_fts_truncated`); for JSON with escapes, the
  strings whose escapes matter are added decoded, so "João" sent as "Jo\\u00e3o" is
  still found.

Tokenizer: unicode61 with remove_diacritics 2 and its default separators. Measured on
100,000 ~1 KB Juno events (the tests/bench/filter.py mix), first page of a lookup:

    tokenizer                   build    size     reference/id/CPF   "CREDIT_CARD" (60% of events)
    unicode61 (chosen)          10.9 s    80 MiB  0.0-0.1 ms         16.7 ms
    unicode61 tokenchars "-_"    8.3 s    76 MiB  0.0-0.1 ms         17.3 ms
    trigram                     57.2 s   498 MiB  1.5-9.4 ms         57.3 ms

With default separators `pedido-1001` is a phrase query ("pedido" then "1001"),
`chr_7A1C4E2B` is "chr" then the id, `12345678909` one token, and a trailing `*` makes
the last token a prefix: ids, references and CPFs are found whole or by their start,
and "1001" alone finds "pedido-1001" too (tokenchars "-_" would lose that for no speed
gain). Trigram would add substring search, but costs 6x the space and 5x the build
time for 1 KB bodies; substring search is what `field:*part*` filters are for.

Besides free text, the index narrows `body.<path>:value` and `header.<name>:value`
filters (`candidates_sql`): a JSON value or header can only equal a text whose tokens
the index holds, so only those events need their JSON parsed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

TOKENIZER = "unicode61 remove_diacritics 2"
# Bodies can be tens of MB; webhooks are almost always far smaller. Indexing runs on the store
# thread between requests: the first MiB of a 3 MB body held the next commit ~130 ms, the
# first 64 KiB ~8 ms (filters on body fields still look past it: see events_fts_truncated).
MAX_INDEXED_BODY = 64 << 10

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
    # Events whose body was cut for indexing: a value past the first 64 KiB is not in the
    # index, so prefilters must let these through.
    conn.execute("CREATE TABLE IF NOT EXISTS events_fts_truncated (id INTEGER PRIMARY KEY)")


def candidates_sql(bounds: str = "") -> str:
    """SQL for the ids of events that may match an FTS query (one `?`): the indexed
    matches, plus every event the index cannot speak for (not indexed yet, or body
    truncated). Filters use it as `events.id IN (...)` next to the real condition.
    `bounds` (such as " AND {id} > ?") narrows each of the three parts to a range of
    ids: `{id}` names the part's id column, and its parameters follow the MATCH one,
    repeated for each part."""
    return (
        f"SELECT rowid FROM events_fts WHERE events_fts MATCH ?{bounds.format(id='rowid')}"
        f" UNION ALL SELECT id FROM events_fts_truncated WHERE 1{bounds.format(id='id')}"
        " UNION ALL SELECT id FROM events"
        f" WHERE id > (SELECT indexed_upto FROM events_fts_state WHERE id = 0){bounds.format(id='id')}"
    )


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
    if "\\" in text:
        text += "\n" + " ".join(_escaped_json_strings(text))
    return "\n".join(head), text


def _escaped_json_strings(text: str) -> list[str]:
    """Keys and strings of a JSON text whose escapes change how they tokenize, decoded:
    non-ASCII ("Jo\\u00e3o") and control characters ("line1\\nline2" would give the
    token "nline2"). Escaped quotes, slashes and backslashes need nothing: the
    tokenizer treats `\\` like the character it escapes, as a separator."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return []
    found: list[str] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii() or any(char < " " for char in item):
                found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
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


def _documents(conn: sqlite3.Connection, ids: Sequence[int]) -> Iterator[tuple[int, str, str, bool]]:
    """(id, head, body, truncated) for each of these events that exists."""
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT e.id, e.method, e.path, e.query, e.headers, substr(b.body, 1, ?), length(b.body)"
            f" FROM events AS e LEFT JOIN bodies AS b ON b.event_id = e.id WHERE e.id IN ({marks})",
            [MAX_INDEXED_BODY, *chunk],
        )
        for event_id, method, path, query, headers, body, length in rows:
            head, text = document(method, path, query, headers, body)
            yield event_id, head, text, (length or 0) > MAX_INDEXED_BODY


def index_events(conn: sqlite3.Connection, ids: Sequence[int]) -> int:
    """Index these events (in the caller's transaction); already indexed ones are
    skipped, since a contentless index would silently count them twice."""
    done = _indexed(conn, ids)
    todo = [event_id for event_id in dict.fromkeys(ids) if event_id not in done]
    rows = list(_documents(conn, todo))
    conn.executemany("INSERT INTO events_fts (rowid, head, body) VALUES (?, ?, ?)", [row[:3] for row in rows])
    conn.executemany(
        "INSERT OR IGNORE INTO events_fts_truncated (id) VALUES (?)", [row[:1] for row in rows if row[3]]
    )
    return len(rows)


def delete_events(conn: sqlite3.Connection, ids: Sequence[int]) -> int:
    """Drop these events from the index. Call it *before* deleting the events (same
    transaction): removing an entry needs the text that was indexed. Entries of events
    already gone stay behind; they match nothing (filters join on events.id) unless
    the id is reused, so after deleting without this, call `rebuild`."""
    done = _indexed(conn, ids)
    rows = [row[:3] for row in _documents(conn, list(done))]
    conn.executemany(
        "INSERT INTO events_fts (events_fts, rowid, head, body) VALUES ('delete', ?, ?, ?)", rows
    )
    for chunk in _chunks(ids):
        conn.execute(f"DELETE FROM events_fts_truncated WHERE id IN ({','.join('?' * len(chunk))})", chunk)
    # Deleting the newest events frees their ids for reuse (INTEGER PRIMARY KEY takes
    # max + 1): bring the watermark down to the newest event that stays, so the
    # events that get those ids next are indexed.
    newest = conn.execute(
        "SELECT id FROM events WHERE id NOT IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT 1",
        (json.dumps(list(ids)),),
    ).fetchone()
    conn.execute(
        "UPDATE events_fts_state SET indexed_upto = min(indexed_upto, ?) WHERE id = 0",
        (newest[0] if newest else 0,),
    )
    return len(rows)


def unindexed_ids(conn: sqlite3.Connection, limit: int) -> list[int]:
    """Ids of events above the indexer's watermark, oldest first."""
    upto = conn.execute("SELECT indexed_upto FROM events_fts_state WHERE id = 0").fetchone()[0]
    rows = conn.execute("SELECT id FROM events WHERE id > ? ORDER BY id LIMIT ?", (upto, limit))
    return [row[0] for row in rows]


def index_new(conn: sqlite3.Connection, ids: Sequence[int]) -> int:
    """Index events just recognised (the writer calls this in id order, in its transaction),
    and move the watermark past them so `catch_up` does not do them again."""
    count = index_events(conn, ids)
    if ids:
        conn.execute(
            "UPDATE events_fts_state SET indexed_upto = max(indexed_upto, ?) WHERE id = 0", (max(ids),)
        )
    return count


def catch_up_some(conn: sqlite3.Connection, batch: int = 2000) -> bool:
    """Index one batch of events the index has not seen (older history, e.g. after an upgrade);
    True while more remain. The writer calls it when it has nothing else to do."""
    with _transaction(conn):
        ids = unindexed_ids(conn, batch)
        if ids:
            index_events(conn, ids)
            conn.execute("UPDATE events_fts_state SET indexed_upto = ? WHERE id = 0", (ids[-1],))
    return len(ids) == batch


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
        conn.execute("DELETE FROM events_fts_truncated")
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
