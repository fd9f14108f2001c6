"""Test support for delivery: a real HTTP target that records exactly what arrives.

The server runs in its own thread with its own asyncio loop (like a separate app would),
so tests drive the client side with `asyncio.run` on the main thread.
"""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from desktop.core.model import CapturedRequest
from desktop.store.database import connect
from desktop.store.schema import migrate

# Where the system has it (not Windows): lets a stopped server keep its port (RecordingServer.stop).
REUSE_PORT = hasattr(socket, "SO_REUSEPORT")


@dataclass
class Received:
    method: str
    path: str  # raw, as on the request line, without the query
    query: str
    headers: list[tuple[str, str]]  # original case, order and duplicates
    body: bytes


@dataclass
class RecordingServer:
    """Answers 200 "ok" by default. Knobs (set them before the requests arrive):

    fail_times / fail_status / fail_headers: answer the next N requests with that status.
    mode: "ok", "close" (drop the connection without answering) or "hang" (never answer).
    hold_until: hold each request until that many are in flight together (shows that a
        client keeps N requests in flight, never more).
    response_body: what a 200 carries.
    """

    received: list[Received] = field(default_factory=list)
    fail_times: int = 0
    fail_status: int = 503
    fail_headers: dict[str, str] = field(default_factory=dict)
    mode: str = "ok"
    hold_until: int = 0
    response_body: bytes = b"ok"
    max_in_flight: int = 0
    port: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._in_flight = 0
        self._batch = 0
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        # Holds the port while the server is stopped (see `stop`).
        self._placeholder: socket.socket | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def bodies(self) -> list[bytes]:
        with self._lock:
            return [r.body for r in self.received]

    # --- lifecycle (called from the test thread) --------------------------------------

    def start(self) -> None:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._release = asyncio.Event()
        self._cond = asyncio.Condition()

        def run() -> None:
            assert self._loop is not None
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self._serve())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="recording-server", daemon=True)
        self._thread.start()
        assert ready.wait(5), "test server did not start"
        self._release_port()  # listening on it again

    def stop(self) -> None:
        """Stop listening; the port is kept so `start()` brings the same URL back up.

        Kept, not just remembered: a port given back to the system can be taken by any other
        process (another pytest worker) before `start()` binds it again ("address already in
        use"). So a socket bound to it, never listening, holds it meanwhile: a connection to the
        port is still refused, as when the target is down. Both sockets set SO_REUSEPORT, which
        is what lets them share the port. `close()` gives the port back for good.
        """
        if self._loop is None or self._thread is None:
            return
        self._hold_port()
        loop = self._loop
        loop.call_soon_threadsafe(self._release.set)
        asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(5)
        loop.close()
        self._loop = self._thread = None

    def close(self) -> None:
        """Stop for good: the port is given back."""
        self.stop()
        self._release_port()

    def _hold_port(self) -> None:
        if self._placeholder is None and REUSE_PORT:
            holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            holder.bind(("127.0.0.1", self.port))
            self._placeholder = holder

    def _release_port(self) -> None:
        if self._placeholder is not None:
            self._placeholder.close()
            self._placeholder = None

    async def _serve(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True, reuse_port=REUSE_PORT)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        assert self._runner is not None
        await self._runner.cleanup()

    # --- the handler (server thread) ---------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path, _, query = request.raw_path.partition("?")
        received = Received(
            method=request.method,
            path=path,
            query=query,
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.raw_headers],
            body=await request.read(),
        )
        with self._lock:
            self.received.append(received)
            failing = self.fail_times > 0
            if failing:
                self.fail_times -= 1
        if self.mode == "hang":
            await self._release.wait()
        if self.mode == "close":
            assert request.transport is not None
            request.transport.abort()
            raise web.HTTPInternalServerError()  # never reaches the client: it is gone
        if self.hold_until:
            await self._hold()
        if failing:
            return web.Response(status=self.fail_status, headers=self.fail_headers, body=b"down")
        return web.Response(status=200, body=self.response_body)

    async def _hold(self) -> None:
        async with self._cond:
            batch = self._batch
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            if self._in_flight >= self.hold_until:
                self._batch += 1  # release everyone who arrived in this batch
                self._cond.notify_all()
            await self._cond.wait_for(lambda: self._batch > batch or self._release.is_set())
            self._in_flight -= 1


def open_db(path: Path) -> sqlite3.Connection:
    """A migrated events database (the delivery tables come from the schema's migrations)."""
    conn = connect(path)
    migrate(conn)
    return conn


def captured(
    body: bytes = b'{"ok": true}',
    headers: list[tuple[str, str]] | None = None,
    method: str = "POST",
    path: str = "/juno/payments",
    query: str = "",
) -> CapturedRequest:
    return CapturedRequest(
        method=method,
        path=path,
        query=query,
        headers=headers if headers is not None else [("Content-Type", "application/json")],
        body=body,
        received_at=1_700_000_000.0,
        remote_addr="127.0.0.1",
    )
