"""GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`.

GitHub also sends the older `X-Hub-Signature: sha1=...`; it is checked only when the SHA-256
header is absent (old GitHub Enterprise servers), and both are rewritten when re-signing.
"""

from __future__ import annotations

from desktop.core.model import CapturedRequest, Derived, Headers
from desktop.core.providers.base import (
    Check,
    hex_check,
    hmac_hex,
    missing,
    preview,
    set_header,
    unverified,
)

HEADER = "X-Hub-Signature-256"
LEGACY_HEADER = "X-Hub-Signature"


class GitHub:
    name = "github"
    signed = True
    signature_headers: tuple[str, ...] = (HEADER, LEGACY_HEADER)

    def recognise(self, request: CapturedRequest) -> int:
        if request.header("X-GitHub-Event") is not None or request.header("X-GitHub-Delivery") is not None:
            return 100
        return 70 if request.header(HEADER) is not None else 0

    def describe(self, request: CapturedRequest) -> Derived:
        return Derived(
            event_type=request.header("X-GitHub-Event"),
            event_id=request.header("X-GitHub-Delivery"),  # same GUID on a redelivery
        )

    def verify(self, request: CapturedRequest, secret: str | None, now: float) -> Check:
        received = request.header(HEADER)
        header, digest, prefix = HEADER, "sha256", "sha256="
        if received is None and request.header(LEGACY_HEADER) is not None:
            received = request.header(LEGACY_HEADER)
            header, digest, prefix = LEGACY_HEADER, "sha1", "sha1="
        if received is None:
            return missing(HEADER)
        if not secret:
            return unverified(header)
        detail = {
            "algorithm": f"HMAC-{digest.upper()} of the raw body, hex",
            "signed_payload": preview(request.body),
        }
        return hex_check(received, hmac_hex(secret, request.body, digest), header, detail, prefix=prefix)

    def sign(self, request: CapturedRequest, secret: str, now: float) -> Headers:
        headers = set_header(request.headers, HEADER, "sha256=" + hmac_hex(secret, request.body))
        if request.header(LEGACY_HEADER) is not None:
            headers = set_header(headers, LEGACY_HEADER, "sha1=" + hmac_hex(secret, request.body, "sha1"))
        return headers

    def expected(self, request: CapturedRequest, secret: str) -> str:
        lines = [f"{HEADER}: sha256={hmac_hex(secret, request.body)}"]
        if request.header(LEGACY_HEADER) is not None:
            lines.append(f"{LEGACY_HEADER}: sha1={hmac_hex(secret, request.body, 'sha1')}")
        return "\n".join(lines)


PROVIDER = GitHub()
