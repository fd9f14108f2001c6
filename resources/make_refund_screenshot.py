"""The README's finance screenshot: a sale (charge + payment) whose payment was refunded.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/make_refund_screenshot.py

The real window on a throwaway data directory and a free port; Juno deliveries sent through a
real socket, signed with the endpoint's secret (one forged, one to an endpoint with no secret,
one redelivered), timestamped today in São Paulo. Saves resources/screenshots/payments-refund.png.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import http.client
import json
import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keyring.backends import fail  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.core.config import Endpoint, Settings  # noqa: E402
from desktop.runtime import Services, build_services  # noqa: E402
from desktop.ui.app import create_window  # noqa: E402
from desktop.ui.delivery.service import DeliveryService  # noqa: E402
from desktop.ui.loop import make_event_loop  # noqa: E402

OUT = ROOT / "resources" / "screenshots" / "payments-refund.png"
SECRET = "screenshot-secret"
SP = ZoneInfo("America/Sao_Paulo")


def envelope(event_id: str, event_type: str, at: datetime, entity: dict[str, object]) -> bytes:
    body = {"eventId": event_id, "eventType": event_type, "timestamp": at.isoformat(timespec="milliseconds")}
    return json.dumps({**body, "data": [entity]}).encode()


def charge(number: int, status: str, amount: str) -> dict[str, object]:
    attributes = {"status": status, "amount": amount, "reference": f"pedido-{number}"}
    return {"entityId": f"chr_{number:08d}", "entityType": "CHARGE", "attributes": attributes}


def payment(number: int, status: str, amount: str, payer: str) -> dict[str, object]:
    parent = {"id": f"chr_{number:08d}", "reference": f"pedido-{number}", "payer": {"name": payer}}
    attributes = {"status": status, "amount": amount, "type": "CREDIT_CARD", "charge": parent}
    return {"entityId": f"pay_{number:08d}", "entityType": "PAYMENT", "attributes": attributes}


def deliveries() -> list[tuple[str, bytes, str | None]]:
    """(path, body, signing secret or None for a made-up signature)."""
    now = datetime.now(SP).replace(microsecond=0)
    early = max(now.replace(hour=0, minute=5), now - timedelta(hours=3))
    step = (now - early) / 12
    at = [early + step * i for i in range(12)]
    out: list[tuple[str, bytes, str | None]] = []
    # 2041: paid, then refunded (Juno leaves the charge PAID; the payment says CUSTOMER_PAID_BACK).
    out.append(("/juno", envelope("e1", "CHARGE_CREATED", at[0], charge(2041, "ACTIVE", "1890.00")), SECRET))
    out.append(
        ("/juno", envelope("e2", "CHARGE_STATUS_CHANGED", at[1], charge(2041, "PAID", "1890.00")), SECRET)
    )
    confirmed = envelope(
        "e3", "PAYMENT_NOTIFICATION", at[1], payment(2041, "CONFIRMED", "1890.00", "Ana Souza")
    )
    out += [("/juno", confirmed, SECRET), ("/juno", confirmed, SECRET)]  # the second is a redelivery
    refund = payment(2041, "CUSTOMER_PAID_BACK", "1890.00", "Ana Souza")
    out.append(("/juno", envelope("e4", "PAYMENT_NOTIFICATION", at[6], refund), SECRET))
    # 2042: paid and confirmed.
    out.append(("/juno", envelope("e5", "CHARGE_CREATED", at[2], charge(2042, "ACTIVE", "349.90")), SECRET))
    out.append(
        ("/juno", envelope("e6", "CHARGE_STATUS_CHANGED", at[4], charge(2042, "PAID", "349.90")), SECRET)
    )
    paid = payment(2042, "CONFIRMED", "349.90", "Bruno Lima")
    out.append(("/juno", envelope("e7", "PAYMENT_NOTIFICATION", at[4], paid), SECRET))
    # 2043: still open; a forged "PAID" for it changes nothing.
    out.append(("/juno", envelope("e8", "CHARGE_CREATED", at[5], charge(2043, "ACTIVE", "99.00")), SECRET))
    forged = envelope("e9", "CHARGE_STATUS_CHANGED", at[7], charge(2043, "PAID", "99.00"))
    out.append(("/juno", forged, "not-the-secret"))
    # 2044: "PAID" on an endpoint with no secret yet: shown as not verified, counted nowhere.
    unchecked = envelope("e10", "CHARGE_STATUS_CHANGED", at[8], charge(2044, "PAID", "9999.00"))
    out.append(("/juno-loja2", unchecked, None))
    return out


def send(port: int, path: str, body: bytes, secret: str | None) -> None:
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest() if secret else "deadbeef"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", path, body, {"Content-Type": "application/json", "X-Signature": signature})
    conn.getresponse().read()
    conn.close()


async def settle(ms: int = 400) -> None:
    await asyncio.sleep(ms / 1000)  # a script taking pictures, not a test: let the window paint


async def shoot(services: Services, delivery: DeliveryService) -> None:
    await delivery.start()
    window = create_window(services, delivery)
    window.start_listener()
    window.resize(1400, 860)
    window.show()
    for path, body, secret in deliveries():
        send(services.listener.port, path, body, secret)
    await settle(1200)
    window.tabs.setCurrentWidget(window.payments)
    window.totals.refresh(services.store)
    await settle(600)
    window.payments.select_entity(("juno", "chr_00002041"))
    await settle()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(OUT))
    if len(sys.argv) > 1:  # a second picture, for checking the alerts tab by eye
        window.tabs.setCurrentWidget(window.alerts)
        await settle()
        window.grab().save(sys.argv[1])
    window.close()
    await delivery.close()


def main() -> None:
    os.environ["SCREENSHOT_JUNO_SECRET"] = SECRET
    endpoints = (
        Endpoint(path="/juno", provider="juno", secret_env="SCREENSHOT_JUNO_SECRET"),
        Endpoint(path="/juno-loja2", provider="juno"),
    )
    app = QApplication.instance() or QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as tmp, loop:
        services = build_services(
            Settings(port=0, endpoints=endpoints), Path(tmp), keyring_backend=fail.Keyring()
        )
        delivery = DeliveryService(services.store, services.deriver)
        loop.run_until_complete(shoot(services, delivery))
        services.close()
    print(f"saved {OUT}")


if __name__ == "__main__":
    main()
