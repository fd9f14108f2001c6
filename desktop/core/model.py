"""The captured request and the facts derived from it.

Pure data: no Qt, no SQLite, no network. Everything else in the app passes these around.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum


class Verdict(StrEnum):
    """Outcome of a signature check (the export's `signature` field)."""

    VALID = "valid"
    INVALID = "invalid"
    # The signature matches, but its timestamp is outside the provider's tolerance: a possible
    # replay. Untrusted, like INVALID (the reference libraries reject it).
    STALE = "stale"
    MISSING = "missing"  # the provider signs, but the header is absent
    UNSIGNED = "unsigned"  # the provider does not sign at all (e.g. Juno v1)
    UNVERIFIED = "unverified"  # no secret configured, or the sender is unknown


Headers = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class CapturedRequest:
    """One HTTP request exactly as it arrived.

    `headers` keeps the original order and case, duplicates included. `body` is the raw
    bytes; nothing is decoded or normalised before it is stored.
    """

    method: str
    path: str
    query: str
    headers: Headers
    body: bytes
    received_at: float  # Unix time, seconds
    remote_addr: str = ""
    http_version: str = "1.1"

    def header(self, name: str) -> str | None:
        """First value of a header, matched case-insensitively, or None."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    def header_values(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]

    @property
    def content_type(self) -> str:
        return self.header("content-type") or ""


@dataclass(frozen=True, slots=True)
class Derived:
    """What the app concluded about a request when it stored it.

    Every field may be empty: an unknown sender is just a plain request.
    """

    provider: str | None = None
    event_type: str | None = None
    event_id: str | None = None  # the provider's own id of this delivery (dedup key)
    event_time: float | None = None  # the provider's timestamp, Unix seconds
    entity_type: str | None = None
    entity_id: str | None = None
    status: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    payer: str | None = None
    reference: str | None = None
    signature: Verdict = Verdict.UNVERIFIED
    signature_reason: str = ""
    endpoint: str | None = None
    duplicate_of: int | None = None
    out_of_order: bool = False
    # The sale this entity belongs to, when the delivery names it (a Juno payment's `charge.id`).
    sale_id: str | None = None
    # The endpoint was marked trusted: an UNSIGNED delivery there counts (see core/trust.py).
    endpoint_trusted: bool = False
    # Details a developer wants when a check fails: what was received and what was signed.
    # Never the secret, and never anything computed with it (an "expected" HMAC of the
    # sender's bytes would let whoever reads the database mint valid signatures).
    signature_detail: dict[str, str] = field(default_factory=dict)

    def with_(self, **changes: object) -> Derived:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A row of the events table: the request, what was derived, and what was answered."""

    id: int
    request: CapturedRequest
    derived: Derived
    response_status: int
    rejected: str = ""  # why the request was refused (e.g. body too large), else ""
    response: str | None = None  # JSON record of a custom answer (core/responses.py); None: default
    imported: bool = False  # came from `main.py import` / File > Import, not over the wire
