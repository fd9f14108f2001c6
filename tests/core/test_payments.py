"""The payment state machine: duplicates, ordering, forged events, refunds, categories."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.model import Derived, Verdict
from desktop.core.payments import (
    STATUS_LABELS_PT,
    EntityState,
    StatusCategory,
    apply_event,
    is_money_confirmed,
    status_category,
)
from desktop.core.providers import derive
from tests.core.test_providers import CASES, NOW, request_for

CHARGE = "chr_7A1C4E2B9D3F5A6C8E0B1D2F3A4C5E6B"
PAYMENT = "pay_5D4C3B2A19087F6E5D4C3B2A"


def event(status: str | None, at: float | None, **changes: object) -> Derived:
    base = Derived(
        provider="juno",
        event_type="CHARGE_STATUS_CHANGED",
        entity_type="CHARGE",
        entity_id="chr_1",
        status=status,
        event_time=at,
        signature=Verdict.VALID,
    )
    return base.with_(**changes)


def feed(*events: Derived, duplicates: tuple[int, ...] = ()) -> tuple[EntityState, list[bool]]:
    state: EntityState | None = None
    flags = []
    for number, derived in enumerate(events, start=1):
        state, late = apply_event(state, number, 1000.0 + number, derived, duplicate=number in duplicates)
        flags.append(late)
    assert state is not None
    return state, flags


def test_fixture_deliveries_in_order() -> None:
    """Feed every fixture case as the store would: duplicates by provider + event id."""
    seen: set[tuple[str, str]] = set()
    states: dict[tuple[str, str], EntityState] = {}
    for number, c in enumerate(CASES, start=1):
        derived = derive(request_for(c), c["provider"], c["secret"], NOW)
        key = (derived.provider or "", derived.event_id or "")
        trusted = derived.signature.value not in ("invalid", "missing")
        # As the store does: only a delivery that passed its check is a duplicate, or is "seen".
        duplicate = trusted and derived.event_id is not None and key in seen
        if trusted:
            seen.add(key)
        late = False
        if derived.entity_id is not None:  # entity-less events are skipped by the caller
            entity = (derived.provider or "", derived.entity_id)
            states[entity], late = apply_event(states.get(entity), number, NOW + number, derived, duplicate)
        expect = c["expect"]
        if "duplicate" in expect:
            assert duplicate is expect["duplicate"], c["name"]
        if "out_of_order" in expect:
            assert late is expect["out_of_order"], c["name"]

    charge = states[("juno", CHARGE)]
    # created ACTIVE, PAID, a tampered copy, an unsigned copy, then a late ACTIVE: still PAID.
    assert (charge.status, charge.amount, charge.reference) == ("PAID", Decimal("149.90"), "pedido-1001")
    counts = (charge.event_count, charge.invalid_signatures, charge.duplicates, charge.out_of_order)
    assert counts == (5, 2, 0, 1)
    payment = states[("juno", PAYMENT)]
    assert (payment.status, payment.payer, payment.event_count, payment.duplicates) == (
        "CONFIRMED",
        "Maria da Silva",
        2,
        1,
    )


def test_first_event_creates_the_state() -> None:
    state, flags = apply_event(None, 7, 1000.0, event("ACTIVE", 50.0, amount=Decimal("10.00")), False)
    assert flags is False
    assert state == EntityState(
        provider="juno",
        entity_id="chr_1",
        entity_type="CHARGE",
        status="ACTIVE",
        amount=Decimal("10.00"),
        currency=None,
        reference=None,
        payer=None,
        first_seen=1000.0,
        last_update=1000.0,
        status_time=50.0,
        event_count=1,
        duplicates=0,
        out_of_order=0,
        invalid_signatures=0,
        last_event=7,
    )


def test_duplicates_are_counted_and_change_nothing() -> None:
    state, flags = feed(event("ACTIVE", 1.0), event("PAID", 2.0), duplicates=(2,))
    assert (state.status, state.duplicates, state.event_count, state.last_event) == ("ACTIVE", 1, 2, 2)
    assert flags == [False, False]


@pytest.mark.parametrize("verdict", [Verdict.INVALID, Verdict.MISSING])
def test_failed_signatures_never_change_status_or_amount(verdict: Verdict) -> None:
    forged = event("PAID", 5.0, amount=Decimal("1.49"), signature=verdict)
    state, _ = feed(event("ACTIVE", 1.0, amount=Decimal("149.90")), forged)
    assert (state.status, state.amount, state.status_time) == ("ACTIVE", Decimal("149.90"), 1.0)
    assert (state.invalid_signatures, state.event_count) == (1, 2)


@pytest.mark.parametrize("verdict", [Verdict.UNVERIFIED, Verdict.UNSIGNED])
def test_unchecked_deliveries_are_kept_aside_as_claims_not_statuses(verdict: Verdict) -> None:
    state, _ = feed(event("ACTIVE", 1.0), event("PAID", 2.0, amount=Decimal("9999.00"), signature=verdict))
    assert (state.status, state.amount) == ("ACTIVE", None)
    assert (state.claimed_status, state.claimed_amount, state.unverified) == ("PAID", Decimal("9999.00"), 1)


def test_unsigned_deliveries_move_the_status_on_a_trusted_endpoint() -> None:
    unsigned = event("PAID", 2.0, signature=Verdict.UNSIGNED, endpoint_trusted=True)
    state, _ = feed(event("ACTIVE", 1.0), unsigned)
    assert (state.status, state.claimed_status) == ("PAID", None)


def test_out_of_order_event_does_not_move_status_backwards() -> None:
    state, flags = feed(event("PAID", 10.0), event("ACTIVE", 5.0, amount=Decimal("149.90"), payer="Ana"))
    assert flags == [False, True]
    assert (state.status, state.status_time, state.out_of_order) == ("PAID", 10.0, 1)
    # A late event may still fill what nobody had said yet.
    assert (state.amount, state.payer) == (Decimal("149.90"), "Ana")


def test_late_event_does_not_overwrite_known_fields() -> None:
    state, _ = feed(
        event("PAID", 10.0, amount=Decimal("20.00")), event("ACTIVE", 5.0, amount=Decimal("1.00"))
    )
    assert state.amount == Decimal("20.00")


def test_same_timestamp_and_missing_timestamp_apply() -> None:
    state, flags = feed(event("ACTIVE", 10.0), event("PAID", 10.0), event("CANCELLED", None))
    assert flags == [False, False, False]
    assert (state.status, state.status_time) == ("CANCELLED", 10.0)


def test_refund_after_confirmation_is_a_forward_change() -> None:
    payment = {"event_type": "PAYMENT_NOTIFICATION", "entity_type": "PAYMENT"}
    state, flags = feed(event("CONFIRMED", 1.0, **payment), event("CUSTOMER_PAID_BACK", 2.0, **payment))
    assert state.status == "CUSTOMER_PAID_BACK"
    assert status_category("juno", state.entity_type, state.status) is StatusCategory.REFUNDED
    assert flags == [False, False] and state.out_of_order == 0


def test_events_missing_fields_keep_previous_values() -> None:
    first = event("ACTIVE", 1.0, amount=Decimal("5.00"), currency="BRL", reference="r1", payer="Ana")
    state, _ = feed(first, event(None, 2.0))
    assert (state.status, state.amount, state.currency, state.reference, state.payer) == (
        "ACTIVE",
        Decimal("5.00"),
        "BRL",
        "r1",
        "Ana",
    )


def test_read_confirmation_does_not_replace_the_charge_status() -> None:
    read = event("EMAIL", 3.0, event_type="CHARGE_READ_CONFIRMATION")
    state, _ = feed(event("PAID", 2.0), read)
    assert (state.status, state.event_count) == ("PAID", 2)


def test_events_without_entity_are_refused() -> None:
    with pytest.raises(ValueError, match="entity_id"):
        apply_event(None, 1, 1.0, Derived(provider="github"), False)


@pytest.mark.parametrize(
    ("provider", "entity_type", "status", "category"),
    [
        ("juno", "CHARGE", "PAID", StatusCategory.CONFIRMED),
        ("juno", "PAYMENT", "CONFIRMED", StatusCategory.CONFIRMED),
        ("juno", "TRANSFER", "EXECUTED", StatusCategory.CONFIRMED),
        ("juno", "CHARGE", "ACTIVE", StatusCategory.PENDING),
        ("juno", "PAYMENT", "AUTHORIZED", StatusCategory.PENDING),
        ("juno", "TRANSFER", "AWAITING_EXECUTION", StatusCategory.PENDING),
        ("juno", "TRANSFER", "NEEDS_CHECK", StatusCategory.PENDING),
        ("juno", "BILL_PAYMENT", "SCHEDULED", StatusCategory.PENDING),
        ("juno", "PAYMENT", "DECLINED", StatusCategory.FAILED),
        ("juno", "PAYMENT", "NOT_AUTHORIZED", StatusCategory.FAILED),
        ("juno", "CHARGE", "CANCELLED", StatusCategory.FAILED),
        ("juno", "TRANSFER", "CANCELED", StatusCategory.FAILED),
        ("juno", "TRANSFER", "INVALID_BANK_ACCOUNT", StatusCategory.FAILED),
        ("juno", "BILL_PAYMENT", "FAILED_INSUFFICIENT_FUNDS", StatusCategory.FAILED),
        ("juno", "PAYMENT", "BANK_PAID_BACK", StatusCategory.REFUNDED),
        ("juno", "PAYMENT", "PARTIALLY_REFUNDED", StatusCategory.REFUNDED),
        ("juno", "DOCUMENT", "REJECTED", StatusCategory.OTHER),
        ("juno", "DIGITAL_ACCOUNT", "ACTIVE", StatusCategory.OTHER),
        ("juno", "CHARGE", "EMAIL", StatusCategory.OTHER),
        ("stripe", "payment_intent", "succeeded", StatusCategory.CONFIRMED),
        ("stripe", "payment_intent", "requires_payment_method", StatusCategory.PENDING),
        ("stripe", "payment_intent", "canceled", StatusCategory.FAILED),
        ("stripe", "refund", "succeeded", StatusCategory.REFUNDED),
        ("stripe", "subscription", "active", StatusCategory.OTHER),
        ("asaas", "PAYMENT", "RECEIVED", StatusCategory.CONFIRMED),
        ("asaas", "PAYMENT", "OVERDUE", StatusCategory.PENDING),
        ("asaas", "PAYMENT", "REFUND_REQUESTED", StatusCategory.REFUNDED),
        ("mercadopago", "payment", "approved", StatusCategory.CONFIRMED),
        ("mercadopago", "payment", "in_process", StatusCategory.PENDING),
        ("mercadopago", "payment", "charged_back", StatusCategory.REFUNDED),
        ("pagarme", "transaction", "waiting_payment", StatusCategory.PENDING),
        ("pagarme", "transaction", "refused", StatusCategory.FAILED),
        ("pagarme", "transaction", "chargedback", StatusCategory.REFUNDED),
        ("pagbank", "CHARGE", "IN_ANALYSIS", StatusCategory.PENDING),
        (None, None, None, StatusCategory.OTHER),
        ("juno", "CHARGE", "SOMETHING_NEW", StatusCategory.OTHER),
    ],
)
def test_status_category(
    provider: str | None, entity_type: str | None, status: str | None, category: StatusCategory
) -> None:
    assert status_category(provider, entity_type, status) is category


def test_labels_cover_every_category() -> None:
    assert set(STATUS_LABELS_PT) == set(StatusCategory)
    assert STATUS_LABELS_PT[StatusCategory.CONFIRMED] == "Confirmado"
    assert STATUS_LABELS_PT[StatusCategory.REFUNDED] == "Estornado"


def fixture(name: str) -> Derived:
    c = next(c for c in CASES if c["name"] == name)
    return derive(request_for(c), c["provider"], c["secret"], NOW)


def test_money_confirmed_on_the_fixtures() -> None:
    assert is_money_confirmed(fixture("juno-charge-paid"))
    assert is_money_confirmed(fixture("juno-payment-confirmed-pretty"))
    assert not is_money_confirmed(fixture("stripe-payment-intent-succeeded"))  # stale: a possible replay
    assert is_money_confirmed(fixture("asaas-payment-received"))
    assert not is_money_confirmed(fixture("juno-charge-created"))  # ACTIVE: not paid yet
    assert not is_money_confirmed(fixture("juno-charge-tampered"))  # forged PAID
    assert not is_money_confirmed(fixture("juno-transfer-rejected"))
    assert not is_money_confirmed(fixture("github-pr-opened"))


def test_money_confirmed_is_not_repeated_or_sent_for_money_leaving() -> None:
    paid = fixture("juno-charge-paid")
    assert not is_money_confirmed(paid.with_(duplicate_of=1))
    assert not is_money_confirmed(paid.with_(out_of_order=True))
    assert not is_money_confirmed(paid.with_(signature=Verdict.MISSING))
    assert not is_money_confirmed(paid.with_(signature=Verdict.UNVERIFIED))
    assert not is_money_confirmed(event("EXECUTED", 1.0, entity_type="TRANSFER"))
