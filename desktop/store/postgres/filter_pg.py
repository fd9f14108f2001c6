"""Filter queries (`desktop.core.query`) -> a parameterised PostgreSQL WHERE fragment.

The same language and the same answers as the SQLite translator (store/filter_sql.py), with
PostgreSQL's means: free text is a tsquery on `events_search` (see search.py), JSON paths
read the body as jsonb, header filters read the headers' JSON array. No text the user
typed becomes SQL: fields go through filter_sql's whitelists, values and paths are bound
parameters. Text compares case-insensitively (`lower(x) = lower(v)`, ILIKE for wildcards);
a NULL column never matches, and `-x` also keeps the rows where `x` is unknown.

Speed, as SQLite's (filter_density.py): given a `PgDensity`, the translator asks how
common a full-text, header or body value is and writes an events filter in the form that
reads fewest rows (filter_density_pg.py): a rare value's ids read whole through the
full-text index first, a common one tested on each row walking the ids newest first.
Header and body values are narrowed by the full-text index the same way SQLite's are (a
header is indexed as "name: value", a body's text as its words). Without one (forwarding
rules, the tests of the bare translation) the SQL is the plain per-row form.
"""

from __future__ import annotations

from datetime import tzinfo
from decimal import Decimal
from typing import TypeVar

from desktop.core.query import (
    And,
    FieldMatch,
    HeaderMatch,
    JsonPath,
    Not,
    Or,
    Pattern,
    Query,
    Term,
    TimeFilter,
)
from desktop.core.query.values import read_number
from desktop.store.filter_fts import json_prefilter_ok
from desktop.store.filter_sql import (
    _FLAG_COLUMNS,
    _TARGET_NAME,
    _TEXT_COLUMNS,
    Target,
    UnsupportedFieldError,
    time_condition,
)
from desktop.store.fts import MAX_INDEXED_BODY
from desktop.store.postgres.filter_density_pg import PgDensity
from desktop.store.postgres.search import tokens, tsquery_text

_Col = TypeVar("_Col")
# Columns with a lower(x) text_pattern_ops index (PostgreSQL schema version 4).
_PREFIX_INDEXED = frozenset(("events.status", "events.reference", "events.entity_id", "events.payer"))
# Longer words may be cut or left out of a tsvector (PostgreSQL's limit is 2,047 bytes):
# a value with one is tested on each row instead.
_LONGEST_WORD = 200

# SQLite reads an amount's text as a number with CAST(... AS REAL); wm_real does the same.
_NUMBER_COLUMNS: dict[Target, dict[str, str]] = {
    "events": {
        "code": "events.response_status",
        "amount": "wm_real(events.amount)",
        "size": "events.size",
        "id": "events.id",
    },
    "entities": {"amount": "wm_real(entities.amount)"},
    "sales": {"amount": "wm_real(sales.amount)"},
}
# The events of a sale's entities (the charge and its payments), for free text and body paths
# (as filter_sql's: the member ids by two indexed lookups).
_SALE_EVENTS_WHERE = (
    " WHERE e.provider = sales.provider AND e.entity_id IN (SELECT entity_id FROM entities"
    " WHERE provider = sales.provider AND entity_id = sales.entity_id UNION SELECT entity_id"
    " FROM entities WHERE provider = sales.provider AND sale_id = sales.entity_id)"
)


def to_pg_sql(
    query: Query | None,
    now: float,
    target: Target = "events",
    tz: tzinfo | None = None,
    density: PgDensity | None = None,
) -> tuple[str, list[object]]:
    """A WHERE fragment with %s parameters; "TRUE" (everything) for no query.

    `density` (on the connection that will run the fragment) picks the fastest form of
    full-text, header and body tests on events; the rows are the same without it.
    Raises `UnsupportedFieldError` for fields the target has no notion of.
    """
    if query is None:
        return "TRUE", []
    translator = _Translator(target, now, tz, density if target == "events" else None)
    return translator.expr(query), translator.params


class _Translator:
    def __init__(self, target: Target, now: float, tz: tzinfo | None, density: PgDensity | None) -> None:
        if target not in _TEXT_COLUMNS:
            raise ValueError(f"unknown filter target {target!r}")
        self.target: Target = target
        self.now = now
        self.tz = tz
        self.density = density
        self.params: list[object] = []

    def param(self, value: object) -> str:
        self.params.append(_no_nul(value))
        return "%s"

    def expr(self, query: Query) -> str:
        if isinstance(query, And | Or):
            joiner = " AND " if isinstance(query, And) else " OR "
            return "(" + joiner.join(self.expr(item) for item in _flatten(query)) + ")"
        if isinstance(query, Not):
            # IS NOT TRUE: an unknown (NULL) counts as "does not match", so -x is exactly
            # the rows x leaves out.
            return f"(({self.expr(query.item)}) IS NOT TRUE)"
        if isinstance(query, Term):
            return self.full_text(query)
        if isinstance(query, FieldMatch):
            return self.field(query)
        if isinstance(query, HeaderMatch):
            return self.header(query)
        if isinstance(query, JsonPath):
            return self.json_path(query)
        if isinstance(query, TimeFilter):
            return self.time(query)
        raise TypeError(f"not a query node: {query!r}")

    # -- leaves ---------------------------------------------------------------------------------

    def full_text(self, term: Term) -> str:
        text = tsquery_text(term)
        if text is None:
            return "FALSE"
        # One phrase must match within one column (head or body), as in FTS5.
        matches = "(s.head @@ to_tsquery('simple', %s) OR s.body @@ to_tsquery('simple', %s))"
        self.params += [text, text]
        if self.target == "events":
            search = f"SELECT s.event_id FROM events_search AS s WHERE {matches}"
            if self.density is not None and self.density.rare(search, [text, text]):
                return f"events.id = ANY(ARRAY({search}))"
            # OFFSET 0 keeps the test a subquery run on each row the walk meets: as a join,
            # PostgreSQL would read every match (600,000 for a common word) first.
            return (
                "EXISTS (SELECT 1 FROM events_search AS s"
                f" WHERE s.event_id = events.id AND {matches}{self.fence()})"
            )
        if self.target == "sales":
            return (
                "EXISTS (SELECT 1 FROM events AS e JOIN events_search AS s ON s.event_id = e.id"
                f"{_SALE_EVENTS_WHERE} AND {matches})"
            )
        return (
            "EXISTS (SELECT 1 FROM events AS e JOIN events_search AS s ON s.event_id = e.id"
            f" WHERE e.provider = entities.provider AND e.entity_id = entities.entity_id AND {matches})"
        )

    def field(self, query: FieldMatch) -> str:
        value = query.value
        if query.field == "signature" and self.target in ("entities", "sales"):
            return self.entity_signature(query)
        if isinstance(value, bool):
            flags = self.column(_FLAG_COLUMNS[self.target], query)
            return flags[0] if value else flags[1]
        if isinstance(value, Decimal):
            column = self.column(_NUMBER_COLUMNS[self.target], query)
            return f"{column} {query.op} {self.param(_number(value))}"
        column = self.column(_TEXT_COLUMNS[self.target], query)
        if column in _PREFIX_INDEXED and len(value.parts) == 2 and value.parts[0] and not value.parts[1]:
            # A prefix: ILIKE is lower(x) LIKE lower(pattern) (how PostgreSQL runs it on UTF-8),
            # and written so it is a range of the text_pattern_ops index (schema version 4).
            return f"lower({column}) LIKE lower({self.param(_like(value))})"
        return self.text(column, value)

    def column(self, table: dict[str, _Col], query: FieldMatch) -> _Col:
        found = table.get(query.field)
        if found is None:
            raise UnsupportedFieldError(
                f"{query.field}: does not apply to {_TARGET_NAME[self.target]}", max(query.pos, 0)
            )
        return found

    def entity_signature(self, query: FieldMatch) -> str:
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
            return f"lower({column}) = lower({self.param(pattern.parts[0])})"
        return f"{column} ILIKE {self.param(_like(pattern))}"

    def header(self, query: HeaderMatch) -> str:
        if self.target != "events":
            raise UnsupportedFieldError("header. filters apply to events, not payments", max(query.pos, 0))
        # A header is indexed as "name: value" in the head column: a rare value's events
        # are read through the index first, then tested.
        words = _words(f"{query.name}: ", query.value)
        narrow = self.candidates("head", words) if words is not None else None
        condition = f"lower(h.pair->>0) = {self.param(query.name)}"
        if not query.value.is_presence:
            condition += " AND " + self.text("(h.pair->>1)", query.value)
        headers = (
            "CASE WHEN jsonb_typeof(wm_json(events.headers)) = 'array' "
            "THEN wm_json(events.headers) ELSE '[]'::jsonb END"
        )
        test = f"EXISTS (SELECT 1 FROM jsonb_array_elements({headers}) AS h(pair) WHERE {condition})"
        return f"({narrow} AND {test})" if narrow is not None else test

    def fence(self) -> str:
        """With a density (the newest page, walked newest first): a subquery PostgreSQL
        runs on each row rather than turning it into a join over all its matches."""
        return " OFFSET 0" if self.density is not None else ""

    def candidates(self, column: str, words: str) -> str | None:
        """`events.id = ANY(<events whose `column` may hold `words`>)` when those are rare;
        None when testing each row finds a page sooner. The candidates are the index's
        matches plus every event the index cannot speak for: not indexed yet (recognition
        indexes an event in the transaction that sets derived = 1) and, for the body, one
        longer than the part indexed (fts.MAX_INDEXED_BODY)."""
        search = f"SELECT s.event_id FROM events_search AS s WHERE s.{column} @@ to_tsquery('simple', %s)"
        if self.density is None or not self.density.rare(search, [words]):
            return None
        unindexed = " UNION ALL SELECT id FROM events WHERE derived = 0"
        if column == "body":
            long_bodies = f"octet_length(body) > {MAX_INDEXED_BODY}"
            unindexed += f" UNION ALL SELECT event_id FROM bodies WHERE {long_bodies}"
        self.params.append(words)
        return f"events.id = ANY(ARRAY({search}{unindexed}))"

    def json_path(self, query: JsonPath) -> str:
        path = [str(step) for step in query.path]
        document = "j.doc"
        value = query.value
        # The body's words hold the value's (SQLite's rule, filter_fts.json_prefilter_ok).
        words = _words("", value) if isinstance(value, Pattern) and json_prefilter_ok(value) else None
        narrow = self.candidates("body", words) if words is not None and self.target == "events" else None
        condition = self.json_condition(document, path, query)
        if self.target == "events":
            test = (
                "EXISTS (SELECT 1 FROM bodies AS b CROSS JOIN LATERAL (SELECT wm_body_json(b.body) AS doc) j"
                f" WHERE b.event_id = events.id AND j.doc IS NOT NULL AND {condition}{self.fence()})"
            )
            return f"({narrow} AND {test})" if narrow is not None else test
        if self.target == "sales":
            return (
                "EXISTS (SELECT 1 FROM events AS e JOIN bodies AS b ON b.event_id = e.id"
                f" CROSS JOIN LATERAL (SELECT wm_body_json(b.body) AS doc) j{_SALE_EVENTS_WHERE}"
                f" AND j.doc IS NOT NULL AND {condition})"
            )
        return (
            "EXISTS (SELECT 1 FROM events AS e JOIN bodies AS b ON b.event_id = e.id"
            " CROSS JOIN LATERAL (SELECT wm_body_json(b.body) AS doc) j"
            " WHERE e.provider = entities.provider AND e.entity_id = entities.entity_id"
            f" AND j.doc IS NOT NULL AND {condition})"
        )

    def json_condition(self, document: str, path: list[str], query: JsonPath) -> str:
        def node() -> str:
            return f"({document} #> {self.param(path)}::text[])"

        def as_text() -> str:
            # A string's own text; other values as JSON text (true, 149.9, {...}).
            return f"({document} #>> {self.param(path)}::text[])"

        def kind() -> str:
            return f"jsonb_typeof({node()})"

        value = query.value
        if isinstance(value, Decimal):
            number = f"wm_real({as_text()})"
            return f"({kind()} IN ('number', 'string') AND {number} {query.op} {self.param(_number(value))})"
        if value.is_presence:
            return f"{node()} IS NOT NULL"
        literal = value.parts[0] if value.is_exact else None
        if literal is not None and literal.lower() in ("true", "false", "null"):
            return f"{node()} = {self.param(literal.lower())}::jsonb"
        # SQLite's json_extract gives true/false as 1/0: text matches see them so too.
        text = (
            f"(CASE WHEN {kind()} = 'boolean' THEN (CASE WHEN {as_text()} = 'true' THEN 1 ELSE 0 END)::text"
            f" ELSE {as_text()} END)"
        )
        as_string = self.text(text, value)
        as_number = read_number(literal.strip()) if literal is not None else None
        if as_number is None:
            return as_string
        # 149.90 in the filter also matches the JSON number 149.9.
        # CASE: PostgreSQL may test AND's operands in any order, and a string cast to numeric raises.
        numeric = f"(CASE WHEN {kind()} = 'number' THEN ({as_text()})::numeric = {self.param(as_number)} END)"
        return f"({as_string} OR {numeric})"

    def time(self, query: TimeFilter) -> str:
        return time_condition(query, self.now, self.tz, self.target, self.param)


def _words(lead: str, pattern: Pattern) -> str | None:
    """A tsquery every text equal to (or starting with) `lead` + the pattern matches: its
    words, all of them (`&`, not a phrase: a tsvector keeps 256 positions of a word, so a
    phrase may miss what the words alone find), the last a prefix for `value*`. None when
    the pattern cannot be narrowed so (as filter_fts.prefilter_phrase: presence, empty,
    inner wildcards, no letter or digit in the value) or a word is too long to index."""
    if pattern.is_exact:
        literal, prefix = pattern.parts[0], False
    elif len(pattern.parts) == 2 and not pattern.parts[1]:
        literal, prefix = pattern.parts[0], True
    else:
        return None
    if not any(char.isalnum() for char in literal):
        return None
    words = tokens(lead + literal)
    if not words or any(len(word) > _LONGEST_WORD for word in words):
        return None
    return " & ".join(words) + (":*" if prefix else "")


def _no_nul(value: object) -> object:
    """PostgreSQL text cannot hold NUL, and so no stored text has one: a NUL typed into a
    filter becomes U+FFFD, which keeps the value matching nothing it did not match before."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_no_nul(item) for item in value]
    return value


def _flatten(query: And | Or) -> list[Query]:
    items: list[Query] = []
    for item in query.items:
        items.extend(_flatten(item) if type(item) is type(query) else [item])  # type: ignore[arg-type]
    return items


def _like(pattern: Pattern) -> str:
    escaped = (part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for part in pattern.parts)
    return "%".join(escaped)


def _number(value: Decimal) -> int | float:
    if value == value.to_integral_value() and -(2**63) <= value < 2**63:
        return int(value)
    return float(value)
