"""Compare two deliveries: headers by name, JSON bodies path by path. Pure (no Qt).

The way a developer compares a working delivery with a failing one: which header values
differ, which JSON paths were added, removed or changed. Bodies that are not both JSON are
compared line by line (a unified diff of their text).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.core.body_render import NO_JSON, render
from desktop.core.json_preview import Cancelled, never
from desktop.core.json_tree import Path, scalar_text
from desktop.core.model import CapturedRequest

MAX_CHANGES = 5000  # two unrelated 20 MB documents stop listing here
TEXT_DIFF_LIMIT = 256 * 1024
_MISSING = object()  # a key or index one side does not have


class Change(StrEnum):
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Difference:
    where: str  # a header name, or a JSON path printed like the filter bar's (`body.a[0]`)
    change: Change
    before: str  # '' when added
    after: str  # '' when removed


def header_differences(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> list[Difference]:
    """Headers compared by name (case-insensitive); repeated headers compared as a list."""

    def grouped(headers: list[tuple[str, str]]) -> dict[str, tuple[str, list[str]]]:
        out: dict[str, tuple[str, list[str]]] = {}
        for name, value in headers:
            out.setdefault(name.lower(), (name, []))[1].append(value)
        return out

    left, right = grouped(a), grouped(b)
    result = []
    for key in dict.fromkeys([*left, *right]):
        if key not in right:
            result.append(Difference(left[key][0], Change.REMOVED, ", ".join(left[key][1]), ""))
        elif key not in left:
            result.append(Difference(right[key][0], Change.ADDED, "", ", ".join(right[key][1])))
        elif left[key][1] != right[key][1]:
            result.append(
                Difference(left[key][0], Change.CHANGED, ", ".join(left[key][1]), ", ".join(right[key][1]))
            )
    return result


# A path as a chain of (parent, step) links: extending a tuple at every level would copy the
# whole path each time (quadratic in the depth).
_Link = tuple[Any, str | int] | None


def _path(link: _Link) -> Path:
    steps: list[str | int] = []
    while link is not None:
        link, step = link
        steps.append(step)
    return tuple(reversed(steps))


def json_differences(a: Any, b: Any) -> tuple[list[Difference], bool]:
    """Every path whose value differs, in document order; (differences, whether cut)."""
    out: list[Difference] = []
    # An explicit stack, not recursion: the documents may nest deeper than Python recurses.
    stack: list[tuple[_Link, Any, Any]] = [(None, a, b)]
    while stack:
        if len(out) >= MAX_CHANGES:
            return out, True
        link, left, right = stack.pop()
        if left is right:
            continue
        if left is _MISSING:
            out.append(Difference(path_text(_path(link)), Change.ADDED, "", _short(right)))
        elif right is _MISSING:
            out.append(Difference(path_text(_path(link)), Change.REMOVED, _short(left), ""))
        elif isinstance(left, dict) and isinstance(right, dict):
            pending = [((link, key), value, right.get(key, _MISSING)) for key, value in left.items()]
            pending += [((link, key), _MISSING, value) for key, value in right.items() if key not in left]
            stack.extend(reversed(pending))
        elif isinstance(left, list) and isinstance(right, list):
            longest = max(len(left), len(right))
            stack.extend(
                (
                    (link, i),
                    left[i] if i < len(left) else _MISSING,
                    right[i] if i < len(right) else _MISSING,
                )
                for i in reversed(range(longest))
            )
        elif type(left) is not type(right) or left != right:
            out.append(Difference(path_text(_path(link)), Change.CHANGED, _short(left), _short(right)))
    return out, False


def text_diff(a: str, b: str, names: tuple[str, str] = ("A", "B")) -> str:
    """A unified diff of two texts (each cut at TEXT_DIFF_LIMIT characters)."""
    lines = difflib.unified_diff(
        a[:TEXT_DIFF_LIMIT].splitlines(),
        b[:TEXT_DIFF_LIMIT].splitlines(),
        fromfile=names[0],
        tofile=names[1],
        lineterm="",
    )
    return "\n".join(lines)


def path_text(path: Path) -> str:
    return "body" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


def _short(value: Any, limit: int = 200) -> str:
    if isinstance(value, dict):
        text = f"{{{len(value)} keys}}"
    elif isinstance(value, list):
        text = f"[{len(value)} items]"
    else:
        text = scalar_text(value)
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two deliveries side by side: A (the older) and B."""

    headers: list[Difference]
    body: list[Difference]  # JSON paths, when both bodies are JSON
    body_cut: bool  # more than MAX_CHANGES paths differ
    text: str | None  # a unified diff when the bodies are not both JSON
    same_body: bool


def compare(a: CapturedRequest, b: CapturedRequest, cancelled: Cancelled = never) -> Comparison:
    headers = header_differences(a.headers, b.headers)
    if a.body == b.body:
        return Comparison(headers, [], False, None, True)
    left, right = render(a, cancelled), render(b, cancelled)
    if left.document is not NO_JSON and right.document is not NO_JSON:
        body, cut = json_differences(left.document, right.document)
        return Comparison(headers, body, cut, None, False)
    return Comparison(headers, [], False, text_diff(left.text, right.text), False)
