"""Signature verdicts and reasons, documented test vectors, and the sign() round trip."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from desktop.core.model import CapturedRequest, Verdict
from desktop.core.providers import derive, expected_signature, sign
from desktop.core.providers.base import set_header
from tests.core.test_providers import CASES, NOW, case, make, request_for

# One valid fixture delivery per signed provider, and the header that carries its signature.
SIGNED = {
    "juno": ("juno-charge-paid", "X-Signature"),
    "stripe": ("stripe-payment-intent-succeeded", "Stripe-Signature"),
    "github": ("github-pr-opened", "X-Hub-Signature-256"),
    "standard-webhooks": ("standard-webhooks-invoice-paid", "webhook-signature"),
    "mercadopago": ("mercadopago-payment-updated", "x-signature"),
    "asaas": ("asaas-payment-received", "asaas-access-token"),
}
# Providers without a fixture: a body and a secret to sign it with.
EXTRA = {
    "pagarme": ("id=1&event=transaction_status_changed&current_status=paid&object=transaction", "ak_test"),
    "pagbank": ('{"id":"CHAR_1","status":"PAID","amount":{"value":100,"currency":"BRL"}}', "pb-token"),
}
SIGNED_NAMES = [*SIGNED, *EXTRA]
HEADERS = {name: header for name, (_, header) in SIGNED.items()} | {
    "pagarme": "X-Hub-Signature",
    "pagbank": "x-authenticity-token",
}
# Asaas sends a static token and Mercado Pago signs ids and a timestamp: not the body.
BODY_NOT_SIGNED = {"asaas", "mercadopago"}


def signed_request(provider: str) -> tuple[CapturedRequest, str]:
    """A validly signed request for `provider` and its secret."""
    if provider in SIGNED:
        c = case(SIGNED[provider][0])
        return request_for(c), c["secret"]
    body, secret = EXTRA[provider]
    unsigned = make([("Content-Type", "application/json")], body)
    return replace(unsigned, headers=sign(provider, unsigned, secret, NOW)), secret


def without(request: CapturedRequest, *names: str) -> CapturedRequest:
    lowered = {name.lower() for name in names}
    return replace(request, headers=[(k, v) for k, v in request.headers if k.lower() not in lowered])


def with_header(request: CapturedRequest, name: str, value: str) -> CapturedRequest:
    return replace(request, headers=set_header(request.headers, name, value))


# --- documented vectors ---------------------------------------------------------------------


def test_github_documented_example() -> None:
    # docs.github.com "Validating webhook deliveries": secret, payload and expected signature.
    request = make(
        [
            ("X-GitHub-Event", "ping"),
            (
                "X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            ),
        ],
        "Hello, World!",
    )
    derived = derive(request, "github", "It's a Secret to Everybody", NOW)
    assert derived.signature is Verdict.VALID
    assert derived.signature_reason == ""


def test_standard_webhooks_specification_vector() -> None:
    request = make(
        [
            ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            ("webhook-timestamp", "1614265330"),
            ("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
        ],
        '{"test": 2432232314}',
    )
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    at_send_time = derive(request, "standard-webhooks", secret, 1614265330 + 10)
    assert (at_send_time.signature, at_send_time.signature_reason) == (Verdict.VALID, "")
    # Checked years later: still authentic, but outside the tolerance, so a possible replay.
    later = derive(request, "standard-webhooks", secret, NOW)
    assert later.signature is Verdict.STALE
    assert later.signature_reason.startswith("signature matches but timestamp is ")
    assert later.signature_reason.endswith(" days old; tolerance 300 s: possible replay")
    # Svix's branded headers carry the same scheme.
    svix = replace(request, headers=[(k.replace("webhook-", "svix-"), v) for k, v in request.headers])
    assert derive(svix, None, secret, 1614265330).signature is Verdict.VALID


# --- verdicts -------------------------------------------------------------------------------


def test_stripe_fixture_checked_a_year_later_is_stale_and_says_its_age() -> None:
    derived = derive(request_for(case("stripe-payment-intent-succeeded")), "stripe", None, NOW)
    assert derived.signature is Verdict.UNVERIFIED
    c = case("stripe-payment-intent-succeeded")
    derived = derive(request_for(c), "stripe", c["secret"], NOW)
    age = int(NOW) - 1764244542
    assert derived.signature is Verdict.STALE
    assert derived.signature_reason == (
        "signature matches but timestamp is 365 days old; tolerance 300 s: possible replay"
    )
    assert derived.signature_detail["age_seconds"] == str(age)
    # At delivery time the same bytes are simply valid.
    on_time = derive(request_for(c), "stripe", c["secret"], 1764244542 + 5)
    assert (on_time.signature, on_time.signature_reason) == (Verdict.VALID, "")


@pytest.mark.parametrize(
    ("age", "words"),
    [
        (301, "301 s old"),
        (3 * 86400 + 7, "3 days old"),
        (45 * 60, "45 min old"),
        (-900, "15 min in the future"),
    ],
)
def test_stale_reason_says_the_age_in_words(age: int, words: str) -> None:
    c = case("stripe-payment-intent-succeeded")
    derived = derive(request_for(c), "stripe", c["secret"], 1764244542 + age)
    assert derived.signature is Verdict.STALE
    assert (
        derived.signature_reason
        == f"signature matches but timestamp is {words}; tolerance 300 s: possible replay"
    )


def test_the_tolerance_edge_is_valid_one_second_more_is_stale() -> None:
    c = case("stripe-payment-intent-succeeded")
    assert derive(request_for(c), "stripe", c["secret"], 1764244542 + 300).signature is Verdict.VALID
    assert derive(request_for(c), "stripe", c["secret"], 1764244542 + 301).signature is Verdict.STALE


def test_stripe_rotation_any_v1_in_one_header_matches() -> None:
    c = case("stripe-payment-intent-succeeded")
    good = dict(request_for(c).headers)["Stripe-Signature"].split("v1=")[1]
    rotated = with_header(request_for(c), "Stripe-Signature", f"t=1764244542,v1={'0' * 64},v1={good},v0=ab")
    assert derive(rotated, "stripe", c["secret"], 1764244542).signature is Verdict.VALID
    future = derive(rotated, "stripe", c["secret"], 1764244542 - 900)
    assert future.signature is Verdict.STALE
    assert "15 min in the future; tolerance 300 s" in future.signature_reason


def test_stripe_two_timestamps_in_one_header_are_ambiguous() -> None:
    c = case("stripe-payment-intent-succeeded")
    header = dict(request_for(c).headers)["Stripe-Signature"]
    doubled = with_header(request_for(c), "Stripe-Signature", f"t=1764244999,{header}")
    derived = derive(doubled, "stripe", c["secret"], 1764244542)
    assert derived.signature is Verdict.INVALID
    assert "ambiguous: 2 t= elements" in derived.signature_reason


def test_standard_webhooks_old_message_is_stale() -> None:
    c = case("standard-webhooks-invoice-paid")
    derived = derive(request_for(c), "standard-webhooks", c["secret"], 1764244600 + 3 * 86400)
    assert derived.signature is Verdict.STALE
    assert (
        derived.signature_reason
        == "signature matches but timestamp is 3 days old; tolerance 300 s: possible replay"
    )


def test_mercadopago_has_no_documented_window_so_age_is_only_reported() -> None:
    c = case("mercadopago-payment-updated")
    derived = derive(request_for(c), "mercadopago", c["secret"], NOW)
    assert derived.signature is Verdict.VALID
    assert int(derived.signature_detail["age_seconds"]) > 300


def test_stripe_mismatch_with_old_timestamp_says_both() -> None:
    c = case("stripe-payment-intent-succeeded")
    derived = derive(request_for(c), "stripe", "whsec_other", NOW)
    assert derived.signature is Verdict.INVALID
    assert derived.signature_reason.startswith("signature mismatch")
    assert "365 days old; tolerance 300 s" in derived.signature_reason


def fresh(provider: str) -> float:
    """A check time inside the tolerance for this provider's signed request."""
    if provider == "stripe":
        return 1764244542 + 5
    if provider == "standard-webhooks":
        return 1764244600 + 5
    return NOW


@pytest.mark.parametrize("provider", SIGNED_NAMES)
def test_valid_as_delivered(provider: str) -> None:
    request, secret = signed_request(provider)
    assert derive(request, provider, secret, fresh(provider)).signature is Verdict.VALID


@pytest.mark.parametrize("provider", SIGNED_NAMES)
def test_wrong_secret_is_a_mismatch(provider: str) -> None:
    request, secret = signed_request(provider)
    wrong = "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY" if provider == "standard-webhooks" else secret + "x"
    derived = derive(request, provider, wrong, NOW)
    assert derived.signature is Verdict.INVALID
    assert "mismatch" in derived.signature_reason


def test_tampered_fixture_body_is_a_mismatch() -> None:
    c = case("juno-charge-tampered")
    derived = derive(request_for(c), "juno", c["secret"], NOW)
    assert derived.signature_reason == "signature mismatch: X-Signature differs from the expected digest"
    assert derived.signature_detail["received"] == dict(c["headers"])["X-Signature"]
    assert "expected" not in derived.signature_detail  # never stored: see test_no_signing_oracle


MALFORMED = [
    ("juno", "X-Signature", "abc123", "expected 64 hex chars, got 6 chars"),
    ("juno", "X-Signature", "z" * 64, "expected 64 hex chars"),
    ("github", "X-Hub-Signature-256", "8f6ce13c" * 8, "expected 'sha256=' followed by 64 hex chars"),
    ("github", "X-Hub-Signature-256", "sha256=nothex", "expected 64 hex chars"),
    ("stripe", "Stripe-Signature", "v1=" + "a" * 64, "no t=<unix seconds>"),
    ("stripe", "Stripe-Signature", "t=1764244542", "no v1=<signature>"),
    ("stripe", "Stripe-Signature", "t=1764244542,v1=short", "64 hex chars"),
    ("standard-webhooks", "webhook-signature", "v1,!!!not base64", "'v1,<base64>'"),
    ("standard-webhooks", "webhook-timestamp", "yesterday", "expected Unix seconds"),
    ("mercadopago", "x-signature", "f" * 64, "expected 'ts=<milliseconds>,v1=<64 hex chars>'"),
    ("mercadopago", "x-signature", "ts=1764244700000,v1=xyz", "expected 64 hex chars"),
    ("pagarme", "X-Hub-Signature", "sha256=" + "a" * 64, "expected 'sha1=' followed by 40 hex chars"),
    ("pagbank", "x-authenticity-token", "a" * 40, "expected 64 hex chars, got 40 chars"),
    # Absurd timestamps are refused before they reach int() or float().
    ("stripe", "Stripe-Signature", f"t={'9' * 5000},v1={'a' * 64}", "no t=<unix seconds>"),
    ("mercadopago", "x-signature", f"ts={'9' * 5000},v1={'a' * 64}", "expected 'ts=<milliseconds>"),
    ("standard-webhooks", "webhook-timestamp", "9" * 5000, "expected Unix seconds"),
]


@pytest.mark.parametrize(("provider", "header", "value", "why"), MALFORMED)
def test_malformed_headers_say_what_is_wrong(provider: str, header: str, value: str, why: str) -> None:
    request, secret = signed_request(provider)
    derived = derive(with_header(request, header, value), provider, secret, NOW)
    assert derived.signature is Verdict.INVALID
    assert f"{header} header malformed" in derived.signature_reason
    assert why in derived.signature_reason


@pytest.mark.parametrize("provider", SIGNED_NAMES)
def test_missing_header_is_missing_with_or_without_a_secret(provider: str) -> None:
    request, secret = signed_request(provider)
    header = HEADERS[provider]
    stripped = without(request, header)
    for configured in (secret, None):
        derived = derive(stripped, provider, configured, NOW)
        assert derived.signature is Verdict.MISSING
        assert derived.signature_reason == f"{header} header missing"


@pytest.mark.parametrize("provider", SIGNED_NAMES)
def test_no_secret_is_unverified(provider: str) -> None:
    request, _ = signed_request(provider)
    derived = derive(request, provider, None, NOW)
    assert derived.signature is Verdict.UNVERIFIED
    assert "no secret configured" in derived.signature_reason
    assert derive(request, provider, "", NOW).signature is Verdict.UNVERIFIED  # '' is no secret


def test_unsigned_provider_is_unsigned_whatever_the_secret() -> None:
    request = request_for(case("juno-v1-legacy-form"))
    for secret in (None, "anything"):
        derived = derive(request, "juno-v1", secret, NOW)
        assert derived.signature is Verdict.UNSIGNED
        assert "not signed" in derived.signature_reason


def test_juno_accepts_uppercase_hex_over_the_exact_bytes() -> None:
    c = case("juno-charge-paid")
    request = request_for(c)
    upper = with_header(request, "X-Signature", dict(request.headers)["X-Signature"].upper())
    assert derive(upper, "juno", c["secret"], NOW).signature is Verdict.VALID
    # One more byte (a trailing newline a proxy might add) breaks it: no normalising.
    assert (
        derive(replace(request, body=request.body + b"\n"), "juno", c["secret"], NOW).signature
        is Verdict.INVALID
    )


def test_standard_webhooks_needs_the_id_and_a_usable_secret() -> None:
    request, secret = signed_request("standard-webhooks")
    no_id = derive(without(request, "webhook-id"), "standard-webhooks", secret, NOW)
    assert no_id.signature is Verdict.INVALID
    assert "webhook-id header missing" in no_id.signature_reason
    bad_secret = derive(request, "standard-webhooks", "whsec_a", NOW)
    assert bad_secret.signature is Verdict.UNVERIFIED
    assert "not a Standard Webhooks secret" in bad_secret.signature_reason


@pytest.mark.parametrize("c", [c for c in CASES if c["secret"]], ids=lambda c: c["name"])
def test_secret_never_appears_in_reason_or_details(c: dict[str, Any]) -> None:
    for secret in (c["secret"], c["secret"] + "x"):
        derived = derive(request_for(c), c["provider"], secret, NOW)
        shown = [derived.signature_reason, *derived.signature_detail.values()]
        assert not any(c["secret"] in value for value in shown)


# --- sign() ---------------------------------------------------------------------------------


@pytest.mark.parametrize("provider", SIGNED_NAMES)
def test_sign_round_trip_after_editing_the_body(provider: str) -> None:
    request, secret = signed_request(provider)
    edited = replace(request, body=request.body.replace(b"1", b"2") + b" ")
    if provider not in BODY_NOT_SIGNED:
        assert derive(edited, provider, secret, NOW).signature is Verdict.INVALID
    resigned = replace(edited, headers=sign(provider, edited, secret, NOW))
    derived = derive(resigned, provider, secret, NOW)
    assert derived.signature is Verdict.VALID
    assert derived.signature_reason == ""  # signed "now": inside any tolerance
    # Headers other than the signature keep their order and original case.
    names = [name for name, _ in request.headers]
    assert [name for name, _ in resigned.headers][: len(names)] == names


def test_sign_keeps_unsigned_requests_and_refuses_unknown_providers() -> None:
    request = request_for(case("juno-v1-legacy-form"))
    assert sign("juno-v1", request, "x", NOW) == request.headers
    with pytest.raises(ValueError, match="unknown provider"):
        sign("paypal", request, "x", NOW)
    with pytest.raises(ValueError, match="not a Standard Webhooks secret"):
        sign("standard-webhooks", request, ":", NOW)
    with pytest.raises(ValueError, match="not UTF-8"):
        sign("standard-webhooks", replace(request, body=b"\xff"), "whsec_MDEy", NOW)


def test_sign_adds_the_header_when_absent_and_github_refreshes_sha1_too() -> None:
    request = make([("X-GitHub-Event", "push"), ("X-Hub-Signature", "sha1=" + "0" * 40)], "{}")
    headers = dict(sign("github", request, "s", NOW))
    assert headers["X-Hub-Signature-256"].startswith("sha256=")
    assert headers["X-Hub-Signature"] != "sha1=" + "0" * 40
    legacy_only = without(replace(request, headers=list(headers.items())), "X-Hub-Signature-256")
    assert derive(legacy_only, "github", "s", NOW).signature is Verdict.VALID


# --- ambiguity and the signing oracle -------------------------------------------------------


@pytest.mark.parametrize("provider", SIGNED_NAMES)
def test_two_signature_headers_are_ambiguous_whatever_their_order(provider: str) -> None:
    request, secret = signed_request(provider)
    header = HEADERS[provider]
    valid = request.header(header)
    assert valid is not None
    forged = [(header, "f" * len(valid))]
    for headers in (request.headers + forged, forged + request.headers):
        derived = derive(replace(request, headers=headers), provider, secret, fresh(provider))
        assert derived.signature is Verdict.INVALID
        assert derived.signature_reason.startswith("ambiguous: 2 signature headers")
    # Without a secret too: ambiguity is not "unverified".
    doubled = replace(request, headers=request.headers + forged)
    assert derive(doubled, provider, None, fresh(provider)).signature is Verdict.INVALID


def test_standard_webhooks_two_ids_are_ambiguous_too() -> None:
    request, secret = signed_request("standard-webhooks")
    doubled = replace(request, headers=[*request.headers, ("webhook-id", "msg_other")])
    derived = derive(doubled, "standard-webhooks", secret, fresh("standard-webhooks"))
    assert derived.signature_reason.startswith("ambiguous: 2 signature headers named webhook-id")


@pytest.mark.parametrize("provider", SIGNED_NAMES)
def test_no_detail_is_computed_with_the_secret(provider: str) -> None:
    request, secret = signed_request(provider)
    valid = request.header(HEADERS[provider]) or ""
    forged = with_header(request, HEADERS[provider], valid[:-8] + "00000000")  # keeps t=/ts=
    for checked in (request, forged):
        derived = derive(checked, provider, secret, fresh(provider))
        assert "expected" not in derived.signature_detail
        if provider != "asaas":  # a static token: nothing is computed
            oracle = expected_signature(provider, checked, secret).split(": ", 1)[1]
            digest = oracle.rsplit("=", 1)[-1].rsplit(",", 1)[-1]
            stored = " ".join([derived.signature_reason, *derived.signature_detail.values()])
            assert digest not in stored or digest in (checked.header(HEADERS[provider]) or "")


def test_expected_signature_on_demand_is_what_the_sender_should_have_sent() -> None:
    c = case("juno-charge-tampered")
    request = request_for(c)
    shown = expected_signature("juno", request, c["secret"])
    fixed = with_header(request, "X-Signature", shown.split(": ", 1)[1])
    assert derive(fixed, "juno", c["secret"], NOW).signature is Verdict.VALID
    stripe = case("stripe-payment-intent-succeeded")
    assert expected_signature("stripe", request_for(stripe), stripe["secret"]) == (
        "Stripe-Signature: " + dict(stripe["headers"])["Stripe-Signature"]
    )
    with pytest.raises(ValueError, match="static token"):
        expected_signature("asaas", request_for(case("asaas-payment-received")), "x")
    with pytest.raises(ValueError, match="no secret"):
        expected_signature("juno", request, "")
