"""Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=...]` over `"<t>.<raw body>"`.

HMAC-SHA256 keyed with the whole `whsec_...` string. During secret rotation several `v1`
values arrive in one header; any match is valid. A match whose timestamp is outside the 300 s
tolerance is STALE (a possible replay), as Stripe's libraries reject it. Stored events are
re-checked at their receipt time, so a delivery does not go stale by being looked at later.
"""

from __future__ import annotations

import re

from desktop.core.model import CapturedRequest, Derived, Headers
from desktop.core.money import from_minor_units
from desktop.core.providers.base import (
    Check,
    as_dict,
    dig,
    header_or_body_score,
    hmac_hex,
    is_hex,
    malformed,
    missing,
    parse_json,
    preview,
    same,
    set_header,
    text,
    timed_check,
    unix_time,
    unverified,
)

HEADER = "Stripe-Signature"
TOLERANCE = 300
_EVENT_BODY = re.compile(rb'"object"\s*:\s*"event"')
_AMOUNT_KEYS = ("amount", "amount_total", "amount_paid", "amount_due")


def _parse(header: str) -> tuple[list[str], list[str]]:
    """(every t= value, every v1= value) of a Stripe-Signature header."""
    timestamps: list[str] = []
    signatures: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            timestamps.append(value)
        elif key == "v1":
            signatures.append(value)
    return timestamps, signatures


def _status(obj: dict[str, object]) -> str | None:
    # A refunded charge still says status=succeeded; say what a finance person needs to know.
    if obj.get("object") == "charge" and obj.get("refunded") is True:
        return "refunded"
    if (
        obj.get("object") == "charge"
        and isinstance(obj.get("amount_refunded"), int)
        and obj["amount_refunded"]
    ):
        return "partially_refunded"
    return text(obj.get("status"))


class Stripe:
    name = "stripe"
    signed = True
    signature_headers: tuple[str, ...] = (HEADER,)

    def recognise(self, request: CapturedRequest) -> int:
        return header_or_body_score(request, HEADER, _EVENT_BODY)

    def describe(self, request: CapturedRequest) -> Derived:
        body = parse_json(request.body)
        if not isinstance(body, dict):
            return Derived()
        obj = as_dict(dig(body, "data", "object"))
        currency = text(obj.get("currency"))
        currency = currency.upper() if currency else None
        raw = next((obj[key] for key in _AMOUNT_KEYS if isinstance(obj.get(key), int)), None)
        created = body.get("created")
        return Derived(
            event_type=text(body.get("type")),
            event_id=text(body.get("id")),
            event_time=float(created) if isinstance(created, int) and not isinstance(created, bool) else None,
            entity_type=text(obj.get("object")),
            entity_id=text(obj.get("id")),
            status=_status(obj),
            amount=from_minor_units(raw, currency) if raw is not None else None,  # cents -> units
            currency=currency if raw is not None else None,
            payer=text(dig(obj, "billing_details", "name"))
            or text(dig(obj, "customer_details", "name"))
            or text(obj.get("customer_name")),
            reference=text(obj.get("client_reference_id")) or text(dig(obj, "metadata", "reference")),
            # A charge or a refund names its payment intent: one sale (core/sales.py).
            sale_id=text(obj.get("payment_intent")),
        )

    def verify(self, request: CapturedRequest, secret: str | None, now: float) -> Check:
        header = request.header(HEADER)
        if header is None:
            return missing(HEADER)
        if not secret:
            return unverified(HEADER)
        timestamps, received = _parse(header)
        detail = {"header": HEADER, "algorithm": "HMAC-SHA256 of '<t>.<raw body>', hex", "received": header}
        if len(timestamps) > 1:
            # Which t= a verifier reads is arbitrary: treat it like two signature headers.
            return malformed(HEADER, f"ambiguous: {len(timestamps)} t= elements", detail)
        timestamp = timestamps[0] if timestamps else None
        sent_at = unix_time(timestamp)
        if timestamp is None or sent_at is None:
            return malformed(HEADER, "no t=<unix seconds> element", detail)
        if not received:
            return malformed(HEADER, "no v1=<signature> element", detail)
        signed = timestamp.encode() + b"." + request.body
        expected = hmac_hex(secret, signed)  # compared, never kept (see Derived.signature_detail)
        detail |= {
            "signed_payload": preview(signed),
            "timestamp": timestamp,
            "age_seconds": str(int(now) - sent_at),
            "tolerance_seconds": str(TOLERANCE),
        }
        matches = any(same(value.lower(), expected) for value in received)
        if not matches and not any(is_hex(value, 64) for value in received):
            return malformed(HEADER, "v1 signatures must be 64 hex chars", detail)
        return timed_check(matches, sent_at, now, TOLERANCE, detail)

    def sign(self, request: CapturedRequest, secret: str, now: float) -> Headers:
        timestamp = str(int(now))
        signature = hmac_hex(secret, timestamp.encode() + b"." + request.body)
        return set_header(request.headers, HEADER, f"t={timestamp},v1={signature}")

    def expected(self, request: CapturedRequest, secret: str) -> str:
        timestamps, _ = _parse(request.header(HEADER) or "")
        if len(timestamps) != 1 or unix_time(timestamps[0]) is None:
            raise ValueError(f"{HEADER} has no single usable t=<unix seconds>: nothing to sign")
        timestamp = timestamps[0]
        return f"{HEADER}: t={timestamp},v1={hmac_hex(secret, timestamp.encode() + b'.' + request.body)}"


PROVIDER = Stripe()
