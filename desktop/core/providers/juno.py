"""Juno (API v2): a JSON envelope, signed with `X-Signature` = hex HMAC-SHA256 of the raw body.

The key is the webhook secret's UTF-8 bytes (not hex-decoded). There is no timestamp in the
signature, hence no replay window: duplicates are caught by `eventId` in the state machine.
"""

from __future__ import annotations

from desktop.core.model import CapturedRequest, Derived, Headers
from desktop.core.providers.base import (
    Check,
    as_dict,
    dig,
    hex_check,
    hmac_hex,
    is_hex,
    iso_time,
    missing,
    parse_json,
    preview,
    set_header,
    sniff,
    text,
    unverified,
)
from desktop.core.providers.base import decimal as to_decimal

HEADER = "X-Signature"
# Most events carry their state in `status`; these two name it differently (PROVIDERS.md).
# Juno v2 event types (PROVIDERS.md), offered by the filter bar's completion.
EVENT_TYPES = (
    "CHARGE_CREATED",
    "CHARGE_STATUS_CHANGED",
    "CHARGE_READ_CONFIRMATION",
    "PAYMENT_NOTIFICATION",
    "TRANSFER_STATUS_CHANGED",
    "P2P_TRANSFER_STATUS_CHANGED",
    "BILL_PAYMENT_STATUS_CHANGED",
    "DIGITAL_ACCOUNT_STATUS_CHANGED",
    "DIGITAL_ACCOUNT_CREATED",
    "DOCUMENT_STATUS_CHANGED",
)
_STATUS_ATTRIBUTE = {"CHARGE_READ_CONFIRMATION": "source", "DOCUMENT_STATUS_CHANGED": "approvalStatus"}
# Seen in the first bytes of every v2 envelope, even a truncated one.
_MARKERS = (b'"eventId"', b'"eventType"')


class Juno:
    name = "juno"
    signed = True
    signature_headers: tuple[str, ...] = (HEADER,)

    def recognise(self, request: CapturedRequest) -> int:
        score = 0
        signature = request.header(HEADER)
        # Mercado Pago uses the same header name with 'ts=...,v1=...': only bare hex is Juno's.
        if signature is not None and is_hex(signature.strip(), 64):
            score += 50
        head = sniff(request.body)
        if all(marker in head for marker in _MARKERS):
            score += 40
        return score

    def describe(self, request: CapturedRequest) -> Derived:
        body = parse_json(request.body)
        if not isinstance(body, dict):
            return Derived()  # e.g. truncated JSON: stored as is, nothing to summarise
        event_type = text(body.get("eventType"))
        data = body.get("data")
        # `data` is a list; samples hold one entity, but several are possible: the summary
        # fields describe the first one.
        entity = as_dict(data[0] if isinstance(data, list) and data else data)
        attributes = as_dict(entity.get("attributes"))
        amount = to_decimal(attributes.get("amount"))
        return Derived(
            event_type=event_type,
            event_id=text(body.get("eventId")),
            event_time=iso_time(body.get("timestamp")),
            entity_type=text(entity.get("entityType")),
            entity_id=text(entity.get("entityId")),
            status=text(attributes.get(_STATUS_ATTRIBUTE.get(event_type or "", "status"))),
            amount=amount,
            currency="BRL" if amount is not None else None,
            # Payments nest their charge; charges carry payer and reference themselves.
            payer=text(dig(attributes, "charge", "payer", "name")) or text(dig(attributes, "payer", "name")),
            reference=text(dig(attributes, "charge", "reference")) or text(attributes.get("reference")),
            # A payment names the charge it settles: the two are one sale (core/sales.py).
            sale_id=text(dig(attributes, "charge", "id")),
        )

    def verify(self, request: CapturedRequest, secret: str | None, now: float) -> Check:
        received = request.header(HEADER)
        if received is None:
            return missing(HEADER)
        if not secret:
            return unverified(HEADER)
        detail = {"algorithm": "HMAC-SHA256 of the raw body, hex", "signed_payload": preview(request.body)}
        return hex_check(received, hmac_hex(secret, request.body), HEADER, detail)

    def sign(self, request: CapturedRequest, secret: str, now: float) -> Headers:
        return set_header(request.headers, HEADER, hmac_hex(secret, request.body))

    def expected(self, request: CapturedRequest, secret: str) -> str:
        return f"{HEADER}: {hmac_hex(secret, request.body)}"


PROVIDER = Juno()
