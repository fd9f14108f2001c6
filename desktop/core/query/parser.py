"""Recursive-descent parser: text -> `Query`.

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*          juxtaposition is AND
    unary   := ("NOT" | "-") unary | primary
    primary := "(" or ")" | leaf
    leaf    := word | "quoted string" | "today" | name ":" [op] value
    op      := ">=" | "<=" | ">" | "<" | "="

Keywords are upper case (`or` is a word to search for, as in most search boxes).
"""

from __future__ import annotations

import difflib
from typing import cast

from . import values
from .errors import QuerySyntaxError
from .fields import BODY_PREFIX, FIELD_NAMES, FIELDS, HEADER_PREFIX, TODAY
from .lexer import Token, tokenize
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
    TimeKind,
)

# Parentheses and NOTs nested deeper than this are not typed by hand, and the SQL for
# them must still fit SQLite's parser stack (100 entries): alternating AND/OR groups
# 24 deep with JSON-path leaves overflow it, 20 are fine on both tables.
MAX_DEPTH = 20
MAX_LENGTH = 10_000

_FLAGS = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
}
_HEADER_NAME_CHARS = frozenset("!#$%&'+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyz")
_UNARY_START = frozenset({"(", "-", "NOT", "word", "string", "field"})


def parse(text: str) -> Query | None:
    """Parse a filter; blank text is None (match everything).

    Raises `QuerySyntaxError` for anything else that is not a valid query.
    """
    if len(text) > MAX_LENGTH:
        raise QuerySyntaxError(f"the query is longer than {MAX_LENGTH} characters", MAX_LENGTH)
    tokens = tokenize(text)
    if not tokens:
        return None
    parser = _Parser(tokens, len(text))
    query = parser.parse_or(0)
    if parser.at < len(tokens):
        token = tokens[parser.at]
        raise QuerySyntaxError("this ')' has no matching '('", token.pos)
    return query


class _Parser:
    def __init__(self, tokens: list[Token], length: int) -> None:
        self.tokens = tokens
        self.length = length
        self.at = 0

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def expect_operand(self, after: str) -> None:
        token = self.peek()
        if token is None or token.kind not in _UNARY_START:
            where = token.pos if token is not None else self.length
            raise QuerySyntaxError(f"expected something to search for after {after}", where)

    def parse_or(self, depth: int) -> Query:
        items = [self.parse_and(depth)]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            self.expect_operand("OR")
            items.append(self.parse_and(depth))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self, depth: int) -> Query:
        items = [self.parse_unary(depth)]
        while (token := self.peek()) is not None:
            if token.kind == "AND":
                self.take()
                self.expect_operand("AND")
            elif token.kind not in _UNARY_START:
                break
            items.append(self.parse_unary(depth))
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_unary(self, depth: int) -> Query:
        token = self.peek()
        if token is not None and token.kind in ("-", "NOT"):
            self.take()
            self._check_depth(depth, token)
            self.expect_operand("NOT" if token.kind == "NOT" else "'-'")
            return Not(self.parse_unary(depth + 1))
        return self.parse_primary(depth)

    def parse_primary(self, depth: int) -> Query:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("expected something to search for", self.length)
        if token.kind in ("AND", "OR"):
            raise QuerySyntaxError(f"{token.kind} needs something to search for on its left", token.pos)
        if token.kind == ")":
            raise QuerySyntaxError("this ')' has no matching '('", token.pos)
        self.take()
        if token.kind == "(":
            self._check_depth(depth, token)
            following = self.peek()
            if following is None:
                raise QuerySyntaxError("this '(' is never closed", token.pos)
            if following.kind == ")":
                raise QuerySyntaxError("empty parentheses", token.pos)
            inner = self.parse_or(depth + 1)
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise QuerySyntaxError("this '(' is never closed", token.pos)
            self.take()
            return inner
        return leaf(token)

    def _check_depth(self, depth: int, token: Token) -> None:
        if depth >= MAX_DEPTH:
            raise QuerySyntaxError(f"the query nests deeper than {MAX_DEPTH} levels", token.pos)


def leaf(token: Token) -> Leaf:
    if token.kind == "field":
        return _field(token)
    if token.kind == "word" and token.raw.lower() == TODAY:
        return TimeFilter("today", pos=token.pos)
    return _free_text(token)


def _free_text(token: Token) -> Term:
    parts = token.parts
    if len(parts) == 1:
        if not parts[0].strip():
            raise QuerySyntaxError("empty quotes: nothing to search for", token.pos)
        return Term(parts[0], pos=token.pos)
    if len(parts) == 2 and parts[1] == "" and parts[0].strip():
        return Term(parts[0], prefix=True, pos=token.pos)
    if all(not part for part in parts):
        raise QuerySyntaxError(
            "'*' alone matches nothing; use it in a value, e.g. header.x-signature:*", token.pos
        )
    raise QuerySyntaxError(
        "in free text '*' may only end a word (pedido*); use a field for other wildcards (ref:*1001)",
        token.pos,
    )


def _field(token: Token) -> Leaf:
    name = token.raw.lower()
    if name.startswith(HEADER_PREFIX):
        return _header(token, name[len(HEADER_PREFIX) :])
    if name.startswith((BODY_PREFIX + ".", BODY_PREFIX + "[")):
        return _json_path(token, token.raw[len(BODY_PREFIX) :])
    canonical = FIELD_NAMES.get(name)
    if canonical is None:
        raise QuerySyntaxError(_unknown_field_message(token.raw), token.pos)
    kind = FIELDS[canonical].kind
    if kind == "text":
        _no_op(token, canonical)
        return FieldMatch(canonical, "=", Pattern(token.parts), pos=token.pos)
    if kind in ("number", "size"):
        text = _plain(token, canonical)
        number = values.read_number(text) if kind == "number" else values.read_size(text)
        if number is None:
            example = "100 or 149.90" if kind == "number" else "1mb, 512kb or 2048"
            raise QuerySyntaxError(f"{canonical}: expects a number like {example}", token.value_pos)
        return FieldMatch(canonical, _op(token), number, pos=token.pos)
    if kind == "flag":
        _no_op(token, canonical)
        flag = _FLAGS.get(_plain(token, canonical).lower())
        if flag is None:
            raise QuerySyntaxError(f"{canonical}: expects yes or no", token.value_pos)
        return FieldMatch(canonical, "=", flag, pos=token.pos)
    return _time(token, canonical)


def _time(token: Token, canonical: str) -> TimeFilter:
    _no_op(token, canonical)
    text = _plain(token, canonical)
    if canonical == "since":
        seconds = values.read_duration(text)
        if seconds is not None:
            return TimeFilter("since", seconds=seconds, pos=token.pos)
        # `since:2026-11-01` reads naturally; it is the same as `after:`.
        at = values.read_datetime(text)
        if at is None:
            raise QuerySyntaxError("since: expects a duration like 15m, 2h, 7d (or a date)", token.value_pos)
        return TimeFilter("after", at=at, pos=token.pos)
    at = values.read_datetime(text)
    if at is None:
        raise QuerySyntaxError(
            f'{canonical}: expects a date like 2026-11-01 or "2026-11-27 18:00"', token.value_pos
        )
    kind: TimeKind = "after" if canonical == "after" else "before" if canonical == "before" else "on"
    return TimeFilter(kind, at=at, pos=token.pos)


def _header(token: Token, name: str) -> HeaderMatch:
    if not name or not set(name) <= _HEADER_NAME_CHARS:
        raise QuerySyntaxError(
            "header. must be followed by a header name, e.g. header.x-signature:*", token.pos
        )
    _no_op(token, token.raw)
    return HeaderMatch(name, Pattern(token.parts), pos=token.pos)


def _json_path(token: Token, path_text: str) -> JsonPath:
    path = values.read_json_path(path_text)
    if path is None:
        raise QuerySyntaxError(
            "a body path is keys and indexes, e.g. body.data[0].attributes.status "
            "(keys: letters, digits, _ $ @ -)",
            token.pos,
        )
    op = _op(token)
    if op == "=":
        return JsonPath(path, "=", Pattern(token.parts), pos=token.pos)
    number = values.read_number(_plain(token, token.raw))
    if number is None:
        raise QuerySyntaxError(f"'{op}' compares numbers: expected a number", token.value_pos)
    return JsonPath(path, op, number, pos=token.pos)


def _op(token: Token) -> Op:
    return cast(Op, token.op or "=")


def _no_op(token: Token, name: str) -> None:
    if token.op and token.op != "=":
        raise QuerySyntaxError(
            f"{name}: cannot be compared with '{token.op}'; quote the value to search for it literally",
            token.value_pos - len(token.op),
        )


def _plain(token: Token, name: str) -> str:
    """A value that must not contain wildcards (numbers, flags, dates)."""
    if len(token.parts) != 1:
        raise QuerySyntaxError(f"{name}: does not take wildcards", token.value_pos)
    return token.parts[0]


def _unknown_field_message(name: str) -> str:
    close = difflib.get_close_matches(name.lower(), [*FIELD_NAMES, "header.", "body."], n=1)
    hint = f"; did you mean {close[0].rstrip('.')}:?" if close else ""
    return f"unknown field '{name}'{hint} (put text in quotes to search for it)"
