"""The embedded HTTP listener: aiohttp's low-level server on the store thread's asyncio loop.

The listener never runs on the Qt loop: it shares the store thread's loop with the writer,
so a request reaches the group commit without crossing threads.

aiohttp keeps request headers exactly as received (`raw_headers`: original case, order and
duplicates), which ASGI servers such as uvicorn lowercase away. Its low-level `Server` skips
the routing layer, which we do not need: every method and path is captured.
"""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web
from aiohttp.http import HttpVersion11
from aiohttp.http_exceptions import PayloadEncodingError
from aiohttp.streams import EofStream

from desktop.core.config import ListenerOptions
from desktop.core.model import CapturedRequest
from desktop.listener.access import TokenCheck, client_address, is_loopback, proxy_networks
from desktop.listener.connections import (
    ACCEPT_BATCH,
    ConnectionGate,
    OneLineLogger,
    RateLimitedLog,
    connection_limit,
    loop_exception_handler,
)
from desktop.listener.request_line import Refusal, refusal, request_factory, split_target
from desktop.listener.responses import Responder, ResponsePlan, hold_until_gone
from desktop.store.writer import GroupCommitWriter

log = logging.getLogger(__name__)

LINGER_S = 2.0
LISTEN_BACKLOG = 1024

# Called on the listener thread after a request was answered (for headless logging).
RequestLog = Callable[["Answered"], None]


class ListenerError(RuntimeError):
    """The listener could not start; the message is for the user."""


class PortInUseError(ListenerError):
    def __init__(self, host: str, port: int) -> None:
        super().__init__(f"port {port} on {host} is already in use by another program")
        self.host = host
        self.port = port


@dataclass(frozen=True, slots=True)
class Answered:
    event_id: int | None
    method: str
    path: str
    status: int
    size: int
    remote_addr: str


def _decode(raw: bytes) -> str:
    # Header bytes are ASCII in practice; latin-1 maps any byte to a char, so nothing is lost.
    return raw.decode("latin-1")


class Listener:
    """Receives requests, hands them to the writer and answers once they are committed.

    Args:
        options: access (token, TLS) and connection limits from `[listener]`.
    """

    def __init__(
        self,
        writer: GroupCommitWriter,
        host: str,
        port: int,
        max_body_bytes: int,
        on_answered: RequestLog | None = None,
        options: ListenerOptions | None = None,
        reuse_port: bool = False,
        responder: Responder | None = None,
    ) -> None:
        self._writer = writer
        self.reuse_port = reuse_port
        self.host = host
        self.port = port
        self.max_body_bytes = max_body_bytes
        self._on_answered = on_answered
        self.options = options or ListenerOptions()
        self._proxies = proxy_networks(self.options.trusted_proxies)
        # Custom responses and fail-next-N (desktop/listener/responses.py); None: always the default.
        self.responder = responder
        self._stopping = False
        self._server: asyncio.Server | None = None
        self._handler: web.Server | None = None
        self._gate: ConnectionGate | None = None
        self._token: TokenCheck | None = None
        # Requests answered 401 (no or wrong token): counted, never stored.
        self.unauthorized = 0

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        scheme = "https" if self.options.tls else "http"
        return f"{scheme}://{host}:{self.port}/"

    @property
    def off_loopback(self) -> bool:
        """Listening where other machines can reach it (the window shows a warning)."""
        return not is_loopback(self.host)

    @property
    def token_required(self) -> bool:
        return self._token is not None

    @property
    def open_connections(self) -> int:
        return self._gate.open_connections if self._gate is not None else 0

    @property
    def refused_connections(self) -> int:
        return self._gate.refused if self._gate is not None else 0

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> None:
        """Bind and start serving; raises PortInUseError or ListenerError if it cannot.

        The server runs on the store thread's loop (see desktop/store/writer.py), never on
        the caller's: the UI thread stays free.
        """
        if self.running:
            return
        self._token = self._access_check()
        ssl_context = self._tls_context()
        asyncio.run_coroutine_threadsafe(self._start(ssl_context), self._writer.loop).result()

    def stop(self) -> None:
        """Stop serving (requests in progress are answered first); safe to call twice."""
        if self.running and self._writer.loop.is_running():
            asyncio.run_coroutine_threadsafe(self._stop(), self._writer.loop).result()

    def _access_check(self) -> TokenCheck | None:
        """The token check to apply; refuses to listen off loopback without one."""
        token = self.options.token()
        if token:
            return TokenCheck(token)
        if not self.off_loopback:
            return None
        if self.options.token_env:
            why = f"the environment variable {self.options.token_env} (listener.token_env) is not set"
        else:
            why = "set [listener] token_env in the config file to an environment variable that holds it"
        raise ListenerError(
            f"listening on {self.host} lets other machines send events, so it needs a token: {why}"
        )

    def _tls_context(self) -> ssl.SSLContext | None:
        cert, key = self.options.tls_cert, self.options.tls_key
        if cert is None or key is None:
            return None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        try:
            context.load_cert_chain(cert, key)
        except FileNotFoundError as exc:
            raise ListenerError(f"cannot use TLS: {exc.filename} does not exist") from None
        except (ssl.SSLError, OSError) as exc:
            raise ListenerError(f"cannot use TLS with {cert} and {key}: {exc}") from None
        return context

    async def _start(self, ssl_context: ssl.SSLContext | None) -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(loop_exception_handler(RateLimitedLog(log)))
        # access_log=None: the headless mode prints its own one line per request.
        # auto_decompress=False: the body is stored as received, gzip and all (aiohttp
        # inflated it, and a Content-Length read then cut the inflated stream).
        handler = web.Server(
            self._handle,
            handler_cancellation=False,
            access_log=None,
            request_factory=request_factory(loop),
            logger=OneLineLogger(log),
            auto_decompress=False,
            keepalive_timeout=self.options.idle_timeout_s,
            # After an answer given without reading the body (401, 413), aiohttp reads and
            # drops the rest for this long so the sender sees the answer, not a reset; its
            # 10 s default held the connection that long when the sender waits on 100-continue.
            lingering_time=min(LINGER_S, self.options.idle_timeout_s),
        )
        gate = ConnectionGate(handler, connection_limit(self.options.max_connections))
        sock = _bind(self.host, self.port, self.reuse_port)
        try:
            # asyncio accepts up to `backlog` connections per loop turn before any can be
            # refused: with 1,024, one turn took every free descriptor (EMFILE). Accept in
            # small batches, but let the kernel queue a burst of 1,024 as before.
            server = await loop.create_server(gate, sock=sock, backlog=ACCEPT_BATCH, ssl=ssl_context)
            sock.listen(LISTEN_BACKLOG)
        except BaseException:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        self._handler, self._server, self._gate = handler, server, gate
        self._stopping = False

    async def _stop(self) -> None:
        server, handler = self._server, self._handler
        self._server = self._handler = None
        if server is None or handler is None:
            return
        self._stopping = True  # held (timeout-answer) connections let go now
        server.close()
        await handler.shutdown(timeout=2.0)
        await server.wait_closed()

    # -- one request --------------------------------------------------------------------------

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        received_at = time.time()
        peer = request.transport.get_extra_info("peername") if request.transport else None
        remote = str(peer[0]) if peer else ""
        refused = refusal(request)
        if refused is not None:
            return self._refuse(request, refused, remote)
        path, query = split_target(request.raw_path)
        headers = [(_decode(k), _decode(v)) for k, v in request.raw_headers]
        remote = client_address(remote, headers, self._proxies)  # behind Caddy: the sender's
        if self._token is not None:
            if not self._token.allows(query, headers):
                self.unauthorized += 1
                # The body is not read; aiohttp drains a small rest before reusing the connection.
                return self._answer(
                    request, 401, "a valid token is needed (?token= or Authorization: Bearer)", remote, path
                )
            # The token is a secret: what is stored carries a placeholder instead.
            query = self._token.redact_query(query)
            headers = self._token.redact_headers(headers)
        declared = request.content_length
        too_large = declared is not None and declared > self.max_body_bytes
        if too_large:
            body = b""  # not read: a sender waiting on 100-continue never sends it
        else:
            await _continue_if_expected(request)
            try:
                body, too_large = await self._read_body(request, declared)
            except TimeoutError:
                return self._answer(request, 408, "the body stopped arriving", remote, path, close=True)
            except PayloadEncodingError as exc:
                log.warning("refused %s %s from %s: 400 %s", request.method, path[:200], remote, exc)
                return self._answer(request, 400, "the chunked body is malformed", remote, path, close=True)
        version = f"{request.version.major}.{request.version.minor}"
        captured = CapturedRequest(
            method=request.method,
            path=path,
            query=query,
            headers=headers,
            body=body,
            received_at=received_at,
            remote_addr=remote,
            http_version=version,
        )
        if too_large:
            status = 413
            limit_mb = self.max_body_bytes / (1024 * 1024)
            reason = f"body larger than the {limit_mb:g} MB limit"
            size = declared if declared is not None else self.max_body_bytes + 1
        else:
            status, reason, size = 200, "", len(body)
        event_id: int | None = None
        plan: ResponsePlan | None = None
        if not too_large and self.responder is not None:
            plan = self.responder.plan(captured)
            if plan is not None:
                status = plan.status
        try:
            stored_id = await self._writer.store(captured, status, reason, size, respond=plan)
        except Exception as exc:
            # Not stored, so not acknowledged: the sender will retry.
            log.error("request not stored: %s", exc)
            status = 503
            response = _json(503, {"ok": False, "error": "could not store the request; try again"})
        else:
            event_id = stored_id
            if too_large:
                response = _json(413, {"ok": False, "error": reason, "id": stored_id})
            elif plan is not None:
                return await self._custom_answer(request, plan, captured, stored_id, size, remote)
            else:
                # The common answer, formatted by hand: json.dumps per request showed in profiles.
                response = web.Response(
                    status=200, body=b'{"ok": true, "id": %d}' % stored_id, content_type="application/json"
                )
        if too_large:
            # The rest of the body is still on the wire; don't let it be read as a new request.
            response.force_close()
        if self._on_answered is not None:
            self._on_answered(Answered(event_id, captured.method, captured.path, status, size, remote))
        return response

    async def _custom_answer(
        self,
        request: web.BaseRequest,
        plan: ResponsePlan,
        captured: CapturedRequest,
        event_id: int,
        size: int,
        remote: str,
    ) -> web.StreamResponse:
        """Send what the plan recorded (it is stored already), after its delay; or hold."""
        if self._on_answered is not None:
            self._on_answered(Answered(event_id, captured.method, captured.path, plan.status, size, remote))
        if plan.holds:
            await hold_until_gone(request, lambda: self._stopping)
            # Closed unanswered: aiohttp has no transport left to write this to.
            return web.Response(status=204)
        record = plan.record
        if record is not None and record.delay_ms > 0:
            await asyncio.sleep(record.delay_ms / 1000)  # this request only; the loop goes on
        response = plan.response()
        # None: the record could not be made (logged by the writer); the status the row holds.
        return response if response is not None else web.Response(status=plan.status)

    def _refuse(self, request: web.BaseRequest, refused: Refusal, remote: str) -> web.StreamResponse:
        log.warning(
            "refused %s %s from %s: %d %s",
            request.method,
            request.raw_path[:200],
            remote,
            refused.status,
            refused.reason,
        )
        response = self._answer(request, refused.status, refused.reason, remote, request.raw_path, close=True)
        if refused.allow:
            response.headers["Allow"] = refused.allow
        return response

    def _answer(
        self,
        request: web.BaseRequest,
        status: int,
        reason: str,
        remote: str,
        path: str,
        *,
        close: bool = False,
    ) -> web.StreamResponse:
        """An answer to a request that is not stored."""
        response = _json(status, {"ok": False, "error": reason})
        if close:
            response.force_close()
        if self._on_answered is not None:
            self._on_answered(Answered(None, request.method, path, status, 0, remote))
        return response

    async def _read_body(self, request: web.BaseRequest, declared: int | None) -> tuple[bytes, bool]:
        """The whole body as received, or (b"", True) as soon as it exceeds the limit.

        Raises TimeoutError when no byte arrives for body_timeout_s (a half-sent request),
        and PayloadEncodingError when the chunked framing is broken. A client that hangs up
        mid-body leaves what came, which is stored.
        """
        content = request.content
        if content.is_eof() and content.exception() is None:
            # The usual webhook: the whole body came with the headers. Taken without the
            # timer and read loop below, which cost ~10 % of the request's CPU in profiles.
            body = content.read_nowait()
            return (b"", True) if len(body) > self.max_body_bytes else (body, False)
        idle = self.options.body_timeout_s
        chunks: list[bytes] = []
        total = 0
        try:
            async with asyncio.timeout(idle) as deadline:
                while declared is None or total < declared:
                    chunk = await content.readany()
                    if not chunk:
                        break  # end of the body (or the client hung up: keep what came)
                    total += len(chunk)
                    if total > self.max_body_bytes:
                        return b"", True
                    chunks.append(chunk)
                    deadline.reschedule(asyncio.get_running_loop().time() + idle)
        except (ConnectionError, EofStream):
            pass  # the client hung up: keep what came
        return b"".join(chunks), False


async def _continue_if_expected(request: web.BaseRequest) -> None:
    """Answer `Expect: 100-continue` so the sender sends its body now.

    aiohttp's low-level server leaves this to the application: without it curl waited 1 s
    before every body over 1 KB, and aiohttp's own client gave up after 8.6 s.
    """
    if request.version == HttpVersion11 and request.headers.get("Expect", "").lower() == "100-continue":
        await request.writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        # The interim answer is not the response: aiohttp must still send its headers.
        request.writer.output_size = 0


def _json(status: int, payload: dict[str, object]) -> web.Response:
    return web.Response(status=status, body=json.dumps(payload).encode(), content_type="application/json")


REUSE_PORT_AVAILABLE = hasattr(socket, "SO_REUSEPORT")


def _bind(host: str, port: int, reuse_port: bool = False) -> socket.socket:
    sock = bind_socket(host, port, reuse_port)
    sock.listen(LISTEN_BACKLOG)
    sock.setblocking(False)
    return sock


def bind_socket(host: str, port: int, reuse_port: bool = False) -> socket.socket:
    """A socket bound (not listening) to host:port; errors as ListenerError in words."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    # SO_REUSEADDR: restart right after a stop. SO_REUSEPORT only for `--workers N`, where
    # receivers of one user share a live port on purpose (the kernel spreads connections).
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortInUseError(host, port) from None
        if exc.errno in (errno.EADDRNOTAVAIL, socket.EAI_NONAME):
            raise ListenerError(f"cannot listen on {host}: no such address on this machine") from None
        raise ListenerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except socket.gaierror as exc:
        sock.close()
        raise ListenerError(f"cannot listen on {host}: {exc.strerror}") from None
    return sock


def free_port(host: str = "127.0.0.1") -> int:
    """A port that is free right now (to offer when the configured one is taken)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])
