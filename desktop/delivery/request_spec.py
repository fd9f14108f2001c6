"""The request that will go out: built from a captured event and a target, or edited by hand."""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.core.model import CapturedRequest
from desktop.core.targets import Target

# Hop-by-hop headers (RFC 9110 §7.6.1) describe the connection the event arrived on, not
# the event; forwarding them would be wrong (Transfer-Encoding: chunked over a body that
# is no longer chunked) or meaningless. Host and Content-Length are recomputed by httpx
# for the new URL and body.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "transfer-encoding",
        "te",
        "trailer",
        "upgrade",
        "host",
        "content-length",
    }
)


@dataclass(frozen=True, slots=True)
class OutgoingRequest:
    """Exactly what will be sent. Headers keep order, case and duplicates."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""

    def with_(
        self,
        *,
        method: str | None = None,
        url: str | None = None,
        headers: list[tuple[str, str]] | tuple[tuple[str, str], ...] | None = None,
        body: bytes | None = None,
    ) -> OutgoingRequest:
        """A copy with some parts changed (what "edit and re-send" produces)."""
        return replace(
            self,
            method=self.method if method is None else method,
            url=self.url if url is None else url,
            headers=self.headers if headers is None else tuple(headers),
            body=self.body if body is None else body,
        )

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


def is_hop_by_hop(name: str, connection_tokens: frozenset[str] = frozenset()) -> bool:
    lower = name.lower()
    return lower in HOP_BY_HOP or lower.startswith("proxy-") or lower in connection_tokens


def clean_headers(headers: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """Drop hop-by-hop headers, including any the Connection header names (RFC 9110 §7.6.1)."""
    tokens = frozenset(
        token.strip().lower()
        for name, value in headers
        if name.lower() == "connection"
        for token in value.split(",")
        if token.strip()
    )
    return [(name, value) for name, value in headers if not is_hop_by_hop(name, tokens)]


def target_url(request: CapturedRequest, target: Target) -> str:
    """Where `request` goes on `target` (see Target for the path mapping)."""
    if not target.keep_path:
        return target.url
    path = request.path
    prefix = target.strip_prefix.rstrip("/")
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :]
    base, _, base_query = target.url.partition("?")
    url = base.rstrip("/") + path if path not in ("", "/") else base
    query = "&".join(part for part in (base_query, request.query) if part)
    return f"{url}?{query}" if query else url


def apply_target_headers(headers: list[tuple[str, str]], target: Target) -> list[tuple[str, str]]:
    """Remove the target's dropped headers, then set its added ones (replacing same-named)."""
    dropped = {name.lower() for name in target.drop_headers}
    dropped |= {name.lower() for name, _ in target.add_headers}
    kept = [(name, value) for name, value in headers if name.lower() not in dropped]
    return kept + list(target.add_headers)


def build_outgoing(event_request: CapturedRequest, target: Target) -> OutgoingRequest:
    """The request that re-sends `event_request` to `target`: same method, body and
    end-to-end headers (original order and case), the target's header changes applied."""
    headers = apply_target_headers(clean_headers(event_request.headers), target)
    return OutgoingRequest(
        method=event_request.method,
        url=target_url(event_request, target),
        headers=tuple(headers),
        body=event_request.body,
    )
