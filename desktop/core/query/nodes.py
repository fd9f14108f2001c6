"""The parsed form of a filter query: small frozen dataclasses, compared by value.

Leaves keep the offset where they started (`pos`) so later stages can point at them,
but `pos` takes no part in equality: `parse(to_text(q)) == q` holds although printing
moves things around.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from datetime import datetime
from decimal import Decimal
from typing import Literal, TypeAlias

Op: TypeAlias = Literal["=", ">", ">=", "<", "<="]
TimeKind: TypeAlias = Literal["after", "before", "on", "since", "today"]


@dataclass(frozen=True, slots=True)
class Pattern:
    """A case-insensitive text value in which `*` is a wildcard.

    `parts` are the literal pieces between the wildcards: `PAID` is ("PAID",),
    `/juno*` is ("/juno", ""), `*` alone is ("", "") and means "present, not empty".
    Interior empty parts never occur (`a**b` is the same as `a*b`).
    """

    parts: tuple[str, ...]

    @classmethod
    def exact(cls, text: str) -> Pattern:
        return cls((text,))

    @property
    def is_exact(self) -> bool:
        return len(self.parts) == 1

    @property
    def is_presence(self) -> bool:
        return self.parts == ("", "")

    @property
    def text(self) -> str:
        """The value with wildcards shown as `*` (for messages, not for matching)."""
        return "*".join(self.parts)


Value: TypeAlias = Pattern | Decimal | bool


@dataclass(frozen=True, slots=True)
class Term:
    """Free text, searched everywhere (full-text index); `prefix` for a trailing `*`."""

    text: str
    prefix: bool = False
    pos: int = _field(default=-1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class FieldMatch:
    """`field:value` on a named column.

    `field` is a canonical name from `fields.FIELDS`; `value` is a `Pattern` for text
    fields, a `Decimal` for numbers and sizes (sizes in bytes), a `bool` for flags.
    `op` is "=" except for numbers and sizes.
    """

    field: str
    op: Op
    value: Value
    pos: int = _field(default=-1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """`header.NAME:value`; `name` is lower case; `Pattern(("", ""))` means present."""

    name: str
    value: Pattern
    pos: int = _field(default=-1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class JsonPath:
    """`body.a[0].b:value`: a value inside a JSON body.

    `path` holds object keys (str, case-sensitive) and array indexes (int; negative
    counts from the end). `value` is a `Pattern` for "=", a `Decimal` for comparisons.
    """

    path: tuple[str | int, ...]
    op: Op
    value: Pattern | Decimal
    pos: int = _field(default=-1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class TimeFilter:
    """When the event was received.

    `after`/`before`/`on` carry `at` (naive means local time, resolved when the query
    runs); `since` carries `seconds`; `today` carries nothing. Relative filters stay
    symbolic here and are turned into instants against a `now` by the translator.
    """

    kind: TimeKind
    at: datetime | None = None
    seconds: int | None = None
    pos: int = _field(default=-1, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Query, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Query, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Query


Leaf: TypeAlias = Term | FieldMatch | HeaderMatch | JsonPath | TimeFilter
Query: TypeAlias = Leaf | And | Or | Not
