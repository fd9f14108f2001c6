"""Filter queries (`desktop.core.query`) -> a parameterised SQLite WHERE fragment.

No text the user typed ever becomes SQL text: field names go through the fixed maps
below, values and JSON paths are bound parameters, and free text reaches FTS5 as one
quoted FTS string (so it is never FTS syntax either). The fragment names its table
unaliased (`events` or `entities`); the caller writes
`SELECT ... FROM events WHERE <fragment> ORDER BY id DESC LIMIT ?`.

Text matches are case-insensitive with `COLLATE NOCASE` (ASCII case folding, like
the indexes in `ensure_filter_indexes`, so an equality can use them); wildcards become
LIKE with an escape character. A NULL column never matches, and `-x` also keeps the
rows where `x` is unknown (NULL), which is what "not x" means to a person.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Literal, TypeAlias, TypeVar

from desktop.core.query import (
    And,
    FieldMatch,
    HeaderMatch,
    JsonPath,
    Not,
    Or,
    Pattern,
    Query,
    QuerySyntaxError,
    Term,
    TimeFilter,
)
from desktop.core.query.values import read_number
from desktop.store.filter_density import Density, prefix_range, range_condition
from desktop.store.filter_fts import fts_phrase, json_prefilter_ok, matching_sql, prefilter_phrase

Target: TypeAlias = Literal["events", "entities", "sales"]
_T = TypeVar("_T")


class UnsupportedFieldError(QuerySyntaxError):
    """A well-formed query that asks something the target table cannot answer."""


# Canonical field -> SQL expression, per target. This is the whitelist.
_TEXT_COLUMNS: dict[Target, dict[str, str]] = {
    "events": {
        "method": "events.method",
        "path": "events.path",
        "query": "events.query",
        "provider": "events.provider",
        "type": "events.event_type",
        "status": "events.status",
        "signature": "events.signature",
        "entity": "events.entity_id",
        "entitytype": "events.entity_type",
        "eventid": "events.event_id",
        "ref": "events.reference",
        "payer": "events.payer",
        "currency": "events.currency",
        "endpoint": "events.endpoint",
        "ip": "events.remote_addr",
    },
    "entities": {
        "provider": "entities.provider",
        "status": "entities.status",
        "entity": "entities.entity_id",
        "entitytype": "entities.entity_type",
        "ref": "entities.reference",
        "payer": "entities.payer",
        "currency": "entities.currency",
    },
    # The Payments tab: one row per sale (a charge and its payments; see store/sales.py).
    "sales": {
        "provider": "sales.provider",
        "status": "sales.status",
        "category": "sales.category",
        "entity": "sales.entity_id",
        "entitytype": "sales.entity_type",
        "ref": "sales.reference",
        "payer": "sales.payer",
        "currency": "sales.currency",
    },
}
_NUMBER_COLUMNS: dict[Target, dict[str, str]] = {
    "events": {
        "code": "events.response_status",
        # Amounts are decimal text ('149.90'); compared as numbers.
        "amount": "CAST(events.amount AS REAL)",
        "size": "events.size",
        "id": "events.id",
    },
    "entities": {"amount": "CAST(entities.amount AS REAL)"},
    "sales": {"amount": "CAST(sales.amount AS REAL)"},
}
# Canonical flag -> (SQL when yes, SQL when no).
_FLAG_COLUMNS: dict[Target, dict[str, tuple[str, str]]] = {
    "events": {
        "dup": ("events.duplicate_of IS NOT NULL", "events.duplicate_of IS NULL"),
        "ooo": ("events.out_of_order <> 0", "events.out_of_order = 0"),
        "rejected": ("events.rejected <> ''", "events.rejected = ''"),
        # `= 1` so the partial index events_imported (schema 5) serves `imported:yes`.
        "imported": ("events.imported = 1", "events.imported = 0"),
    },
    "entities": {
        "dup": ("entities.duplicates > 0", "entities.duplicates = 0"),
        "ooo": ("entities.out_of_order > 0", "entities.out_of_order = 0"),
    },
    "sales": {
        "dup": ("sales.duplicates > 0", "sales.duplicates = 0"),
        "ooo": ("sales.out_of_order > 0", "sales.out_of_order = 0"),
    },
}
# A sale's time is when its current status happened (provider time, else receipt): the same
# moment the finance day's totals use, so `category:confirmed today` lists what they count.
_TIME_COLUMN: dict[Target, str] = {
    "events": "events.received_at",
    "entities": "entities.last_update",
    "sales": "sales.status_time",
}
_TARGET_NAME: dict[Target, str] = {"events": "events", "entities": "payments", "sales": "payments"}
# The events of a sale's entities (the charge and its payments), for free text and body paths.
# (The member ids by two indexed lookups, as in store/entities_query.MEMBERS: an OR over the
# head and the linked entities made SQLite walk every event of the provider.)
_SALE_EVENTS_FROM = "SELECT 1 FROM events AS e"
_SALE_EVENTS_WHERE = (
    " WHERE e.provider = sales.provider AND e.entity_id IN (SELECT entity_id FROM entities"
    " WHERE provider = sales.provider AND entity_id = sales.entity_id UNION SELECT entity_id"
    " FROM entities WHERE provider = sales.provider AND sale_id = sales.entity_id)"
)
_SALE_EVENTS = _SALE_EVENTS_FROM + _SALE_EVENTS_WHERE

# Indexes that let filters read only matching rows. NOCASE because the filters compare
# case-insensitively (an index must have the comparison's collation to be used); for
# one value each yields rows in id order, so "newest 100 with status PAID" walks the
# index backwards and stops. Measured on 1,000,000 events (tests/bench/filter.py):
# status has few distinct values, so new rows land on a few hot pages and cost ingest
# next to nothing; entity ids and references are random keys, each new row touches
# a random page, and the two together halve the insert rate of 100-event
# transactions (about 15,500 events/s with no filter index, 14,900 with status,
# 7,800 with all three) -- in exchange `entity:` / `ref:` lookups take < 1 ms instead
# of a 200-400 ms scan.
FILTER_INDEXES: dict[str, str] = {
    "events_status_nocase": "events(status COLLATE NOCASE)",
    # Duplicates are ~2% of events: `dup:yes` next to another rare condition walked the
    # whole table (code:>=500 dup:yes, 400 rows in 1,000,000); their ids in order let
    # the walk read only them, newest first.
    "events_duplicates": "events(id) WHERE duplicate_of IS NOT NULL",
}
LOOKUP_INDEXES: dict[str, str] = {
    "events_entity_nocase": "events(entity_id COLLATE NOCASE) WHERE entity_id IS NOT NULL",
    "events_reference_nocase": "events(reference COLLATE NOCASE) WHERE reference IS NOT NULL",
    # A payer nobody has was a full scan (812 ms on a busy machine); the bench's payers are
    # 99 names, where its ingest cost was within noise; many distinct names cost like
    # references do.
    "events_payer_nocase": "events(payer COLLATE NOCASE) WHERE payer IS NOT NULL",
}
# Columns with one of the NOCASE indexes above: a prefix (`ref:pedido-1643*`) can be
# read as a range of the index when `Density` finds it narrow.
_NOCASE_INDEXED = frozenset({"events.status", "events.entity_id", "events.reference", "events.payer"})


def ensure_filter_indexes(conn: sqlite3.Connection, lookups: bool = True) -> None:
    """Create the indexes the filters rely on (idempotent; to be folded into a
    migration). `lookups=False` leaves out the entity/reference ones (see above)."""
    wanted = {**FILTER_INDEXES, **(LOOKUP_INDEXES if lookups else {})}
    for name, definition in wanted.items():
        conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def to_sql(
    query: Query | None,
    now: float,
    target: Target = "events",
    tz: tzinfo | None = None,
    density: Density | None = None,
) -> tuple[str, list[object]]:
    """A WHERE fragment and its parameters; "1" (everything) for no query.

    `now` (Unix seconds) resolves `since:` and `today`; dates without an offset are
    wall-clock times in `tz` (None: the system's local time zone, DST included).
    `density` (`Density(conn)` on the connection that will run the fragment) lets
    the events' fragment fit how common each value is, so the newest page comes fast
    for rare and common values alike (see filter_density.py); the rows it selects are
    the same with or without it.
    Raises `UnsupportedFieldError` for fields the target has no notion of.
    """
    if query is None:
        return "1", []
    translator = _Translator(target, now, tz, density if target == "events" else None)
    return translator.expr(query), translator.params


class _Translator:
    def __init__(self, target: Target, now: float, tz: tzinfo | None, density: Density | None) -> None:
        if target not in _TEXT_COLUMNS:
            raise ValueError(f"unknown filter target {target!r}")
        self.target: Target = target
        self.now = now
        self.tz = tz
        self.density = density
        self.params: list[object] = []

    def param(self, value: object) -> str:
        self.params.append(value)
        return "?"

    def expr(self, query: Query) -> str:
        if isinstance(query, And | Or):
            return self.combine(query)
        if isinstance(query, Not):
            # NOT of an unknown (NULL) is unknown; `IS NOT 1` counts unknown as "does
            # not match", so -x is exactly the rows x leaves out. Every predicate here
            # is 0, 1 or NULL, and this adds one level of nesting, not two (SQLite's
            # parser stack is shallow).
            return f"({self.expr(query.item)}) IS NOT 1"
        if isinstance(query, Term):
            return self.full_text([query], " AND ")
        if isinstance(query, FieldMatch):
            return self.field(query)
        if isinstance(query, HeaderMatch):
            return self.header(query)
        if isinstance(query, JsonPath):
            return self.json_path(query)
        if isinstance(query, TimeFilter):
            return self.time(query)
        raise TypeError(f"not a query node: {query!r}")

    def combine(self, query: And | Or) -> str:
        joiner = " AND " if isinstance(query, And) else " OR "
        # Free-text words of one AND/OR go to FTS5 as one expression: one index lookup
        # that intersects (or unites) the posting lists, instead of one per word. Not
        # for payments under AND: there the words may come from different events.
        merge = isinstance(query, Or) or self.target == "events"
        items = _flatten(query)
        terms = [item for item in items if isinstance(item, Term)] if merge else []
        rest = [item for item in items if len(terms) <= 1 or not isinstance(item, Term)]
        # SQLite tests a row's conditions in the order written (those it does not use
        # as an index): column comparisons first, so the full-text, header and JSON
        # tests run only on the rows they let through (CREDIT_CARD amount:>4999 took
        # 1.6 s the other way round, 0.9 s this way, on 1,000,000 events).
        parts = [self.expr(item) for item in rest if not _reads_more(item)]
        parts += [self.full_text(terms, joiner)] if len(terms) > 1 else []
        parts += [self.expr(item) for item in rest if _reads_more(item)]
        return _balanced(parts, joiner)

    # -- leaves ---------------------------------------------------------------------

    def full_text(self, terms: list[Term], joiner: str) -> str:
        match = joiner.strip().join(fts_phrase(term) for term in terms)
        if self.target == "events":
            return self.matching(
                "events.id", match, candidates=False, prefix=any(term.prefix for term in terms)
            )
        fts = f"SELECT rowid FROM events_fts WHERE events_fts MATCH {self.param(match)}"
        if self.target == "sales":
            return f"EXISTS ({_SALE_EVENTS} AND e.id IN ({fts}))"
        return (
            "EXISTS (SELECT 1 FROM events AS e WHERE e.provider = entities.provider"
            f" AND e.entity_id = entities.entity_id AND e.id IN ({fts}))"
        )

    def field(self, query: FieldMatch) -> str:
        value = query.value
        if query.field == "signature" and self.target in ("entities", "sales"):
            return self.entity_signature(query)
        if isinstance(value, bool):
            flags = self.columns(_FLAG_COLUMNS, query)
            return flags[0] if value else flags[1]
        if isinstance(value, Decimal):
            column = self.columns(_NUMBER_COLUMNS, query)
            return f"{column} {query.op} {self.param(_sql_number(value))}"
        return self.text(self.columns(_TEXT_COLUMNS, query), value)

    def columns(self, table: dict[Target, dict[str, _T]], query: FieldMatch) -> _T:
        found = table[self.target].get(query.field)
        if found is None:
            raise UnsupportedFieldError(
                f"{query.field}: does not apply to {_TARGET_NAME[self.target]}", max(query.pos, 0)
            )
        return found

    def entity_signature(self, query: FieldMatch) -> str:
        # A payment has a count of invalid signatures among its events, not a verdict.
        value = query.value
        word = value.parts[0].lower() if isinstance(value, Pattern) and value.is_exact else ""
        if word == "invalid":
            return f"{self.target}.invalid_signatures > 0"
        if word == "unverified" and self.target == "sales":
            return "sales.unverified > 0"
        raise UnsupportedFieldError(
            "payments can only be filtered by signature:invalid (any event with a bad signature)"
            " or signature:unverified (any delivery nobody could check)",
            max(query.pos, 0),
        )

    def text(self, column: str, pattern: Pattern) -> str:
        if pattern.is_presence:
            return f"COALESCE({column}, '') <> ''"
        if pattern.is_exact:
            if not pattern.parts[0]:
                return f"COALESCE({column}, '') = ''"
            return f"{column} = {self.param(pattern.parts[0])} COLLATE NOCASE"
        narrow = self.prefix(column, pattern.parts[0])
        # Unary + keeps SQLite from answering a wildcard through an index: with no idea
        # how many rows a prefix covers it would read them all and sort them (930 ms for
        # status:PAI* on 1,000,000 events), where walking newest-first stops at a page.
        like = f"+{column} LIKE {self.param(_like(pattern))} ESCAPE '\\'"
        return f"({narrow} AND {like})" if narrow else like

    def prefix(self, column: str, prefix: str) -> str:
        """The index range that holds every value starting with `prefix`, when the column
        has a NOCASE index and the range is narrow (a rare reference prefix: its rows
        are read and sorted in a few ms, where the newest-first walk would scan the
        table); "" otherwise. The LIKE next to it still decides each row."""
        bounds = prefix_range(prefix) if self.density is not None and column in _NOCASE_INDEXED else None
        if self.density is None or bounds is None or not self.density.few_in_range(column, *bounds):
            return ""
        condition, params = range_condition(column, *bounds)
        self.params.extend(params)
        return condition

    def header(self, query: HeaderMatch) -> str:
        if self.target != "events":
            raise UnsupportedFieldError("header. filters apply to events, not payments", max(query.pos, 0))
        # A header value is indexed as "name: value" in the head column: the index
        # narrows the rows first. Presence alone is common, so there the cheap
        # substring test does the narrowing (header names are HTTP tokens, which JSON
        # never escapes) before json_each parses the rows.
        phrase = prefilter_phrase(f"{query.name}: ", query.value)
        narrow = self.candidates("events.id", "head", phrase) if phrase is not None else None
        if narrow is None:
            quoted_name = '"' + query.name + '"'
            narrow = f"instr(lower(events.headers), {self.param(quoted_name)}) > 0"
        condition = f"lower(json_extract(h.value, '$[0]')) = {self.param(query.name)}"
        if not query.value.is_presence:
            condition += " AND " + self.text("json_extract(h.value, '$[1]')", query.value)
        headers = "CASE WHEN json_valid(events.headers) THEN events.headers ELSE '[]' END"
        return f"({narrow} AND EXISTS (SELECT 1 FROM json_each({headers}) AS h WHERE {condition}))"

    def json_path(self, query: JsonPath) -> str:
        event_id = "events.id" if self.target == "events" else "e.id"
        value = query.value
        phrase = (
            prefilter_phrase("", value) if isinstance(value, Pattern) and json_prefilter_ok(value) else None
        )
        candidates = self.candidates(event_id, "body", phrase) if phrase is not None else None
        narrow = candidates + " AND " if candidates is not None else ""
        path = _sqlite_json_path(query.path)
        body = "CAST(b.body AS TEXT)"
        condition = self.json_condition(body, path, query)
        # CASE, not AND: it is the one form SQLite promises to evaluate in order, and
        # json_extract on a body that is not JSON would raise instead of not matching.
        guarded = f"CASE WHEN json_valid({body}) THEN {condition} ELSE 0 END"
        if self.target == "events":
            return f"({narrow}EXISTS (SELECT 1 FROM bodies AS b WHERE b.event_id = events.id AND {guarded}))"
        if self.target == "sales":
            with_bodies = f"{_SALE_EVENTS_FROM} JOIN bodies AS b ON b.event_id = e.id{_SALE_EVENTS_WHERE}"
            return f"EXISTS ({with_bodies} AND {narrow}{guarded})"
        return (
            "EXISTS (SELECT 1 FROM events AS e JOIN bodies AS b ON b.event_id = e.id"
            " WHERE e.provider = entities.provider AND e.entity_id = entities.entity_id"
            f" AND {narrow}{guarded})"
        )

    def candidates(self, event_id: str, column: str, phrase: str) -> str | None:
        """Events whose `column` may hold `phrase` (see fts.candidates_sql), or None
        when testing each row alone is the faster way."""
        match = f"{column} : {phrase}"
        if not phrase.endswith(" *") or self.density is None:
            return self.matching(event_id, match, candidates=True, prefix=False)
        # A prefix phrase costs its whole list of matches in any window (below), and
        # probing it as much: probe the phrase without its `*` (a subset of the
        # matches). When even that is dense, the row-by-row test finds a page sooner
        # than any list (header.user-agent:juno* in every event: 480 ms -> ~2 ms).
        if self.density.windows(f"{column} : {phrase[:-2]}") is not None:
            return None
        return self.matching(event_id, match, candidates=True, prefix=True)

    def matching(self, event_id: str, match: str, candidates: bool, prefix: bool) -> str:
        """`event_id IN (<ids of the FTS query's matches>)`, or of its candidates; over
        windows of ids for a value dense among the newest events (see matching_sql).
        Never windows for a `prefix` query: FTS5 merges every token that starts with
        the prefix into one list before it applies a rowid range, so each window would
        cost the whole list."""
        windows = self.density.windows(match) if self.density is not None and not prefix else None
        sql, params = matching_sql(event_id, match, candidates, windows)
        self.params.extend(params)
        return sql

    def json_condition(self, body: str, path: str, query: JsonPath) -> str:
        def extracted() -> str:
            return f"json_extract({body}, {self.param(path)})"

        def json_type() -> str:
            return f"json_type({body}, {self.param(path)})"

        # Parameters are positional: build each piece in the order it appears in the SQL.
        value = query.value
        if isinstance(value, Decimal):
            kind = json_type()
            as_real = f"CAST({extracted()} AS REAL)"
            number = self.param(_sql_number(value))
            return f"({kind} IN ('integer', 'real', 'text') AND {as_real} {query.op} {number})"
        if value.is_presence:
            return f"{json_type()} IS NOT NULL"
        literal = value.parts[0] if value.is_exact else None
        if literal is not None and literal.lower() in ("true", "false", "null"):
            kind = json_type()
            return f"{kind} = {self.param(literal.lower())}"
        as_text = self.text(f"CAST({extracted()} AS TEXT)", value)
        as_number = read_number(literal.strip()) if literal is not None else None
        if as_number is None:
            return as_text
        # 149.90 in the filter also matches the JSON number 149.9.
        kind = json_type()
        numeric = f"{extracted()} = {self.param(_sql_number(as_number))}"
        return f"({as_text} OR ({kind} IN ('integer', 'real') AND {numeric}))"

    def time(self, query: TimeFilter) -> str:
        return time_condition(query, self.now, self.tz, self.target, self.param)


def _reads_more(query: Query) -> bool:
    """Whether testing `query` on a row reads more than the row's columns (the
    full-text index, the headers' or the body's JSON)."""
    if isinstance(query, And | Or):
        return any(_reads_more(item) for item in query.items)
    if isinstance(query, Not):
        return _reads_more(query.item)
    return isinstance(query, Term | HeaderMatch | JsonPath)


def _flatten(query: And | Or) -> list[Query]:
    """The operands of `a AND (b AND c)` are a, b, c: same meaning, less nesting."""
    items: list[Query] = []
    for item in query.items:
        items.extend(_flatten(item) if type(item) is type(query) else [item])  # type: ignore[arg-type]
    return items


def _balanced(parts: list[str], joiner: str) -> str:
    """`a AND b AND c ...` as a balanced tree: SQLite limits expression depth (1000),
    and a long flat chain is one level per item."""
    if len(parts) == 1:
        return parts[0]
    middle = len(parts) // 2
    return f"({_balanced(parts[:middle], joiner)}{joiner}{_balanced(parts[middle:], joiner)})"


def _like(pattern: Pattern) -> str:
    escaped = (part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for part in pattern.parts)
    return "%".join(escaped)


def _sql_number(value: Decimal) -> int | float:
    """A bound number: exact when it is an integer SQLite can hold, else a float."""
    if value == value.to_integral_value() and -(2**63) <= value < 2**63:
        return int(value)
    return float(value)


def _sqlite_json_path(path: tuple[str | int, ...]) -> str:
    steps = []
    for step in path:
        if isinstance(step, int):
            steps.append(f"[{step}]" if step >= 0 else f"[#{step}]")
        else:
            steps.append(f'."{step}"')  # keys are validated: no quotes or backslashes in them
    return "$" + "".join(steps)


def time_condition(
    query: TimeFilter, now: float, tz: tzinfo | None, target: Target, param: Callable[[object], str]
) -> str:
    """The condition for `since:`, `today`, `after:`, `before:` and `on:` on the target's time
    column; both engines' translators use it (`param` binds a value in the engine's style)."""
    column = _TIME_COLUMN[target]
    if query.kind == "since":
        return f"{column} >= {param(now - (query.seconds or 0))}"
    if query.kind == "today":
        local_now = datetime.fromtimestamp(now, tz) if tz else datetime.fromtimestamp(now)
        midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
        if target == "sales":
            # The finance day as the totals count it: [midnight, next midnight) in `tz`.
            end = _epoch(midnight + timedelta(days=1), tz)
            return f"({column} >= {param(_epoch(midnight, tz))} AND {column} < {param(end)})"
        return f"{column} >= {param(_epoch(midnight, tz))}"
    assert query.at is not None, "after/before/on carry a time"
    if query.kind == "after":
        return f"{column} >= {param(_epoch(query.at, tz))}"
    if query.kind == "before":
        return f"{column} < {param(_epoch(query.at, tz))}"
    day = query.at.replace(hour=0, minute=0, second=0, microsecond=0)
    start = _epoch(day, tz)
    try:
        end = _epoch(day + timedelta(days=1), tz)
    except OverflowError:
        end = start + 86400
    return f"({column} >= {param(start)} AND {column} < {param(end)})"


def _epoch(at: datetime, tz: tzinfo | None) -> float:
    """Unix seconds for `at`; naive means wall-clock time in `tz` (None: system local).

    Computed by hand rather than with .timestamp(): years near 1 or 9999 are valid
    dates in a query and must not overflow.
    """
    naive = at.replace(tzinfo=None)
    seconds = (naive - datetime(1970, 1, 1)).total_seconds()
    offset: timedelta | None
    try:
        if at.tzinfo is not None:
            offset = at.utcoffset()
        elif tz is not None:
            offset = tz.utcoffset(naive)
        else:
            offset = naive.astimezone().utcoffset()
    except (OverflowError, OSError, ValueError):
        offset = None
    return seconds - (offset or timedelta(0)).total_seconds()
