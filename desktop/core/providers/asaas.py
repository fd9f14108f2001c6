"""Asaas: a static `asaas-access-token` header, compared as a whole (nothing is signed).

The token is the secret itself, so neither it nor the received value is ever put in the
details, only the received length (not the secret's: nothing derived from it is stored).
"""

from __future__ import annotations

import re
from typing import Any

from desktop.core.model import CapturedRequest, Derived, Headers, Verdict
from desktop.core.providers.base import (
    Check,
    decimal,
    header_or_body_score,
    iso_time,
    missing,
    parse_json,
    same,
    set_header,
    text,
    unverified,
)

HEADER = "asaas-access-token"
BRASILIA = -3  # dateCreated has no offset; assumed Brasília time (not confirmed by Asaas docs)
_EVENT_BODY = re.compile(rb'"event"\s*:\s*"[A-Z]+_[A-Z_]+"')


def _entity(body: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The object the event is about: the first nested object with an id (payment, transfer...)."""
    for key, value in body.items():
        if isinstance(value, dict) and "id" in value:
            return key.upper(), value
    return None, {}


class Asaas:
    name = "asaas"
    signed = True
    signature_headers: tuple[str, ...] = (HEADER,)

    def recognise(self, request: CapturedRequest) -> int:
        return header_or_body_score(request, HEADER, _EVENT_BODY)

    def describe(self, request: CapturedRequest) -> Derived:
        body = parse_json(request.body)
        if not isinstance(body, dict):
            return Derived()
        entity_type, entity = _entity(body)
        amount = decimal(entity.get("value"))  # Asaas sends reais, not cents
        return Derived(
            event_type=text(body.get("event")),
            event_id=text(body.get("id")),
            event_time=iso_time(body.get("dateCreated"), naive_offset_hours=BRASILIA),
            entity_type=entity_type,
            entity_id=text(entity.get("id")),
            status=text(entity.get("status")),
            amount=amount,
            currency="BRL" if amount is not None else None,
            reference=text(entity.get("externalReference")),
        )

    def verify(self, request: CapturedRequest, secret: str | None, now: float) -> Check:
        received = request.header(HEADER)
        if received is None:
            return missing(HEADER)
        if not secret:
            return unverified(HEADER)
        detail = {
            "header": HEADER,
            "algorithm": "static token, constant-time comparison (values not shown: they are the secret)",
            "received_length": str(len(received)),
        }
        if same(received, secret):
            return Check(Verdict.VALID, "", detail)
        return Check(Verdict.INVALID, f"token mismatch: {HEADER} differs from the configured token", detail)

    def sign(self, request: CapturedRequest, secret: str, now: float) -> Headers:
        return set_header(request.headers, HEADER, secret)

    def expected(self, request: CapturedRequest, secret: str) -> str:
        raise ValueError("Asaas sends a static token: the expected value is the configured token itself")


PROVIDER = Asaas()
