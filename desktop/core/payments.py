"""Payment (entity) state derived from events: pure functions, no Qt, no SQL.

One state per provider + entity id (a Juno charge, a Stripe payment intent...). It is always
rebuildable by feeding the events through `apply_event` in arrival order. Deliveries are
at-least-once and unordered, so the rules are:

- every event counts in `event_count`;
- a duplicate (the caller saw provider + event id before) is counted and changes nothing else;
- only a trusted delivery (core/trust.py: `valid`, or `unsigned` on a trusted endpoint) moves
  the status or fills the amount. A delivery whose check failed (invalid, missing, stale...) is
  counted and changes nothing else: a forged "PAID" must not show as paid. One nobody could
  check yet (no secret) is counted and kept aside as a *claim* (`claimed_status`), shown as
  "PAID · não verificado" until a trusted delivery at least as recent supersedes it;
- an event whose provider timestamp is older than the current status's is out of order: it
  does not move the status backwards (it may still fill fields still unknown);
- otherwise status, amount, currency, reference and payer follow the event, keeping previous
  values where the event lacks them. A refund after confirmation is an ordinary forward change.

Events without an entity id are not entity events: the caller skips them (apply_event raises).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from desktop.core.model import Derived
from desktop.core.trust import is_claim, is_trusted

# Events that name an entity but whose "status" is not its lifecycle state: Juno's read
# confirmation reports where a charge was read (EMAIL, DOCUMENT), which must not replace PAID.
_NO_LIFECYCLE = frozenset({("juno", "CHARGE_READ_CONFIRMATION")})

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EntityState:
    provider: str
    entity_id: str
    entity_type: str | None
    status: str | None
    amount: Decimal | None
    currency: str | None
    reference: str | None
    payer: str | None
    first_seen: float
    last_update: float
    status_time: float | None  # provider timestamp of the current status
    event_count: int
    duplicates: int
    out_of_order: int
    invalid_signatures: int  # events refused because their check failed (invalid, missing, stale...)
    last_event: int | None  # id of the most recent event seen for this entity
    sale_id: str | None = None  # the sale (charge) this entity belongs to, when linked
    unverified: int = 0  # deliveries nobody could check (no secret): counted, never money
    claimed_status: str | None = None  # the newest unchecked status not superseded by a trusted one
    claimed_time: float | None = None
    claimed_amount: Decimal | None = None


def _new_state(received_at: float, derived: Derived, entity_id: str) -> EntityState:
    return EntityState(
        provider=derived.provider or "",
        entity_id=entity_id,
        entity_type=derived.entity_type,
        status=None,
        amount=None,
        currency=None,
        reference=None,
        payer=None,
        first_seen=received_at,
        last_update=received_at,
        status_time=None,
        event_count=0,
        duplicates=0,
        out_of_order=0,
        invalid_signatures=0,
        last_event=None,
    )


def _pick(old: T | None, new: T | None, late: bool) -> T | None:
    """Late events only fill gaps; current events overwrite what they carry."""
    if late:
        return old if old is not None else new
    return new if new is not None else old


def apply_event(
    state: EntityState | None, event_id: int, received_at: float, derived: Derived, duplicate: bool
) -> tuple[EntityState, bool]:
    """Fold one event into its entity's state: (new state, whether this event is out of order)."""
    if derived.entity_id is None:
        raise ValueError("not an entity event (no entity_id): the caller must skip it")
    state = state or _new_state(received_at, derived, derived.entity_id)
    state = replace(
        state,
        event_count=state.event_count + 1,
        first_seen=min(state.first_seen, received_at),
        last_update=max(state.last_update, received_at),
        last_event=event_id,
    )
    # A forged copy of a real delivery is a failed signature first, never a harmless duplicate.
    if is_claim(derived):
        return _claim(state, derived, duplicate), False
    if not is_trusted(derived):
        return replace(state, invalid_signatures=state.invalid_signatures + 1), False
    if duplicate:
        return replace(state, duplicates=state.duplicates + 1), False

    late = (
        derived.event_time is not None
        and state.status_time is not None
        and derived.event_time < state.status_time
    )
    carries_status = (
        not late
        and derived.status is not None
        and (derived.provider, derived.event_type) not in _NO_LIFECYCLE
    )
    state = replace(
        state,
        entity_type=_pick(state.entity_type, derived.entity_type, late),
        amount=_pick(state.amount, derived.amount, late),
        currency=_pick(state.currency, derived.currency, late),
        reference=_pick(state.reference, derived.reference, late),
        payer=_pick(state.payer, derived.payer, late),
        sale_id=_pick(state.sale_id, derived.sale_id, late),
    )
    if late:
        return replace(state, out_of_order=state.out_of_order + 1), True
    if carries_status:
        state = replace(
            state,
            status=derived.status,
            status_time=derived.event_time if derived.event_time is not None else state.status_time,
        )
        if _not_older(derived.event_time, state.claimed_time):
            # A checked status at least as recent as the claim answers it.
            state = replace(state, claimed_status=None, claimed_time=None, claimed_amount=None)
    return state, False


def _not_older(time: float | None, than: float | None) -> bool:
    return time is None or than is None or time >= than


def _claim(state: EntityState, derived: Derived, duplicate: bool) -> EntityState:
    """An unchecked delivery: counted, its status kept aside, never the status itself."""
    state = replace(
        state,
        unverified=state.unverified + 1,
        # Descriptive gaps only (what the row is about); never the amount that counts as money.
        entity_type=state.entity_type or derived.entity_type,
        reference=state.reference or derived.reference,
        payer=state.payer or derived.payer,
        sale_id=state.sale_id or derived.sale_id,
    )
    lifecycle = derived.status is not None and (derived.provider, derived.event_type) not in _NO_LIFECYCLE
    newer = _not_older(derived.event_time, state.claimed_time) and not (
        derived.event_time is not None
        and state.status_time is not None
        and derived.event_time < state.status_time
    )
    if duplicate or not lifecycle or not newer:
        return state
    return replace(
        state,
        claimed_status=derived.status,
        claimed_time=derived.event_time,
        claimed_amount=derived.amount if derived.amount is not None else state.claimed_amount,
    )


class StatusCategory(StrEnum):
    CONFIRMED = "confirmed"
    PENDING = "pending"
    FAILED = "failed"
    REFUNDED = "refunded"
    OTHER = "other"


STATUS_LABELS_PT: dict[StatusCategory, str] = {
    StatusCategory.CONFIRMED: "Confirmado",
    StatusCategory.PENDING: "Pendente",
    StatusCategory.FAILED: "Falhou",
    StatusCategory.REFUNDED: "Estornado",
    StatusCategory.OTHER: "Outro",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Statuses of Juno, Stripe, Asaas, Mercado Pago, Pagar.me and PagBank, upper-cased.
_CATEGORIES: dict[StatusCategory, frozenset[str]] = {
    StatusCategory.CONFIRMED: _words(
        "PAID CONFIRMED EXECUTED RECEIVED RECEIVED_IN_CASH SUCCEEDED APPROVED COMPLETE COMPLETED "
        "AVAILABLE OVERPAID DUNNING_RECEIVED"
    ),
    StatusCategory.PENDING: _words(
        "ACTIVE AUTHORIZED REQUESTED SCHEDULED NEEDS_CHECK PENDING PROCESSING PRECONFIRMED WAITING "
        "WAITING_PAYMENT IN_ANALYSIS IN_PROCESS IN_MEDIATION ANALYZING PENDING_REVIEW OPEN OVERDUE "
        "CREATED DRAFT INCOMPLETE DUNNING_REQUESTED"
    ),
    StatusCategory.FAILED: _words(
        "FAILED DECLINED REJECTED CANCELLED CANCELED NOT_AUTHORIZED CHECK_FAILED INVALID_BANK_ACCOUNT "
        "REFUSED EXPIRED VOID UNCOLLECTIBLE INCOMPLETE_EXPIRED DELETED"
    ),
    StatusCategory.REFUNDED: _words(
        "CUSTOMER_PAID_BACK BANK_PAID_BACK PARTIALLY_REFUNDED REFUNDED PENDING_REFUND REFUND_REQUESTED "
        "REFUND_IN_PROGRESS CHARGED_BACK CHARGEDBACK CHARGEBACK_REQUESTED CHARGEBACK_DISPUTE "
        "AWAITING_CHARGEBACK_REVERSAL"
    ),
}
# Every status named above: offered by the filter bar's completion.
KNOWN_STATUSES: tuple[str, ...] = tuple(sorted(set().union(*_CATEGORIES.values())))

_PREFIXES = (
    ("AWAITING_", StatusCategory.PENDING),
    ("REQUIRES_", StatusCategory.PENDING),  # Stripe's requires_payment_method, requires_action...
    ("FAILED_", StatusCategory.FAILED),  # Juno's FAILED_INSUFFICIENT_FUNDS
)
# Where a status word means something else: an active Stripe subscription is not a pending charge.
_PROVIDER_OVERRIDES: dict[str, dict[str, StatusCategory]] = {
    "stripe": {"ACTIVE": StatusCategory.OTHER},
}
# Entities whose statuses are about the account, not about money (Juno's REJECTED document).
_NOT_MONEY = frozenset({"DIGITAL_ACCOUNT", "DOCUMENT"})
# Money leaving the account, or going back: "confirmed" there is not money arriving.
_NOT_MONEY_IN = frozenset({"TRANSFER", "P2P_TRANSFER", "BILL_PAYMENT", "REFUND", "PAYOUT", "SUBSCRIPTION"})


def is_money_in(entity_type: str | None) -> bool:
    """False for entities whose "confirmed" is not money arriving (transfers, refunds, accounts)."""
    kind = (entity_type or "").upper()
    return kind not in _NOT_MONEY_IN and kind not in _NOT_MONEY


def status_category(provider: str | None, entity_type: str | None, status: str | None) -> StatusCategory:
    """Group a provider's status word into the five categories the UI colours and filters."""
    kind = (entity_type or "").upper()
    word = (status or "").strip().upper()
    if not word or kind in _NOT_MONEY:
        return StatusCategory.OTHER
    override = _PROVIDER_OVERRIDES.get(provider or "", {}).get(word)
    if override is not None:
        return override
    category = next((cat for cat, words in _CATEGORIES.items() if word in words), None)
    if category is None:
        category = next((cat for prefix, cat in _PREFIXES if word.startswith(prefix)), StatusCategory.OTHER)
    # A refund object that "succeeded" is money given back.
    if kind == "REFUND" and category is StatusCategory.CONFIRMED:
        return StatusCategory.REFUNDED
    return category


def is_money_problem(derived: Derived) -> bool:
    """True when this event says money did not arrive or went back: a payment failed or was
    declined, refunded or charged back (a trusted, current event of a money entity)."""
    if derived.duplicate_of is not None or derived.out_of_order or not is_trusted(derived):
        return False
    if (derived.entity_type or "").upper() in _NOT_MONEY:
        return False
    category = status_category(derived.provider, derived.entity_type, derived.status)
    return category in (StatusCategory.FAILED, StatusCategory.REFUNDED)


def is_money_confirmed(derived: Derived) -> bool:
    """True when this event says money arrived (a payment confirmed, a charge paid): the
    desktop notification fires on it. Never for duplicates, late events or untrusted deliveries."""
    if derived.duplicate_of is not None or derived.out_of_order or not is_trusted(derived):
        return False
    if (derived.provider, derived.event_type) in _NO_LIFECYCLE:
        return False
    if (derived.entity_type or "").upper() in _NOT_MONEY_IN:
        return False
    return status_category(derived.provider, derived.entity_type, derived.status) is StatusCategory.CONFIRMED
