"""Who may deliver: the listener token, and where listening needs one.

On loopback only this machine can reach the receiver, so no token is needed (one still
applies when configured). Anywhere else, anyone who can reach the port could write events
that look like payments, so the receiver refuses to start without a token.

The token travels as `Authorization: Bearer <token>` or, for providers whose webhook
settings take only a URL, as `?token=<token>`. It is a secret: it is never stored, so the
stored query and headers carry `[redacted]` in its place.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import unquote_plus

REDACTED = "[redacted]"
TOKEN_PARAM = "token"


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, "localhost")."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def proxy_networks(trusted: tuple[str, ...]) -> Networks:
    """`listener.trusted_proxies` as networks (the config file's check already passed)."""
    return tuple(ipaddress.ip_network(item, strict=False) for item in trusted)


def _trusted(address: str, proxies: Networks) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(peer: str, headers: list[tuple[str, str]], proxies: Networks) -> str:
    """Who sent the request: `peer`, unless `peer` is a trusted reverse proxy; then the
    nearest address in X-Forwarded-For that is not one (each proxy appends the address it
    heard from, so only the entries our own proxies added can be believed, right to left).
    A value that is not an address stops the walk: the proxy's address is kept then."""
    if not proxies or not _trusted(peer, proxies):
        return peer
    chain = [
        part.strip()
        for name, value in headers
        if name.lower() == "x-forwarded-for"
        for part in value.split(",")
    ]
    for address in reversed(chain):
        try:
            ipaddress.ip_address(address.strip("[]"))
        except ValueError:
            return peer
        if not _trusted(address, proxies):
            return address.strip("[]")
    return peer


def _same(given: str, token: str) -> bool:
    # Constant time: the comparison must not tell an attacker how many characters matched.
    return hmac.compare_digest(
        given.encode("utf-8", "surrogateescape"), token.encode("utf-8", "surrogateescape")
    )


def _query_tokens(query: str) -> list[str]:
    values = []
    for part in query.split("&"):
        name, sep, value = part.partition("=")
        if sep and unquote_plus(name) == TOKEN_PARAM:
            values.append(unquote_plus(value))
    return values


def _bearer(value: str) -> str | None:
    scheme, _, credentials = value.strip().partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else None


class TokenCheck:
    """Checks a request's token and removes it from what will be stored."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("an empty token would let everyone in")
        self._token = token

    def allows(self, query: str, headers: list[tuple[str, str]]) -> bool:
        given = _query_tokens(query)
        given += [b for name, value in headers if name.lower() == "authorization" and (b := _bearer(value))]
        # Every candidate is compared (no early exit), so timing says nothing about which one.
        results = [_same(candidate, self._token) for candidate in given]
        return any(results)

    def redact_query(self, query: str) -> str:
        if TOKEN_PARAM not in query:
            return query
        parts = []
        for part in query.split("&"):
            name, sep, _ = part.partition("=")
            parts.append(f"{name}={REDACTED}" if sep and unquote_plus(name) == TOKEN_PARAM else part)
        return "&".join(parts)

    def redact_headers(self, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
        redacted = []
        for name, value in headers:
            bearer = _bearer(value) if name.lower() == "authorization" else None
            if bearer is not None and _same(bearer, self._token):
                value = f"{value.strip().partition(' ')[0]} {REDACTED}"
            redacted.append((name, value))
        return redacted
