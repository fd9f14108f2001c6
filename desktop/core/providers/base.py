"""The interface every provider implements, and small helpers they share.

A provider is one module with one object that can:
- `recognise` a request (a score: 0 = not mine, 100 = certain), from headers and a cheap look
  at the start of the body, so guessing never parses a 25 MB body nine times;
- `describe` it (event type, ids, entity, status, amount...), never raising on bad input;
- `verify` its signature, saying *why* when it is not valid;
- `sign` a (possibly edited) body again, so it can be re-sent.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Protocol
from urllib.parse import parse_qsl

from desktop.core.model import CapturedRequest, Derived, Headers, Verdict
from desktop.core.money import bounded_amount

PREVIEW_CHARS = 200  # how much of a signed payload the inspector shows
SNIFF_BYTES = 8192  # how much of the body recognisers look at


@dataclass(frozen=True, slots=True)
class Check:
    """Outcome of a signature check: the verdict, why, and details for a developer."""

    verdict: Verdict
    reason: str = ""
    detail: dict[str, str] = field(default_factory=dict)


class Provider(Protocol):
    name: str  # one of config.PROVIDER_NAMES
    signed: bool  # False for senders that never sign (their verdict is UNSIGNED)
    # Headers that must arrive at most once (the signature and what it covers): see ambiguous().
    signature_headers: tuple[str, ...]

    def recognise(self, request: CapturedRequest) -> int: ...

    def describe(self, request: CapturedRequest) -> Derived: ...

    def verify(self, request: CapturedRequest, secret: str | None, now: float) -> Check: ...

    def sign(self, request: CapturedRequest, secret: str, now: float) -> Headers: ...

    def expected(self, request: CapturedRequest, secret: str) -> str:
        """The signature the sender should have sent for these bytes, for a developer who asks
        in the window. Computed on demand and never stored; ValueError when there is none."""
        ...


# --- reading bodies -------------------------------------------------------------------------


def parse_json(body: bytes) -> Any:
    """The decoded JSON body, or None. Floats become Decimal so amounts keep their digits."""
    try:
        return json.loads(body, parse_float=Decimal)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None


def parse_form(body: bytes) -> dict[str, str]:
    """A form-encoded body as {name: first value}; never raises."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("latin-1")  # legacy Brazilian senders still post ISO-8859-1 forms
    result: dict[str, str] = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        result.setdefault(key, value)
    return result


def query_params(query: str) -> dict[str, str]:
    return parse_form(query.encode("utf-8", "surrogateescape"))


def sniff(body: bytes) -> bytes:
    return body[:SNIFF_BYTES]


def header_or_body_score(request: CapturedRequest, header: str, body_pattern: re.Pattern[bytes]) -> int:
    """The usual recognition: the provider's signature header is proof (100); a body shaped like
    its events is a good hint (30) for deliveries that arrive without the header."""
    if request.header(header) is not None:
        return 100
    return 30 if body_pattern.search(sniff(request.body)) else 0


def dig(obj: Any, *path: str | int) -> Any:
    """obj[a][b][0]... or None when any step is absent or of the wrong type."""
    for key in path:
        if isinstance(key, int):
            obj = obj[key] if isinstance(obj, list) and -len(obj) <= key < len(obj) else None
        else:
            obj = obj.get(key) if isinstance(obj, dict) else None
        if obj is None:
            return None
    return obj


def as_dict(value: Any) -> dict[str, Any]:
    """`value` if it is a JSON object, else an empty one (payloads are not to be trusted)."""
    return value if isinstance(value, dict) else {}


def text(value: Any) -> str | None:
    """A string or number as text; anything else (dicts, lists, booleans, '') as None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, int | Decimal):
        return str(value)
    return None


def decimal(value: Any) -> Decimal | None:
    """'50.00', 50, Decimal('99.9') -> Decimal; anything unusable or implausible ('1e999999999',
    a 100,000-digit number) -> None (see money.bounded_amount)."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        return None
    return bounded_amount(value)


def iso_time(value: Any, naive_offset_hours: int = 0) -> float | None:
    """ISO 8601 (with 'Z' or an offset) -> Unix seconds. A time without offset is taken to be
    at `naive_offset_hours` from UTC (Brazilian senders mean Brasília time, UTC-3)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone(timedelta(hours=naive_offset_hours)))
    return parsed.timestamp()


def unix_time(value: str | None, max_digits: int = 16) -> int | None:
    """A header's Unix timestamp (seconds or ms) as an int; None unless it is plain digits of a
    sane length (a 5,000-digit 't=' must not reach int() or float())."""
    if not value or not value.isdecimal() or len(value) > max_digits:
        return None
    return int(value)


def preview(data: bytes, limit: int = PREVIEW_CHARS) -> str:
    """A readable, truncated rendering of signed bytes for the inspector."""
    shown = data[:limit].decode("utf-8", "replace")
    return shown if len(data) <= limit else f"{shown}… ({len(data)} bytes in all)"


# --- comparing and writing signatures -------------------------------------------------------


def same(a: str, b: str) -> bool:
    """Constant-time equality; bytes because compare_digest refuses non-ASCII str."""
    return hmac.compare_digest(a.encode("utf-8", "backslashreplace"), b.encode("utf-8", "backslashreplace"))


def hmac_hex(key: str, message: bytes, digest: str = "sha256") -> str:
    return hmac.new(key.encode("utf-8"), message, getattr(hashlib, digest)).hexdigest()


def is_hex(value: str, length: int) -> bool:
    return re.fullmatch(f"[0-9a-fA-F]{{{length}}}", value) is not None


def set_header(headers: Headers, name: str, value: str) -> Headers:
    """Headers with `name` set to `value`: replaced where it was (keeping its case), extra
    copies dropped, appended at the end when absent."""
    wanted = name.lower()
    result: Headers = []
    done = False
    for key, old in headers:
        if key.lower() != wanted:
            result.append((key, old))
        elif not done:
            result.append((key, value))
            done = True
    if not done:
        result.append((name, value))
    return result


def missing(header: str) -> Check:
    return Check(Verdict.MISSING, f"{header} header missing", {"header": header})


def unverified(header: str) -> Check:
    return Check(
        Verdict.UNVERIFIED,
        "no secret configured for this endpoint: signature not checked",
        {"header": header},
    )


def malformed(header: str, why: str, detail: dict[str, str]) -> Check:
    return Check(Verdict.INVALID, f"{header} header malformed: {why}", {"header": header, **detail})


def hex_check(received: str, expected: str, header: str, detail: dict[str, str], prefix: str = "") -> Check:
    """Compare a hex digest header (optionally 'sha256='-style prefixed) with the expected one.

    `expected` is used for the comparison only: it never goes into the details, which are
    stored (see Derived.signature_detail).
    """
    detail = {"header": header, **detail, "received": received}
    value = received.strip()
    if prefix:
        if not value.lower().startswith(prefix):
            return malformed(header, f"expected '{prefix}' followed by {len(expected)} hex chars", detail)
        value = value[len(prefix) :]
    if not is_hex(value, len(expected)):
        return malformed(header, f"expected {len(expected)} hex chars, got {len(value)} chars", detail)
    if same(value.lower(), expected):
        return Check(Verdict.VALID, "", detail)
    return Check(Verdict.INVALID, f"signature mismatch: {header} differs from the expected digest", detail)


def ambiguous(request: CapturedRequest, names: tuple[str, ...]) -> Check | None:
    """INVALID when a signature header (or one that is part of what is signed) arrives more than
    once: which copy a verifier reads is arbitrary (a valid one first and a forged one second
    must not pass because of the order). Several values inside ONE header (Stripe's rotation)
    are the provider's own format and are not ambiguous."""
    for name in names:
        values = request.header_values(name)
        if len(values) > 1:
            return Check(
                Verdict.INVALID,
                f"ambiguous: {len(values)} signature headers named {name}; none is trusted",
                {"header": name, "received": " | ".join(values)},
            )
    return None


def age_words(seconds: int) -> str:
    """A duration as a person says it: '301 s', '12 min', '5 hours', '3 days' (seconds while
    they are close to the tolerances, so '301 s' never reads as a rounded '5 min')."""
    if seconds < 600:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} hours"
    return f"{seconds // 86400} days"


def age_note(timestamp: int, now: float, tolerance: int) -> str:
    """'' when the timestamp is within tolerance, else how far off it is, in words."""
    age = int(now) - timestamp
    if age > tolerance:
        return f"timestamp is {age_words(age)} old; tolerance {tolerance} s"
    if -age > tolerance:
        return f"timestamp is {age_words(-age)} in the future; tolerance {tolerance} s"
    return ""


def timed_check(matches: bool, sent_at: int, now: float, tolerance: int, detail: dict[str, str]) -> Check:
    """The verdict of a timestamped scheme once the digest comparison is done.

    A match outside the tolerance is STALE, not VALID: the bytes are authentic, but they may
    be a replay of an old delivery (the providers' own libraries reject it).
    """
    note = age_note(sent_at, now, tolerance)
    if matches and note:
        return Check(Verdict.STALE, f"signature matches but {note}: possible replay", detail)
    if matches:
        return Check(Verdict.VALID, "", detail)
    reason = "signature mismatch: no signature matches what was signed"
    return Check(Verdict.INVALID, f"{reason}; also {note}" if note else reason, detail)
