"""Filter queries translated to SQL and run against a real SQLite database with the
app's schema and full-text index: which events (and payments) each query finds."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.core.query import FieldMatch, Not, Pattern, Query, QuerySyntaxError, parse, to_text
from desktop.core.query.parser import MAX_DEPTH
from desktop.store.filter_density import Density, prefix_range
from desktop.store.filter_sql import UnsupportedFieldError, ensure_filter_indexes, to_sql
from desktop.store.fts import catch_up, delete_events, ensure_fts, index_events, rebuild, unindexed_ids
from desktop.store.schema import EVENT_COLUMNS, migrate
from tests.core.test_query_parser import queries

TZ = timezone(timedelta(hours=-3))  # fixed, so the tests do not depend on the machine's zone
NOW = datetime(2026, 11, 27, 18, 30, tzinfo=TZ).timestamp()
CHARGE = "chr_7A1C4E2B9D3F5A6C8E0B1D2F3A4C5E6B"
JUNO_HEADERS = [["Content-Type", "application/json"], ["X-Signature", "730e35ff2e5a5247f0677d62"]]


def local(*args: int) -> float:
    return datetime(*args, tzinfo=TZ).timestamp()


def juno_body(event_type: str, status: str, amount: str, entity: str = CHARGE) -> bytes:
    return json.dumps(
        {
            "eventId": f"ev-{event_type}-{status}",
            "eventType": event_type,
            "data": [
                {
                    "entityId": entity,
                    "entityType": "CHARGE",
                    "attributes": {"amount": amount, "reference": "pedido-1001", "status": status},
                }
            ],
        }
    ).encode()


# id -> (event columns, body); every event not listed in a column keeps the default.
EVENTS: dict[int, tuple[dict[str, object], bytes | None]] = {
    1: (
        dict(
            received_at=local(2026, 11, 27, 9, 0),
            event_type="CHARGE_CREATED",
            status="ACTIVE",
            amount="149.90",
        ),
        juno_body("CHARGE_CREATED", "ACTIVE", "149.90"),
    ),
    2: (
        dict(received_at=local(2026, 11, 27, 10, 15), event_type="CHARGE_STATUS_CHANGED", status="PAID"),
        juno_body("CHARGE_STATUS_CHANGED", "PAID", "149.90"),
    ),
    3: (  # tampered: the amount was changed, the signature no longer matches
        dict(
            received_at=local(2026, 11, 27, 10, 16),
            event_type="CHARGE_STATUS_CHANGED",
            status="PAID",
            amount="1.49",
            signature="invalid",
            response_status=401,
        ),
        juno_body("CHARGE_STATUS_CHANGED", "PAID", "1.49"),
    ),
    4: (  # the same delivery as 2, again
        dict(
            received_at=local(2026, 11, 27, 10, 20),
            event_type="CHARGE_STATUS_CHANGED",
            status="PAID",
            duplicate_of=2,
        ),
        juno_body("CHARGE_STATUS_CHANGED", "PAID", "149.90"),
    ),
    5: (
        dict(
            received_at=local(2026, 11, 1, 12, 0),
            event_type="TRANSFER_STATUS_CHANGED",
            entity_type="TRANSFER",
            entity_id="trf_1A2B3C4D5E6F7A8B",
            status="REJECTED",
            amount="2500.00",
            reference=None,
            payer=None,
        ),
        json.dumps(
            {
                "eventType": "TRANSFER_STATUS_CHANGED",
                "data": [
                    {
                        "entityId": "trf_1A2B3C4D5E6F7A8B",
                        "attributes": {"transferDate": None, "amount": "2500.00", "status": "REJECTED"},
                    }
                ],
            }
        ).encode(),
    ),
    6: (
        dict(
            received_at=local(2026, 11, 27, 18, 20),
            path="/github",
            headers=json.dumps([["Content-Type", "application/json"], ["X-GitHub-Event", "pull_request"]]),
            provider="github",
            event_type="pull_request",
            entity_type=None,
            entity_id=None,
            status=None,
            amount=None,
            currency=None,
            reference=None,
            payer=None,
            endpoint="github",
        ),
        b'{"action":"opened","number":7,"repository":{"full_name":"acme/shop"}}',
    ),
    7: (
        dict(
            received_at=local(2026, 10, 31, 23, 59),
            remote_addr="10.0.0.5",
            method="GET",
            path="/health",
            query="check=1",
            headers=json.dumps([["User-Agent", "curl/8.5"]]),
            size=0,
            provider=None,
            event_type=None,
            entity_type=None,
            entity_id=None,
            status=None,
            amount=None,
            currency=None,
            reference=None,
            payer=None,
            signature="unverified",
            endpoint=None,
        ),
        None,
    ),
    8: (  # a large body that is not JSON (and not UTF-8) on the Juno path
        dict(
            received_at=local(2026, 11, 26, 15, 0),
            headers=json.dumps([["Content-Type", "application/json"]]),
            size=(1 << 20) + 100,
            response_status=400,
            provider=None,
            event_type=None,
            entity_type=None,
            entity_id=None,
            status=None,
            amount=None,
            currency=None,
            reference=None,
            payer=None,
            signature="missing",
        ),
        b'{"eventId": "x", headterm \xff\xfe ' + b"x" * (1 << 20) + b" tailterm",
    ),
    9: (
        dict(
            received_at=local(2026, 11, 27, 17, 0),
            path="/juno/v2",
            event_type="PAYMENT_NOTIFICATION",
            entity_type="PAYMENT",
            entity_id="pay_5D4C3B2A19087F6E5D4C3B2A",
            status="CONFIRMED",
            amount="99.90",
            payer="João da Silva",
            reference="pedido-2002",
        ),
        # ensure_ascii: the name arrives as "Jo\u00e3o", as many senders write it.
        json.dumps(
            {
                "eventType": "PAYMENT_NOTIFICATION",
                "data": [
                    {
                        "entityId": "pay_5D4C3B2A19087F6E5D4C3B2A",
                        "attributes": {
                            "status": "CONFIRMED",
                            "reference": "pedido-2002",
                            "payer": {"name": "João da Silva", "document": "12345678909"},
                            "paid": True,
                        },
                    }
                ],
            }
        ).encode(),
    ),
    10: (
        dict(
            received_at=local(2026, 11, 20, 8, 0),
            path="/stripe",
            headers=json.dumps([["Content-Type", "application/json"], ["Stripe-Signature", "t=1,v1=abc"]]),
            provider="stripe",
            event_type="payment_intent.succeeded",
            entity_type="payment_intent",
            entity_id="pi_3QxYz2AbCdEfGh",
            status="succeeded",
            amount="99.00",
            reference=None,
            payer=None,
            endpoint="stripe",
        ),
        b'{"type":"payment_intent.succeeded","data":{"object":{"id":"pi_3QxYz2AbCdEfGh","amount":14990}}}',
    ),
}
ALL = sorted(EVENTS)

DEFAULTS: dict[str, object] = {
    "remote_addr": "177.71.0.1",
    "method": "POST",
    "path": "/juno",
    "query": "",
    "http_version": "1.1",
    "headers": json.dumps(JUNO_HEADERS),
    "content_type": "application/json",
    "response_status": 200,
    "rejected": "",
    "provider": "juno",
    "event_id": None,
    "event_time": None,
    "entity_type": "CHARGE",
    "entity_id": CHARGE,
    "amount": "149.90",
    "currency": "BRL",
    "payer": "Maria Souza",
    "reference": "pedido-1001",
    "signature": "valid",
    "signature_reason": "",
    "signature_detail": "{}",
    "endpoint": "juno",
    "duplicate_of": None,
    "out_of_order": 0,
}

ENTITIES = [
    # provider, entity_id, type, status, amount, reference, last_update, duplicates, invalid_signatures
    ("juno", CHARGE, "CHARGE", "PAID", "149.90", "pedido-1001", local(2026, 11, 27, 10, 20), 1, 1),
    (
        "juno",
        "trf_1A2B3C4D5E6F7A8B",
        "TRANSFER",
        "REJECTED",
        "2500.00",
        None,
        local(2026, 11, 1, 12, 0),
        0,
        0,
    ),
    (
        "juno",
        "pay_5D4C3B2A19087F6E5D4C3B2A",
        "PAYMENT",
        "CONFIRMED",
        "99.90",
        "pedido-2002",
        local(2026, 11, 27, 17),
        0,
        0,
    ),
    (
        "stripe",
        "pi_3QxYz2AbCdEfGh",
        "payment_intent",
        "succeeded",
        "99.00",
        None,
        local(2026, 11, 20, 8),
        0,
        0,
    ),
]


def insert_events(conn: sqlite3.Connection) -> None:
    with conn:
        for event_id, (columns, body) in EVENTS.items():
            row = {"id": event_id, "size": len(body or b""), **DEFAULTS, **columns}
            names = [name for name in row if name in EVENT_COLUMNS]  # others keep their defaults
            conn.execute(
                f"INSERT INTO events ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [row[name] for name in names],
            )
            if body is not None:
                conn.execute("INSERT INTO bodies (event_id, body) VALUES (?, ?)", (event_id, body))
        for provider, entity, kind, status, amount, reference, last, dups, invalid in ENTITIES:
            conn.execute(
                "INSERT INTO entities (provider, entity_id, entity_type, status, amount, currency, reference,"
                " first_seen, last_update, event_count, duplicates, invalid_signatures)"
                " VALUES (?, ?, ?, ?, ?, 'BRL', ?, ?, ?, 1, ?, ?)",
                (provider, entity, kind, status, amount, reference, last, last, dups, invalid),
            )


@pytest.fixture(scope="module")
def conn() -> Iterator[sqlite3.Connection]:
    # Module scope: the tests only read, and hypothesis runs many queries against it.
    connection = sqlite3.connect(":memory:")
    migrate(connection)
    ensure_fts(connection)
    ensure_filter_indexes(connection)
    insert_events(connection)
    assert catch_up(connection) == len(EVENTS)
    yield connection
    connection.close()


def ids(conn: sqlite3.Connection, text: str) -> list[int]:
    where, params = to_sql(parse(text), NOW, tz=TZ)
    return [row[0] for row in conn.execute(f"SELECT id FROM events WHERE {where} ORDER BY id", params)]


def entities(conn: sqlite3.Connection, text: str) -> list[str]:
    where, params = to_sql(parse(text), NOW, "entities", tz=TZ)
    sql = f"SELECT entity_id FROM entities WHERE {where} ORDER BY entity_id"
    return [row[0] for row in conn.execute(sql, params)]


CASES: list[tuple[str, list[int]]] = [
    ("", ALL),
    # free text, including bodies
    ("pedido-1001", [1, 2, 3, 4]),
    ("PEDIDO-1001", [1, 2, 3, 4]),
    ("1001", [1, 2, 3, 4]),
    ("pedido-2002", [9]),
    ("chr_7a1c*", [1, 2, 3, 4]),
    (CHARGE, [1, 2, 3, 4]),
    ("12345678909", [9]),
    ("joão", [9]),
    ("joao", [9]),  # diacritics removed, and the \u00e3 escape was decoded for the index
    ("pull_request", [6]),  # a header value
    ("x-github-event", [6]),  # a header name
    ('"check=1"', [7]),  # the raw query string
    ("headterm", [8]),
    ("tailterm", []),  # beyond the first MiB of the body: not indexed
    ("pedido-1001 -signature:invalid", [1, 2, 4]),
    ("pedido-1001 OR pedido-2002", [1, 2, 3, 4, 9]),
    ("opened acme", [6]),
    # fields
    ("method:POST", [1, 2, 3, 4, 5, 6, 8, 9, 10]),
    ("method:get", [7]),
    ("path:/juno*", [1, 2, 3, 4, 5, 8, 9]),
    ("path:/juno", [1, 2, 3, 4, 5, 8]),
    ("path:*v2", [9]),
    ("path:*ub*", [6]),
    ("provider:juno", [1, 2, 3, 4, 5, 9]),
    ("provider:JUNO", [1, 2, 3, 4, 5, 9]),
    ("type:CHARGE_STATUS_CHANGED", [2, 3, 4]),
    ("type:charge_*", [1, 2, 3, 4]),
    ("status:PAID", [2, 3, 4]),
    ("status:paid", [2, 3, 4]),
    ("status:*", [1, 2, 3, 4, 5, 9, 10]),
    ('status:""', [6, 7, 8]),
    ("signature:invalid", [3]),
    ("code:>=400", [3, 8]),
    ("code:401", [3]),
    (f"entity:{CHARGE.lower()}", [1, 2, 3, 4]),
    ("entity:chr_7A1C*", [1, 2, 3, 4]),
    ("entitytype:payment", [9]),
    ("ref:pedido-1001", [1, 2, 3, 4]),
    ("payer:joão*", [9]),
    ("ip:10.0.0.*", [7]),
    ("endpoint:stripe", [10]),
    ("query:check=1", [7]),
    ("header.x-signature:*", [1, 2, 3, 4, 5, 9]),
    ("-header.x-signature:*", [6, 7, 8, 10]),
    ("header.X-GitHub-Event:pull_request", [6]),
    ("header.x-github-event:PULL*", [6]),
    ("header.content-type:application/json", [1, 2, 3, 4, 5, 6, 8, 9, 10]),
    ("amount:>100", [1, 2, 4, 5]),
    ("amount:149.9", [1, 2, 4]),
    ("amount:<=99.9", [3, 9, 10]),
    ("size:>1mb", [8]),
    ("size:0", [7]),
    ("dup:yes", [4]),
    ("dup:no", [1, 2, 3, 5, 6, 7, 8, 9, 10]),
    ("ooo:yes", []),
    ("id:>8", [9, 10]),
    # JSON paths into the body
    ("body.data[0].attributes.status:PAID", [2, 3, 4]),
    ("body.data[0].attributes.status:paid", [2, 3, 4]),
    ("body.data[0].attributes.amount:149.90", [1, 2, 4]),
    ("body.data[0].attributes.amount:>100", [1, 2, 4, 5]),
    ("body.data[-1].entityId:trf_*", [5]),
    ("body.data[0].attributes.transferDate:null", [5]),
    ("body.data[0].attributes.transferDate:*", [5]),
    ("body.data[0].attributes.paid:true", [9]),
    ("body.data[0].attributes.payer.name:joão*", [9]),
    ("body.data.object.amount:14990", [10]),
    ("body.data.object.amount:>10000", [10]),
    ("body.action:opened", [6]),
    ("body.eventId:*", [1, 2, 3, 4]),
    ("-body.eventType:*", [6, 7, 8, 10]),
    # time, against NOW = 2026-11-27 18:30 (UTC-3)
    ("after:2026-11-01", [1, 2, 3, 4, 5, 6, 8, 9, 10]),
    ('before:"2026-11-27 18:00"', [1, 2, 3, 4, 5, 7, 8, 9, 10]),
    ('before:"2026-11-27 10:15"', [1, 5, 7, 8, 10]),
    ('after:"2026-11-27T13:15:00Z"', [2, 3, 4, 6, 9]),  # 10:15 local
    ("since:15m", [6]),
    ("since:2h", [6, 9]),
    ("today", [1, 2, 3, 4, 6, 9]),
    ("on:2026-11-26", [8]),
    ("-today", [5, 7, 8, 10]),
    # AND / OR / NOT / parentheses
    ("status:PAID OR status:REJECTED", [2, 3, 4, 5]),
    ("type:CHARGE_STATUS_CHANGED -signature:invalid", [2, 4]),
    ("type:CHARGE_STATUS_CHANGED AND NOT signature:invalid", [2, 4]),
    ("NOT (provider:juno OR provider:github)", [7, 8, 10]),
    ("-provider:juno", [6, 7, 8, 10]),  # events with no provider are "not juno"
    ("(status:PAID OR status:ACTIVE) amount:>100", [1, 2, 4]),
    ("provider:juno status:PAID amount:>100 -signature:invalid", [2, 4]),
    ("status:PAID dup:no OR status:REJECTED", [2, 3, 5]),
    ("--status:PAID", [2, 3, 4]),
    # injection attempts only ever match nothing
    ('path:"\'; DROP TABLE events; --"', []),
    ('"\'; DROP TABLE events; --"', []),
    ('"pedido-1001\\" OR \\"x"', []),  # FTS syntax inside the text stays text
    ('"NEAR(pedido 1001)"', []),
    ('"head:POST"', []),
    ("header.x'--:*", []),
    ("status:\"PAID' OR '1'='1\"", []),
    ('body.a:"\') OR 1=1 --"', []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text or "<empty>" for text, _ in CASES])
def test_events_matching(conn: sqlite3.Connection, text: str, expected: list[int]) -> None:
    assert ids(conn, text) == expected


def test_injection_leaves_the_database_alone(conn: sqlite3.Connection) -> None:
    for text, _ in CASES[-8:]:
        where, _params = to_sql(parse(text), NOW, tz=TZ)
        assert "DROP" not in where
        assert "'1'" not in where
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == len(EVENTS)


def test_no_query_means_everything() -> None:
    assert to_sql(None, NOW) == ("1", [])


def test_long_queries_stay_within_sqlite_limits(conn: sqlite3.Connection) -> None:
    # SQLite refuses expression trees deeper than 1000; 1,000 ORed fields are fine.
    text = " ".join(["-status:NOPE"] * 700)
    assert ids(conn, text) == ALL
    text = " OR ".join([f"id:{n}" for n in range(1, 1000)])
    assert ids(conn, text) == ALL


def test_the_deepest_query_the_parser_accepts_runs(conn: sqlite3.Connection) -> None:
    inner = "body.data[0].attributes.status:PAID OR header.x-github-event:pull* OR pedido-2002"
    text = "-(" * (MAX_DEPTH // 2) + inner + ")" * (MAX_DEPTH // 2)
    assert ids(conn, text) == [2, 3, 4, 6, 9]  # an even number of NOTs
    text = text.replace("header.x-github-event:pull*", "amount:>100")  # payments have no headers
    assert entities(conn, text) == [CHARGE, "pay_5D4C3B2A19087F6E5D4C3B2A", "trf_1A2B3C4D5E6F7A8B"]


ENTITY_CASES: list[tuple[str, list[str]]] = [
    ("", sorted(entity for _, entity, *_ in ENTITIES)),
    ("status:PAID", [CHARGE]),
    ("pedido-1001", [CHARGE]),  # through the events' full-text index
    ("12345678909", ["pay_5D4C3B2A19087F6E5D4C3B2A"]),
    ("pedido-1001 OR 12345678909", [CHARGE, "pay_5D4C3B2A19087F6E5D4C3B2A"]),
    ("pedido-1001 chr_7a1c*", [CHARGE]),
    ("pedido-1001 12345678909", []),
    ("signature:invalid", [CHARGE]),
    ("-signature:invalid", ["pay_5D4C3B2A19087F6E5D4C3B2A", "pi_3QxYz2AbCdEfGh", "trf_1A2B3C4D5E6F7A8B"]),
    ("dup:yes", [CHARGE]),
    ("amount:>100", [CHARGE, "trf_1A2B3C4D5E6F7A8B"]),
    ("provider:stripe OR entitytype:transfer", ["pi_3QxYz2AbCdEfGh", "trf_1A2B3C4D5E6F7A8B"]),
    ("ref:pedido-*", [CHARGE, "pay_5D4C3B2A19087F6E5D4C3B2A"]),
    ("body.data[0].attributes.status:PAID", [CHARGE]),
    ("entity:pi_*", ["pi_3QxYz2AbCdEfGh"]),
    ("today", [CHARGE, "pay_5D4C3B2A19087F6E5D4C3B2A"]),
    ("before:2026-11-02", ["trf_1A2B3C4D5E6F7A8B"]),
]


@pytest.mark.parametrize(
    ("text", "expected"), ENTITY_CASES, ids=[text or "<empty>" for text, _ in ENTITY_CASES]
)
def test_payments_matching(conn: sqlite3.Connection, text: str, expected: list[str]) -> None:
    assert entities(conn, text) == expected


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("code:>=400", 0, "code: does not apply to payments"),
        ("status:PAID header.x-signature:*", 12, "header."),
        ("signature:valid", 0, "signature:invalid"),
        ("a (b OR method:GET)", 8, "method: does not apply"),
        ("size:>1mb", 0, "size"),
    ],
)
def test_fields_payments_do_not_have(text: str, position: int, message: str) -> None:
    with pytest.raises(UnsupportedFieldError) as raised:
        to_sql(parse(text), NOW, "entities")
    assert isinstance(raised.value, QuerySyntaxError)
    assert raised.value.position == position
    assert message in raised.value.message


def test_local_time_defaults_to_the_system_zone(conn: sqlite3.Connection) -> None:
    # No tz given: dates are local wall-clock time; the query still runs.
    where, params = to_sql(parse('after:2026-11-01 before:"2026-11-27 18:00" today on:2026-11-27'), NOW)
    conn.execute(f"SELECT id FROM events WHERE {where}", params).fetchall()
    where, params = to_sql(parse("after:0001-01-01 before:9999-12-31 on:9999-12-31"), NOW)
    conn.execute(f"SELECT id FROM events WHERE {where}", params).fetchall()


# -- the full-text index itself ------------------------------------------------------


def test_indexing_is_incremental_and_idempotent() -> None:
    db = sqlite3.connect(":memory:")
    migrate(db)
    ensure_fts(db)
    ensure_fts(db)  # idempotent
    insert_events(db)

    def found(text: str) -> list[int]:
        where, params = to_sql(parse(text), NOW, tz=TZ)
        return [row[0] for row in db.execute(f"SELECT id FROM events WHERE {where} ORDER BY id", params)]

    assert unindexed_ids(db, 3) == [1, 2, 3]
    assert found("pedido-1001") == []  # not indexed yet
    # Filters the index only narrows still see events it has not caught up with.
    assert found("body.data[0].attributes.status:PAID") == [2, 3, 4]
    assert found("header.x-github-event:pull_request") == [6]
    with db:
        assert index_events(db, [9, 2]) == 2
        assert index_events(db, [2]) == 0  # already there: not counted twice
    assert found("pedido-1001") == [2]
    assert catch_up(db, batch=4) == len(EVENTS) - 2
    assert catch_up(db) == 0
    assert unindexed_ids(db, 10) == []
    assert found("pedido-1001") == [1, 2, 3, 4]
    assert found("body.data[0].attributes.status:PAID") == [2, 3, 4]

    with db:
        assert delete_events(db, [1, 2]) == 2
        db.execute("DELETE FROM bodies WHERE event_id IN (1, 2)")
        db.execute("DELETE FROM events WHERE id IN (1, 2)")
    assert found("pedido-1001") == [3, 4]
    assert db.execute("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')") is not None

    # The newest event goes (and is dropped from the index); its id is then reused.
    with db:
        delete_events(db, [10])
        db.execute("DELETE FROM bodies WHERE event_id = 10")
        db.execute("DELETE FROM events WHERE id = 10")
        db.execute(
            "INSERT INTO events (id, received_at, method, path, headers, size, response_status)"
            " VALUES (10, 0, 'POST', '/reused', '[]', 0, 200)"
        )
    assert catch_up(db) == 1
    assert found("reused") == [10]

    rebuild(db)
    assert found("pedido-1001") == []
    assert catch_up(db) == len(EVENTS) - 2
    assert found("pedido-1001") == [3, 4]
    db.close()


# -- properties ---------------------------------------------------------------------

FRAGMENTS = [
    "pedido-1001",
    "chr_7a1c*",
    "joão",
    '"a b"',
    "status:PAID",
    "status:*",
    "path:/juno*",
    "provider:juno",
    "code:>=400",
    "amount:>100",
    "size:>1kb",
    "dup:yes",
    "header.x-signature:*",
    "header.content-type:*json",
    "body.data[0].attributes.status:PAID",
    "body.data[0].attributes.amount:>100",
    "body.data.object.amount:14990",
    "body.x:null",
    "since:15m",
    "today",
    "after:2026-11-01",
    'before:"2026-11-27 18:00"',
    "signature:invalid",
    "entity:chr_*",
    "AND",
    "OR",
    "NOT",
    "-",
    "(",
    ")",
    "x",
]
query_texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query_texts)
def test_any_query_runs_and_not_is_its_complement(conn: sqlite3.Connection, text: str) -> None:
    try:
        query = parse(text)
    except QuerySyntaxError:
        return
    found = set(ids(conn, text))
    negated = set(ids(conn, f"-({to_text(query)})"))
    assert found | negated == set(ALL)
    assert not found & negated
    # The printed form finds the same events.
    assert set(ids(conn, to_text(query))) == found
    with contextlib.suppress(UnsupportedFieldError):
        entities(conn, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_free_text_is_safe_in_fts(conn: sqlite3.Connection, text: str) -> None:
    for query in (f'"{text}"', f'"{text}*"', f"x:{text}", f"path:{text}", f"body.a:{text}"):
        try:
            parse(query)
        except QuerySyntaxError:
            continue
        ids(conn, query)  # never an SQLite error, whatever the text
        assert ids_with(conn, parse(query), always(conn)) == ids(conn, query)  # nor in the probes


def test_values_past_the_indexed_mebibyte_are_still_found_by_json_paths() -> None:
    db = sqlite3.connect(":memory:")
    migrate(db)
    ensure_fts(db)
    body = json.dumps({"padding": "x" * (1 << 20), "late": "needle-42"}).encode()
    with db:
        db.execute(
            "INSERT INTO events (id, received_at, method, path, headers, size, response_status)"
            " VALUES (1, 0, 'POST', '/big', '[]', ?, 200)",
            (len(body),),
        )
        db.execute("INSERT INTO bodies (event_id, body) VALUES (1, ?)", (body,))
    assert catch_up(db) == 1
    for text, expected in [("needle-42", []), ("body.late:needle-42", [1]), ("body.late:needle*", [1])]:
        where, params = to_sql(parse(text), NOW)
        assert [row[0] for row in db.execute(f"SELECT id FROM events WHERE {where}", params)] == expected, (
            text
        )
    db.close()


def test_escaped_json_text_is_searchable() -> None:
    db = sqlite3.connect(":memory:")
    migrate(db)
    ensure_fts(db)
    body = (
        b'{"name": "Jo\\u00e3o", "url": "https:\\/\\/shop.example\\/p",'
        b' "q": "say \\"hi\\"", "note": "a\\nline2"}'
    )
    with db:
        db.execute(
            "INSERT INTO events (id, received_at, method, path, headers, size, response_status)"
            " VALUES (1, 0, 'POST', '/x', '[]', ?, 200)",
            (len(body),),
        )
        db.execute("INSERT INTO bodies (event_id, body) VALUES (1, ?)", (body,))
    catch_up(db)
    texts = [
        "joão",
        "body.name:joão",
        "body.url:https://shop.example/p",
        'body.q:"say \\"hi\\""',
        "line2",
        "hi",
    ]
    for text in texts:
        where, params = to_sql(parse(text), NOW)
        assert [row[0] for row in db.execute(f"SELECT id FROM events WHERE {where}", params)] == [1], text
    db.close()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries())
def test_every_query_translates_to_sql_that_runs(conn: sqlite3.Connection, query: Query) -> None:
    try:
        parse(to_text(query))  # within the parser's limits, as anything a person typed is
    except QuerySyntaxError:
        assume(False)
    try:
        where, params = to_sql(query, NOW, tz=TZ)
    except UnsupportedFieldError:  # `category:` is about sales (the Payments tab) only
        where, params = "0", []
    else:
        found = {row[0] for row in conn.execute(f"SELECT id FROM events WHERE {where}", params)}
        where, params = to_sql(Not(query), NOW, tz=TZ)
        assert found.isdisjoint(
            row[0] for row in conn.execute(f"SELECT id FROM events WHERE {where}", params)
        )
    for tz in (None, timezone(timedelta(hours=5, minutes=30))):
        for target in ("entities", "sales"):
            try:
                where, params = to_sql(query, NOW, target, tz=tz)  # type: ignore[arg-type]
            except UnsupportedFieldError:
                continue
            conn.execute(f"SELECT count(*) FROM {target} WHERE {where}", params).fetchall()


# -- forms chosen by density (filter_density.py): other plans, the same rows ---------------


# Every full-text value dense (a window boundary after each matching event), every
# prefix range narrow: each rewrite is taken wherever it applies.
def always(db: sqlite3.Connection) -> Density:
    return Density(db, sample=1, sparse=1_000_000, growth=2, range_cap=1_000_000)


def never(db: sqlite3.Connection) -> Density:
    return Density(db, sample=1_000_000, range_cap=0)


def ids_with(conn: sqlite3.Connection, query: Query, density: Density | None) -> list[int]:
    where, params = to_sql(query, NOW, tz=TZ, density=density)
    return [row[0] for row in conn.execute(f"SELECT id FROM events WHERE ({where}) ORDER BY id", params)]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text or "<empty>" for text, _ in CASES])
def test_events_matching_whatever_the_density(
    conn: sqlite3.Connection, text: str, expected: list[int]
) -> None:
    query = parse(text) if text else None
    for density in (always(conn), never(conn)):
        assert ids_with(conn, query, density) == expected  # type: ignore[arg-type]
        if query is not None:
            assert ids_with(conn, Not(query), density) == [i for i in ALL if i not in expected]


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("pedido-1001", "CASE WHEN events.id > ?"),
        ("header.content-type:application/json", "CASE WHEN events.id > ?"),
        ("body.data[0].attributes.status:PAID", "CASE WHEN events.id > ?"),
        ("ref:pedido-*", "events.reference >= ? COLLATE NOCASE AND events.reference < ? COLLATE NOCASE"),
        ("status:PAI*", "events.status >= ? COLLATE NOCASE"),
        ("payer:joão*", "events.payer >= ? COLLATE NOCASE"),
        # A dense prefix of a header: no list of candidates at all, each row is tested.
        ("header.x-github-event:PULL*", "instr(lower(events.headers), ?)"),
    ],
)
def test_the_rewrites_are_taken_when_the_density_says_so(
    conn: sqlite3.Connection, text: str, rewritten: str
) -> None:
    assert rewritten in to_sql(parse(text), NOW, density=always(conn))[0]
    assert rewritten not in to_sql(parse(text), NOW, density=never(conn))[0]
    assert rewritten not in to_sql(parse(text), NOW)[0]


def test_density_reads_the_newest_matches() -> None:
    db = sqlite3.connect(":memory:")
    migrate(db)
    ensure_fts(db)
    with db:
        db.executemany(
            "INSERT INTO events (id, received_at, method, path, headers, size, response_status)"
            " VALUES (?, 0, 'POST', ?, '[]', 0, 200)",
            [(n, "/common" if n % 2 else f"/rare{n}") for n in range(1, 1001)],
        )
    catch_up(db)
    density = Density(db, sample=50, sparse=4, growth=8)
    # Every other event among the newest 100: dense, windows of 100, 800, then the rest.
    assert density.windows('"common"') == [900, 200]
    assert density.windows('"rare1000"') is None  # one match: read whole
    assert density.windows('"nowhere"') is None
    assert Density(db, sample=50, sparse=1).windows('"common"') is None  # one in two is too sparse for 1 in 1
    for text in ("common", "-common", "common OR rare1000", "rare998 OR rare1000", "path:/rare99*"):
        query = parse(text)
        assert ids_with(db, query, density) == ids_with(db, query, None), text
    db.close()


# References that put the prefix range at its edges: ASCII case (folded by both LIKE and
# NOCASE), non-ASCII case (folded by neither), LIKE's own wildcards and escape, the
# characters between "Z" and "a" that a naive upper bound would get wrong, the last code
# points before the surrogates and of Unicode, empty and missing values.
REFERENCES = [
    "pedido-1001",
    "PEDIDO-1002",
    "Pedido_1003",
    "pedido%1004",
    "pedidoX1005",
    "pedid",
    "ped\\ido",
    "pé-1",
    "PÉ-2",
    "x@1",
    "x[1",
    "x_1",
    "xa",
    "XA",
    "xz",
    "xZ9",
    "x{",
    "x",
    "",
    None,
    "a\U0010ffff",
    "a\U0010ffffb",
    "b",
    "\U0010ffff",
    "a\ud7ff",
    "a\ue000",
    "ab\x00c",
]
PREFIXES = [
    "pedido-",
    "PEDIDO",
    "pedido_",
    "pedido%",
    "pedido\\",
    "ped\\",
    "pé",
    "PÉ",
    "Pé",
    "x@",
    "x[",
    "x_",
    "xZ",
    "Xz",
    "x",
    "X",
    "a\U0010ffff",
    "\U0010ffff",
    "a\ud7ff",
    "ab",
    "ab\x00",
    "zzz",
]


def fold(text: str) -> str:
    return text.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"))


@pytest.fixture(scope="module")
def references() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:")
    migrate(db)
    ensure_fts(db)
    with db:
        db.executemany(
            "INSERT INTO events (id, received_at, method, path, headers, size, response_status,"
            " reference, payer) VALUES (?, 0, 'POST', '/x', '[]', 0, 200, ?, ?)",
            [(n, reference, reference) for n, reference in enumerate(REFERENCES, start=1)],
        )
    yield db
    db.close()


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("field", ["ref", "payer"])
def test_prefix_ranges_find_what_like_finds(references: sqlite3.Connection, field: str, prefix: str) -> None:
    query = FieldMatch(field, "=", Pattern((prefix, "")))
    found = ids_with(references, query, None)
    if "\x00" not in prefix:  # LIKE stops at a NUL; no range is used there
        # What LIKE means for a prefix: ASCII letters in either case, anything else as is.
        starts = [
            n for n, text in enumerate(REFERENCES, start=1) if text and fold(text).startswith(fold(prefix))
        ]
        assert found == starts
        assert "COLLATE NOCASE AND" in to_sql(query, NOW, density=always(references))[0]
    assert ids_with(references, query, always(references)) == found
    others = [n for n in range(1, len(REFERENCES) + 1) if n not in found]
    assert ids_with(references, Not(query), always(references)) == others


@pytest.mark.parametrize(
    ("prefix", "bounds"),
    [
        ("pedido-1643", ("pedido-1643", "pedido-1644")),
        ("PEDIDO", ("PEDIDO", "pedidp")),
        ("xZ", ("xZ", "x{")),  # folded first: "[" sorts before "z"
        ("x@", ("x@", "xA")),  # "A" compares as "a": a little wide, never short
        ("a\ud7ff", ("a\ud7ff", "a\ue000")),  # no surrogates in UTF-8
        ("a\U0010ffff", ("a\U0010ffff", "b")),
        ("\U0010ffff", ("\U0010ffff", None)),
        ("", None),
        ("ab\x00", None),
    ],
)
def test_prefix_range_bounds(prefix: str, bounds: tuple[str, str | None] | None) -> None:
    assert prefix_range(prefix) == bounds


def test_a_wide_prefix_keeps_the_newest_first_walk(references: sqlite3.Connection) -> None:
    query = parse("ref:x*")  # 9 references start with x
    assert "COLLATE NOCASE AND" not in to_sql(query, NOW, density=Density(references, range_cap=9))[0]
    assert "COLLATE NOCASE AND" in to_sql(query, NOW, density=Density(references, range_cap=10))[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query_texts)
def test_any_query_finds_the_same_events_whatever_the_density(conn: sqlite3.Connection, text: str) -> None:
    try:
        query = parse(text)
    except QuerySyntaxError:
        return
    try:
        expected = ids_with(conn, query, None)
    except UnsupportedFieldError:  # `category:` is about sales (the Payments tab) only
        return
    assert ids_with(conn, query, always(conn)) == expected


def test_windows_still_see_events_the_index_has_not_caught_up_with() -> None:
    db = sqlite3.connect(":memory:")
    migrate(db)
    ensure_fts(db)
    insert_events(db)
    with db:
        index_events(db, [1, 2, 3])  # the rest wait for catch_up (8 is also truncated later)
    texts = [
        "header.content-type:application/json",
        "header.x-github-event:pull_request",
        "body.data[0].attributes.status:PAID",
        "body.action:opened",
        "pedido-1001",
    ]
    for text in texts:
        query = parse(text)
        windowed = "CASE WHEN events.id > ?" in to_sql(query, NOW, density=always(db))[0]
        assert windowed == (text not in ("header.x-github-event:pull_request", "body.action:opened"))
        assert ids_with(db, query, always(db)) == ids_with(db, query, None), text
    assert ids_with(db, parse("body.data[0].attributes.status:PAID"), always(db)) == [2, 3, 4]  # 4 unindexed
    assert ids_with(db, parse("pedido-1001"), always(db)) == [1, 2, 3]  # free text: indexed only
    catch_up(db)
    for text in texts:
        assert ids_with(db, parse(text), always(db)) == ids_with(db, parse(text), None), text
    db.close()
