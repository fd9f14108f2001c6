"""Request lines a webhook receiver does not serve, and what to answer them.

aiohttp's parser accepts some lines an origin server must not answer 200: `HTTP/2.0`
over plain HTTP/1 framing (it answered `HTTP/2.0 200 OK`), a version-less HTTP/0.9 line,
`CONNECT` (a proxy tunnel), `OPTIONS *`. These get a proper status and are not stored.

Absolute-form targets (`POST http://host/path HTTP/1.1`) are accepted, as RFC 9112 §3.2.2
requires of every server: the path and query are taken from the URL, so a stored event's
path always starts with "/".
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.http import HttpVersion, HttpVersion11, RawRequestMessage

ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"


@dataclass(frozen=True, slots=True)
class Refusal:
    status: int
    reason: str
    allow: str = ""


class _Request(web.BaseRequest):
    """aiohttp's request, plus the version the request line really named when it was not 1.x.

    An attribute rather than a request key: `request.get(key)` raised and caught a KeyError
    for every ordinary request (it showed in ingest profiles).
    """

    ATTRS = web.BaseRequest.ATTRS | frozenset(["sent_version"])
    sent_version: HttpVersion | None = None


RequestFactory = Callable[[RawRequestMessage, Any, Any, Any, Any], web.BaseRequest]


def request_factory(loop: asyncio.AbstractEventLoop) -> RequestFactory:
    """Builds aiohttp's request, answering in HTTP/1.1 whatever version the line named.

    aiohttp writes its status line in the request's version, so a `505` to `HTTP/2.0`
    would go out as `HTTP/2.0 505`: the real version is kept aside for `refusal()`.
    """

    def make(
        message: RawRequestMessage, payload: Any, protocol: Any, writer: Any, task: Any
    ) -> web.BaseRequest:
        sent: HttpVersion = message.version
        if sent.major != 1:
            message = message._replace(version=HttpVersion11, should_close=True)
        request = _Request(message, payload, protocol, writer, task, loop)
        if sent.major != 1:
            request.sent_version = sent
        return request

    return make


def refusal(request: web.BaseRequest) -> Refusal | None:
    """Why this request line is not served, or None when it is a request to store."""
    sent: HttpVersion | None = getattr(request, "sent_version", None)
    if sent is not None:
        return Refusal(505, f"HTTP/{sent.major}.{sent.minor} is not supported here; send HTTP/1.1")
    if request.method == "CONNECT":
        return Refusal(405, "CONNECT is for proxies; this is a webhook receiver", ALLOWED_METHODS)
    target = request.raw_path
    if not target.startswith("/") and not _is_absolute_form(target):
        return Refusal(400, "the request target must be a path such as /webhooks")
    return None


def _is_absolute_form(target: str) -> bool:
    scheme = target.split(":", 1)[0].lower()
    return scheme in ("http", "https") and target[len(scheme) : len(scheme) + 3] == "://"


def split_target(raw_target: str) -> tuple[str, str]:
    """(path, query) of an origin-form or absolute-form target, both kept as sent."""
    if raw_target.startswith("/"):
        # Split by hand: request.query_string would build a yarl URL per request.
        path, _, query = raw_target.partition("?")
        return path, query
    parts = urlsplit(raw_target)
    return parts.path or "/", parts.query
