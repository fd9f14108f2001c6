"""Regenerate the "Subscribing with Juno" screenshots from the real Subscriptions window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/make_subscriptions_screenshot.py

Starts the fake Juno API the tests use (tests/subscriptions/fake_juno.py, a real local HTTP
server), the real services on a throwaway data directory, and the main window as app.run()
builds it; opens Assinaturas from its menu, creates a webhook, pauses an older one, and saves
PNGs under resources/screenshots/.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keyring.backends import fail  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.core.config import ProviderAccount, Settings  # noqa: E402
from desktop.runtime import Services, build_services  # noqa: E402
from desktop.subscriptions import credentials  # noqa: E402
from desktop.ui.app import create_window  # noqa: E402
from desktop.ui.delivery.service import DeliveryService  # noqa: E402
from desktop.ui.loop import make_event_loop  # noqa: E402
from tests.subscriptions import fake_juno  # noqa: E402

OUT = ROOT / "resources" / "screenshots"


async def until(condition: Callable[[], bool], limit_s: float = 15.0) -> None:
    """A script taking pictures, not a test: poll until the window shows what we wait for."""
    for _ in range(int(limit_s / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("the window did not get there")


async def shoot(services: Services, delivery: DeliveryService, api: fake_juno.FakeJuno) -> None:
    await delivery.start()
    window = create_window(services, delivery)
    window.show()
    subs = window.subscriptions.open()
    subs.resize(1320, 720)
    await until(lambda: subs.events_list.count() == 10 and not subs.session.busy)
    subs.check_events({"PAYMENT_NOTIFICATION", "CHARGE_STATUS_CHANGED"})
    subs.create_webhook()
    await until(lambda: subs.table.rowCount() == 2 and not subs.session.busy)
    await asyncio.sleep(0.3)
    OUT.mkdir(parents=True, exist_ok=True)
    subs.grab().save(str(OUT / "subscriptions-created.png"))
    subs.table.selectRow(0)
    subs.pause_button.click()
    await until(lambda: not subs.session.busy and "pausado" in subs.message.text())
    subs.public_url.setText("http://meu-servidor.local:8080")
    subs.check_events({"CHARGE_CREATED"})
    subs.table.clearSelection()
    subs.check_events({"CHARGE_CREATED"})
    subs.create_webhook()
    await asyncio.sleep(0.3)
    subs.grab().save(str(OUT / "subscriptions-refused.png"))
    subs.close()
    window.close()
    await delivery.close()


def main() -> None:
    api = fake_juno.FakeJuno().start()
    # An older webhook, as an account that was set up by hand would have.
    api.webhooks["wbh_5F1B2C3D4E5F6071"] = fake_juno.FakeWebhook(
        "wbh_5F1B2C3D4E5F6071",
        "https://antigo.example.com/notificacoes",
        "b" * 64,
        "ACTIVE",
        ["DOCUMENT_STATUS_CHANGED"],
    )
    account = ProviderAccount("juno", api_base=api.api_base, auth_base=api.auth_base)
    settings = Settings(port=0, public_url="https://monitor.suaempresa.com.br", provider_accounts=(account,))
    app = QApplication.instance() or QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    try:
        with tempfile.TemporaryDirectory() as tmp, loop:
            services = build_services(settings, Path(tmp), keyring_backend=fail.Keyring())
            credentials.save(
                "juno",
                {
                    "client_id": fake_juno.CLIENT_ID,
                    "client_secret": fake_juno.CLIENT_SECRET,
                    "resource_token": fake_juno.RESOURCE_TOKEN,
                },
                services.secrets,
            )
            delivery = DeliveryService(services.store, services.deriver)
            loop.run_until_complete(shoot(services, delivery, api))
            services.close()
    finally:
        api.stop()
    print(f"saved screenshots in {OUT}")


if __name__ == "__main__":
    main()
