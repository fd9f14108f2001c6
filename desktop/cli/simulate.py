"""`main.py simulate`: send realistic, signed provider events to a URL.

For trying the app (or your own endpoint) without a provider account: each charge goes
through its life (created, then paid, then its payment confirmed), signed as the provider
signs it, so the signature checks pass when the same secret is configured.
"""

from __future__ import annotations

import json
import random
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, timezone

import httpx

from desktop.core import providers
from desktop.core.config import Settings
from desktop.core.model import CapturedRequest

TEST_SECRETS = {
    "juno": "simulated-juno-secret",
    "stripe": "whsec_simulated",
    "github": "simulated-github-secret",
}
PAYERS = ("Maria da Silva", "João Souza", "Ana Pereira", "Carlos Oliveira", "Beatriz Lima")
BRT = timezone(timedelta(hours=-3))


def _juno_event(event_type: str, entity_type: str, entity_id: str, attributes: Mapping[str, object]) -> bytes:
    event = {
        "eventId": str(uuid.uuid4()),
        "eventType": event_type,
        "timestamp": datetime.now(BRT).isoformat(timespec="milliseconds"),
        "data": [{"entityId": entity_id, "entityType": entity_type, "attributes": attributes}],
    }
    return json.dumps(event, ensure_ascii=False).encode()


def juno_story(rng: random.Random) -> Iterator[bytes]:
    """One charge: created, paid, and its payment confirmed."""
    charge = f"chr_{uuid.uuid4().hex.upper()}"
    amount = f"{rng.randint(1_000, 500_000) / 100:.2f}"
    reference = f"pedido-{rng.randint(1000, 99999)}"
    payer = {"name": rng.choice(PAYERS), "document": f"{rng.randint(10**10, 10**11 - 1)}"}
    base = {"amount": amount, "reference": reference, "dueDate": "2026-12-05", "payer": payer}
    yield _juno_event("CHARGE_CREATED", "CHARGE", charge, {**base, "status": "ACTIVE"})
    yield _juno_event("CHARGE_STATUS_CHANGED", "CHARGE", charge, {**base, "status": "PAID"})
    charge_ref = {"id": charge, "reference": reference, "amount": amount, "status": "PAID", "payer": payer}
    payment = {"amount": amount, "status": "CONFIRMED", "type": "BOLETO_PIX", "charge": charge_ref}
    yield _juno_event("PAYMENT_NOTIFICATION", "PAYMENT", f"pay_{uuid.uuid4().hex[:24].upper()}", payment)


def stripe_story(rng: random.Random) -> Iterator[bytes]:
    intent = f"pi_{uuid.uuid4().hex[:14]}"
    amount = rng.randint(1_000, 500_000)
    for kind, status in (
        ("payment_intent.created", "requires_payment_method"),
        ("payment_intent.succeeded", "succeeded"),
    ):
        event = {
            "id": f"evt_{uuid.uuid4().hex[:14]}",
            "object": "event",
            "type": kind,
            "created": int(time.time()),
            "data": {
                "object": {
                    "id": intent,
                    "object": "payment_intent",
                    "amount": amount,
                    "currency": "brl",
                    "status": status,
                }
            },
        }
        yield json.dumps(event).encode()


def github_story(rng: random.Random) -> Iterator[bytes]:
    yield json.dumps({"zen": "Keep it logically awesome.", "hook_id": rng.randint(1, 10**6)}).encode()


STORIES = {"juno": juno_story, "stripe": stripe_story, "github": github_story}
EXTRA_HEADERS = {"github": [("X-GitHub-Event", "ping"), ("X-GitHub-Delivery", "")]}


def signed_request(provider: str, url: str, body: bytes, secret: str) -> CapturedRequest:
    headers = [("Content-Type", "application/json")]
    for name, value in EXTRA_HEADERS.get(provider, []):
        headers.append((name, value or str(uuid.uuid4())))
    unsigned = CapturedRequest("POST", httpx.URL(url).path, "", headers, body, time.time())
    return CapturedRequest(
        "POST", unsigned.path, "", providers.sign(provider, unsigned, secret, time.time()), body, 0
    )


def run_simulate(settings: Settings, url: str | None, provider: str, secret: str | None, count: int) -> int:
    if provider not in STORIES:
        print(f"error: simulate knows {', '.join(STORIES)} (got {provider!r})", file=sys.stderr)
        return 2
    target = url or f"http://{settings.host}:{settings.port}/{provider}"
    endpoint = settings.endpoint_for(httpx.URL(target).path)
    key = secret or (endpoint.env_secret() if endpoint else None) or TEST_SECRETS[provider]
    rng = random.Random()
    sent = failed = 0
    with httpx.Client(timeout=10) as client:
        for _ in range(count):
            for body in STORIES[provider](rng):
                request = signed_request(provider, target, body, key)
                try:
                    response = client.post(target, content=body, headers=request.headers)
                except httpx.HTTPError as exc:
                    print(f"error: cannot reach {target}: {exc}", file=sys.stderr)
                    return 1
                sent += 1
                failed += response.status_code >= 300
    # A real secret is never echoed; the built-in test secret is, so it can be configured.
    shown = f"; signed with the test secret {key!r}" if key == TEST_SECRETS[provider] else ""
    print(f"sent {sent} {provider} event(s) to {target} ({failed} not acknowledged){shown}")
    return 0 if failed == 0 else 1
