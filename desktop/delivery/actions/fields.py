"""An event's common fields, as the environment of a command and the names of a template.

Every value comes from the stored event and is only ever data: an environment value, a
template variable, a JSON file. None of it chooses what runs or who receives.
"""

from __future__ import annotations

import json
from typing import Any

from desktop.core.export_formats import event_record, iso_utc
from desktop.core.model import StoredEvent
from desktop.core.money import format_amount


def _text(value: object) -> str:
    # An environment value cannot hold NUL (execve would refuse the whole command).
    return "" if value is None else str(value).replace("\x00", "")


def event_fields(event: StoredEvent) -> dict[str, str]:
    """The names a template may use, all plain strings ('' when the event has none)."""
    d = event.derived
    body = event.request.body.decode("utf-8", errors="replace")
    return {
        "id": str(event.id),
        "event_id": str(event.id),
        "provider": _text(d.provider),
        "event_type": _text(d.event_type),
        "type": _text(d.event_type),
        "entity_type": _text(d.entity_type),
        "entity_id": _text(d.entity_id),
        "status": _text(d.status),
        "amount": _text(d.amount),
        "amount_text": format_amount(d.amount, d.currency) if d.amount is not None else "",
        "currency": _text(d.currency),
        "payer": _text(d.payer),
        "reference": _text(d.reference),
        "signature": _text(d.signature.value),
        "path": event.request.path,
        "method": event.request.method,
        "received_at": iso_utc(event.request.received_at),
        "body": body,
    }


def event_environment(event: StoredEvent, json_path: str) -> dict[str, str]:
    """WEBHOOK_* variables for a command (added to the app's own environment)."""
    fields = event_fields(event)
    return {
        "WEBHOOK_EVENT_ID": fields["id"],
        "WEBHOOK_PROVIDER": fields["provider"],
        "WEBHOOK_EVENT_TYPE": fields["event_type"],
        "WEBHOOK_ENTITY_TYPE": fields["entity_type"],
        "WEBHOOK_ENTITY_ID": fields["entity_id"],
        "WEBHOOK_STATUS": fields["status"],
        "WEBHOOK_AMOUNT": fields["amount"],
        "WEBHOOK_CURRENCY": fields["currency"],
        "WEBHOOK_REFERENCE": fields["reference"],
        "WEBHOOK_SIGNATURE": fields["signature"],
        "WEBHOOK_EVENT_JSON": json_path,
    }


def event_document(event: StoredEvent) -> dict[str, Any]:
    """The whole event for the JSON file: the export's JSONL record, plus the body as text
    when it is UTF-8 (scripts rarely want to decode base64 for a JSON payload)."""
    record = event_record(event)
    try:
        record["body_text"] = event.request.body.decode("utf-8")
    except UnicodeDecodeError:
        record["body_text"] = None
    return record


def event_json(event: StoredEvent) -> str:
    return json.dumps(event_document(event), ensure_ascii=False, indent=2, default=str)
