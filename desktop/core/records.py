"""Records of re-send and forwarding that the store persists and delivery produces.

They live in `core` so both layers can use them without importing each other: the store
saves and reads them, delivery creates and acts on them (see tests/test_layering.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

RESPONSE_BODY_LIMIT = 64 * 1024  # what an attempt keeps of the target's answer


class ErrorKind(StrEnum):
    """Why an attempt got no HTTP answer; decides whether a retry can help."""

    NONE = ""
    REFUSED = "refused"
    TIMEOUT = "timeout"
    TLS = "tls"
    DNS = "dns"
    CONNECT = "connect"  # other failures to connect (unreachable network, reset during connect)
    PROTOCOL = "protocol"  # connected, but the answer was broken or never came
    INVALID_URL = "invalid_url"
    INVALID_HEADER = "invalid_header"
    TOO_LARGE = "too_large"
    NOT_FOUND = "not_found"  # the event or target no longer exists
    CANCELLED = "cancelled"  # never sent: the user cancelled a bulk re-send first

    @property
    def permanent(self) -> bool:
        """Retrying the same request cannot succeed."""
        return self in _PERMANENT


_PERMANENT = frozenset(
    {
        ErrorKind.INVALID_URL,
        ErrorKind.INVALID_HEADER,
        ErrorKind.TOO_LARGE,
        ErrorKind.NOT_FOUND,
        ErrorKind.CANCELLED,
    }
)


@dataclass(slots=True)
class Attempt:
    """One send and its outcome. `status_code` is None exactly when `error` is set."""

    url: str
    method: str
    started_at: float  # Unix seconds
    latency_ms: float = 0.0
    status_code: int | None = None
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    response_body: bytes = b""
    truncated: bool = False  # the target answered more than RESPONSE_BODY_LIMIT bytes
    error: str = ""
    error_kind: ErrorKind = ErrorKind.NONE
    event_id: int | None = None
    target_id: int | None = None
    target_name: str = ""
    id: int | None = None  # set once stored

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    def response_header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == wanted), None)

    @property
    def summary(self) -> str:
        """One line for tables and queue rows: "HTTP 503" or the error in words."""
        return f"HTTP {self.status_code}" if self.status_code is not None else self.error


class JobState(StrEnum):
    PENDING = "pending"
    RETRYING = "retrying"
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class QueueJob:
    id: int
    event_id: int
    target_id: int
    ordered: bool
    state: JobState
    attempts: int
    next_at: float
    last_error: str
    created_at: float


@dataclass(frozen=True, slots=True)
class ForwardRule:
    """Forward every stored event matching `filter` ('' = all) to a target."""

    target_id: int
    filter: str = ""
    ordered: bool = False  # deliver to this target in arrival order (one at a time)
    enabled: bool = True
    id: int | None = None
