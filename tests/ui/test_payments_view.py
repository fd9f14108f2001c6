"""The Payments tab as the finance staff see it, over state built by real writes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from desktop.core.payments import StatusCategory
from desktop.core.query import parse
from desktop.store import entities_query
from desktop.store.entities_query import entity_keys, latest_event_ids
from desktop.store.events import Store
from desktop.ui.feed import EventFeed
from desktop.ui.payments.columns import Col
from desktop.ui.payments.model import PaymentsModel
from desktop.ui.payments.status_colors import look_of
from desktop.ui.payments.totals_bar import TotalsLabel
from desktop.ui.payments.view import PaymentsView
from tests.store.test_entities_query import (
    BASE_TIME,
    CHARGE,
    JUNO_STORY,
    PAYMENT,
    TRANSFER,
    deliver,
    open_juno_store,
)

ACCOUNT = ("juno", "dac_9F8E7D6C5B4A3210")


@pytest.fixture
def store(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    opened = open_juno_store(data_dir, monkeypatch)
    yield opened
    opened.close()


def loaded(qtbot, model: PaymentsModel):
    """Wait for the load started inside the block to finish (it runs on a reader thread)."""
    return qtbot.waitSignal(model.loading, check_params_cb=lambda busy: not busy, timeout=5000)


def reload(qtbot, view: PaymentsView) -> None:
    with loaded(qtbot, view.model):
        view.reload()


@pytest.fixture
def view(qtbot, store: Store) -> PaymentsView:
    widget = PaymentsView(store)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    with loaded(qtbot, widget.model):
        pass  # the view's own first load
    return widget


@pytest.fixture
def model(store: Store) -> Iterator[PaymentsModel]:
    alone = PaymentsModel(store)
    yield alone
    alone.close()


@pytest.fixture
def live(store: Store, view: PaymentsView) -> Iterator[EventFeed]:
    """The view fed by the writer's recognitions, as in the window."""
    feed = EventFeed()
    feed.recognised.connect(view.on_events_arrived)
    store.writer.add_derived_listener(feed.notify_derived)
    yield feed
    store.writer.remove_derived_listener(feed.notify_derived)
    feed.stop()


def cell(
    view: PaymentsView, key: tuple[str, str], col: Col, role: int = Qt.ItemDataRole.DisplayRole
) -> object:
    row = view.model.row_of(key)
    assert row is not None, f"{key} is not in the table"
    return view.model.index(row, col).data(role)


def timeline_column(view: PaymentsView, column: int) -> list[str]:
    table = view.timeline.table
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_the_payments_model_passes_the_model_tester(
    qtbot, qtmodeltester, store: Store, view: PaymentsView
) -> None:
    deliver(store, JUNO_STORY)
    reload(qtbot, view)
    qtmodeltester.check(view.model)


def test_the_paid_charge_reads_paid_and_its_amount_in_reais(qtbot, store: Store, view: PaymentsView) -> None:
    deliver(store, JUNO_STORY)
    reload(qtbot, view)
    assert cell(view, CHARGE, Col.STATUS) == "✔ PAID · Confirmed"
    assert cell(view, CHARGE, Col.AMOUNT) == "R$149.90"
    assert cell(view, CHARGE, Col.REFERENCE) == "pedido-1001"
    # One sale: the charge with its payment inside, 5 + 2 events.
    assert cell(view, CHARGE, Col.TYPE) == "Charge + 1"
    assert cell(view, CHARGE, Col.EVENTS) == "7"


def test_forged_and_late_deliveries_are_flagged_and_change_nothing(
    qtbot, store: Store, view: PaymentsView
) -> None:
    deliver(store, JUNO_STORY)
    reload(qtbot, view)
    # The tampered copy said PAID for R$ 1,49 and the late one ACTIVE: neither shows.
    assert cell(view, CHARGE, Col.STATUS) == "✔ PAID · Confirmed"
    assert cell(view, CHARGE, Col.AMOUNT) == "R$149.90"
    assert cell(view, CHARGE, Col.FLAGS) == "⚠ 2 invalid signatures · ↶ 1 out of order · ↻ 1 duplicate"
    assert "the status did not change" in str(cell(view, CHARGE, Col.FLAGS, Qt.ItemDataRole.ToolTipRole))


def test_the_payment_is_a_part_of_its_charges_sale_not_a_row(qtbot, store: Store, view: PaymentsView) -> None:
    deliver(store, JUNO_STORY)
    reload(qtbot, view)
    assert view.model.row_of(PAYMENT) is None
    assert cell(view, CHARGE, Col.PAYER) == "Maria da Silva"  # told by the payment
    tooltip = str(cell(view, CHARGE, Col.TYPE, Qt.ItemDataRole.ToolTipRole))
    assert f"payment {PAYMENT[1]}: CONFIRMED" in tooltip


def test_a_failed_transfer_reads_failed_in_words_and_in_colour(
    qtbot, store: Store, view: PaymentsView
) -> None:
    deliver(store, JUNO_STORY)
    reload(qtbot, view)
    assert cell(view, TRANSFER, Col.STATUS) == "✖ REJECTED · Failed"
    assert cell(view, TRANSFER, Col.AMOUNT) == "R$2,500.00"
    failed = look_of(StatusCategory.FAILED)
    assert cell(view, TRANSFER, Col.STATUS, Qt.ItemDataRole.BackgroundRole) == failed.background
    assert cell(view, TRANSFER, Col.STATUS, Qt.ItemDataRole.ForegroundRole) == failed.foreground


def test_selecting_a_charge_shows_every_event_in_order_with_its_verdict(
    qtbot, store: Store, view: PaymentsView
) -> None:
    ids = deliver(store, JUNO_STORY)
    reload(qtbot, view)
    assert view.select_entity(CHARGE)
    assert timeline_column(view, 0) == [str(ids[i]) for i in range(7)]  # the charge's and the payment's
    assert timeline_column(view, 6) == [*["✔ valid"] * 4, "✖ invalid", "✖ missing", "✔ valid"]
    assert timeline_column(view, 7) == [
        "Status → ACTIVE",
        "Status → PAID",
        "Status → CONFIRMED",
        f"↻ Duplicate of no. {ids[2]}: ignored",
        "⚠ Invalid signature: the status did not change",
        "⚠ Invalid signature: the status did not change",
        "↶ Out of order: the status did not go back",
    ]
    assert "7 events" in view.timeline.title.text()


def test_double_clicking_a_timeline_row_asks_for_that_event(qtbot, store: Store, view: PaymentsView) -> None:
    ids = deliver(store, JUNO_STORY)
    reload(qtbot, view)
    view.select_entity(CHARGE)
    table = view.timeline.table
    tampered = table.visualItemRect(table.item(4, 3)).center()
    with qtbot.waitSignal(view.event_requested, timeout=1000) as blocker:
        # A real double-click starts with a press: QTest's mouseDClick alone sends none.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=tampered)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=tampered)
    assert blocker.args == [ids[4]]


def test_the_show_event_button_asks_for_the_selected_event(qtbot, store: Store, view: PaymentsView) -> None:
    ids = deliver(store, JUNO_STORY)
    reload(qtbot, view)
    view.select_entity(CHARGE)
    assert not view.timeline.show_button.isEnabled()
    view.timeline.table.selectRow(3)
    with qtbot.waitSignal(view.event_requested, timeout=1000) as blocker:
        view.timeline.show_button.click()
    assert blocker.args == [ids[3]]


def test_new_events_update_rows_in_place_and_the_selection_follows_its_entity(
    qtbot, qtmodeltester, store: Store, view: PaymentsView, live: EventFeed
) -> None:
    qtmodeltester.check(view.model)  # keeps checking every signal below
    deliver(store, ["juno-charge-created"])
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert cell(view, CHARGE, Col.STATUS) == "◷ ACTIVE · Pending"
    view.select_entity(CHARGE)

    # The payment joins its charge's sale: the sale is confirmed before the charge says PAID.
    deliver(store, ["juno-payment-confirmed-pretty"], start=BASE_TIME + 60)
    qtbot.waitUntil(lambda: cell(view, CHARGE, Col.STATUS) == "✔ CONFIRMED · Confirmed")
    assert view.model.rowCount() == 1
    assert view.selected_key() == CHARGE

    deliver(store, ["juno-charge-paid"], start=BASE_TIME + 120)
    qtbot.waitUntil(lambda: cell(view, CHARGE, Col.STATUS) == "✔ PAID · Confirmed")
    assert view.model.key(0) == CHARGE
    assert view.model.rowCount() == 1
    assert view.selected_key() == CHARGE
    assert timeline_column(view, 7) == ["Status → ACTIVE", "Status → CONFIRMED", "Status → PAID"]


def test_the_totals_show_todays_confirmations_pending_and_failures(qtbot, store: Store) -> None:
    deliver(store, JUNO_STORY)
    label = TotalsLabel(clock=lambda: BASE_TIME)
    qtbot.addWidget(label)
    with qtbot.waitSignal(label.updated, timeout=5000):
        label.refresh(store)
    # The charge and its payment are one sale of R$ 149,90; the transfer failed.
    assert label.plain_text() == (
        "Confirmed today: 1 · R$149.90 | Refunded today: 0 · R$0.00 | Failed today: 1 | Pending: 0"
    )


def test_scheduled_totals_refresh_once_after_a_burst(qtbot, store: Store) -> None:
    label = TotalsLabel(clock=lambda: BASE_TIME)
    qtbot.addWidget(label)
    deliver(store, ["juno-charge-created"])
    for _ in range(5):
        label.schedule(store)
    qtbot.waitUntil(lambda: label.text() != "", timeout=3000)
    assert label.plain_text() == (
        "Confirmed today: 0 · R$0.00 | Refunded today: 0 · R$0.00 | Failed today: 0 | Pending: 1"
    )


def test_a_filtered_table_drops_an_entity_that_stops_matching(
    qtbot, qtmodeltester, store: Store, view: PaymentsView, live: EventFeed
) -> None:
    deliver(store, ["juno-charge-created", "juno-transfer-rejected"])
    with loaded(qtbot, view.model):
        view.model.load(parse("status:ACTIVE"))
    qtmodeltester.check(view.model)
    assert [view.model.key(row) for row in range(view.model.rowCount())] == [CHARGE]
    deliver(store, ["juno-charge-paid", "juno-payment-confirmed-pretty"], start=BASE_TIME + 60)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)


def keys(model: PaymentsModel) -> list[tuple[str, str] | None]:
    return [model.key(row) for row in range(model.rowCount())]


def test_entities_are_read_on_a_reader_thread_and_shown_once_loaded(
    qtbot, store: Store, model: PaymentsModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    deliver(store, JUNO_STORY)
    threads: list[threading.Thread] = []

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return latest_event_ids(*args, **kwargs)

    monkeypatch.setattr(entities_query, "latest_event_ids", spy)
    with loaded(qtbot, model):
        model.load()
        assert model.rowCount() == 0  # load() returned without waiting for the query
    assert keys(model) == entity_keys(store.reader())  # all three sales, most recently touched first
    assert len(keys(model)) == 3
    assert threads and threading.main_thread() not in threads


def test_a_newer_load_supersedes_one_whose_rows_are_already_on_their_way(qtbot, store: Store) -> None:
    deliver(store, JUNO_STORY)
    reader = store.background_reader()
    model = PaymentsModel(store, reader=reader)
    shown: list[list[tuple[str, str] | None]] = []
    model.modelReset.connect(lambda: shown.append(keys(model)))
    with loaded(qtbot, model):
        model.load(parse("entitytype:TRANSFER"))
        # The reader takes jobs in order: once this returns, the first load has sent its rows.
        reader.submit(lambda reads: None).result(timeout=5)
        model.load(parse("entitytype:CHARGE"))
    assert shown == [[CHARGE]]  # the transfer-only rows never showed
    model.close()


def test_events_arriving_during_a_load_are_applied_once_it_ends(
    qtbot, qtmodeltester, store: Store, model: PaymentsModel
) -> None:
    deliver(store, ["juno-charge-created"])
    with loaded(qtbot, model):
        model.load()
        deliver(store, ["juno-transfer-rejected"], start=BASE_TIME + 60)
        assert model.refresh() == 0  # noted: the load in progress reads from its own mark
    qtmodeltester.check(model)
    assert keys(model) == [TRANSFER, CHARGE]


def test_a_touched_entity_moves_to_the_top_with_the_selection(
    qtbot, qtmodeltester, store: Store, view: PaymentsView
) -> None:
    deliver(store, ["juno-charge-created", "juno-account-verified-utf8", "juno-transfer-rejected"])
    reload(qtbot, view)
    qtmodeltester.check(view.model)
    assert keys(view.model) == [TRANSFER, ACCOUNT, CHARGE]
    view.select_entity(CHARGE)
    account = QPersistentModelIndex(view.model.index(1, 0))
    deliver(store, ["juno-charge-paid"], start=BASE_TIME + 60)
    assert view.model.refresh() == 1
    assert keys(view.model) == [CHARGE, TRANSFER, ACCOUNT]
    assert view.selected_key() == CHARGE
    assert account.row() == 2 == view.model.row_of(ACCOUNT)
    assert cell(view, CHARGE, Col.STATUS) == "✔ PAID · Confirmed"

    # Touched again while on top: it stays there, with its new flag.
    deliver(store, ["juno-charge-tampered"], start=BASE_TIME + 120)
    assert view.model.refresh() == 1
    assert keys(view.model) == [CHARGE, TRANSFER, ACCOUNT]
    assert cell(view, CHARGE, Col.FLAGS) == "⚠ 1 invalid signature"
