"""Mercado Pago: `x-signature: ts=<ms>,v1=<hex>` plus `x-request-id`.

What is signed is not the body but a manifest, `"id:<data.id>;request-id:<x-request-id>;ts:<ts>;"`
(trailing `;`), where `data.id` comes from the query string, lower-cased; parts whose value is
absent are left out, as Mercado Pago's documentation says. HMAC-SHA256, hex, keyed with the
application's secret. No replay window is documented, so the age is only reported.
Notifications carry no status or amount: the receiver fetches the resource by id.
"""

from __future__ import annotations

from desktop.core.model import CapturedRequest, Derived, Headers
from desktop.core.providers.base import (
    Check,
    as_dict,
    dig,
    hex_check,
    hmac_hex,
    iso_time,
    malformed,
    missing,
    parse_json,
    query_params,
    set_header,
    sniff,
    text,
    unix_time,
    unverified,
)

HEADER = "x-signature"
REQUEST_ID = "x-request-id"


def _parse(header: str) -> dict[str, str]:
    parts = (part.strip().partition("=") for part in header.split(","))
    return {key.strip(): value.strip() for key, _, value in parts}


def manifest(request: CapturedRequest, request_id: str | None, ts: str) -> str:
    data_id = query_params(request.query).get("data.id")
    parts = [f"id:{data_id.lower()};" if data_id else "", f"request-id:{request_id};" if request_id else ""]
    return "".join(parts) + f"ts:{ts};"


class MercadoPago:
    name = "mercadopago"
    signed = True
    signature_headers: tuple[str, ...] = (HEADER, REQUEST_ID)

    def recognise(self, request: CapturedRequest) -> int:
        signature = request.header(HEADER)
        if signature is not None and "ts=" in signature and "v1=" in signature:
            return 100
        query = query_params(request.query)
        if request.header(REQUEST_ID) is not None and "data.id" in query:
            return 50
        head = sniff(request.body)
        return 30 if b'"api_version"' in head and b'"action"' in head else 0

    def describe(self, request: CapturedRequest) -> Derived:
        query = query_params(request.query)
        body = as_dict(parse_json(request.body))
        kind = text(body.get("type")) or text(body.get("topic")) or query.get("type") or query.get("topic")
        return Derived(
            event_type=text(body.get("action")) or kind,
            # The notification's own id is stable across retries; x-request-id is the fallback.
            event_id=text(body.get("id")) or request.header(REQUEST_ID),
            event_time=iso_time(body.get("date_created")),
            entity_type=kind,
            entity_id=query.get("data.id") or text(dig(body, "data", "id")) or query.get("id"),
        )

    def verify(self, request: CapturedRequest, secret: str | None, now: float) -> Check:
        header = request.header(HEADER)
        if header is None:
            return missing(HEADER)
        if not secret:
            return unverified(HEADER)
        fields = _parse(header)
        ts, received = fields.get("ts", ""), fields.get("v1")
        detail = {"algorithm": "HMAC-SHA256 of the id/request-id/ts manifest, hex", "header_value": header}
        sent_ms = unix_time(ts, max_digits=19)
        if sent_ms is None or received is None:
            return malformed(HEADER, "expected 'ts=<milliseconds>,v1=<64 hex chars>'", detail)
        signed = manifest(request, request.header(REQUEST_ID), ts)
        # ts is in milliseconds; reported for the developer, not judged (no documented window).
        detail |= {"signed_payload": signed, "timestamp": ts, "age_seconds": str(int(now) - sent_ms // 1000)}
        return hex_check(received, hmac_hex(secret, signed.encode()), HEADER, detail)

    def sign(self, request: CapturedRequest, secret: str, now: float) -> Headers:
        ts = str(int(now * 1000))
        request_id = request.header(REQUEST_ID)
        signature = hmac_hex(secret, manifest(request, request_id, ts).encode())
        return set_header(request.headers, HEADER, f"ts={ts},v1={signature}")

    def expected(self, request: CapturedRequest, secret: str) -> str:
        ts = _parse(request.header(HEADER) or "").get("ts", "")
        if unix_time(ts, max_digits=19) is None:
            raise ValueError(f"{HEADER} has no usable ts=<milliseconds>: nothing to sign")
        signed = manifest(request, request.header(REQUEST_ID), ts)
        return f"{HEADER}: ts={ts},v1={hmac_hex(secret, signed.encode())}"


PROVIDER = MercadoPago()
