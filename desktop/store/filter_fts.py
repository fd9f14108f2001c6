"""The full-text side of the filter translator (filter_sql.py): the FTS5 text of a
filter value, and the SQL for the ids of the events it matches.

Values reach FTS5 as quoted strings (bound parameters), never as FTS syntax.
"""

from __future__ import annotations

import re

from desktop.core.query import Pattern, Term
from desktop.store.fts import candidates_sql

_INTEGER = re.compile(r"[+-]?\d+")


def fts_phrase(term: Term) -> str:
    """A free-text word as an FTS5 string (doubling `"` is the only escape there);
    the tokenizer splits it into a phrase, and `*` makes the last token a prefix."""
    # FTS5 reads the query as a C string: a NUL would end it early (it separates
    # tokens anyway, so a space means the same).
    phrase = '"' + term.text.replace("\x00", " ").replace('"', '""') + '"'
    return phrase + " *" if term.prefix else phrase


def prefilter_phrase(lead: str, pattern: Pattern) -> str | None:
    """An FTS phrase that every text equal to (or starting with) `lead` + the pattern
    contains, or None when the pattern cannot be narrowed that way (presence, empty,
    contains/suffix wildcards, or nothing the tokenizer would keep)."""
    if pattern.is_exact:
        literal, prefix = pattern.parts[0], False
    elif len(pattern.parts) == 2 and not pattern.parts[1]:
        literal, prefix = pattern.parts[0], True
    else:
        return None
    # Only when the value itself has a token: a phrase made of the lead alone would
    # not narrow much, and one with no token at all matches nothing.
    if not any(char.isalnum() for char in literal):
        return None
    return fts_phrase(Term(lead + literal, prefix=prefix))


def json_prefilter_ok(pattern: Pattern) -> bool:
    """Whether the raw body must hold the value's tokens. Not for true/false/null or
    decimals (149.90 also matches the JSON number 149.9), nor for text that a JSON
    number could print as (1.5e3 is compared as 1500.0): the value must contain a
    letter no number has, or be an exact whole number (a JSON number equal to it
    and written with an exponent, 2.4e3 for 2400, is the one case this misses)."""
    literal = pattern.parts[0]
    if literal.strip().lower() in ("true", "false", "null"):
        return False
    if pattern.is_exact and _INTEGER.fullmatch(literal.strip()):
        return True
    return any(char.isalpha() and char.lower() not in "einf" for char in literal)


def matching_sql(
    event_id: str, match: str, candidates: bool, windows: list[int] | None
) -> tuple[str, list[object]]:
    """`event_id IN (<ids matching the FTS query>)` (or its candidates: see
    fts.candidates_sql) and its parameters.

    With `windows` (`Density.windows`: the value is dense among the newest events),
    the same test as a CASE over windows of ids, newest first. SQLite cannot use a
    CASE as an index, so it walks the events newest first and stops at a full page,
    and each branch reads its window's matches (FTS5 seeks to a rowid range) only
    when the walk first reaches it -- instead of listing 600,000 matches up front."""
    params: list[object] = []
    if windows is None:
        return f"{event_id} IN ({_ids_sql(params, match, candidates, None, None)})", params
    branches = []
    upper: int | None = None
    for boundary in windows:
        params.append(boundary)
        within = _ids_sql(params, match, candidates, boundary, upper)
        branches.append(f"WHEN {event_id} > ? THEN {event_id} IN ({within})")
        upper = boundary
    rest = f"{event_id} IN ({_ids_sql(params, match, candidates, None, upper)})"
    return f"CASE {' '.join(branches)} ELSE {rest} END", params


def _ids_sql(params: list[object], match: str, candidates: bool, low: int | None, high: int | None) -> str:
    """The ids matching (or candidates for) `match` in (low, high], None being open;
    appends its parameters to `params`."""
    bounds = (" AND {id} > ?" if low is not None else "") + (" AND {id} <= ?" if high is not None else "")
    params.append(match)
    if candidates:
        sql, parts = candidates_sql(bounds), 3
    else:
        sql = f"SELECT rowid FROM events_fts WHERE events_fts MATCH ?{bounds.format(id='rowid')}"
        parts = 1
    for _ in range(parts):  # each part's bounds follow the MATCH parameter
        params.extend(bound for bound in (low, high) if bound is not None)
    return sql
