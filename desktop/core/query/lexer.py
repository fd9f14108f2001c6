"""Splitting query text into tokens.

A word ends at whitespace, a parenthesis or a double quote. A backslash makes the next
character literal anywhere (`\\*`, `\\"`, `\\(`, `\\ `). In values and free text an
unescaped `*` is a wildcard, so the lexer hands over the literal pieces between the
wildcards (`parts`) rather than one string.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from .errors import QuerySyntaxError
from .fields import KEYWORDS

TokenKind: TypeAlias = Literal["(", ")", "-", "AND", "OR", "NOT", "word", "string", "field"]

_OPS = (">=", "<=", ">", "<", "=")


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    pos: int
    # word/string: the pieces between wildcards; field: the value's pieces.
    parts: tuple[str, ...] = ()
    # word: the text as typed (to recognise keywords); field: the name as typed.
    raw: str = ""
    op: str = ""  # field only: "", ">=", "<=", ">", "<" or "="
    value_pos: int = -1  # field only: where the value starts
    quoted: bool = False  # field: the value was quoted; word/string: it was a string


def _is_space(char: str) -> bool:
    return char.isspace()


def _ends_word(char: str) -> bool:
    return char.isspace() or char in '()"'


def _read_bare(text: str, start: int) -> int:
    """Index just past the bare word that starts at `start`."""
    at = start
    while at < len(text) and not _ends_word(text[at]):
        if text[at] == "\\":
            if at + 1 >= len(text):
                raise QuerySyntaxError("a backslash must be followed by the character it escapes", at)
            at += 1
        at += 1
    return at


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """The raw text between the quotes at `start`, and the index past the closing quote."""
    at = start + 1
    while at < len(text):
        char = text[at]
        if char == "\\":
            at += 2
            continue
        if char == '"':
            return text[start + 1 : at], at + 1
        at += 1
    raise QuerySyntaxError("this quote is never closed", start)


def split_parts(raw: str) -> tuple[str, ...]:
    """Undo escapes and split at unescaped `*`; interior empty pieces are dropped."""
    parts: list[str] = []
    current: list[str] = []
    at = 0
    while at < len(raw):
        char = raw[at]
        if char == "\\" and at + 1 < len(raw):
            current.append(raw[at + 1])
            at += 2
            continue
        if char == "*":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        at += 1
    parts.append("".join(current))
    if len(parts) > 2:
        parts = [parts[0], *(part for part in parts[1:-1] if part), parts[-1]]
    return tuple(parts)


def _find_unescaped(raw: str, wanted: str) -> int:
    at = 0
    while at < len(raw):
        if raw[at] == "\\":
            at += 2
            continue
        if raw[at] == wanted:
            return at
        at += 1
    return -1


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    at = 0
    while at < len(text):
        char = text[at]
        if _is_space(char):
            at += 1
        elif char in "()":
            tokens.append(Token(char, at))  # type: ignore[arg-type]
            at += 1
        elif char == "-":
            following = text[at + 1 : at + 2]
            if not following or following.isspace() or following == ")":
                raise QuerySyntaxError("'-' must be followed directly by what it excludes", at)
            tokens.append(Token("-", at))
            at += 1
        elif char == '"':
            inner, end = _read_quoted(text, at)
            tokens.append(Token("string", at, parts=split_parts(inner), raw=inner, quoted=True))
            at = end
        else:
            at = _read_word(text, at, tokens)
    return tokens


def _read_word(text: str, start: int, tokens: list[Token]) -> int:
    end = _read_bare(text, start)
    raw = text[start:end]
    if raw in KEYWORDS:
        tokens.append(Token(raw, start))  # type: ignore[arg-type]
        return end
    colon = _find_unescaped(raw, ":")
    if colon <= 0 or not _looks_like_field(raw[:colon]):
        tokens.append(Token("word", start, parts=split_parts(raw), raw=raw))
        return end
    name = raw[:colon]
    rest = raw[colon + 1 :]
    op = next((candidate for candidate in _OPS if rest.startswith(candidate)), "")
    rest = rest[len(op) :]
    value_pos = start + colon + 1 + len(op)
    if rest:
        tokens.append(Token("field", start, parts=split_parts(rest), raw=name, op=op, value_pos=value_pos))
        return end
    if end < len(text) and text[end] == '"':
        inner, after = _read_quoted(text, end)
        tokens.append(
            Token("field", start, parts=split_parts(inner), raw=name, op=op, value_pos=end, quoted=True)
        )
        return after
    raise QuerySyntaxError(f"'{name}:{op}' needs a value", end)


def _looks_like_field(name: str) -> bool:
    """`status`, `header.x-sig`, `body.data[0].x`: an ASCII letter first, no escapes.

    Anything else before a colon (`10:15`, `"a:b"`) is plain text, so times and URLs
    can still be searched without quotes when they do not start like a field name.
    """
    return name[:1].isascii() and name[:1].isalpha() and "\\" not in name
