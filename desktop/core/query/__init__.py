"""The filter language: parse what people type in the filter bar into a `Query`.

Pure Python (no Qt, no SQL). The store turns a `Query` into parameterised SQL
(`desktop.store.filter_sql`); the UI uses `complete` for suggestions and shows a
`QuerySyntaxError` at its `position`.
"""

from __future__ import annotations

from .complete import complete, completion_span
from .errors import QuerySyntaxError
from .fields import FIELD_NAMES, FIELDS, FieldSpec
from .nodes import (
    And,
    FieldMatch,
    HeaderMatch,
    JsonPath,
    Leaf,
    Not,
    Op,
    Or,
    Pattern,
    Query,
    Term,
    TimeFilter,
)
from .parser import parse
from .printer import to_text

__all__ = [
    "FIELDS",
    "FIELD_NAMES",
    "And",
    "FieldMatch",
    "FieldSpec",
    "HeaderMatch",
    "JsonPath",
    "Leaf",
    "Not",
    "Op",
    "Or",
    "Pattern",
    "Query",
    "QuerySyntaxError",
    "Term",
    "TimeFilter",
    "complete",
    "completion_span",
    "parse",
    "to_text",
]
