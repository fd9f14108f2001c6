"""Standard Webhooks (Svix and others): `webhook-id`, `webhook-timestamp`, `webhook-signature`.

The signature is base64 HMAC-SHA256 of `"<id>.<timestamp>.<raw body>"`, keyed with the
base64-decoded part of `whsec_...`. The crypto comes from the `standardwebhooks` package
(`Webhook.sign`); we do not call its `verify` because it reads the wall clock and folds every
failure into one exception, while we need an injectable `now` and to say which check failed.
Svix's branded `svix-*` headers carry the same scheme and are accepted too.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import uuid
from datetime import UTC, datetime

from standardwebhooks import Webhook
from standardwebhooks.webhooks import EmptyWebhookSecretError

from desktop.core.model import CapturedRequest, Derived, Headers, Verdict
from desktop.core.providers.base import (
    Check,
    as_dict,
    iso_time,
    malformed,
    missing,
    parse_json,
    preview,
    set_header,
    text,
    timed_check,
    unix_time,
    unverified,
)

TOLERANCE = 300  # the specification's (and the package's) five minutes
_PREFIXES = ("webhook", "svix")


def _headers(request: CapturedRequest) -> tuple[str, str | None, str | None, str | None]:
    """(prefix, id, timestamp, signature) from whichever header family is present."""
    for prefix in _PREFIXES:
        if request.header(f"{prefix}-signature") is not None or request.header(f"{prefix}-id") is not None:
            break
    else:
        prefix = _PREFIXES[0]
    return (
        prefix,
        request.header(f"{prefix}-id"),
        request.header(f"{prefix}-timestamp"),
        request.header(f"{prefix}-signature"),
    )


def _decode(value: str) -> bytes | None:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None


class StandardWebhooks:
    name = "standard-webhooks"
    signed = True
    # The id and timestamp are part of what is signed: two of either are just as ambiguous.
    signature_headers: tuple[str, ...] = tuple(
        f"{prefix}-{part}" for prefix in _PREFIXES for part in ("signature", "id", "timestamp")
    )

    def recognise(self, request: CapturedRequest) -> int:
        _, msg_id, timestamp, signature = _headers(request)
        if signature is not None:
            return 100
        return 60 if msg_id is not None and timestamp is not None else 0

    def describe(self, request: CapturedRequest) -> Derived:
        _, msg_id, timestamp, _ = _headers(request)
        body = as_dict(parse_json(request.body))
        data = as_dict(body.get("data"))
        event_type = text(body.get("type"))
        sent_at = unix_time((timestamp or "").strip())
        # The envelope fixes only type/timestamp/data; the entity kind is the type's prefix
        # ("invoice.paid" -> "invoice"). Amount units are sender-specific, so none is guessed.
        return Derived(
            event_type=event_type,
            event_id=msg_id,  # the same id is kept when a message is retried
            event_time=iso_time(body.get("timestamp")) or (float(sent_at) if sent_at is not None else None),
            entity_type=text(data.get("object")) or (event_type.split(".")[0] if event_type else None),
            entity_id=text(data.get("id")),
            status=text(data.get("status")),
        )

    def verify(self, request: CapturedRequest, secret: str | None, now: float) -> Check:
        prefix, msg_id, timestamp, signature = _headers(request)
        header = f"{prefix}-signature"
        if signature is None:
            return missing(header)
        if not secret:
            return unverified(header)
        detail = {
            "header": header,
            "algorithm": "HMAC-SHA256 of '<id>.<timestamp>.<raw body>', base64",
            "received": signature,
        }
        if not msg_id:
            return Check(
                Verdict.INVALID, f"{prefix}-id header missing (it is part of what is signed)", detail
            )
        seconds = unix_time((timestamp or "").strip(), max_digits=11)
        if seconds is None:
            return malformed(f"{prefix}-timestamp", f"expected Unix seconds, got {timestamp!r}", detail)
        sent_at = datetime.fromtimestamp(seconds, tz=UTC)
        try:
            webhook = Webhook(secret)
        except (ValueError, EmptyWebhookSecretError):  # binascii.Error is a ValueError
            return Check(
                Verdict.UNVERIFIED,
                "the configured secret is not a Standard Webhooks secret (whsec_ followed by base64)",
                detail,
            )
        try:
            payload = request.body.decode("utf-8")
        except UnicodeDecodeError:
            return Check(Verdict.INVALID, "body is not UTF-8 text, which Standard Webhooks signs", detail)
        expected = webhook.sign(msg_id, sent_at, payload)  # compared, never kept
        detail |= {
            "signed_payload": preview(f"{msg_id}.{seconds}.".encode() + request.body),
            "timestamp": str(seconds),
            "age_seconds": str(int(now) - seconds),
            "tolerance_seconds": str(TOLERANCE),
        }
        # Space-separated 'v1,<base64>' entries; other versions (v1a = asymmetric) are skipped.
        entries = [entry.partition(",") for entry in signature.split()]
        candidates = [_decode(value) for version, _, value in entries if version == "v1"]
        if not candidates or all(value is None for value in candidates):
            return malformed(header, "expected space-separated 'v1,<base64>' entries", detail)
        wanted = _decode(expected.partition(",")[2])
        matches = wanted is not None and any(
            value is not None and hmac.compare_digest(value, wanted) for value in candidates
        )
        return timed_check(matches, seconds, now, TOLERANCE, detail)

    def sign(self, request: CapturedRequest, secret: str, now: float) -> Headers:
        prefix, msg_id, _, _ = _headers(request)
        msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
        sent_at = datetime.fromtimestamp(int(now), tz=UTC)
        try:
            payload = request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("Standard Webhooks signs text: the body is not UTF-8") from None
        try:
            webhook = Webhook(secret)
        except (ValueError, EmptyWebhookSecretError):
            raise ValueError("the secret is not a Standard Webhooks secret (whsec_ + base64)") from None
        signature = webhook.sign(msg_id, sent_at, payload)
        headers = set_header(request.headers, f"{prefix}-id", msg_id)
        headers = set_header(headers, f"{prefix}-timestamp", str(int(now)))
        return set_header(headers, f"{prefix}-signature", signature)

    def expected(self, request: CapturedRequest, secret: str) -> str:
        prefix, msg_id, timestamp, _ = _headers(request)
        seconds = unix_time((timestamp or "").strip(), max_digits=11)
        if not msg_id or seconds is None:
            raise ValueError(f"{prefix}-id and {prefix}-timestamp are needed: nothing to sign")
        try:
            payload = request.body.decode("utf-8")
            webhook = Webhook(secret)
        except (ValueError, EmptyWebhookSecretError):
            raise ValueError("the body is not UTF-8 or the secret is not whsec_ + base64") from None
        signature = webhook.sign(msg_id, datetime.fromtimestamp(seconds, tz=UTC), payload)
        return f"{prefix}-signature: {signature}"


PROVIDER = StandardWebhooks()
