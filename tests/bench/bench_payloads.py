"""Realistic Juno-style payloads for the benchmarks (deterministic, no network)."""

from __future__ import annotations

import json
import random

STATUSES = ("ACTIVE", "PAID", "CANCELLED", "MANUAL_RECONCILIATION", "FAILED")
PAYMENT_STATUSES = ("CONFIRMED", "AUTHORIZED", "DECLINED", "CUSTOMER_PAID_BACK")


def juno_body(n: int = 1, rng: random.Random | None = None) -> bytes:
    """A ~400-byte CHARGE_STATUS_CHANGED delivery like Juno's."""
    rng = rng or random.Random(n)
    event = {
        "eventId": f"0b6f3a52-1c1e-4a86-9a8e-{n:012d}",
        "eventType": "CHARGE_STATUS_CHANGED",
        "timestamp": "2026-11-27T10:15:42.318-03:00",
        "data": [
            {
                "entityId": f"chr_{n:032X}",
                "entityType": "CHARGE",
                "attributes": {
                    "amount": f"{rng.randint(100, 500000) / 100:.2f}",
                    "code": 240000000 + n,
                    "digitalAccountId": "dac_9F8E7D6C5B4A3210",
                    "dueDate": "2026-12-05",
                    "reference": f"pedido-{n}",
                    "status": rng.choice(STATUSES),
                    "payer": {"name": "Maria da Silva", "document": "12345678909"},
                },
            }
        ],
    }
    return json.dumps(event, separators=(",", ":")).encode()


def juno_mixed_body(n: int, rng: random.Random, pad_to: int = 0) -> tuple[bytes, dict[str, object]]:
    """A charge or payment event (~1 KB with padding) and the derived fields it implies."""
    if rng.random() < 0.5:
        status = rng.choice(STATUSES)
        entity, event_type, entity_type = f"chr_{n:032X}", "CHARGE_STATUS_CHANGED", "CHARGE"
    else:
        status = rng.choice(PAYMENT_STATUSES)
        entity, event_type, entity_type = f"pay_{n:024X}", "PAYMENT_NOTIFICATION", "PAYMENT"
    amount = f"{rng.randint(100, 500000) / 100:.2f}"
    event = {
        "eventId": f"0b6f3a52-1c1e-4a86-9a8e-{n:012d}",
        "eventType": event_type,
        "timestamp": "2026-11-27T10:15:42.318-03:00",
        "data": [
            {
                "entityId": entity,
                "entityType": entity_type,
                "attributes": {
                    "amount": amount,
                    "status": status,
                    "reference": f"pedido-{n}",
                    "payer": {
                        "name": f"Cliente {n % 5000}",
                        "document": f"{rng.randint(10**10, 10**11 - 1)}",
                    },
                    "notes": "",
                },
            }
        ],
    }
    body = json.dumps(event, separators=(",", ":"))
    if pad_to and len(body) < pad_to:
        event["data"][0]["attributes"]["notes"] = "x" * (pad_to - len(body))  # type: ignore[index]
        body = json.dumps(event, separators=(",", ":"))
    fields = {
        "provider": "juno",
        "event_type": event_type,
        "event_id": event["eventId"],
        "entity_type": entity_type,
        "entity_id": entity,
        "status": status,
        "amount": amount,
        "currency": "BRL",
        "reference": f"pedido-{n}",
    }
    return body.encode(), fields
