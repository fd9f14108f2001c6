"""Regenerate the README screenshots from the real window, fed with the fixture deliveries.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/make_screenshot.py   (or: make screenshot)

Starts the real services on a throwaway data directory and a free port, sends every case of
tests/fixtures/webhooks.json through a real socket, then saves the events tab and the
payments tab as PNGs under resources/screenshots/.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keyring.backends import fail  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.core.config import Endpoint, Settings  # noqa: E402
from desktop.runtime import Services, build_services  # noqa: E402
from desktop.ui.app import create_window  # noqa: E402
from desktop.ui.delivery.service import DeliveryService  # noqa: E402
from desktop.ui.loop import make_event_loop  # noqa: E402

OUT = ROOT / "resources" / "screenshots"
SECRETS = {
    "juno": "JUNO_SECRET",
    "github": "GITHUB_SECRET",
    "stripe": "STRIPE_SECRET",
    "standard-webhooks": "SVIX_SECRET",
    "mercadopago": "MP_SECRET",
    "asaas": "ASAAS_SECRET",
}


def send(port: int, case: dict) -> None:
    body = case["body"]
    data = base64.b64decode(body["base64"]) if isinstance(body, dict) else body.encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    target = case["path"] + (f"?{case['query']}" if case["query"] else "")
    conn.putrequest(case["method"], target, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", f"127.0.0.1:{port}")
    for name, value in case["headers"]:
        conn.putheader(name, value)
    conn.putheader("Content-Length", str(len(data)))
    conn.endheaders(data)
    conn.getresponse().read()
    conn.close()


async def settle(ms: int = 400) -> None:
    await asyncio.sleep(ms / 1000)  # a script taking pictures, not a test: let the window paint


def main() -> None:
    cases = json.loads((ROOT / "tests" / "fixtures" / "webhooks.json").read_text())["cases"]
    endpoints = [Endpoint(path="/juno/legacy", provider="juno-v1")]
    for case in cases:
        provider = case.get("provider")
        if provider in SECRETS and case.get("secret"):
            os.environ[SECRETS[provider]] = case["secret"]
            endpoints.append(Endpoint(path=case["path"], provider=provider, secret_env=SECRETS[provider]))
    unique = {e.path: e for e in endpoints}
    settings = Settings(port=0, endpoints=tuple(unique.values()))

    app = QApplication.instance() or QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)  # closing the window must not stop the loop mid-script
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as tmp, loop:
        services = build_services(settings, Path(tmp), keyring_backend=fail.Keyring())
        delivery = DeliveryService(services.store, services.deriver)
        loop.run_until_complete(shoot(services, delivery, cases))
        services.close()
    print(f"saved screenshots in {OUT}")


async def shoot(services: Services, delivery: DeliveryService, cases: list[dict]) -> None:
    """The window as app.run() builds it, fed with the fixtures, photographed tab by tab."""
    await delivery.start()
    window = create_window(services, delivery)
    window.start_listener()
    window.resize(1400, 860)
    window.show()
    for case in cases:
        send(services.listener.port, case)
    await settle(800)
    window.events.table.selectRow(13)  # the tampered delivery: the verdict says why
    await settle()
    OUT.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(OUT / "events.png"))
    window.tabs.setCurrentWidget(window.payments)
    await settle()
    # The Juno charge with a forged and a late delivery: its timeline shows why nothing moved.
    window.payments.select_entity(("juno", "chr_7A1C4E2B9D3F5A6C8E0B1D2F3A4C5E6B"))
    await settle()
    window.grab().save(str(OUT / "payments.png"))
    window.close()
    await delivery.close()


if __name__ == "__main__":
    main()
