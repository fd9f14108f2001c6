"""The Overview tab's figures as records: what the store counts for the dashboard. No Qt, no SQL.

Money figures are not defined here: they are the finance day's `Totals` (core/totals.py) and,
per day, the same "confirmed" sum (`CategoryTotal`), so the dashboard and the status bar can
never disagree. What is new is traffic: events per minute, per provider, bad signatures and
duplicates over a time range, and the delivery queues.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A delivery whose signature was checked and did not hold: a forgery, a wrong secret, a replay
# (stale) or a sender that should sign and did not. `unverified` (no secret yet) and `unsigned`
# (a provider that never signs) are not failures.
FAILED_SIGNATURES = ("invalid", "stale", "missing")
# The filter that lists exactly those events (the filter language, core/query).
FAILED_SIGNATURES_FILTER = "(" + " OR ".join(f"signature:{verdict}" for verdict in FAILED_SIGNATURES) + ")"


@dataclass(frozen=True, slots=True)
class Traffic:
    """Events received in a time range: per provider ('' for not recognised), with a failed
    signature (FAILED_SIGNATURES) and duplicates (a delivery seen before)."""

    total: int = 0
    per_provider: dict[str, int] = field(default_factory=dict)
    signature_failures: int = 0
    duplicates: int = 0


@dataclass(frozen=True, slots=True)
class QueueCounts:
    """The forwarding and actions queues now. Pending: waiting for a first try; failing: the
    last try failed (retrying, or given up)."""

    forward_pending: int = 0
    forward_failing: int = 0
    actions_pending: int = 0
    actions_failing: int = 0
