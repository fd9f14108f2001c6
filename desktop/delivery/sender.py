"""Send one request through the shared httpx client and describe what happened.

`send` never raises for anything the network or the target does: every outcome becomes an
`Attempt`, with the failure in words a person can act on.
"""

from __future__ import annotations

import asyncio
import errno
import socket
import ssl
import time

import httpx

from desktop.core.records import RESPONSE_BODY_LIMIT, Attempt, ErrorKind
from desktop.core.targets import Target, TargetError, validate_url
from desktop.delivery.request_spec import OutgoingRequest

DEFAULT_MAX_BODY = 25 * 1024 * 1024
_MB = 1024 * 1024


async def send(
    client: httpx.AsyncClient,
    req: OutgoingRequest,
    timeout: float,
    max_body: int = DEFAULT_MAX_BODY,
    *,
    event_id: int | None = None,
    target: Target | None = None,
) -> Attempt:
    """Send `req` and return the attempt; `timeout` bounds the whole exchange, in seconds.

    The request is built with `httpx.Request` and not `client.build_request`, so the
    client's default headers (User-Agent, Accept, Accept-Encoding) are not mixed into a
    request that should look exactly like the captured one. Redirects are not followed:
    the 3xx is what the target answered.
    """
    attempt = Attempt(
        url=req.url,
        method=req.method,
        started_at=time.time(),
        event_id=event_id,
        target_id=target.id if target else None,
        target_name=target.name if target else "",
    )
    if len(req.body) > max_body:
        return _failed(
            attempt,
            ErrorKind.TOO_LARGE,
            f"body too large ({len(req.body) / _MB:.1f} MB > {max_body / _MB:g} MB limit)",
        )
    bad_header = next((name for name, value in req.headers if _unsendable(name, value)), None)
    if bad_header is not None:
        # h11 would refuse it too, but only after connecting; say so before touching the network.
        return _failed(
            attempt, ErrorKind.INVALID_HEADER, f"invalid header {bad_header!r}: empty name or a line break"
        )
    try:
        validate_url(req.url)
        request = httpx.Request(
            req.method,
            req.url,
            headers=encode_headers(req.headers),
            content=req.body,
            extensions={"timeout": httpx.Timeout(timeout).as_dict()},
        )
    except (TargetError, httpx.InvalidURL) as exc:
        message = str(exc) if isinstance(exc, TargetError) else f"invalid URL: {exc}"
        return _failed(attempt, ErrorKind.INVALID_URL, message)

    start = time.perf_counter()
    try:
        # httpx's timeouts are per operation; a target that trickles bytes could exceed
        # them many times over, so the whole exchange also gets one deadline.
        async with asyncio.timeout(timeout):
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                body, truncated = await _read_limited(response, RESPONSE_BODY_LIMIT)
            finally:
                await response.aclose()
    except (TimeoutError, httpx.TimeoutException):
        kind, message = ErrorKind.TIMEOUT, f"timed out after {timeout:g} s"
    except httpx.HTTPError as exc:
        kind, message = describe_error(exc)
    else:
        attempt.latency_ms = (time.perf_counter() - start) * 1000
        attempt.status_code = response.status_code
        attempt.response_headers = [
            (k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw
        ]
        attempt.response_body = body
        attempt.truncated = truncated
        return attempt
    attempt.latency_ms = (time.perf_counter() - start) * 1000
    return _failed(attempt, kind, message)


def _unsendable(name: str, value: str) -> bool:
    return not name.strip() or any(ch in "\r\n\0" for ch in name + value)


def encode_headers(headers: tuple[tuple[str, str], ...]) -> list[tuple[bytes, bytes]]:
    """Headers as bytes, so httpx does not refuse non-ASCII values (it encodes str as ASCII).

    Latin-1 first: it gives back the exact bytes of a header that was decoded as Latin-1
    when captured; characters beyond it (typed into the edit dialog) go out as UTF-8.
    """

    def encode(text: str) -> bytes:
        try:
            return text.encode("latin-1")
        except UnicodeEncodeError:
            return text.encode("utf-8")

    return [(encode(name), encode(value)) for name, value in headers]


async def _read_limited(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """Read at most `limit` bytes of the body; stop downloading once past it."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], True
    return b"".join(chunks), False


def _failed(attempt: Attempt, kind: ErrorKind, message: str) -> Attempt:
    attempt.error_kind = kind
    attempt.error = message
    return attempt


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and everything it was raised from (httpx wraps httpcore wraps OSError)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def describe_error(exc: httpx.HTTPError) -> tuple[ErrorKind, str]:
    """An httpx failure in words: "connection refused", "TLS error: ...", ..."""
    chain = _causes(exc)
    for cause in chain:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return ErrorKind.TLS, f"TLS error: {cause.verify_message or cause.reason or cause}"
        if isinstance(cause, ssl.SSLError):
            return ErrorKind.TLS, f"TLS error: {cause.reason or cause}"
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return ErrorKind.INVALID_URL, f"invalid URL: {exc}"
    for cause in chain:
        if isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == errno.ECONNREFUSED:
            return ErrorKind.REFUSED, "connection refused"
        if isinstance(cause, socket.gaierror):
            host = exc.request.url.host if _has_request(exc) else "the host"
            return ErrorKind.DNS, f"could not resolve {host}"
    if isinstance(exc, httpx.ConnectError):
        return ErrorKind.CONNECT, f"could not connect: {_last_words(chain)}"
    if isinstance(exc, httpx.RemoteProtocolError):
        text = str(exc)
        if "without sending" in text or "disconnected" in text:
            return ErrorKind.PROTOCOL, "the target closed the connection without answering"
        return ErrorKind.PROTOCOL, f"protocol error: {text}"
    if isinstance(exc, httpx.DecodingError):
        return ErrorKind.PROTOCOL, f"the answer could not be decoded: {exc}"
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        return ErrorKind.PROTOCOL, f"connection lost: {_last_words(chain)}"
    return ErrorKind.PROTOCOL, f"{type(exc).__name__}: {_last_words(chain)}"


def _has_request(exc: httpx.HTTPError) -> bool:
    try:
        exc.request  # noqa: B018 - the property raises when no request is attached
    except RuntimeError:
        return False
    return True


def _last_words(chain: list[BaseException]) -> str:
    """The innermost non-empty message: usually the OS's own description."""
    for cause in reversed(chain):
        text = str(cause)
        if text:
            return text
    return type(chain[0]).__name__
