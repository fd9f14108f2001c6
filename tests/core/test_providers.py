"""Recognition and description of every provider, driven by tests/fixtures/webhooks.json."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.config import PROVIDER_NAMES
from desktop.core.model import CapturedRequest, Verdict
from desktop.core.providers import PROVIDERS, derive, guess_provider
from tests.conftest import case_body, load_cases

NOW = datetime(2026, 11, 27, 12, 0, 0, tzinfo=UTC).timestamp()
CASES = load_cases()
STATE_KEYS = {"duplicate", "out_of_order", "note"}  # checked by the state machine tests
# When the fixture deliveries are taken to have arrived, for their timestamped signatures. The
# fixture expects Stripe's (signed at t=1764244542) to be stale and the Standard Webhooks one
# (1764244600) to be valid; both hold only at a receipt time 301..358 s after Stripe signed.
# At NOW (a year later) every timestamped delivery is stale.
FIXTURE_RECEIVED_AT = 1764244542 + 338.0


def request_for(case: dict[str, Any]) -> CapturedRequest:
    return CapturedRequest(
        method=case["method"],
        path=case["path"],
        query=case["query"],
        headers=[(name, value) for name, value in case["headers"]],
        body=case_body(case),
        received_at=NOW,
    )


def case(name: str) -> dict[str, Any]:
    return next(c for c in CASES if c["name"] == name)


def make(headers: list[tuple[str, str]], body: bytes | str, query: str = "") -> CapturedRequest:
    raw = body.encode() if isinstance(body, str) else body
    return CapturedRequest("POST", "/hook", query, headers, raw, NOW)


def test_registry_covers_every_configurable_provider() -> None:
    assert set(PROVIDERS) == set(PROVIDER_NAMES)


@pytest.mark.parametrize("c", CASES, ids=[c["name"] for c in CASES])
def test_fixture_case_derives_what_it_expects(c: dict[str, Any]) -> None:
    derived = derive(request_for(c), c["provider"], c["secret"], FIXTURE_RECEIVED_AT)
    for key, expected in c["expect"].items():
        if key in STATE_KEYS:
            continue
        actual = getattr(derived, key)
        if key == "amount":
            assert actual == Decimal(expected), key
        elif key == "signature":
            assert actual == Verdict(expected), (derived.signature_reason, derived.signature_detail)
        else:
            assert actual == expected, key


@pytest.mark.parametrize("c", [c for c in CASES if c["provider"]], ids=lambda c: c["name"])
def test_guessing_recognises_each_fixture_sender(c: dict[str, Any]) -> None:
    request = request_for(c)
    assert guess_provider(request) == c["provider"]
    # derive() guesses the same way when no provider is configured for the endpoint.
    guessed = derive(request, None, c["secret"], NOW)
    configured = derive(request, c["provider"], c["secret"], NOW)
    assert (guessed.provider, guessed.signature) == (configured.provider, configured.signature)


@pytest.mark.parametrize("name", ["unknown-binary-octet-stream", "get-with-query"])
def test_unknown_senders_are_plain_requests(name: str) -> None:
    request = request_for(case(name))
    assert guess_provider(request) is None
    derived = derive(request, None, None, NOW)
    assert derived.provider is None and derived.event_type is None and derived.entity_id is None
    assert derived.signature is Verdict.UNVERIFIED
    assert "not recognised" in derived.signature_reason


def test_truncated_json_to_a_juno_endpoint_is_missing_not_a_crash() -> None:
    request = request_for(case("unknown-invalid-json"))
    for provider in ("juno", None):  # configured endpoint, or guessed from the envelope's start
        derived = derive(request, provider, None, NOW)
        assert derived.provider == "juno"
        assert derived.signature is Verdict.MISSING
        assert derived.signature_reason == "X-Signature header missing"
        assert derived.event_type is None  # nothing is invented from a body that does not parse


def test_unknown_configured_provider_name_is_not_checked() -> None:
    derived = derive(request_for(case("juno-charge-created")), "paypal", "s", NOW)
    assert derived.provider is None
    assert derived.signature is Verdict.UNVERIFIED
    assert "unknown provider 'paypal'" in derived.signature_reason


def test_juno_summary_fields() -> None:
    payment = derive(request_for(case("juno-payment-confirmed-pretty")), "juno", None, NOW)
    assert payment.payer == "Maria da Silva"
    assert payment.reference == "pedido-1001"
    assert payment.currency == "BRL"
    assert payment.event_id == "0b6f3a52-1c1e-4a86-9a8e-1f2d3c4b5a03"
    # The envelope timestamp carries its offset: 10:15:42.901-03:00 is 13:15:42.901 UTC.
    assert payment.event_time == datetime(2026, 11, 27, 13, 15, 42, 901000, tzinfo=UTC).timestamp()
    charge = derive(request_for(case("juno-charge-created")), "juno", None, NOW)
    assert charge.reference == "pedido-1001"
    assert charge.payer is None
    assert derive(request_for(case("juno-account-verified-utf8")), "juno", None, NOW).currency is None


def juno_body(event_type: str, attributes: dict[str, Any], entities: int = 1) -> str:
    data = [
        {"entityId": f"chr_{n}", "entityType": "CHARGE", "attributes": attributes} for n in range(entities)
    ]
    return json.dumps(
        {"eventId": "e1", "eventType": event_type, "timestamp": "2026-11-27T09:00:00Z", "data": data}
    )


def test_juno_status_attribute_depends_on_event_type() -> None:
    read = make([], juno_body("CHARGE_READ_CONFIRMATION", {"source": "EMAIL", "status": "ACTIVE"}))
    assert derive(read, "juno", None, NOW).status == "EMAIL"
    document = make([], juno_body("DOCUMENT_STATUS_CHANGED", {"approvalStatus": "APPROVED"}))
    assert derive(document, "juno", None, NOW).status == "APPROVED"


def test_juno_many_entities_summarise_the_first() -> None:
    body = juno_body(
        "CHARGE_STATUS_CHANGED", {"status": "PAID", "amount": "10.00", "payer": {"name": "Ana"}}, 3
    )
    derived = derive(make([], body), "juno", None, NOW)
    assert (derived.entity_id, derived.status, derived.amount, derived.payer) == (
        "chr_0",
        "PAID",
        Decimal("10.00"),
        "Ana",
    )


@pytest.mark.parametrize(
    "body",
    [
        '{"eventId": "e", "eventType": "X", "data": {"entityId": "chr_1", "attributes": []}}',
        '{"eventId": 7, "eventType": ["X"], "data": ["not an entity"], "timestamp": "yesterday"}',
        '{"eventId": "e", "eventType": "X", "data": [{"attributes": {"amount": true, "charge": "x"}}]}',
        '{"eventId": "e", "eventType": "X", "data": [{"attributes": {"amount": "NaN"}}]}',
        '["eventId", "eventType"]',
        "[" * 100_000,
        "\xff\xfe{}",
    ],
)
def test_juno_odd_payloads_do_not_raise(body: str) -> None:
    derived = derive(make([], body), "juno", None, NOW)
    assert derived.provider == "juno"
    assert derived.amount is None


def test_stripe_amounts_are_minor_units() -> None:
    def stripe(obj: dict[str, Any]) -> Any:
        body = json.dumps(
            {"id": "evt_1", "object": "event", "type": "x", "created": 1, "data": {"object": obj}}
        )
        return derive(make([("Stripe-Signature", "t=1,v1=00")], body), None, None, NOW)

    jpy = stripe({"id": "pi_1", "object": "payment_intent", "amount": 1500, "currency": "jpy"})
    assert (jpy.amount, jpy.currency) == (Decimal("1500"), "JPY")
    brl = stripe(
        {"id": "ch_1", "object": "charge", "amount": 14990, "currency": "brl", "status": "succeeded"}
    )
    assert (brl.amount, brl.currency, brl.status) == (Decimal("149.90"), "BRL", "succeeded")
    refunded = stripe(
        {"id": "ch_1", "object": "charge", "amount": 100, "refunded": True, "status": "succeeded"}
    )
    assert refunded.status == "refunded"
    fixture = derive(request_for(case("stripe-payment-intent-succeeded")), "stripe", None, NOW)
    assert (fixture.amount, fixture.currency, fixture.event_time) == (Decimal("149.90"), "BRL", 1764244542.0)


def test_github_fields_come_from_headers() -> None:
    derived = derive(request_for(case("github-pr-opened")), "github", None, NOW)
    assert derived.event_id == "72d3162e-cc78-11e3-81ab-4c9367dc0958"
    assert derived.entity_id is None  # not a payment: the state machine skips it


def test_github_is_not_mistaken_for_pagarme_by_its_sha1_header() -> None:
    headers = [("X-GitHub-Event", "push"), ("X-Hub-Signature", "sha1=" + "0" * 40)]
    assert guess_provider(make(headers, "{}")) == "github"
    assert (
        guess_provider(make([("X-Hub-Signature", "sha1=" + "0" * 40)], "a=1&current_status=paid"))
        == "pagarme"
    )


def test_mercadopago_and_juno_share_a_header_name_but_not_its_shape() -> None:
    mp = request_for(case("mercadopago-payment-updated"))
    assert guess_provider(mp) == "mercadopago"
    juno = request_for(case("juno-charge-paid"))
    assert guess_provider(juno) == "juno"


def test_mercadopago_entity_from_body_when_the_query_lacks_it() -> None:
    body = '{"id": 42, "action": "payment.created", "type": "payment", "data": {"id": "999"}}'
    derived = derive(make([("x-request-id", "r1")], body), "mercadopago", None, NOW)
    assert (derived.event_id, derived.entity_id, derived.entity_type) == ("42", "999", "payment")
    assert derive(make([("x-request-id", "r1")], ""), "mercadopago", None, NOW).event_id == "r1"


def test_asaas_fields() -> None:
    derived = derive(request_for(case("asaas-payment-received")), "asaas", None, NOW)
    assert (derived.amount, derived.currency, derived.entity_type) == (Decimal("99.9"), "BRL", "PAYMENT")
    # dateCreated has no offset; read as Brasília time (UTC-3).
    assert derived.event_time == datetime(2026, 11, 27, 17, 10, tzinfo=UTC).timestamp()


def test_pagarme_v4_form_postback() -> None:
    body = (
        "id=4321&fingerprint=abc&event=transaction_status_changed&old_status=processing"
        "&desired_status=paid&current_status=paid&object=transaction&transaction%5Bamount%5D=14990"
        "&transaction%5Bcustomer%5D%5Bname%5D=Jo%C3%A3o&transaction%5Breference_key%5D=pedido-7"
    )
    derived = derive(make([("X-Hub-Signature", "sha1=" + "0" * 40)], body), None, None, NOW)
    assert derived.provider == "pagarme"
    assert (derived.event_type, derived.entity_type, derived.entity_id) == (
        "transaction_status_changed",
        "transaction",
        "4321",
    )
    assert (derived.status, derived.amount, derived.payer, derived.reference) == (
        "paid",
        Decimal("149.90"),
        "João",
        "pedido-7",
    )
    assert derived.event_id == "4321:processing>paid"


def test_pagbank_order_with_charges() -> None:
    body = json.dumps(
        {
            "id": "ORDE_1",
            "reference_id": "pedido-9",
            "customer": {"name": "Carla"},
            "charges": [{"id": "CHAR_1", "status": "PAID", "amount": {"value": 5000, "currency": "BRL"}}],
        }
    )
    derived = derive(make([("x-authenticity-token", "0" * 64)], body), None, None, NOW)
    assert derived.provider == "pagbank"
    assert (derived.entity_type, derived.entity_id, derived.status) == ("ORDER", "ORDE_1", "PAID")
    assert (derived.amount, derived.payer, derived.reference) == (Decimal("50.00"), "Carla", "pedido-9")


HEADER_NAMES = st.sampled_from(
    [
        "X-Signature",
        "x-signature",
        "Stripe-Signature",
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
        "svix-signature",
        "X-Hub-Signature-256",
        "X-Hub-Signature",
        "X-GitHub-Event",
        "asaas-access-token",
        "x-authenticity-token",
        "x-request-id",
        "Content-Type",
    ]
)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    provider=st.sampled_from([None, *PROVIDER_NAMES]),
    headers=st.lists(st.tuples(HEADER_NAMES, st.text(max_size=80)), max_size=6),
    body=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
        st.sampled_from(
            [b'{"data": [null]}', b'{"data": {"object": 5}}', b'{"id": "ORDE_x", "charges": [1]}']
        ),
    ),
    query=st.text(max_size=40),
    secret=st.one_of(st.none(), st.text(max_size=20)),
)
def test_derive_never_raises(
    provider: str | None, headers: list[tuple[str, str]], body: bytes, query: str, secret: str | None
) -> None:
    derived = derive(CapturedRequest("POST", "/x", query, headers, body, NOW), provider, secret, NOW)
    assert isinstance(derived.signature, Verdict)
    if derived.signature is not Verdict.VALID:
        assert derived.signature_reason  # every non-valid verdict says why
    assert "could not check" not in derived.signature_reason  # no verifier fell over
