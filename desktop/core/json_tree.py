"""A parsed JSON document as tree rows, and the filter that finds a value. Pure (no Qt).

The inspector's tree asks for children a page at a time (an array of 100,000 items is never
turned into 100,000 rows at once). `filter_text` prints a value's path in the filter bar's
language (`body.data[0].attributes.status:PAID`) with the query printer, so what is copied
parses back to the same path and value; keys the language cannot spell return None.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.core.query import JsonPath, Pattern, parse, to_text
from desktop.core.query.values import read_json_path

Path = tuple[str | int, ...]
PREVIEW_CHARS = 120
PRETTY_COPY_LIMIT = 100 * 1024  # bigger values are copied compact (json.dumps(indent) is slow)


@dataclass(frozen=True, slots=True)
class JsonRow:
    """One row of the tree: a key (or index) and the value under it."""

    key: str | int | None  # None for the document itself
    path: Path
    value: Any

    @property
    def is_container(self) -> bool:
        return isinstance(self.value, dict | list)

    @property
    def child_count(self) -> int:
        return len(self.value) if isinstance(self.value, dict | list) else 0

    @property
    def key_text(self) -> str:
        if self.key is None:
            return "body"
        return f"[{self.key}]" if isinstance(self.key, int) else self.key

    @property
    def type_text(self) -> str:
        return type_name(self.value)

    @property
    def value_text(self) -> str:
        """A one-line summary: `{3 keys}`, `[10 items]`, or the scalar as JSON."""
        value = self.value
        if isinstance(value, dict):
            return f"{{{len(value)} {'key' if len(value) == 1 else 'keys'}}}"
        if isinstance(value, list):
            return f"[{len(value)} {'item' if len(value) == 1 else 'items'}]"
        shown = scalar_text(value)
        return shown if len(shown) <= PREVIEW_CHARS else shown[:PREVIEW_CHARS] + "…"


def type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return "number"


def scalar_text(value: Any) -> str:
    """A scalar as JSON would write it (strings quoted)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class TreeRow:
    """What the tree shows of a row: plain data, so it can cross from the body process."""

    key_text: str
    path: Path
    type_text: str
    value_text: str
    child_count: int
    filter: str | None  # the row as a filter (`body.a[0]:PAID`), None when it cannot be said


def tree_row(row: JsonRow) -> TreeRow:
    return TreeRow(
        row.key_text,
        row.path,
        row.type_text,
        row.value_text,
        row.child_count,
        filter_text(row.path, row.value),
    )


def value_at(document: Any, path: Path) -> Any:
    """The value at `path` (KeyError/IndexError when it is not there)."""
    value = document
    for step in path:
        value = value[step]
    return value


def page(document: Any, path: Path | None, start: int, count: int) -> list[TreeRow]:
    """Rows for the children `start` .. `start + count - 1` of the container at `path`.

    `path` None gives the document itself (the one top row, "body").
    """
    if path is None:
        return [tree_row(JsonRow(None, (), document))]
    parent = value_at(document, path)
    return [
        tree_row(row) for row in children(JsonRow(path[-1] if path else None, path, parent), start, count)
    ]


def children(row: JsonRow, start: int, count: int) -> list[JsonRow]:
    """Rows `start` .. `start + count - 1` under a container (a page of its children)."""
    value = row.value
    if isinstance(value, list):
        return [JsonRow(i, (*row.path, i), value[i]) for i in range(start, min(len(value), start + count))]
    if isinstance(value, dict):
        keys = list(value)[start : start + count] if start or count < len(value) else list(value)
        return [JsonRow(key, (*row.path, key), value[key]) for key in keys]
    return []


def copy_value_text(value: Any) -> str:
    """What "Copy value" puts on the clipboard: a string bare, anything else as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, indent=2, ensure_ascii=False)
    return scalar_text(value)


def filter_text(path: Path, value: Any) -> str | None:
    """`body.a.b[0]:value` for the filter bar, or None when the language cannot say it.

    Objects and arrays match "present" (`:*`); strings match exactly; numbers, booleans and
    null as JSON writes them.
    """
    if not path or read_json_path(_path_suffix(path)) != path:
        return None
    if isinstance(value, dict | list):
        pattern = Pattern(("", ""))
    else:
        pattern = Pattern.exact(value if isinstance(value, str) else scalar_text(value))
    if pattern.parts == ("",):  # an empty string: the language has no way to say ""
        return None
    node = JsonPath(path, "=", pattern)
    text = to_text(node)
    return text if parse(text) == node else None


def _path_suffix(path: Path) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


def value_bytes(document: Any, path: Path) -> bytes:
    """ "Copy value" for the value at `path`, UTF-8."""
    value = value_at(document, path)
    if isinstance(value, dict | list):
        compact = json.dumps(value, ensure_ascii=False)  # the C encoder: fast
        return (compact if len(compact) > PRETTY_COPY_LIMIT else copy_value_text(value)).encode()
    return copy_value_text(value).encode()
