"""Full-text search on PostgreSQL: `events_search` holds a tsvector of each event's head and
body, with GIN indexes; free-text filters become tsquery matches on them.

The text indexed is the SQLite engine's (`fts.document`: method, path, query, headers as
"name: value", the body's first MiB). Both sides are tokenized here, in Python, the way
SQLite's unicode61 tokenizer does (letters and digits, diacritics removed, lower case,
everything else a separator), and handed to PostgreSQL's 'simple' configuration as plain
words: so `pedido-1001` is the phrase "pedido" then "1001", "João" finds "joao", and the
two engines answer the same free-text filters alike. Tokens are only letters and digits,
so no user text ever becomes tsquery syntax. Indexed at recognition, off the ack path.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import psycopg

from desktop.core.query import Term
from desktop.store.fts import document

_TOKEN = re.compile(r"[^\W_]+")
# PostgreSQL refuses lexemes longer than this (it skips them with a notice).
_MAX_TOKEN = 2000


def tokens(text: str) -> list[str]:
    """Words as unicode61 with remove_diacritics sees them."""
    folded = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return [token[:_MAX_TOKEN] for token in _TOKEN.findall(plain)]


def tsquery_text(term: Term) -> str | None:
    """The tsquery (for `to_tsquery('simple', ...)`) of a free-text word: its tokens as a
    phrase, the last one a prefix for `word*`; None when it has no token (matches nothing)."""
    words = tokens(term.text)
    if not words:
        return None
    text = " <-> ".join(words)
    return text + ":*" if term.prefix else text


def index_events(conn: psycopg.Connection, ids: Sequence[int]) -> None:
    """Index these events (inside the recognising transaction)."""
    if not ids:
        return
    rows = conn.execute(
        "SELECT e.id, e.method, e.path, e.query, e.headers, b.body FROM events e "
        "LEFT JOIN bodies b ON b.event_id = e.id WHERE e.id = ANY(%s)",
        (list(ids),),
    ).fetchall()
    values = []
    for event_id, method, path, query, headers, body in rows:
        head, text = document(method, path, query, headers, bytes(body) if body is not None else None)
        values.append((event_id, " ".join(tokens(head)), " ".join(tokens(text))))
    with conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO events_search (event_id, head, body) "
            "VALUES (%s, to_tsvector('simple', %s), to_tsvector('simple', %s)) "
            "ON CONFLICT (event_id) DO UPDATE SET head = EXCLUDED.head, body = EXCLUDED.body",
            values,
        )
