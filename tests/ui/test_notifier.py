"""Desktop notifications: money arriving, and deliveries whose signature failed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QStatusBar

from desktop.store.events import Store
from desktop.ui.payments.notifier import MERGE_WINDOW_S, Notifier, NotifySettings
from tests.store.test_entities_query import BASE_TIME, deliver, open_juno_store

CONFIRMED_TEXT = "R$149.90 — pedido-1001 (Maria da Silva)"


@pytest.fixture
def store(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    opened = open_juno_store(data_dir, monkeypatch)
    yield opened
    opened.close()


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def bar(qtbot) -> QStatusBar:
    widget = QStatusBar()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def notifier(qsettings: QSettings, bar: QStatusBar, clock: Clock) -> Notifier:
    # No tray offscreen: the notifier falls back to the status bar.
    return Notifier(qsettings, tray=None, status_bar=bar, clock=clock)


def recorded(notifier: Notifier) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    notifier.notified.connect(lambda title, message: seen.append((title, message)))
    return seen


def test_a_charge_paid_and_its_payment_confirmed_make_one_notification(
    store: Store, notifier: Notifier, bar: QStatusBar
) -> None:
    seen = recorded(notifier)
    ids = deliver(store, ["juno-charge-created", "juno-charge-paid", "juno-payment-confirmed-pretty"])
    notifier.on_events_arrived(store, ids)
    assert seen == [("Pagamento confirmado", CONFIRMED_TEXT)]
    assert bar.currentMessage() == f"Pagamento confirmado: {CONFIRMED_TEXT}"


def test_the_two_halves_of_a_receipt_in_separate_batches_still_notify_once(
    store: Store, notifier: Notifier, clock: Clock
) -> None:
    seen = recorded(notifier)
    notifier.on_events_arrived(store, deliver(store, ["juno-payment-confirmed-pretty"]))
    clock.now += 0.6  # Juno sends the charge's PAID about half a second later
    notifier.on_events_arrived(store, deliver(store, ["juno-charge-paid"], start=BASE_TIME + 1))
    assert seen == [("Pagamento confirmado", CONFIRMED_TEXT)]


def test_the_same_receipt_long_after_notifies_again(store: Store, notifier: Notifier, clock: Clock) -> None:
    seen = recorded(notifier)
    notifier.on_events_arrived(store, deliver(store, ["juno-payment-confirmed-pretty"]))
    clock.now += MERGE_WINDOW_S + 1
    notifier.on_events_arrived(store, deliver(store, ["juno-charge-paid"], start=BASE_TIME + 600))
    assert len(seen) == 2


def test_the_tampered_delivery_raises_one_signature_warning(qtbot, store: Store, notifier: Notifier) -> None:
    deliver(store, ["juno-charge-created", "juno-charge-paid"])
    (tampered,) = deliver(store, ["juno-charge-tampered"], start=BASE_TIME + 60)
    seen = recorded(notifier)
    notifier.on_events_arrived(store, [tampered])
    assert len(seen) == 1
    title, message = seen[0]
    assert title == "Invalid signature"
    assert message.startswith(f"Evento nº {tampered} de juno (CHARGE_STATUS_CHANGED, ")
    assert "invalid signature: não mudou o status" in message  # the template stays Portuguese
    assert "signature mismatch" in message


def test_failed_signatures_in_one_batch_make_one_warning(store: Store, notifier: Notifier) -> None:
    deliver(store, ["juno-charge-created", "juno-charge-paid"])
    ids = deliver(store, ["juno-charge-tampered", "juno-charge-unsigned"], start=BASE_TIME + 60)
    seen = recorded(notifier)
    notifier.on_events_arrived(store, ids)
    assert seen == [
        (
            "2 entregas com assinatura inválida",
            f"Eventos nº {ids[0]}, {ids[1]}: assinatura inválida: não mudaram o status.",
        )
    ]


def test_a_redelivered_confirmation_does_not_notify_again(qtbot, store: Store, notifier: Notifier) -> None:
    notifier.on_events_arrived(store, deliver(store, ["juno-payment-confirmed-pretty"]))
    again = deliver(store, ["juno-payment-confirmed-redelivered"], start=BASE_TIME + 3600)
    with qtbot.assertNotEmitted(notifier.notified):
        notifier.on_events_arrived(store, again)


def test_a_late_event_or_a_failed_transfer_does_not_announce_money(
    qtbot, store: Store, notifier: Notifier
) -> None:
    deliver(store, ["juno-charge-created", "juno-charge-paid"])
    ids = deliver(store, ["juno-charge-out-of-order", "juno-transfer-rejected"], start=BASE_TIME + 60)
    with qtbot.assertNotEmitted(notifier.notified):
        notifier.on_events_arrived(store, ids)


def test_turned_off_notifications_stay_off_after_a_restart(
    qtbot, store: Store, qsettings: QSettings, bar: QStatusBar
) -> None:
    first = Notifier(qsettings, status_bar=bar)
    first.set_settings(NotifySettings(money_confirmed=False, invalid_signature=False))
    restarted = Notifier(QSettings(qsettings.fileName(), QSettings.Format.IniFormat), status_bar=bar)
    assert restarted.settings == NotifySettings(money_confirmed=False, invalid_signature=False)
    ids = deliver(store, ["juno-charge-paid", "juno-payment-confirmed-pretty", "juno-charge-tampered"])
    with qtbot.assertNotEmitted(restarted.notified):
        restarted.on_events_arrived(store, ids)


def test_the_menu_actions_toggle_and_save_the_settings(
    qtbot, qsettings: QSettings, notifier: Notifier
) -> None:
    money, signatures, _problems = notifier.actions(notifier)
    assert money.isChecked() and signatures.isChecked()
    signatures.setChecked(False)
    assert notifier.settings == NotifySettings(money_confirmed=True, invalid_signature=False)
    assert NotifySettings.load(qsettings) == notifier.settings


def test_a_refund_notifies_when_that_setting_is_on_and_not_when_off(qtbot, tmp_path) -> None:
    from desktop.core.config import Endpoint, Settings
    from desktop.core.model import CapturedRequest
    from desktop.runtime import Deriver
    from desktop.store.entities import enrich_event
    from desktop.store.events import open_store
    from desktop.ui.payments.notifier import Notifier, NotifySettings

    body = (
        b'{"eventId":"r-1","eventType":"PAYMENT_NOTIFICATION","timestamp":"2026-11-27T10:00:00.000-03:00",'
        b'"data":[{"entityId":"pay_R1","entityType":"PAYMENT","attributes":{"amount":"50.00",'
        b'"status":"CUSTOMER_PAID_BACK","charge":{"reference":"pedido-9"}}}]}'
    )
    import hashlib
    import hmac

    secret = "refund-test-secret"
    deriver = Deriver(Settings(endpoints=(Endpoint("/juno", "juno"),)), secret_for=lambda _endpoint: secret)
    store = open_store(tmp_path, deriver, enrich_event)
    try:
        signed = [("X-Signature", hmac.new(secret.encode(), body, hashlib.sha256).hexdigest())]
        event_id = store.writer.submit(CapturedRequest("POST", "/juno", "", signed, body, 0.0)).result(5)
        store.writer.call(lambda _conn: None).result(5)
        settings = QSettings(str(tmp_path / "n.ini"), QSettings.Format.IniFormat)
        notifier = Notifier(settings)
        notifier.set_settings(NotifySettings(money_problem=True))
        with qtbot.waitSignal(notifier.notified, timeout=2000) as got:
            notifier.on_events_arrived(store, [event_id])
        assert got.args[0] == "Pagamento com problema"
        assert "CUSTOMER_PAID_BACK" in got.args[1] and "R$50.00" in got.args[1] and "pedido-9" in got.args[1]
        notifier.set_settings(NotifySettings(money_problem=False))
        with qtbot.assertNotEmitted(notifier.notified):
            notifier.on_events_arrived(store, [event_id])
    finally:
        store.close()
