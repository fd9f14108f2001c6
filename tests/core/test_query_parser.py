"""The filter language parser: examples from the issue, errors with positions, and
properties (any text parses or raises QuerySyntaxError; printing round-trips)."""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.query import (
    FIELDS,
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
    complete,
    completion_span,
    parse,
    to_text,
)
from desktop.core.query.parser import MAX_DEPTH


def field(name: str, value: str, op: str = "=") -> FieldMatch:
    return FieldMatch(name, op, Pattern((value,)))  # type: ignore[arg-type]


EXAMPLES: list[tuple[str, Query | None]] = [
    ("", None),
    ("   \t ", None),
    ("pedido-1001", Term("pedido-1001")),
    ("method:POST", field("method", "POST")),
    ("path:/juno*", FieldMatch("path", "=", Pattern(("/juno", "")))),
    ("provider:juno", field("provider", "juno")),
    ("type:CHARGE_STATUS_CHANGED", field("type", "CHARGE_STATUS_CHANGED")),
    ("status:PAID", field("status", "PAID")),
    ("signature:invalid", field("signature", "invalid")),
    ("code:>=400", FieldMatch("code", ">=", Decimal(400))),
    ("entity:chr_7A1C*", FieldMatch("entity", "=", Pattern(("chr_7A1C", "")))),
    ("header.x-signature:*", HeaderMatch("x-signature", Pattern(("", "")))),
    ("Header.X-Signature:abc", HeaderMatch("x-signature", Pattern(("abc",)))),
    ("amount:>100", FieldMatch("amount", ">", Decimal(100))),
    ("amount:149.90", FieldMatch("amount", "=", Decimal("149.90"))),
    ("size:>1mb", FieldMatch("size", ">", Decimal(1024 * 1024))),
    ("size:<=512KB", FieldMatch("size", "<=", Decimal(512 * 1024))),
    ("dup:yes", FieldMatch("dup", "=", True)),
    ("duplicate:no", FieldMatch("dup", "=", False)),
    ("reference:pedido-1", field("ref", "pedido-1")),
    (
        "body.data[0].attributes.status:PAID",
        JsonPath(("data", 0, "attributes", "status"), "=", Pattern(("PAID",))),
    ),
    ("body.items[-1].price:>9.5", JsonPath(("items", -1, "price"), ">", Decimal("9.5"))),
    ("after:2026-11-01", TimeFilter("after", at=datetime(2026, 11, 1))),
    ('before:"2026-11-27 18:00"', TimeFilter("before", at=datetime(2026, 11, 27, 18, 0))),
    ("before:2026-11-27T18:00:30Z", TimeFilter("before", at=datetime(2026, 11, 27, 18, 0, 30, tzinfo=UTC))),
    ("since:15m", TimeFilter("since", seconds=900)),
    ("since:2d", TimeFilter("since", seconds=2 * 86400)),
    ("today", TimeFilter("today")),
    ("TODAY", TimeFilter("today")),
    ('"today"', Term("today")),
    ("on:2026-11-26", TimeFilter("on", at=datetime(2026, 11, 26))),
    ("a b", And((Term("a"), Term("b")))),
    ("a AND b", And((Term("a"), Term("b")))),
    ("a OR b", Or((Term("a"), Term("b")))),
    ("a or b", And((Term("a"), Term("or"), Term("b")))),  # keywords are upper case
    ("a b OR c", Or((And((Term("a"), Term("b"))), Term("c")))),
    ("a (b OR c)", And((Term("a"), Or((Term("b"), Term("c")))))),
    ("-signature:invalid", Not(field("signature", "invalid"))),
    ("NOT signature:invalid", Not(field("signature", "invalid"))),
    ("-(a OR b)", Not(Or((Term("a"), Term("b"))))),
    ('"pedido 1001"', Term("pedido 1001")),
    ('path:"/a b"', field("path", "/a b")),
    ('path:"\'; DROP TABLE events; --"', field("path", "'; DROP TABLE events; --")),
    ("pedi*", Term("pedi", prefix=True)),
    (r"a\*b", Term("a*b")),
    (r'status:"PA\"ID"', field("status", 'PA"ID')),
    ("10:15", Term("10:15")),
    ("since:2026-11-01", TimeFilter("after", at=datetime(2026, 11, 1))),
    ('status:""', field("status", "")),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES, ids=[text or "<empty>" for text, _ in EXAMPLES])
def test_examples(text: str, expected: Query | None) -> None:
    assert parse(text) == expected
    assert parse(to_text(parse(text))) == expected


def test_the_issue_query_in_one_line() -> None:
    query = parse(
        'provider:juno status:PAID amount:>100 -signature:invalid after:2026-11-01 before:"2026-11-27 18:00"'
    )
    assert isinstance(query, And)
    assert len(query.items) == 6
    assert query.items[3] == Not(field("signature", "invalid"))


def test_canonical_text() -> None:
    assert to_text(parse("a   AND  (b)  NOT  c")) == "a b -c"
    assert to_text(parse("(a b) OR (c OR d)")) == "a b OR (c OR d)"
    assert to_text(parse("reference:x since:60m size:>2048")) == "ref:x since:1h size:>2kb"
    assert to_text(parse('before:"2026-11-27T18:00"')) == 'before:"2026-11-27 18:00"'
    assert to_text(parse('"a b" "c\\"d"')) == '"a b" "c\\"d"'
    assert to_text(None) == ""


def test_leaves_remember_where_they_start() -> None:
    query = parse("a  status:PAID")
    assert isinstance(query, And)
    assert [item.pos for item in query.items] == [0, 3]  # type: ignore[union-attr]


ERRORS = [
    ("(", 0, "never closed"),
    ("(a", 0, "never closed"),
    ("a)", 1, "no matching"),
    ("()", 0, "empty parentheses"),
    ("a OR", 4, "after OR"),
    ("OR a", 0, "on its left"),
    ("a AND AND b", 6, "after AND"),
    ("-", 0, "'-'"),
    ("a - b", 2, "'-'"),
    ("NOT", 3, "after NOT"),
    ('"abc', 0, "never closed"),
    ('status:"abc', 7, "never closed"),
    ("stauts:PAID", 0, "did you mean status"),
    ("status:", 7, "needs a value"),
    ("status:>PAID", 7, "cannot be compared"),
    ("code:abc", 5, "number"),
    ("code:4*", 5, "wildcards"),
    ("amount:>1e5", 8, "number"),
    ("size:>1tb", 6, "number"),
    ("dup:maybe", 4, "yes or no"),
    ("after:2026-13-01", 6, "date"),
    ("after:yesterday", 6, "date"),
    ("since:15", 6, "duration"),
    ("header.:x", 0, "header name"),
    ("body.a..b:1", 0, "body path"),
    ("body.a[x]:1", 0, "body path"),
    ("body.a:>abc", 8, "number"),
    ("*", 0, "'*' alone"),
    ("a*b", 0, "only end a word"),
    ('""', 0, "empty quotes"),
    ("abc\\", 3, "backslash"),
]


@pytest.mark.parametrize(("text", "position", "message"), ERRORS, ids=[text for text, _, _ in ERRORS])
def test_errors_point_at_the_problem(text: str, position: int, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        parse(text)
    assert raised.value.position == position
    assert message in raised.value.message
    assert str(position) in str(raised.value)


def test_nesting_and_length_are_bounded() -> None:
    with pytest.raises(QuerySyntaxError, match="nests deeper"):
        parse("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1))
    with pytest.raises(QuerySyntaxError, match="nests deeper"):
        parse("-" * (MAX_DEPTH + 1) + "a")
    assert parse("(" * 10 + "a" + ")" * 10) == Term("a")
    with pytest.raises(QuerySyntaxError, match="longer than"):
        parse("a " * 6000)


def test_error_is_a_value_error() -> None:
    assert issubclass(QuerySyntaxError, ValueError)


# -- completion --------------------------------------------------------------------


def test_complete_field_names() -> None:
    assert complete("sta", 3) == ["status:"]
    assert "signature:" in complete("s", 1)
    assert "since:" in complete("s", 1)
    assert complete("he", 2) == ["header."]
    assert complete("provider:juno to", 16) == ["today"]
    assert complete("-sig", 4) == ["signature:", "sig:"]
    assert completion_span("a -sig", 6) == (3, 6)


def test_complete_values() -> None:
    known = {"status": ["PAID", "ACTIVE", "PARTIALLY_PAID", "IN REVIEW"], "provider": ["juno", "stripe"]}
    assert complete("status:pa", 9, known) == ["status:PAID", "status:PARTIALLY_PAID"]
    assert complete("status:", 7, known)[-1] == 'status:"IN REVIEW"'
    assert complete("(provider:j", 11, known) == ["provider:juno"]
    assert complete("signature:in", 12) == ["signature:invalid"]
    assert complete("dup:", 4) == ["dup:yes", "dup:no"]
    assert complete("nosuch:x", 8, known) == []
    # The cursor decides which word is completed.
    assert complete("status:pa provider:ju", 9, known) == ["status:PAID", "status:PARTIALLY_PAID"]


# -- properties --------------------------------------------------------------------


def check(text: str) -> None:
    """The contract: a query (or None) that round-trips, or a QuerySyntaxError."""
    try:
        query = parse(text)
    except QuerySyntaxError as error:
        assert 0 <= error.position <= len(text)
        assert error.message
        return
    printed = to_text(query)
    assert parse(printed) == query, printed
    assert to_text(parse(printed)) == printed  # printing is canonical


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_any_text_parses_or_raises_a_syntax_error(text: str) -> None:
    check(text)


FRAGMENTS = [
    *(f"{name}:" for name in FIELDS),
    "header.x-signature:",
    "body.data[0].attributes.status:",
    "body.a[-1]:",
    "today",
    "AND",
    "OR",
    "NOT",
    "or",
    "(",
    ")",
    "-",
    '"',
    "*",
    "\\",
    ">",
    ">=",
    "<",
    "=",
    ":",
    "PAID",
    "pedido-1001",
    "2026-11-01",
    "2026-11-27 18:00",
    "15m",
    "1mb",
    "149.90",
    "yes",
    "x",
    "é",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(["", " ", "  "])), max_size=12))
def test_query_like_text_parses_or_raises_a_syntax_error(pieces: list[tuple[str, str]]) -> None:
    check("".join(fragment + gap for fragment, gap in pieces))


def patterns() -> st.SearchStrategy[Pattern]:
    text = st.text(max_size=8)
    exact = text.map(lambda value: Pattern((value,)))
    wild = st.tuples(text, st.lists(st.text(min_size=1, max_size=5), max_size=2), text).map(
        lambda t: Pattern((t[0], *t[1], t[2]))
    )
    return exact | wild


def decimals() -> st.SearchStrategy[Decimal]:
    return st.builds(
        lambda whole, cents, places: Decimal(f"{whole}.{cents:02d}") if places else Decimal(whole),
        st.integers(-(10**12), 10**12),
        st.integers(0, 99),
        st.booleans(),
    )


def datetimes() -> st.SearchStrategy[datetime]:
    naive = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).map(
        lambda value: value.replace(microsecond=0)
    )
    offsets = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
        lambda minutes: timezone(timedelta(minutes=minutes))
    )
    aware = st.tuples(naive, offsets).map(lambda pair: pair[0].replace(tzinfo=pair[1]))
    return naive | aware


def leaves() -> st.SearchStrategy[Query]:
    text_fields = [name for name, spec in FIELDS.items() if spec.kind == "text"]
    number_fields = [name for name, spec in FIELDS.items() if spec.kind in ("number", "size")]
    flag_fields = [name for name, spec in FIELDS.items() if spec.kind == "flag"]
    ops = st.sampled_from([">", ">=", "<", "<=", "="])
    json_step = st.from_regex(r"[A-Za-z0-9_$@-]{1,6}", fullmatch=True) | st.integers(-999, 999)
    return st.one_of(
        st.builds(Term, st.text(min_size=1, max_size=10).filter(str.strip), st.booleans()),
        st.builds(FieldMatch, st.sampled_from(text_fields), st.just("="), patterns()),
        st.builds(FieldMatch, st.sampled_from(number_fields), ops, decimals()),
        st.builds(FieldMatch, st.sampled_from(flag_fields), st.just("="), st.booleans()),
        st.builds(
            HeaderMatch,
            st.text(
                alphabet="!#$%&'+-.^_`|~" + string.ascii_lowercase + string.digits, min_size=1, max_size=8
            ),
            patterns(),
        ),
        st.builds(JsonPath, st.lists(json_step, min_size=1, max_size=4).map(tuple), st.just("="), patterns()),
        st.builds(
            JsonPath,
            st.lists(json_step, min_size=1, max_size=4).map(tuple),
            st.sampled_from([">", ">=", "<", "<="]),
            decimals(),
        ),
        st.builds(TimeFilter, st.sampled_from(["after", "before", "on"]), datetimes()),
        st.builds(lambda seconds: TimeFilter("since", seconds=seconds), st.integers(0, 10**9)),
        st.just(TimeFilter("today")),
    )


def queries() -> st.SearchStrategy[Query]:
    def compound(children: st.SearchStrategy[Query]) -> st.SearchStrategy[Query]:
        many = st.lists(children, min_size=2, max_size=4).map(tuple)
        return st.builds(And, many) | st.builds(Or, many) | st.builds(Not, children)

    return st.recursive(leaves(), compound, max_leaves=12)


@settings(max_examples=500, deadline=None)
@given(queries())
def test_printed_queries_parse_back_to_the_same_query(query: Query) -> None:
    printed = to_text(query)
    assert parse(printed) == query, printed
