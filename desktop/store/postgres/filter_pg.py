"""Filter queries (`desktop.core.query`) -> a parameterised PostgreSQL WHERE fragment.

The same language and the same answers as the SQLite translator (store/filter_sql.py), with
PostgreSQL's means: free text is a tsquery on `events_search` (see search.py), JSON paths
read the body as jsonb, header filters read the headers' JSON array. No text the user
typed becomes SQL: fields go through filter_sql's whitelists, values and paths are bound
parameters. Text compares case-insensitively (`lower(x) = lower(v)`, ILIKE for wildcards);
a NULL column never matches, and `-x` also keeps the rows where `x` is unknown.

What SQLite tunes for speed (density probes, index ranges) has no counterpart here yet:
PostgreSQL's planner picks between the lower() indexes and the id order itself.
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
from desktop.store.filter_sql import (
    _FLAG_COLUMNS,
    _TARGET_NAME,
    _TEXT_COLUMNS,
    Target,
    UnsupportedFieldError,
    time_condition,
)
from desktop.store.postgres.search import tsquery_text

_Col = TypeVar("_Col")

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
    query: Query | None, now: float, target: Target = "events", tz: tzinfo | None = None
) -> tuple[str, list[object]]:
    """A WHERE fragment with %s parameters; "TRUE" (everything) for no query.

    Raises `UnsupportedFieldError` for fields the target has no notion of.
    """
    if query is None:
        return "TRUE", []
    translator = _Translator(target, now, tz)
    return translator.expr(query), translator.params


class _Translator:
    def __init__(self, target: Target, now: float, tz: tzinfo | None) -> None:
        if target not in _TEXT_COLUMNS:
            raise ValueError(f"unknown filter target {target!r}")
        self.target: Target = target
        self.now = now
        self.tz = tz
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
        tsquery = f"to_tsquery('simple', {self.param(text)})"
        # One phrase must match within one column (head or body), as in FTS5.
        matches = f"(s.head @@ {tsquery} OR s.body @@ to_tsquery('simple', {self.param(text)}))"
        if self.target == "events":
            return f"EXISTS (SELECT 1 FROM events_search AS s WHERE s.event_id = events.id AND {matches})"
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
        return self.text(self.column(_TEXT_COLUMNS[self.target], query), value)

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
        condition = f"lower(h.pair->>0) = {self.param(query.name)}"
        if not query.value.is_presence:
            condition += " AND " + self.text("(h.pair->>1)", query.value)
        headers = (
            "CASE WHEN jsonb_typeof(wm_json(events.headers)) = 'array' "
            "THEN wm_json(events.headers) ELSE '[]'::jsonb END"
        )
        return f"EXISTS (SELECT 1 FROM jsonb_array_elements({headers}) AS h(pair) WHERE {condition})"

    def json_path(self, query: JsonPath) -> str:
        path = [str(step) for step in query.path]
        document = "j.doc"
        condition = self.json_condition(document, path, query)
        if self.target == "events":
            return (
                "EXISTS (SELECT 1 FROM bodies AS b CROSS JOIN LATERAL (SELECT wm_body_json(b.body) AS doc) j"
                f" WHERE b.event_id = events.id AND j.doc IS NOT NULL AND {condition})"
            )
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
