"""Named destinations that events are re-sent or forwarded to.

A target is plain data (a record of `core`: the store saves it, delivery sends to it).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_TIMEOUT_S = 10.0


class TargetError(ValueError):
    """A target cannot be used; the message says why in words a person can act on."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where to send events, and how to adapt them on the way.

    `url` is the base URL. With `keep_path`, the part of the event's path below
    `strip_prefix` (usually the endpoint the event arrived on, e.g. "/juno") and the
    event's query are appended to it, so `/juno/payments?x=1` sent to
    `http://127.0.0.1:3000/webhooks/juno` becomes
    `http://127.0.0.1:3000/webhooks/juno/payments?x=1`. Without it, the URL is used as is.

    `add_headers` are set on every request (replacing headers of the same name);
    `drop_headers` are removed (names match case-insensitively).
    """

    name: str
    url: str
    add_headers: tuple[tuple[str, str], ...] = ()
    drop_headers: tuple[str, ...] = ()
    timeout_s: float = DEFAULT_TIMEOUT_S
    keep_path: bool = True
    strip_prefix: str = ""
    id: int | None = None  # None until saved

    def validated(self) -> Target:
        """Return self if usable, else raise TargetError naming the first problem."""
        if not self.name.strip():
            raise TargetError("a target needs a name")
        validate_url(self.url)
        if not self.timeout_s > 0:
            raise TargetError(f"timeout must be a positive number of seconds (got {self.timeout_s!r})")
        for name, value in self.add_headers:
            _check_header(name, value)
        for name in self.drop_headers:
            _check_header(name, "")
        if self.strip_prefix and not self.strip_prefix.startswith("/"):
            raise TargetError(f"path prefix to strip must start with '/' (got {self.strip_prefix!r})")
        return self


def validate_url(url: str) -> str:
    """Check that `url` is an absolute http(s) URL we can send to; return it unchanged.

    The messages name the problem rather than echo a parser exception, because a person
    typing a URL into a dialog reads them.
    """
    if not url or not url.strip():
        raise TargetError("invalid URL: it is empty")
    if url != url.strip() or any(ch.isspace() for ch in url):
        raise TargetError(f"invalid URL: it contains spaces ({url!r})")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise TargetError("invalid URL: it contains control characters")
    if "://" not in url:
        raise TargetError(f"invalid URL: it needs a scheme, e.g. http://{url}")
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. an unbalanced "[" in an IPv6 host
        raise TargetError(f"invalid URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise TargetError(f"invalid URL: only http and https are supported (got {parts.scheme!r})")
    if not parts.hostname:
        raise TargetError(f"invalid URL: it has no host ({url!r})")
    try:
        port = parts.port
    except ValueError:
        raise TargetError(f"invalid URL: the port is not a number from 1 to 65535 ({url!r})") from None
    if port == 0:
        raise TargetError("invalid URL: port 0 cannot be connected to")
    if parts.fragment:
        raise TargetError("invalid URL: a #fragment is never sent to the server; remove it")
    host = parts.hostname
    if ":" in host:
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            raise TargetError(f"invalid URL: {host!r} is not a valid IPv6 address") from None
    return url


def _check_header(name: str, value: str) -> None:
    # RFC 9110 token characters; anything else would be rejected by the HTTP client
    # at send time, so say it when the target is saved instead.
    if not name or any(ch in '()<>@,;:\\"/[]?={} \t' or ord(ch) < 0x21 or ord(ch) > 0x7E for ch in name):
        raise TargetError(f"invalid header name: {name!r}")
    if any(ch in "\r\n\0" for ch in value):
        raise TargetError(f"header {name!r} has a line break or NUL in its value")
