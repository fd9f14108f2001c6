"""`Query` -> canonical text that parses back to the same `Query`.

Parentheses are printed only where the structure needs them (an AND or OR inside an
AND, an OR inside an OR, anything compound after `-`), so the printed form is also
the normalised way to show a query back to the user.
"""

from __future__ import annotations

from decimal import Decimal

from . import values
from .fields import FIELDS, KEYWORDS, TODAY
from .nodes import And, FieldMatch, HeaderMatch, JsonPath, Not, Or, Pattern, Query, Term, TimeFilter

_OPS_START = (">", "<", "=")


def to_text(query: Query | None) -> str:
    if query is None:
        return ""
    if isinstance(query, Or):
        return " OR ".join(_group(item, Or) for item in query.items)
    if isinstance(query, And):
        return " ".join(_group(item, (And, Or)) for item in query.items)
    if isinstance(query, Not):
        inner = query.item
        text = to_text(inner)
        return f"-({text})" if isinstance(inner, And | Or) else f"-{text}"
    return _leaf(query)


def _group(item: Query, needs_parens: type | tuple[type, ...]) -> str:
    text = to_text(item)
    return f"({text})" if isinstance(item, needs_parens) else text


def _leaf(query: Query) -> str:
    if isinstance(query, Term):
        return _term(query)
    if isinstance(query, FieldMatch):
        return f"{query.field}:{_field_value(query)}"
    if isinstance(query, HeaderMatch):
        return f"header.{query.name}:{_pattern(query.value)}"
    if isinstance(query, JsonPath):
        value = query.value
        shown = _pattern(value) if isinstance(value, Pattern) else query.op + values.print_number(value)
        return f"body{values.print_json_path(query.path)}:{shown}"
    if isinstance(query, TimeFilter):
        return _time(query)
    raise TypeError(f"not a query node: {query!r}")


def _field_value(query: FieldMatch) -> str:
    value = query.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        op = "" if query.op == "=" else query.op
        shown = values.print_size(value) if FIELDS[query.field].kind == "size" else values.print_number(value)
        return op + shown
    return _pattern(value)


def _time(query: TimeFilter) -> str:
    if query.kind == "today":
        return TODAY
    if query.kind == "since":
        return f"since:{values.print_duration(query.seconds or 0)}"
    assert query.at is not None, "after/before/on need a time"
    return f"{query.kind}:{_quote_if_needed(values.print_datetime(query.at))}"


def _term(term: Term) -> str:
    escaped = _escape(term.text)
    star = "*" if term.prefix else ""
    bare = escaped == term.text and _bare_ok(term.text) and term.text.lower() != TODAY
    if bare and ":" not in term.text and not term.text.startswith("-"):
        return term.text + star
    return f'"{escaped}{star}"'


def _pattern(pattern: Pattern) -> str:
    text = "*".join(_escape(part) for part in pattern.parts)
    literal_ok = all(_escape(part) == part for part in pattern.parts)
    bare = literal_ok and all(_bare_ok(part) for part in pattern.parts if part) and pattern.parts != ("",)
    if bare and not text.startswith(_OPS_START):
        return text
    return f'"{text}"'


def _quote_if_needed(text: str) -> str:
    return text if _bare_ok(text) else f'"{text}"'


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("*", "\\*")


def _bare_ok(text: str) -> bool:
    """Whether `text` survives unquoted as one word that is not a keyword."""
    return bool(text) and text not in KEYWORDS and not any(c.isspace() or c in '()"\\*' for c in text)
