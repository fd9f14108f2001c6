"""Simulated provider deliveries: the event sequences a real sale produces, ready to sign.

Pure Python (no network): `plan` lists the deliveries, `signed_headers` signs one as the
provider would. `desktop.cli.simulate` sends them; the window's test-event button will too.

Scenarios (`SCENARIOS`) are whole sales, so the Payments tab shows what a user would see:

- paid: Juno sends CHARGE_CREATED (ACTIVE), PAYMENT_NOTIFICATION (CONFIRMED), then
  CHARGE_STATUS_CHANGED (PAID);
- cancelled: CHARGE_CREATED, then CHARGE_STATUS_CHANGED (CANCELLED);
- refunded: a paid sale, then PAYMENT_NOTIFICATION (CUSTOMER_PAID_BACK);
- duplicates: a paid sale whose payment notification is delivered twice, byte for byte (a
  provider retrying after a timeout);
- out-of-order: a paid sale whose first event arrives last (a delayed retry);
- forged: CHARGE_CREATED, then a confirmation and a PAID signed with a key that is not the
  endpoint's (someone pretending the sale was paid): its verdict must be `invalid`.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from desktop.core import providers, simulated_people
from desktop.core.model import CapturedRequest, Headers

SALE_KINDS = ("paid", "cancelled", "refunded")
TWISTS = ("duplicates", "out-of-order", "forged")
SCENARIOS = (*SALE_KINDS, *TWISTS)
# Not a real secret: what simulated events are signed with when the app holds none, so a
# user can paste it into the endpoint's secret field and see the events verify.
TEST_SECRETS = {
    "juno": "simulated-juno-secret",
    "stripe": "whsec_simulated",
    "github": "simulated-github-secret",
}
PROVIDERS = tuple(TEST_SECRETS)
# The forged scenario's key: anything but the endpoint's secret.
FORGER_SECRET = "forged-by-someone-without-the-secret"
BRT = timezone(timedelta(hours=-3))


@dataclass(frozen=True, slots=True)
class Delivery:
    """One request to send: the body and its unsigned headers, and a one-line description."""

    body: bytes
    headers: Headers
    summary: str  # e.g. "PAYMENT_NOTIFICATION CONFIRMED pay_…"
    forged: bool = False  # to be signed with FORGER_SECRET, not the endpoint's secret


def _juno_body(event_type: str, entity_type: str, entity_id: str, attributes: Any, at: datetime) -> bytes:
    event = {
        "eventId": str(uuid.uuid4()),
        "eventType": event_type,
        "timestamp": at.astimezone(BRT).isoformat(timespec="milliseconds"),
        "data": [{"entityId": entity_id, "entityType": entity_type, "attributes": attributes}],
    }
    return json.dumps(event, ensure_ascii=False).encode()


def _juno_delivery(
    event_type: str, entity_type: str, entity_id: str, attributes: Any, at: datetime
) -> Delivery:
    return Delivery(
        _juno_body(event_type, entity_type, entity_id, attributes, at),
        [("Content-Type", "application/json;charset=UTF-8")],
        f"{event_type} {attributes['status']} {entity_id} R$ {attributes['amount']}",
    )


def _local(at: datetime) -> str:
    """Juno's attribute dates: 'yyyy-MM-dd HH:mm:ss', São Paulo time, no offset."""
    return at.astimezone(BRT).strftime("%Y-%m-%d %H:%M:%S")


def juno_sale(kind: str, rng: random.Random, start: datetime) -> list[Delivery]:
    """One Juno sale (`kind` in SALE_KINDS), its events a few seconds to minutes apart."""
    charge_id = f"chr_{uuid.uuid4().hex.upper()[:32]}"
    payment_id = f"pay_{uuid.uuid4().hex.upper()[:32]}"
    total = simulated_people.amount(rng)
    amount = f"{total:.2f}"
    fee = f"{(total * Decimal('0.0099') + Decimal('0.49')).quantize(Decimal('0.01')):.2f}"
    reference = f"pedido-{rng.randint(1000, 99999)}"
    due = (start + timedelta(days=rng.randint(1, 10))).astimezone(BRT).strftime("%Y-%m-%d")
    charge = {
        "code": rng.randint(10**8, 10**9 - 1),
        "reference": reference,
        "amount": amount,
        "dueDate": due,
        "payer": simulated_people.payer(rng),
    }
    paid_at = start + timedelta(seconds=rng.randint(30, 900))
    payment_type = rng.choice(("BOLETO_PIX", "BOLETO_PIX", "CREDIT_CARD", "BOLETO"))

    def payment(status: str, at: datetime, **extra: str) -> Delivery:
        attributes = {
            "amount": amount,
            "fee": fee,
            "status": status,
            "type": payment_type,
            "date": _local(paid_at),
            "releaseDate": _local(paid_at + timedelta(days=1 if payment_type != "CREDIT_CARD" else 30)),
            **extra,
            "charge": {"id": charge_id, **charge, "status": "PAID"},
        }
        return _juno_delivery("PAYMENT_NOTIFICATION", "PAYMENT", payment_id, attributes, at)

    events = [_juno_delivery("CHARGE_CREATED", "CHARGE", charge_id, {**charge, "status": "ACTIVE"}, start)]
    if kind == "cancelled":
        cancelled = {**charge, "status": "CANCELLED"}
        events.append(_juno_delivery("CHARGE_STATUS_CHANGED", "CHARGE", charge_id, cancelled, paid_at))
        return events
    events.append(payment("CONFIRMED", paid_at))
    paid = {**charge, "status": "PAID"}
    events.append(
        _juno_delivery("CHARGE_STATUS_CHANGED", "CHARGE", charge_id, paid, paid_at + timedelta(seconds=2))
    )
    if kind == "refunded":
        back = paid_at + timedelta(days=rng.randint(1, 7))
        events.append(payment("CUSTOMER_PAID_BACK", back, paybackDate=_local(back), paybackAmount=amount))
    return events


def _stripe_delivery(kind: str, obj: dict[str, Any], at: datetime) -> Delivery:
    event = {
        "id": f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "api_version": "2024-06-20",
        "type": kind,
        "created": int(at.timestamp()),
        "livemode": False,
        "data": {"object": obj},
    }
    summary = f"{kind} {obj['status']} {obj['id']} R$ {Decimal(obj['amount']).scaleb(-2):.2f}"
    return Delivery(
        json.dumps(event).encode(), [("Content-Type", "application/json; charset=utf-8")], summary
    )


def stripe_sale(kind: str, rng: random.Random, start: datetime) -> list[Delivery]:
    """One Stripe payment intent (amounts in centavos, as Stripe sends them)."""
    intent_id = f"pi_{uuid.uuid4().hex[:24]}"
    cents = int(simulated_people.amount(rng) * 100)
    person = simulated_people.payer(rng)
    intent = {
        "id": intent_id,
        "object": "payment_intent",
        "amount": cents,
        "currency": "brl",
        "description": f"pedido-{rng.randint(1000, 99999)}",
        "receipt_email": person["email"],
    }
    later = start + timedelta(seconds=rng.randint(30, 900))
    events = [
        _stripe_delivery("payment_intent.created", {**intent, "status": "requires_payment_method"}, start)
    ]
    if kind == "cancelled":
        events.append(_stripe_delivery("payment_intent.canceled", {**intent, "status": "canceled"}, later))
        return events
    events.append(_stripe_delivery("payment_intent.succeeded", {**intent, "status": "succeeded"}, later))
    if kind == "refunded":
        charge = {
            "id": f"ch_{uuid.uuid4().hex[:24]}",
            "object": "charge",
            "amount": cents,
            "amount_refunded": cents,
            "currency": "brl",
            "payment_intent": intent_id,
            "refunded": True,
            "status": "succeeded",
        }
        events.append(_stripe_delivery("charge.refunded", charge, later + timedelta(days=2)))
    return events


def github_ping(_kind: str, rng: random.Random, _start: datetime) -> list[Delivery]:
    """GitHub has no sales: every scenario is a ping, as sent when a webhook is created."""
    body = json.dumps({"zen": "Keep it logically awesome.", "hook_id": rng.randint(1, 10**9)}).encode()
    headers = [
        ("Content-Type", "application/json"),
        ("X-GitHub-Event", "ping"),
        ("X-GitHub-Delivery", str(uuid.uuid4())),
    ]
    return [Delivery(body, headers, "ping")]


SALES: dict[str, Callable[[str, random.Random, datetime], list[Delivery]]] = {
    "juno": juno_sale,
    "stripe": stripe_sale,
    "github": github_ping,
}


def scenario(provider: str, name: str, rng: random.Random, start: datetime) -> list[Delivery]:
    """The deliveries of one sale of `name` (one of SCENARIOS), in the order they arrive."""
    sale = SALES[provider]
    if name in SALE_KINDS:
        return sale(name, rng, start)
    if name not in TWISTS:
        raise ValueError(f"unknown scenario {name!r}; choose one of {', '.join(SCENARIOS)}")
    paid = sale("paid", rng, start)
    if name == "duplicates":
        retried = 1 if len(paid) > 1 else 0  # the confirmation; a ping is just sent twice
        return [*paid[: retried + 1], paid[retried], *paid[retried + 1 :]]
    if name == "out-of-order":
        return [*paid[1:], paid[0]]  # the first event delayed until after the others
    first_genuine = 1 if len(paid) > 1 else 0  # a lone ping is forged itself
    return [*paid[:first_genuine], *(replace(event, forged=True) for event in paid[first_genuine:])]


def plan(
    provider: str,
    name: str = "paid",
    count: int | None = None,
    rng: random.Random | None = None,
    now: datetime | None = None,
) -> list[Delivery]:
    """`count` deliveries (None: one whole sale) made of sales of scenario `name`.

    Each sale starts a little after the previous one, so timestamps are believable and the
    out-of-order scenario has an earlier event arriving later.
    """
    if provider not in SALES:
        raise ValueError(f"simulate knows {', '.join(PROVIDERS)} (got {provider!r})")
    if count is not None and count < 1:
        raise ValueError("count must be at least 1")
    rng = rng or random.Random()
    start = now or datetime.now(UTC)
    deliveries: list[Delivery] = []
    while True:
        sale = scenario(provider, name, rng, start)
        deliveries.extend(sale)
        if count is None or len(deliveries) >= count:
            return deliveries if count is None else deliveries[:count]
        start += timedelta(seconds=rng.randint(20, 600))


def signed_headers(provider: str, path: str, delivery: Delivery, secret: str, now: float) -> Headers:
    """The delivery's headers with the provider's signature over its body, as the provider
    would sign it; a forged delivery is signed with FORGER_SECRET instead."""
    key = FORGER_SECRET if delivery.forged else secret
    request = CapturedRequest("POST", path, "", list(delivery.headers), delivery.body, now)
    return providers.sign(provider, request, key, now)
