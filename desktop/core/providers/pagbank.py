"""PagBank (new API): `x-authenticity-token` = hex SHA-256 of `"<account token>-<raw body>"`.

Plain SHA-256, not HMAC. The body is the changed resource itself (an order with `charges`,
or a charge); there is no event type or delivery id, so both are synthesised from it. The
signed payload starts with the token (the secret), so its preview shows a placeholder.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from desktop.core.model import CapturedRequest, Derived, Headers
from desktop.core.money import from_minor_units
from desktop.core.providers.base import (
    Check,
    as_dict,
    dig,
    header_or_body_score,
    hex_check,
    iso_time,
    missing,
    parse_json,
    preview,
    set_header,
    text,
    unverified,
)

HEADER = "x-authenticity-token"
_RESOURCE_BODY = re.compile(rb'"id"\s*:\s*"(ORDE|CHAR|CHEC)_')
_KINDS = {"ORDE": "ORDER", "CHAR": "CHARGE", "CHEC": "CHECKOUT"}


def _digest(secret: str, body: bytes) -> str:
    return hashlib.sha256(secret.encode("utf-8") + b"-" + body).hexdigest()


def _payer(body: dict[str, Any], charge: dict[str, Any]) -> str | None:
    return (
        text(dig(body, "customer", "name"))
        or text(dig(charge, "payment_method", "boleto", "holder", "name"))
        or text(dig(charge, "payment_method", "card", "holder", "name"))
    )


class PagBank:
    name = "pagbank"
    signed = True
    signature_headers: tuple[str, ...] = (HEADER,)

    def recognise(self, request: CapturedRequest) -> int:
        return header_or_body_score(request, HEADER, _RESOURCE_BODY)

    def describe(self, request: CapturedRequest) -> Derived:
        body = parse_json(request.body)
        if not isinstance(body, dict):
            return Derived()
        resource_id = text(body.get("id"))
        kind = _KINDS.get((resource_id or "")[:4], "ORDER" if "charges" in body else None)
        # An order's state is its (first) charge's; a charge notification is the charge itself.
        charge = as_dict(dig(body, "charges", 0) if kind != "CHARGE" else body)
        status = text(charge.get("status")) or text(body.get("status"))
        value = dig(charge, "amount", "value")
        currency = (text(dig(charge, "amount", "currency")) or "BRL").upper()
        amount = (
            from_minor_units(value, currency)
            if isinstance(value, int) and not isinstance(value, bool)
            else None
        )
        return Derived(
            event_type=kind.lower() if kind else None,
            # No delivery id: the same resource in the same state is a redelivery.
            event_id=f"{resource_id}:{status}" if resource_id and status else resource_id,
            event_time=iso_time(charge.get("paid_at")) or iso_time(body.get("created_at")),
            entity_type=kind,
            entity_id=resource_id,
            status=status,
            amount=amount,
            currency=currency if amount is not None else None,
            payer=_payer(body, charge),
            reference=text(body.get("reference_id")) or text(charge.get("reference_id")),
        )

    def verify(self, request: CapturedRequest, secret: str | None, now: float) -> Check:
        received = request.header(HEADER)
        if received is None:
            return missing(HEADER)
        if not secret:
            return unverified(HEADER)
        detail = {
            "algorithm": "SHA-256 (not HMAC) of '<token>-<raw body>', hex",
            "signed_payload": "<token>-" + preview(request.body),
        }
        return hex_check(received, _digest(secret, request.body), HEADER, detail)

    def sign(self, request: CapturedRequest, secret: str, now: float) -> Headers:
        return set_header(request.headers, HEADER, _digest(secret, request.body))

    def expected(self, request: CapturedRequest, secret: str) -> str:
        return f"{HEADER}: {_digest(secret, request.body)}"


PROVIDER = PagBank()
