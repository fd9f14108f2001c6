"""Conversions between the core's objects and `events` rows."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from desktop.core.model import CapturedRequest, Derived, StoredEvent, Verdict
from desktop.core.money import bounded_amount
from desktop.store.schema import EVENT_COLUMNS

INSERT_EVENT_SQL = (
    f"INSERT INTO events ({', '.join(EVENT_COLUMNS[1:])}) "
    f"VALUES ({', '.join('?' for _ in EVENT_COLUMNS[1:])})"
)
REQUEST_COLUMNS = EVENT_COLUMNS[1:12]  # received_at .. rejected: what the wire gave us
_DERIVED_COLUMNS = EVENT_COLUMNS[12:31]  # provider .. endpoint_trusted: what recognition adds
# A capture is stored before it is recognised (derived = 0); recognition fills the rest.
INSERT_CAPTURE_SQL = (
    f"INSERT INTO events ({', '.join(REQUEST_COLUMNS)}, derived) "
    f"VALUES ({', '.join('?' for _ in REQUEST_COLUMNS)}, 0)"
)
UPDATE_DERIVED_SQL = (
    f"UPDATE events SET {', '.join(f'{c} = ?' for c in _DERIVED_COLUMNS)}, derived = 1 WHERE id = ?"
)
SELECT_EVENT_COLUMNS = ", ".join(EVENT_COLUMNS)
# Added by schema 5 (custom responses, import marks); read by name, outside EVENT_COLUMNS so
# the positional readers of that tuple keep their shape.
EXTRA_COLUMNS = ("response", "imported")
UPDATE_RESPONSE_SQL = "UPDATE events SET response = ? WHERE id = ?"
# One encoder for every capture: json.dumps(..., ensure_ascii=False) builds a new one per call.
_encode_headers = json.JSONEncoder(ensure_ascii=False).encode


def capture_values(
    request: CapturedRequest, response_status: int, rejected: str, size: int | None = None
) -> tuple[Any, ...]:
    """Values for INSERT_CAPTURE_SQL: the request as received and what was answered."""
    return (
        request.received_at,
        request.remote_addr,
        request.method,
        request.path,
        request.query,
        request.http_version,
        _encode_headers(request.headers),
        request.content_type,
        len(request.body) if size is None else size,
        response_status,
        rejected,
    )


def derived_values(derived: Derived) -> tuple[Any, ...]:
    """The recognised fields, in EVENT_COLUMNS order (UPDATE_DERIVED_SQL adds the id)."""
    return (
        derived.provider,
        derived.event_type,
        derived.event_id,
        derived.event_time,
        derived.entity_type,
        derived.entity_id,
        derived.status,
        None if derived.amount is None else str(derived.amount),
        derived.currency,
        derived.payer,
        derived.reference,
        derived.signature.value,
        derived.signature_reason,
        json.dumps(derived.signature_detail, ensure_ascii=False),
        derived.endpoint,
        derived.duplicate_of,
        int(derived.out_of_order),
        derived.sale_id,
        int(derived.endpoint_trusted),
    )


def stored_decimal(text: str | None) -> Decimal | None:
    """A stored amount as a Decimal; None when there is none, or the text is not a plausible
    amount (a database written before amounts were bounded may hold '1e999999999')."""
    return bounded_amount(text) if isinstance(text, str) else None


def stored_detail(text: str | None) -> dict[str, str]:
    """The stored signature detail, as text pairs; {} when it is not a JSON object. An
    "expected" signature (kept by versions before schema 3) is never read back."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(key): str(item) for key, item in value.items() if key != "expected"}


def derived_from_row(r: Mapping[str, Any]) -> Derived:
    """The recognised fields of a row; columns a query did not select stay empty."""
    try:
        signature = Verdict(r.get("signature") or "unverified")
    except ValueError:  # a value written by a newer version: say nothing rather than fail
        signature = Verdict.UNVERIFIED
    return Derived(
        provider=r.get("provider"),
        event_type=r.get("event_type"),
        event_id=r.get("event_id"),
        event_time=r.get("event_time"),
        entity_type=r.get("entity_type"),
        entity_id=r.get("entity_id"),
        status=r.get("status"),
        amount=stored_decimal(r.get("amount")),
        currency=r.get("currency"),
        payer=r.get("payer"),
        reference=r.get("reference"),
        signature=signature,
        signature_reason=r.get("signature_reason") or "",
        endpoint=r.get("endpoint"),
        duplicate_of=r.get("duplicate_of"),
        out_of_order=bool(r.get("out_of_order")),
        sale_id=r.get("sale_id"),
        endpoint_trusted=bool(r.get("endpoint_trusted")),
        signature_detail=stored_detail(r.get("signature_detail")),
    )


def row_to_event(row: Sequence[Any] | Mapping[str, Any], body: bytes = b"") -> StoredEvent:
    """Rebuild a StoredEvent from a row selected with SELECT_EVENT_COLUMNS."""
    r = row if isinstance(row, Mapping) else dict(zip(EVENT_COLUMNS, row, strict=True))
    request = CapturedRequest(
        method=r["method"],
        path=r["path"],
        query=r["query"],
        headers=[(str(k), str(v)) for k, v in json.loads(r["headers"])],
        body=body,
        received_at=r["received_at"],
        remote_addr=r["remote_addr"],
        http_version=r["http_version"],
    )
    return StoredEvent(
        id=r["id"],
        request=request,
        derived=derived_from_row(r),
        response_status=r["response_status"],
        rejected=r["rejected"],
        response=r.get("response"),
        imported=bool(r.get("imported")),
    )
