"""Which deliveries may move money: the one rule the Payments tab, totals and notifications share.

DESIGN.md's verdicts: only `valid` is trusted, and `unsigned` on an endpoint the user marked
trusted (a provider that never signs, behind the listener token for example). Everything else
is untrusted, including verdicts this module does not name (`stale`, or one a newer version
adds): a new verdict never starts counting as money by accident.

Untrusted deliveries come in two kinds, shown differently:
- a *claim*: nobody could check it yet (`unverified`: no secret configured; `unsigned` on an
  endpoint not marked trusted). Shown as "PAID · não verificado", kept out of totals and
  notifications; setting the secret re-verifies it and decides.
- *refused*: the check ran and failed (`invalid`, `missing`, `stale`...). Never shown as a status.
"""

from __future__ import annotations

from desktop.core.model import Derived

TRUSTED_VERDICT = "valid"
UNSIGNED = "unsigned"
UNVERIFIED = "unverified"


def is_trusted(derived: Derived) -> bool:
    """True when this delivery may move a status, count as money or notify "confirmed"."""
    verdict = str(derived.signature)
    return verdict == TRUSTED_VERDICT or (verdict == UNSIGNED and derived.endpoint_trusted)


def is_claim(derived: Derived) -> bool:
    """Untrusted because unchecked (no secret, or an unsigned sender on an untrusted endpoint)."""
    return not is_trusted(derived) and str(derived.signature) in (UNVERIFIED, UNSIGNED)


def is_refused(derived: Derived) -> bool:
    """Untrusted because its check failed (invalid, missing, stale or any other verdict)."""
    return not is_trusted(derived) and not is_claim(derived)
