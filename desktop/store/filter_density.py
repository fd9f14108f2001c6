"""How common a filter value is, asked of the database before the filter becomes SQL.

SQLite plans a statement without knowing how many rows a value covers (this build has
no STAT4 statistics, and `id IN (<full-text matches>)` is always guessed at 25 rows),
so each kind of filter was fast for either rare or common values, never both:

- driven by an index (`id IN (<full-text matches>)`, a range of an index): reads only
  the matching rows, but every one of them -- ideal for a reference or an id,
  200-600 ms for a word or header found in most of 1,000,000 events;
- walking the events newest first and testing each row: stops as soon as the page is
  full -- ideal when most rows match, a full table scan when almost none do.

`Density` answers "which one?" with a probe that reads at most a few hundred (or a few
thousand) index entries, and the translator (`filter_sql.to_sql`) picks the SQL form;
both forms return exactly the same rows, only the plan differs.
"""

from __future__ import annotations

import sqlite3

# The full-text probe reads the newest SAMPLE matches. When they lie within the newest
# SAMPLE * SPARSE events (one event in SPARSE matches, or more), the translator walks
# the events newest first and tests membership in windows of ids, each window's matches
# read only when the walk reaches it: windows grow GROWTH times per step, so a page is
# found in the first window or two and the whole list of matches is never read unless
# the walk goes that far. Sparser values (a reference, an id) are read whole: a few
# entries, where the walk would scan the table to end empty-handed. Measured on
# 1,000,000 events (README, "Filters"): a probe takes 0.1-0.5 ms.
SAMPLE = 200
SPARSE = 20
GROWTH = 8
# An index range with fewer than RANGE_CAP entries is read whole and sorted (a few
# milliseconds); a wider one is left to the newest-first walk, which then meets a match
# every 1,000,000 / RANGE_CAP rows or sooner.
RANGE_CAP = 5000

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Density:
    """Probes on one connection; answers are remembered for the life of the object
    (one translation), since a query may ask about the same value twice."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        sample: int = SAMPLE,
        sparse: int = SPARSE,
        growth: int = GROWTH,
        range_cap: int = RANGE_CAP,
    ) -> None:
        self.conn = conn
        self.sample = sample
        self.sparse = sparse
        self.growth = growth
        self.range_cap = range_cap
        self._newest: int | None = None
        self._windows: dict[str, list[int] | None] = {}
        self._few: dict[tuple[str, str, str | None], bool] = {}

    def newest_id(self) -> int:
        if self._newest is None:
            self._newest = int(self.conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])
        return self._newest

    def windows(self, match: str) -> list[int] | None:
        """For an FTS query whose matches are dense among the newest events, the id
        boundaries of the windows, newest first: window k holds the ids above
        boundary k (and at or below boundary k-1); the last window is every id at or
        below the last boundary. None when the matches are sparse: read them whole."""
        if match not in self._windows:
            # FTS5 walks its index newest first for ORDER BY rowid DESC, and stops at LIMIT.
            count, oldest = self.conn.execute(
                "SELECT count(*), min(rowid) FROM (SELECT rowid FROM events_fts"
                " WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT ?)",
                (match, self.sample),
            ).fetchone()
            newest = self.newest_id()
            span = newest - (oldest or 0) + 1
            found: list[int] | None = None
            if count >= self.sample and count * self.sparse >= span:
                found = [oldest - 1]
                while found[-1] > 0 and len(found) < 8:
                    span *= self.growth
                    found.append(max(newest - span, 0))
                if found[-1] == 0:
                    found.pop()  # an empty last window
            self._windows[match] = found or None  # no boundary: a table this small reads whole
        return self._windows[match]

    def few_in_range(self, column: str, low: str, high: str | None) -> bool:
        """Whether the NOCASE index on `column` (a fixed name from the translator's
        whitelist, never user text) holds fewer than `range_cap` entries in [low, high)."""
        key = (column, low, high)
        if key not in self._few:
            bounds, params = range_condition(column, low, high)
            (count,) = self.conn.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM events WHERE {bounds} LIMIT ?)",
                [*params, self.range_cap],
            ).fetchone()
            self._few[key] = count < self.range_cap
        return self._few[key]


def range_condition(column: str, low: str, high: str | None) -> tuple[str, list[object]]:
    """`column` in [low, high) under NOCASE: the form a NOCASE index answers."""
    if high is None:
        return f"{column} >= ? COLLATE NOCASE", [low]
    return f"({column} >= ? COLLATE NOCASE AND {column} < ? COLLATE NOCASE)", [low, high]


def prefix_range(prefix: str) -> tuple[str, str | None] | None:
    """Bounds [low, high) under NOCASE that hold every text starting with `prefix`
    (ASCII letters in any case, as LIKE and NOCASE both fold only those); high is None
    when nothing sorts above the prefix's texts. None when no range applies: an empty
    prefix, or one with a NUL (LIKE reads text as C strings and stops there, NOCASE
    does not, so the two would disagree).

    The range only narrows: the caller still tests LIKE on each row, so a range that is
    a little wide costs a few rows, never a wrong answer. Texts starting with the prefix
    sort from the prefix itself up to, not including, the folded prefix with its last
    character replaced by the next one (UTF-8 sorts as code points do)."""
    if not prefix or "\x00" in prefix:
        return None
    # Folded first: NOCASE compares folded texts, so "Z" must step to "{" (after "z"),
    # not to "[" (which sorts before "z" and would make the range empty).
    head = prefix.translate(_ASCII_LOWER)
    while head:
        code = ord(head[-1]) + 1
        if 0xD800 <= code <= 0xDFFF:  # not encodable: the next character is U+E000
            code = 0xE000
        if code <= 0x10FFFF:
            return prefix, head[:-1] + chr(code)
        head = head[:-1]  # U+10FFFF has no successor: widen to the shorter prefix
    return prefix, None
