"""The Payments view's queries, over state built by real writes of the fixture deliveries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest
from desktop.core.payments import StatusCategory
from desktop.runtime import Deriver
from desktop.store import entities_query as q
from desktop.store.entities import enrich_event
from desktop.store.events import Store, open_store
from desktop.store.totals import totals as day_totals
from tests.conftest import case_body, load_cases

CASES = {case["name"]: case for case in load_cases()}
CHARGE = ("juno", "chr_7A1C4E2B9D3F5A6C8E0B1D2F3A4C5E6B")
PAYMENT = ("juno", "pay_5D4C3B2A19087F6E5D4C3B2A")
TRANSFER = ("juno", "trf_1A2B3C4D5E6F7A8B")
# Received times on the fixture's day (2026-11-27, 10:10 in São Paulo), a few seconds apart.
BASE_TIME = 1795785000.0
# The Juno deliveries in the order a provider (and an attacker) might send them.
JUNO_STORY = (
    "juno-charge-created",
    "juno-charge-paid",
    "juno-payment-confirmed-pretty",
    "juno-payment-confirmed-redelivered",
    "juno-charge-tampered",
    "juno-charge-unsigned",
    "juno-charge-out-of-order",
    "juno-transfer-rejected",
    "juno-account-verified-utf8",
)


def open_juno_store(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A store whose /juno endpoint verifies with the fixture's secret (from the environment)."""
    monkeypatch.setenv("TEST_SECRET", CASES["juno-charge-created"]["secret"])
    deriver = Deriver(Settings(endpoints=(Endpoint("/juno", "juno", "TEST_SECRET"),)))
    store = open_store(data_dir, deriver, enrich_event)
    # Until a schema migration creates them, as the app will.
    store.writer.call(q.ensure_entity_indexes).result(timeout=10)
    return store


def deliver(store: Store, names: Sequence[str], start: float = BASE_TIME) -> list[int]:
    """Store these fixture deliveries (7 s apart) and wait for the commit; returns their ids."""
    futures = []
    for offset, name in enumerate(names):
        case = CASES[name]
        request = CapturedRequest(
            method=case["method"],
            path=case["path"],
            query=case["query"],
            headers=[(k, v) for k, v in case["headers"]],
            body=case_body(case),
            received_at=start + 7 * offset,
            remote_addr="127.0.0.1",
        )
        futures.append(store.writer.submit(request))
    store.writer.call(lambda conn: None).result(timeout=10)
    return [future.result(timeout=10) for future in futures]


@pytest.fixture
def store(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    opened = open_juno_store(data_dir, monkeypatch)
    yield opened
    opened.close()


def test_the_paid_sale_stays_paid_at_its_real_amount_after_forged_and_late_deliveries(store: Store) -> None:
    deliver(store, JUNO_STORY)
    sale = q.entity_rows(store.reader(), [CHARGE])[CHARGE]
    assert (sale["status"], sale["amount"], sale["reference"]) == ("PAID", "149.90", "pedido-1001")
    assert sale["category"] == "confirmed"
    # Charge (5 events) and payment (2): the tampered copy (R$ 1,49) and the unsigned one are
    # refused; the late ACTIVE is flagged; the payment's redelivery is a duplicate.
    assert (sale["event_count"], sale["refused"], sale["out_of_order"]) == (7, 2, 1)
    assert sale["redelivered"] == 1


def test_a_payment_is_inside_its_charges_sale(store: Store) -> None:
    deliver(store, JUNO_STORY)
    sale = q.entity_rows(store.reader(), [CHARGE])[CHARGE]
    assert (sale["payment_id"], sale["payment_status"], sale["members"]) == (PAYMENT[1], "CONFIRMED", 2)
    assert sale["payer"] == "Maria da Silva"
    assert q.entity_rows(store.reader(), [PAYMENT]) == {}  # not a line of its own


def test_sales_are_listed_most_recently_touched_first(store: Store) -> None:
    deliver(store, [*JUNO_STORY[:3], "juno-transfer-rejected"])
    deliver(store, ["juno-charge-out-of-order"], start=BASE_TIME + 100)
    assert q.entity_keys(store.reader()) == [CHARGE, TRANSFER]


def test_the_newest_entities_come_from_the_index_without_sorting_the_table(store: Store) -> None:
    store.writer.call(q.ensure_entity_indexes).result(timeout=10)  # a second time changes nothing
    conn = store.reader()
    statements: list[str] = []
    conn.set_trace_callback(statements.append)  # the SQL as run, parameters filled in
    q.latest_event_ids(conn, newest=1024)
    conn.set_trace_callback(None)
    plan = " ".join(str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {statements[-1]}"))
    assert "sales_last_event" in plan
    assert "TEMP B-TREE" not in plan


def test_sales_are_named_by_their_last_event_oldest_first(store: Store) -> None:
    # charge created, charge paid, payment confirmed (one sale), transfer rejected
    ids = deliver(store, [*JUNO_STORY[:3], "juno-transfer-rejected"])
    conn = store.reader()
    assert list(q.latest_event_ids(conn)) == [ids[2], ids[3]]
    assert list(q.latest_event_ids(conn, newest=1)) == [ids[3]]
    assert list(q.latest_event_ids(conn, before=ids[3])) == [ids[2]]
    assert list(q.latest_event_ids(conn, "entity_type = ?", ("CHARGE",))) == [ids[2]]


def test_a_row_read_by_an_older_event_shows_the_entity_as_it_is_now(store: Store) -> None:
    (created,) = deliver(store, ["juno-charge-created"])
    deliver(store, ["juno-charge-paid"], start=BASE_TIME + 60)
    rows = q.entity_rows_by_event(store.reader(), [created])
    assert (rows[created]["entity_id"], rows[created]["status"]) == (CHARGE[1], "PAID")


def test_a_touched_entity_says_which_ids_a_view_from_before_may_show_it_under(store: Store) -> None:
    ids = deliver(store, JUNO_STORY[:3])
    mark = q.high_water(store.reader())
    (tampered,) = deliver(store, ["juno-charge-tampered"], start=BASE_TIME + 60)
    (changed,) = q.changed_since(store.reader(), mark)
    assert (changed.key, changed.last_event) == (CHARGE, tampered)
    assert changed.shown_as == {ids[2], tampered}  # its id as of the mark, or any newer one
    assert q.shown_as(store.reader(), CHARGE, mark) == {ids[2], tampered}


def test_entity_keys_can_be_filtered(store: Store) -> None:
    deliver(store, JUNO_STORY)
    assert q.entity_keys(store.reader(), "entity_type = ?", ("TRANSFER",)) == [TRANSFER]


def test_changed_since_names_only_entities_touched_by_newer_events(store: Store) -> None:
    deliver(store, JUNO_STORY[:3])
    mark = q.high_water(store.reader())
    deliver(store, ["juno-charge-tampered", "juno-transfer-rejected"])
    changed = q.changed_since(store.reader(), mark, "status = ?", ("PAID",))
    assert [(c.key, c.matches) for c in changed] == [(TRANSFER, False), (CHARGE, True)]
    assert q.changed_since(store.reader(), q.high_water(store.reader())) == []


def test_the_timeline_lists_every_event_of_the_sale_in_arrival_order_with_its_effect(store: Store) -> None:
    ids = deliver(store, JUNO_STORY)
    rows = q.timeline(store.reader(), *CHARGE)
    sale_ids = [ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6]]
    assert [r["id"] for r in rows] == sale_ids
    assert [(r["status"], r["signature"], r["effect"]) for r in rows] == [
        ("ACTIVE", "valid", "changed"),
        ("PAID", "valid", "changed"),
        ("CONFIRMED", "valid", "changed"),
        ("CONFIRMED", "valid", "duplicate"),
        ("PAID", "invalid", "refused"),
        ("ACTIVE", "missing", "refused"),
        ("ACTIVE", "valid", "late"),
    ]
    assert [r["status_after"] for r in rows] == ["ACTIVE", "PAID", "CONFIRMED", "CONFIRMED", *["PAID"] * 3]
    assert "signature mismatch" in rows[4]["signature_reason"]


def test_totals_count_a_charge_and_its_payment_as_one_sale(store: Store) -> None:
    deliver(store, JUNO_STORY)
    totals = day_totals(store.reader(), BASE_TIME - 86400, BASE_TIME + 86400)
    assert (totals.confirmed_count, totals.confirmed_amount) == (1, Decimal("149.90"))
    # The rejected transfer is the day's failure; nothing is pending once the charge is paid.
    assert (totals.open_pending.count, totals.of(StatusCategory.FAILED).count) == (0, 1)


def test_totals_count_pending_whenever_it_started_and_the_rest_only_in_the_day(store: Store) -> None:
    deliver(store, ["juno-charge-created", "juno-transfer-rejected"])
    # After both happened (provider times 09:00 and 11:00 in São Paulo).
    totals = day_totals(store.reader(), 1795788000.0 + 1, 1795788000.0 + 86400)
    assert (totals.confirmed_count, totals.open_pending.count, totals.of(StatusCategory.FAILED).count) == (
        0,
        1,
        0,
    )


def test_notable_events_leave_out_redeliveries_and_late_events(store: Store) -> None:
    ids = deliver(store, JUNO_STORY)
    notable = [event_id for event_id, _ in q.notable_events(store.reader(), ids)]
    assert ids[3] not in notable  # the redelivered payment
    assert ids[6] not in notable  # the late ACTIVE
    assert {ids[1], ids[2], ids[4], ids[5]} <= set(notable)
