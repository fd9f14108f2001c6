"""A finance scenario built by hand: Juno sales, their deliveries, and the truth about them.

Used by the money-truth tests (store, CLI, window). Each sale has a kind that decides what
happens to it; the expected totals are computed here from the kinds, by hand, never through
the app's own code. Deliveries are shuffled (out of order), some are sent twice (duplicates),
some are forged (a wrong signature) and some arrive on an endpoint with no secret
(unverified). Times straddle midnight in São Paulo, so the machine's day (UTC) and the
finance day disagree.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from desktop.core.model import CapturedRequest

SECRET = "money-truth-scenario-secret"
SECRET_ENV = "MONEY_TRUTH_SECRET"
DAY = date(2026, 11, 28)
BRT = timezone(timedelta(hours=-3))  # São Paulo has no DST since 2019: fixed offset, by hand
CONFIG = f"""
[finance]
timezone = "America/Sao_Paulo"

[[endpoints]]
path = "/juno"
provider = "juno"
secret_env = "{SECRET_ENV}"

[[endpoints]]
path = "/juno-open"
provider = "juno"
"""

# What happens to each sale (kind = index % len(KINDS)).
PAID = "paid"  # paid in the day (14:00 local)
REFUNDED = "refunded"  # paid and refunded in the day: the charge stays PAID at Juno
PAID_YESTERDAY_NIGHT = "paid-yesterday-22h"  # 22:30 local on the 27th = 01:30 UTC on the 28th
PAID_TONIGHT = "paid-tonight-23h"  # 23:30 local on the 28th = 02:30 UTC on the 29th
PENDING_FORGED = "pending-forged"  # created in the day; a forged PAID follows
UNVERIFIED = "unverified"  # "PAID" on /juno-open, which has no secret
KINDS = (PAID, REFUNDED, PAID_YESTERDAY_NIGHT, PAID_TONIGHT, PENDING_FORGED, UNVERIFIED)


@dataclass
class Sale:
    number: int
    kind: str
    amount: Decimal
    charge_id: str = ""
    payment_id: str = ""
    reference: str = ""

    def __post_init__(self) -> None:
        self.charge_id = f"chr_MT{self.number:06d}"
        self.payment_id = f"pay_MT{self.number:06d}"
        self.reference = f"pedido-{self.number}"


@dataclass
class Scenario:
    sales: list[Sale]
    requests: list[CapturedRequest] = field(default_factory=list)

    def expected(self, category: str) -> tuple[int, Decimal]:
        """(count, amount) of a category on DAY, from the kinds alone."""
        wanted = {
            "confirmed": (PAID, PAID_TONIGHT),
            "refunded": (REFUNDED,),
            "failed": (),
            "pending": (PENDING_FORGED,),  # created on the day, still pending
            "other": (),
        }[category]
        chosen = [sale for sale in self.sales if sale.kind in wanted]
        return len(chosen), sum((sale.amount for sale in chosen), Decimal("0.00"))

    def verified_rows_on_day(self) -> set[str]:
        kinds = (PAID, PAID_TONIGHT, REFUNDED, PENDING_FORGED)
        return {sale.charge_id for sale in self.sales if sale.kind in kinds}


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRT)


def _body(event_id: str, event_type: str, at: datetime, entity: dict[str, object]) -> bytes:
    envelope = {
        "eventId": event_id,
        "eventType": event_type,
        "timestamp": at.isoformat(timespec="milliseconds"),
        "data": [entity],
    }
    return json.dumps(envelope, separators=(",", ":")).encode()


def _charge(sale: Sale, status: str) -> dict[str, object]:
    attributes = {"status": status, "amount": f"{sale.amount:.2f}", "reference": sale.reference}
    return {"entityId": sale.charge_id, "entityType": "CHARGE", "attributes": attributes}


def _payment(sale: Sale, status: str) -> dict[str, object]:
    charge = {"id": sale.charge_id, "reference": sale.reference, "payer": {"name": f"Cliente {sale.number}"}}
    attributes = {"status": status, "amount": f"{sale.amount:.2f}", "charge": charge}
    return {"entityId": sale.payment_id, "entityType": "PAYMENT", "attributes": attributes}


def _request(path: str, body: bytes, received_at: float, secret: str | None) -> CapturedRequest:
    headers = [("Content-Type", "application/json")]
    if secret is not None:
        headers.append(("X-Signature", hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()))
    else:
        headers.append(("X-Signature", "deadbeef" * 8))  # looks signed; nobody can check it
    return CapturedRequest("POST", path, "", headers, body, received_at, "127.0.0.1")


def build(count: int = 60, seed: int = 9) -> Scenario:
    sales = [
        Sale(i, KINDS[i % len(KINDS)], Decimal(1000 + 37 * i) + Decimal(i % 100) / 100) for i in range(count)
    ]
    scenario = Scenario(sales)
    deliveries: list[tuple[str, bytes, str | None]] = []  # (path, body, secret)
    for sale in sales:
        if sale.kind == PAID_YESTERDAY_NIGHT:
            created, paid = local(DAY - timedelta(days=1), 20), local(DAY - timedelta(days=1), 22, 30)
        elif sale.kind == PAID_TONIGHT:
            created, paid = local(DAY, 21), local(DAY, 23, 30)
        else:
            created, paid = local(DAY, 10), local(DAY, 14)
        n = sale.number
        if sale.kind == UNVERIFIED:
            deliveries.append(
                ("/juno-open", _body(f"u{n}", "CHARGE_STATUS_CHANGED", paid, _charge(sale, "PAID")), None)
            )
            continue
        deliveries.append(
            ("/juno", _body(f"c{n}", "CHARGE_CREATED", created, _charge(sale, "ACTIVE")), SECRET)
        )
        if sale.kind == PENDING_FORGED:
            forged = _body(f"f{n}", "CHARGE_STATUS_CHANGED", paid, _charge(sale, "PAID"))
            deliveries.append(("/juno", forged, "not-the-secret"))
            continue
        paid_body = _body(f"p{n}", "CHARGE_STATUS_CHANGED", paid, _charge(sale, "PAID"))
        confirmed = _body(
            f"n{n}", "PAYMENT_NOTIFICATION", paid + timedelta(seconds=20), _payment(sale, "CONFIRMED")
        )
        deliveries += [("/juno", paid_body, SECRET), ("/juno", confirmed, SECRET)]
        if n % 4 == 0:  # redelivered, byte for byte
            deliveries.append(("/juno", confirmed, SECRET))
        if sale.kind == REFUNDED:
            refund = _body(
                f"r{n}", "PAYMENT_NOTIFICATION", local(DAY, 16), _payment(sale, "CUSTOMER_PAID_BACK")
            )
            deliveries.append(("/juno", refund, SECRET))
    # At-least-once and unordered: any delivery may come before any other.
    random.Random(seed).shuffle(deliveries)
    start = local(DAY, 23, 50).timestamp()  # received late at night, all of them
    scenario.requests = [
        _request(path, body, start + index, secret) for index, (path, body, secret) in enumerate(deliveries)
    ]
    return scenario


def write_config(directory: Path) -> Path:
    path = directory / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path
