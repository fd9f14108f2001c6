"""The Payments tab and its status bar tell the money truth (issue 9), as a finance user sees it."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop.core.config import Endpoint, Settings, load_settings
from desktop.core.model import CapturedRequest
from desktop.core.payments import StatusCategory
from desktop.core.totals import filter_for
from desktop.runtime import Deriver
from desktop.store.entities import enrich_event
from desktop.store.events import Store, open_store
from desktop.store.reverify import reverify
from desktop.store.saved_filters import DEFAULTS
from desktop.ui.payments.alerts import AlertList
from desktop.ui.payments.columns import Col
from desktop.ui.payments.notifier import Notifier
from desktop.ui.payments.totals_bar import TotalsLabel
from desktop.ui.payments.view import PaymentsView
from tests.money_truth_scenario import DAY, SECRET, SECRET_ENV, build, local, write_config

NOW = local(DAY, 23, 55).timestamp()
SECRET_LATER = "juno-secret-set-later"
FORGED_PAID = json.dumps(
    {
        "eventId": "evil-1",
        "eventType": "CHARGE_STATUS_CHANGED",
        "timestamp": "2026-11-28T10:00:00.000-03:00",
        "data": [
            {
                "entityId": "chr_EVIL",
                "entityType": "CHARGE",
                "attributes": {"status": "PAID", "amount": "9999.00", "reference": "pedido-x"},
            }
        ],
    }
).encode()


class SecretLater:
    """The endpoint's secret, unset until the test sets it (as the Endpoints dialog would)."""

    def __init__(self) -> None:
        self.value: str | None = None

    def __call__(self, endpoint: Endpoint) -> str | None:
        return self.value


@pytest.fixture
def secret() -> SecretLater:
    return SecretLater()


@pytest.fixture
def store(data_dir: Path, secret: SecretLater) -> Iterator[Store]:
    deriver = Deriver(Settings(endpoints=(Endpoint("/juno", "juno"),)), secret_for=secret)
    opened = open_store(data_dir, deriver, enrich_event)
    yield opened
    opened.close()


def post(store: Store, body: bytes, signature: str) -> int:
    request = CapturedRequest("POST", "/juno", "", [("X-Signature", signature)], body, NOW - 60)
    event_id = store.writer.submit(request).result(timeout=10)
    store.writer.call(lambda _conn: None).result(timeout=10)
    return event_id


def loaded_view(qtbot, store: Store) -> PaymentsView:
    view = PaymentsView(store)
    view.clock = lambda: NOW
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.filter_bar.status.text(), timeout=5000)
    return view


def totals_label(qtbot, store: Store) -> TotalsLabel:
    label = TotalsLabel(clock=lambda: NOW)
    qtbot.addWidget(label)
    with qtbot.waitSignal(label.updated, timeout=5000):
        label.refresh(store)
    return label


def test_an_unverified_paid_is_shown_for_what_it_is_and_counts_nowhere(qtbot, store: Store, tmp_path) -> None:
    # The example: no secret for /juno, "X-Signature: deadbeef", PAID R$ 9.999,00.
    event_id = post(store, FORGED_PAID, "deadbeef")
    view = loaded_view(qtbot, store)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    row = view.model.row_of(("juno", "chr_EVIL"))
    assert row is not None
    assert view.model.index(row, Col.STATUS).data() == "⚠ PAID · unverified"
    assert view.model.index(row, Col.AMOUNT).data() == "(R$9,999.00)"
    assert "Confirmed" not in view.model.index(row, Col.STATUS).data()
    # The window prompts for the endpoint's secret.
    assert view.secret_prompt.isVisibleTo(view)
    assert "/juno" in view.secret_prompt.message.text()
    # Not in the totals, and no "Pagamento confirmado".
    assert totals_label(qtbot, store).totals.confirmed_count == 0
    notifier = Notifier(QSettings(str(tmp_path / "n.ini"), QSettings.Format.IniFormat))
    with qtbot.assertNotEmitted(notifier.notified):
        notifier.on_events_arrived(store, [event_id])


def test_once_the_secret_is_set_reverification_decides(qtbot, store: Store, secret: SecretLater) -> None:
    post(store, FORGED_PAID, "deadbeef")
    genuine = FORGED_PAID.replace(b"chr_EVIL", b"chr_GOOD").replace(b"evil-1", b"good-1")
    post(store, genuine, hmac.new(SECRET_LATER.encode(), genuine, hashlib.sha256).hexdigest())
    view = loaded_view(qtbot, store)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)

    secret.value = SECRET_LATER
    deriver = Deriver(Settings(endpoints=(Endpoint("/juno", "juno"),)), secret_for=secret)
    assert store.writer.call(lambda conn: reverify(conn, deriver, "/juno")).result(timeout=10) == 2
    view.reload()
    qtbot.waitUntil(lambda: view.model.row_of(("juno", "chr_GOOD")) is not None, timeout=5000)
    good = view.model.row_of(("juno", "chr_GOOD"))
    evil = view.model.row_of(("juno", "chr_EVIL"))
    assert good is not None and evil is not None
    assert view.model.index(good, Col.STATUS).data() == "✔ PAID · Confirmed"
    # deadbeef was a forgery: what it claimed is shown struck through, labelled, never counted.
    assert view.model.index(evil, Col.STATUS).data() == "✖ PAID · not verified"
    assert view.model.index(evil, Col.STATUS).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert view.model.index(evil, Col.FLAGS).data() == "⚠ 1 invalid signature"
    assert not view.secret_prompt.isVisibleTo(view)
    assert totals_label(qtbot, store).totals.confirmed_count == 1


@pytest.fixture
def scenario_store(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    opened = open_store(data_dir, Deriver(load_settings(write_config(tmp_path))), enrich_event)
    for request in build().requests:
        opened.writer.submit(request)
    opened.writer.call(lambda _conn: None).result(timeout=30)
    yield opened
    opened.close()


@pytest.fixture
def machine_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock in UTC (servers, containers), restored afterwards."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset exists on Unix only; the subprocess tests cover Windows' case")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def listed(view: PaymentsView) -> set[tuple[str, str] | None]:
    return {view.model.key(row) for row in range(view.model.rowCount())}


@pytest.mark.usefixtures("machine_in_utc")
def test_a_click_on_a_total_lists_exactly_the_sales_it_counts(qtbot, scenario_store: Store) -> None:
    label = totals_label(qtbot, scenario_store)
    view = loaded_view(qtbot, scenario_store)
    label.total_clicked.connect(lambda category: view.show_filter(filter_for(StatusCategory(category))))
    scenario = build()
    for category in ("confirmed", "refunded", "pending"):
        with qtbot.waitSignal(view.model.loading, check_params_cb=lambda busy: not busy, timeout=5000):
            label.linkActivated.emit(category)  # what a click on the link does
        count, _ = scenario.expected(category)
        shown = (
            label.totals.open_pending.count
            if category == "pending"
            else label.totals.of(StatusCategory(category)).count
        )
        assert view.model.rowCount() == shown == count, category
    assert "Confirmed today: 20 · R$41,095.70" in label.plain_text()
    assert "Refunded today: 10 · R$20,362.80" in label.plain_text()
    assert "America/Sao_Paulo" in label.toolTip()


@pytest.mark.usefixtures("machine_in_utc")
def test_the_saved_filter_confirmados_hoje_gives_the_status_bars_rows(qtbot, scenario_store: Store) -> None:
    label = totals_label(qtbot, scenario_store)
    view = loaded_view(qtbot, scenario_store)
    saved = next(f for f in DEFAULTS if f.name == "Confirmed today")
    with qtbot.waitSignal(view.model.loading, check_params_cb=lambda busy: not busy, timeout=5000):
        view.show_filter(saved.query)
    # The very filter a click on the status bar's total applies: the same rows by construction.
    assert saved.query == filter_for(StatusCategory.CONFIRMED)
    assert view.model.rowCount() == label.totals.confirmed_count == 20
    rows = [view.model.record(row) for row in range(view.model.rowCount())]
    assert all(row is not None and row["category"] == "confirmed" for row in rows)


def test_alerts_stay_in_a_list_with_a_link_to_the_sale(qtbot, data_dir: Path, tmp_path: Path) -> None:
    alerts = AlertList(data_dir)
    qtbot.addWidget(alerts)
    notifier = Notifier(QSettings(str(tmp_path / "n.ini"), QSettings.Format.IniFormat), alerts=alerts)
    notifier._deliver("Pagamento confirmado", "R$ 149,90 — pedido-1001", ("juno", "chr_1"))
    assert alerts.table.rowCount() == 1
    assert alerts.table.item(0, 1).text() == "Pagamento confirmado"
    with qtbot.waitSignal(alerts.sale_requested, timeout=1000) as got:
        alerts.table.itemDoubleClicked.emit(alerts.table.item(0, 2))
    assert got.args == ["juno", "chr_1"]
    # Still there after a restart of the window.
    again = AlertList(data_dir)
    qtbot.addWidget(again)
    assert [a.title for a in again.alerts] == ["Pagamento confirmado"]
