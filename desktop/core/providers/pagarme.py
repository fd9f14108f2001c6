"""Pagar.me v4 postbacks: form body, `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body>`.

Keyed with the account's API key. A JSON body (the v5 "core" API shape: id, type, data) is
described too, so an endpoint configured for Pagar.me shows something useful for either.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.core.model import CapturedRequest, Derived, Headers
from desktop.core.money import from_minor_units
from desktop.core.providers.base import (
    Check,
    as_dict,
    dig,
    hex_check,
    hmac_hex,
    iso_time,
    missing,
    parse_form,
    parse_json,
    preview,
    set_header,
    sniff,
    text,
    unverified,
)

HEADER = "X-Hub-Signature"


def _cents(value: Any, currency: str | None) -> Decimal | None:
    """Pagar.me amounts are integers in cents, as numbers or as form text."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    try:
        return from_minor_units(int(value), currency)
    except ValueError:  # not an integer (or absurdly long)
        return None


def _describe_v5(body: dict[str, Any]) -> Derived:
    data = as_dict(body.get("data"))
    event_type = text(body.get("type"))
    currency = (text(data.get("currency")) or "BRL").upper()
    amount = _cents(data.get("amount"), currency)
    return Derived(
        event_type=event_type,
        event_id=text(body.get("id")),
        event_time=iso_time(data.get("updated_at")) or iso_time(body.get("created_at")),
        entity_type=event_type.split(".")[0] if event_type else None,
        entity_id=text(data.get("id")),
        status=text(data.get("status")),
        amount=amount,
        currency=currency if amount is not None else None,
        payer=text(dig(data, "customer", "name")),
        reference=text(data.get("code")),
    )


def _describe_v4(form: dict[str, str]) -> Derived:
    amount = _cents(form.get("transaction[amount]") or form.get("amount"), "BRL")
    object_id, old, new = form.get("id"), form.get("old_status"), form.get("current_status")
    return Derived(
        event_type=form.get("event") or None,
        # v4 postbacks carry no delivery id: the same transition of the same object is a redelivery.
        event_id=f"{object_id}:{old}>{new}" if object_id and new else None,
        event_time=iso_time(form.get("transaction[date_updated]")),
        entity_type=form.get("object") or None,
        entity_id=object_id or None,
        status=new or None,
        amount=amount,
        currency="BRL" if amount is not None else None,
        payer=form.get("transaction[customer][name]") or None,
        reference=form.get("transaction[reference_key]") or None,
    )


class PagarMe:
    name = "pagarme"
    signed = True
    signature_headers: tuple[str, ...] = (HEADER,)

    def recognise(self, request: CapturedRequest) -> int:
        score = 0
        signature = request.header(HEADER)
        if signature is not None and signature.lower().startswith("sha1="):
            score += 60  # GitHub sends this header too, but its X-GitHub-Event scores higher
        if b"current_status=" in sniff(request.body):
            score += 30
        return score

    def describe(self, request: CapturedRequest) -> Derived:
        body = parse_json(request.body)
        if isinstance(body, dict):
            return _describe_v5(body)
        return _describe_v4(parse_form(request.body))

    def verify(self, request: CapturedRequest, secret: str | None, now: float) -> Check:
        received = request.header(HEADER)
        if received is None:
            return missing(HEADER)
        if not secret:
            return unverified(HEADER)
        detail = {"algorithm": "HMAC-SHA1 of the raw body, hex", "signed_payload": preview(request.body)}
        return hex_check(received, hmac_hex(secret, request.body, "sha1"), HEADER, detail, prefix="sha1=")

    def sign(self, request: CapturedRequest, secret: str, now: float) -> Headers:
        return set_header(request.headers, HEADER, "sha1=" + hmac_hex(secret, request.body, "sha1"))

    def expected(self, request: CapturedRequest, secret: str) -> str:
        return f"{HEADER}: sha1={hmac_hex(secret, request.body, 'sha1')}"


PROVIDER = PagarMe()
