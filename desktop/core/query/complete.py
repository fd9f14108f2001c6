"""Completion for the filter bar: field names, then known values for a field."""

from __future__ import annotations

from .fields import FIELD_NAMES, FIELDS, TODAY

# Values worth offering even before the database has any (the caller's known values,
# e.g. the distinct statuses in the store, are added to these).
DEFAULT_VALUES: dict[str, list[str]] = {
    "signature": ["valid", "invalid", "stale", "missing", "unsigned", "unverified"],
    "method": ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"],
    "since": ["5m", "15m", "1h", "24h", "7d"],
    "dup": ["yes", "no"],
    "ooo": ["yes", "no"],
    "rejected": ["yes", "no"],
    "imported": ["yes", "no"],
    "size": [">1kb", ">100kb", ">1mb"],
    "code": [">=400", ">=500", "200"],
}

_WORD_BREAKS = "()"


def completion_span(text: str, cursor: int) -> tuple[int, int]:
    """The `[start, cursor)` range that a completion from `complete` replaces."""
    cursor = max(0, min(cursor, len(text)))
    start = cursor
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _WORD_BREAKS:
        start -= 1
    while start < cursor and text[start] == "-":
        start += 1  # keep a leading '-': completing `-sta` gives `-status:`
    return start, cursor


def complete(text: str, cursor: int, known_values: dict[str, list[str]] | None = None) -> list[str]:
    """Candidates for the word that ends at `cursor` (see `completion_span`).

    Before a colon: field names (`status:`), `header.`, `body.` and `today`. After
    `field:`: values for that field from `known_values` (keyed by canonical field name)
    and a few defaults, quoted when they need it. Matching is case-insensitive.
    """
    start, end = completion_span(text, cursor)
    word = text[start:end]
    if word.startswith('"'):
        return []
    name, colon, typed = word.partition(":")
    if not colon:
        return _names(word)
    canonical = FIELD_NAMES.get(name.lower())
    if canonical is None:
        return []
    offered: list[str] = []
    for value in [*(known_values or {}).get(canonical, []), *DEFAULT_VALUES.get(canonical, [])]:
        shown = _quote(value)
        if shown.lower().startswith(typed.lower()) and f"{name}:{shown}" not in offered:
            offered.append(f"{name}:{shown}")
    return offered


def _names(prefix: str) -> list[str]:
    lowered = prefix.lower()
    names = [f"{name}:" for name in FIELDS]
    names += [f"{alias}:" for alias, canonical in FIELD_NAMES.items() if alias != canonical]
    names += ["header.", "body.", TODAY]
    return [name for name in names if name.startswith(lowered) and name != lowered]


def _quote(value: str) -> str:
    if value and not any(c.isspace() or c in '()"\\*' for c in value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("*", "\\*") + '"'
