"""The window tells the money truth (issue 9): the issue's own reproduction through a real
socket, the totals that list their rows, the saved filter, and *Export this tab*."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas
import pytest

from desktop.core.config import Endpoint, Settings
from desktop.core.csv_dialects import EXCEL_BR
from desktop.runtime import Services, build_services
from desktop.ui.app import create_window
from desktop.ui.main_window import MainWindow
from desktop.ui.payments.columns import Col
from tests.app.conftest import no_keyring, send_raw

SECRET = "window-test-secret"


@pytest.fixture
def services(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    monkeypatch.setenv("MT_WINDOW_SECRET", SECRET)
    endpoints = (
        Endpoint(path="/juno", provider="juno"),  # no secret yet: the setup
        Endpoint(path="/loja", provider="juno", secret_env="MT_WINDOW_SECRET"),
    )
    running = build_services(Settings(port=0, endpoints=endpoints), data_dir, keyring_backend=no_keyring())
    running.start_listener()
    yield running
    running.close()


@pytest.fixture
def window(qtbot, services: Services) -> Iterator[MainWindow]:
    win = create_window(services)
    qtbot.addWidget(win)
    win.start_listener()
    yield win
    win.close()


def juno_paid(entity_id: str, amount: str, reference: str) -> bytes:
    # Now, in São Paulo: today's finance day whatever the machine's zone.
    now = datetime.now(ZoneInfo("America/Sao_Paulo")).isoformat(timespec="milliseconds")
    attributes = {"status": "PAID", "amount": amount, "reference": reference}
    entity = {"entityId": entity_id, "entityType": "CHARGE", "attributes": attributes}
    envelope = {"eventId": f"e-{entity_id}", "eventType": "CHARGE_STATUS_CHANGED", "timestamp": now}
    return json.dumps({**envelope, "data": [entity]}).encode()


def post(window: MainWindow, path: str, body: bytes, signature: str) -> None:
    headers = [("Content-Type", "application/json"), ("X-Signature", signature)]
    assert send_raw(window.services.listener.port, "POST", path, headers, body).status == 200


def signed(body: bytes) -> str:
    return hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


def test_a_paid_nobody_could_check_is_not_confirmed_money(qtbot, window: MainWindow) -> None:
    post(window, "/juno", juno_paid("chr_X", "9999.00", "pedido-x"), "deadbeef")
    payments = window.payments
    qtbot.waitUntil(lambda: payments.model.rowCount() == 1, timeout=5000)
    assert payments.model.index(0, Col.STATUS).data() == "⚠ PAID · unverified"
    qtbot.waitUntil(lambda: payments.secret_prompt.isVisibleTo(payments), timeout=5000)
    qtbot.waitUntil(lambda: window.totals.text() != "", timeout=5000)
    assert window.totals.plain_text().startswith("Confirmed today: 0 · R$0.00")
    assert not [a for a in window.alerts.alerts if a.title == "Pagamento confirmado"]


def test_a_signed_paid_is_counted_notified_and_listed_by_a_click_on_its_total(
    qtbot, window: MainWindow
) -> None:
    post(window, "/loja", body := juno_paid("chr_OK", "149.90", "pedido-1"), signed(body))
    qtbot.waitUntil(lambda: "Confirmed today: 1 · R$149.90" in window.totals.plain_text(), timeout=5000)
    qtbot.waitUntil(lambda: bool(window.alerts.alerts), timeout=5000)
    assert (window.alerts.alerts[0].title, window.alerts.alerts[0].sale_id) == (
        "Pagamento confirmado",
        "chr_OK",
    )
    window.tabs.setCurrentWidget(window.events)
    window.totals.linkActivated.emit("confirmed")
    assert window.tabs.currentWidget() is window.payments
    assert window.payments.filter_bar.text() == "category:confirmed today"
    qtbot.waitUntil(lambda: window.payments.model.rowCount() == 1, timeout=5000)
    assert window.payments.model.key(0) == ("juno", "chr_OK")


def test_the_saved_filter_confirmados_hoje_opens_the_payments_tab(qtbot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.events)
    window.saved_filters.picked.emit("category:confirmed today")
    assert window.tabs.currentWidget() is window.payments
    assert not window.payments.filter_bar.error.isVisible()


def test_export_this_tab_writes_one_row_per_verified_sale_for_excel(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    post(window, "/loja", body := juno_paid("chr_A", "1234.56", "pedido-a"), signed(body))
    post(window, "/loja", body := juno_paid("chr_B", "0.44", "=HYPERLINK(1)"), signed(body))
    post(window, "/juno", juno_paid("chr_C", "9999.00", "pedido-c"), "deadbeef")  # unverified
    qtbot.waitUntil(lambda: window.payments.model.rowCount() == 3, timeout=5000)
    target = tmp_path / "vendas.csv"
    with qtbot.waitSignal(window.payments_exporter.finished, timeout=5000) as done:
        window.payments_exporter.export(
            target, "csv", EXCEL_BR, window.payments.filter, window.finance_timezone
        )
    assert "2 sales exported" in done.args[0]
    sheet = pandas.read_csv(target, sep=";", decimal=",", encoding="utf-8-sig")
    assert sorted(sheet["ID no provedor"]) == ["chr_A", "chr_B"]
    assert Decimal(str(round(sheet["Valor"].sum(), 2))) == Decimal("1235.00")
    assert "'=HYPERLINK(1)" in set(sheet["Referência"])  # neutralised: text, not a formula


# A real dialog: the offscreen platform warns it cannot size its window.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_finance_zone_chosen_in_the_window_is_the_one_the_commands_use(
    qtbot, window: MainWindow, data_dir: Path
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from desktop.core.finance_day import chosen_timezone

    window.choose_finance_timezone()
    dialog = window.findChild(QInputDialog)
    assert dialog is not None
    dialog.setTextValue("America/Manaus")
    dialog.accept()
    qtbot.waitUntil(lambda: window.finance_timezone == "America/Manaus", timeout=2000)
    assert "America/Manaus" in window.totals.toolTip()
    assert chosen_timezone(None, data_dir) == "America/Manaus"  # what `main.py totals` will read
