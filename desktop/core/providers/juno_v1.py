"""Juno v1 (Boleto Fácil, legacy): a form post naming a payment; unsigned by design.

The receiver is expected to confirm by fetching the payment with `paymentToken`, so the
notification itself proves nothing: the verdict is always UNSIGNED.
"""

from __future__ import annotations

from desktop.core.model import CapturedRequest, Derived, Headers, Verdict
from desktop.core.providers.base import Check, parse_form, sniff


class JunoV1:
    name = "juno-v1"
    signed = False
    signature_headers: tuple[str, ...] = ()

    def recognise(self, request: CapturedRequest) -> int:
        head = sniff(request.body)
        if b"paymentToken=" not in head:
            return 0
        return 90 if b"chargeReference=" in head or b"chargeCode=" in head else 50

    def describe(self, request: CapturedRequest) -> Derived:
        form = parse_form(request.body)
        token = form.get("paymentToken") or None
        return Derived(
            event_type="PAYMENT_NOTIFICATION",  # v1 has one kind of notification
            # The payment token names the payment; a second post for it is a redelivery.
            event_id=token,
            entity_type="PAYMENT" if token else None,
            entity_id=token,
            reference=form.get("chargeReference") or None,
        )

    def verify(self, request: CapturedRequest, secret: str | None, now: float) -> Check:
        return Check(
            Verdict.UNSIGNED,
            "Juno v1 (legacy) notifications are not signed: confirm the payment by fetching it "
            "with its paymentToken",
        )

    def sign(self, request: CapturedRequest, secret: str, now: float) -> Headers:
        return list(request.headers)  # nothing to sign

    def expected(self, request: CapturedRequest, secret: str) -> str:
        raise ValueError("Juno v1 notifications are not signed")


PROVIDER = JunoV1()
