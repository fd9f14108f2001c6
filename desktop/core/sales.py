"""Sales: a charge and the payments that settle it, as one line for finance. Pure, no SQL.

A provider reports one sale as several entities: Juno a CHARGE and the PAYMENT that pays it
(the payment names its charge in `charge.id`), Stripe a payment intent, its charge and its
refunds. Entities that name the same sale (`EntityState.sale_id`, or their own id) are folded
into one `Sale` here, from their states alone, so a sale is as rebuildable as they are.

Only trusted statuses decide (claims never do; see core/trust.py). The sale's category is the
strongest of its members', in this order:

    refunded > confirmed > failed > pending > other

so a refunded or charged-back payment makes the sale refunded even though Juno leaves its
charge PAID, and a confirmed payment makes the sale confirmed before the charge says PAID.
`status` and `status_time` are those of the member that decided (provider time; receipt
time where the provider sends none): that time places the sale in a finance day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from desktop.core.payments import EntityState, StatusCategory, is_money_in, status_category

# Strongest first: the first category any member has is the sale's.
PRIORITY = (
    StatusCategory.REFUNDED,
    StatusCategory.CONFIRMED,
    StatusCategory.FAILED,
    StatusCategory.PENDING,
    StatusCategory.OTHER,
)


@dataclass(frozen=True, slots=True)
class Sale:
    provider: str
    entity_id: str  # the sale's id: its charge (or its only entity when nothing links to it)
    entity_type: str | None  # of the head entity
    status: str | None  # the deciding member's trusted status
    category: StatusCategory
    status_time: float | None  # when the deciding status happened (provider time, else receipt)
    amount: Decimal | None
    currency: str | None
    reference: str | None
    payer: str | None
    claimed_status: str | None  # an unchecked status not yet answered by a trusted one
    claimed_amount: Decimal | None
    first_seen: float
    last_update: float
    event_count: int
    duplicates: int
    out_of_order: int
    invalid_signatures: int
    unverified: int
    members: int
    payment_id: str | None  # the member that is not the head (a Juno payment), if any
    payment_status: str | None
    last_event: int | None

    @property
    def verified(self) -> bool:
        """The current status comes from a trusted delivery and no unchecked one claims newer."""
        return self.status is not None and self.claimed_status is None


def sale_key(state: EntityState) -> str:
    """The id of the sale an entity belongs to."""
    return state.sale_id or state.entity_id


def member_category(state: EntityState) -> StatusCategory:
    """An entity's category for money: a transfer that went through is not money in."""
    category = status_category(state.provider, state.entity_type, state.status)
    if category is StatusCategory.CONFIRMED and not is_money_in(state.entity_type):
        return StatusCategory.OTHER
    return category


def build_sale(members: Sequence[EntityState]) -> Sale:
    """Fold the entities of one sale (at least one) into its line."""
    if not members:
        raise ValueError("a sale has at least one entity")
    key = sale_key(members[0])
    head = next((m for m in members if m.entity_id == key), members[0])
    others = [m for m in members if m is not head]
    categories = {id(m): member_category(m) for m in members}
    category = next(c for c in PRIORITY if any(categories[id(m)] is c for m in members))
    deciding = [m for m in members if categories[id(m)] is category]
    # The head speaks for the sale when it is one of the deciding members; else the newest.
    decider = head if head in deciding else max(deciding, key=lambda m: m.status_time or m.last_update)
    claims = [m for m in members if m.claimed_status is not None]
    claim = max(claims, key=lambda m: m.claimed_time or m.last_update) if claims else None
    amount_from = (
        head if head.amount is not None else next((m for m in members if m.amount is not None), head)
    )
    payment = max(others, key=lambda m: m.last_update) if others else None
    time = decider.status_time if decider.status_time is not None else decider.last_update
    return Sale(
        provider=head.provider,
        entity_id=key,
        entity_type=head.entity_type,
        status=decider.status,
        category=category,
        status_time=time if decider.status is not None else None,
        amount=amount_from.amount,
        currency=amount_from.currency,
        reference=head.reference or next((m.reference for m in members if m.reference), None),
        payer=head.payer or next((m.payer for m in members if m.payer), None),
        claimed_status=claim.claimed_status if claim else None,
        claimed_amount=claim.claimed_amount if claim else None,
        first_seen=min(m.first_seen for m in members),
        last_update=max(m.last_update for m in members),
        event_count=sum(m.event_count for m in members),
        duplicates=sum(m.duplicates for m in members),
        out_of_order=sum(m.out_of_order for m in members),
        invalid_signatures=sum(m.invalid_signatures for m in members),
        unverified=sum(m.unverified for m in members),
        members=len(members),
        payment_id=payment.entity_id if payment else None,
        payment_status=payment.status if payment else None,
        last_event=max((m.last_event for m in members if m.last_event is not None), default=None),
    )
