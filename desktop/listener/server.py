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
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from desktop.core.model import CapturedRequest
from desktop.store.writer import GroupCommitWriter

log = logging.getLogger(__name__)

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
    """Receives requests, hands them to the writer and answers once they are committed."""

    def __init__(
        self,
        writer: GroupCommitWriter,
        host: str,
        port: int,
        max_body_bytes: int,
        on_answered: RequestLog | None = None,
        reuse_port: bool = False,
    ) -> None:
        self._writer = writer
        self.reuse_port = reuse_port
        self.host = host
        self.port = port
        self.max_body_bytes = max_body_bytes
        self._on_answered = on_answered
        self._server: asyncio.Server | None = None
        self._handler: web.Server | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

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
        asyncio.run_coroutine_threadsafe(self._start(), self._writer.loop).result()

    def stop(self) -> None:
        """Stop serving (requests in progress are answered first); safe to call twice."""
        if self.running and self._writer.loop.is_running():
            asyncio.run_coroutine_threadsafe(self._stop(), self._writer.loop).result()

    async def _start(self) -> None:
        # access_log=None: the headless mode prints its own one line per request.
        handler = web.Server(self._handle, handler_cancellation=False, access_log=None)
        sock = _bind(self.host, self.port, self.reuse_port)
        try:
            server = await asyncio.get_running_loop().create_server(handler, sock=sock, backlog=1024)
        except BaseException:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        self._handler, self._server = handler, server

    async def _stop(self) -> None:
        server, handler = self._server, self._handler
        self._server = self._handler = None
        if server is None or handler is None:
            return
        server.close()
        await handler.shutdown(timeout=2.0)
        await server.wait_closed()

    # -- one request --------------------------------------------------------------------------

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        received_at = time.time()
        peer = request.transport.get_extra_info("peername") if request.transport else None
        remote = str(peer[0]) if peer else ""
        version = f"{request.version.major}.{request.version.minor}"
        headers = [(_decode(k), _decode(v)) for k, v in request.raw_headers]
        body, too_large = await self._read_body(request)
        # The raw target, split by hand: request.query_string would build a yarl URL per request.
        path, _, query = request.raw_path.partition("?")
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
            declared = request.content_length
            limit_mb = self.max_body_bytes / (1024 * 1024)
            reason = f"body larger than the {limit_mb:g} MB limit"
            size = declared if declared is not None else self.max_body_bytes + 1
        else:
            status, reason, size = 200, "", len(body)
        event_id: int | None = None
        try:
            stored_id = await self._writer.store(captured, status, reason, size)
        except Exception as exc:
            # Not stored, so not acknowledged: the sender will retry.
            log.error("request not stored: %s", exc)
            status = 503
            response = _json(503, {"ok": False, "error": "could not store the request; try again"})
        else:
            event_id = stored_id
            if too_large:
                response = _json(413, {"ok": False, "error": reason, "id": stored_id})
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

    async def _read_body(self, request: web.BaseRequest) -> tuple[bytes, bool]:
        """The whole body, or (b"", True) as soon as it is known to exceed the limit."""
        declared = request.content_length
        if declared is not None and declared > self.max_body_bytes:
            return b"", True
        if declared is not None:
            # Length known and within the limit: one read instead of a chunk loop.
            try:
                return await request.content.readexactly(declared), False
            except asyncio.IncompleteReadError as exc:
                return exc.partial, False  # the client hung up mid-body: keep what came
        chunks: list[bytes] = []
        total = 0
        async for chunk in request.content.iter_any():
            total += len(chunk)
            if total > self.max_body_bytes:
                return b"", True
            chunks.append(chunk)
        return b"".join(chunks), False


def _json(status: int, payload: dict[str, object]) -> web.Response:
    return web.Response(status=status, body=json.dumps(payload).encode(), content_type="application/json")


REUSE_PORT_AVAILABLE = hasattr(socket, "SO_REUSEPORT")


def _bind(host: str, port: int, reuse_port: bool = False) -> socket.socket:
    sock = bind_socket(host, port, reuse_port)
    sock.listen(1024)
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
