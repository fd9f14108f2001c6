"""Connections the listener keeps, refuses and logs about, so no peer can exhaust or flood it.

Measured before these limits: 1,100 idle sockets exhausted 1,024 descriptors and the
listener wrote 18 MB of tracebacks in 7 s; 38 of 106 malformed requests each wrote a full
traceback (a remote way to fill the disk with logs). Now:

- aiohttp's keep-alive timer (its default 3,630 s) is the idle timeout: it runs from the
  moment a connection opens and after each answer, and closes a connection that has not
  sent a complete request by then, so idle sockets and half-sent headers both go.
- Past `max_connections` open connections (kept well under the descriptor limit), a new
  connection gets `503` and is closed at once: the receiver degrades by refusing, never by
  running out of descriptors.
- Every error a peer can cause is logged as one line (the traceback only at DEBUG);
  refusals and accept() failures, which come at the rate of connection attempts, are
  summarised at most every few seconds.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Callable, MutableMapping
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)

# Connections accepted per loop turn. A refused one holds its descriptor for two more
# turns (its transport is made, then closed), so about three batches are in flight.
ACCEPT_BATCH = 16
# Descriptors kept free: the batches in flight, plus the database, its WAL, logs and the app.
RESERVED_DESCRIPTORS = 4 * ACCEPT_BATCH + 64
REFUSED_ANSWER = (
    b"HTTP/1.1 503 Service Unavailable\r\n"
    b"Content-Type: text/plain\r\nContent-Length: 29\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
    b"too many open connections\r\n\r\n"
)
SUMMARY_EVERY_S = 5.0


def connection_limit(configured: int) -> int:
    """`configured`, lowered if the process may not open that many descriptors."""
    try:
        import resource  # POSIX only; Windows has no descriptor limit of this kind
    except ImportError:
        return configured
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return configured
    return max(8, min(configured, soft - RESERVED_DESCRIPTORS))


class RateLimitedLog:
    """One line per kind of problem at most every SUMMARY_EVERY_S, with how many were held back."""

    def __init__(self, logger: logging.Logger) -> None:
        self._log = logger
        self._last: dict[str, float] = {}
        self._held: dict[str, int] = {}

    def warning(self, kind: str, message: str) -> None:
        now = time.monotonic()
        if now - self._last.get(kind, -SUMMARY_EVERY_S) < SUMMARY_EVERY_S:
            self._held[kind] = self._held.get(kind, 0) + 1
            return
        held = self._held.pop(kind, 0)
        self._last[kind] = now
        suffix = f" (and {held} more like it)" if held else ""
        self._log.warning("%s%s", message, suffix)


def _summary(exc: BaseException) -> str:
    # aiohttp's parse errors carry a multi-line message with a caret drawing: keep line one.
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}"


class OneLineLogger(logging.LoggerAdapter):  # type: ignore[type-arg]
    """Given to aiohttp as its server logger: an error a peer causes becomes one line.

    The traceback still goes to DEBUG, for whoever is debugging the listener itself.
    """

    def __init__(self, logger: logging.Logger) -> None:
        super().__init__(logger, {})

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        if not self.isEnabledFor(level):
            return
        exc_info = kwargs.pop("exc_info", None)
        exc = exc_info if isinstance(exc_info, BaseException) else sys.exc_info()[1] if exc_info else None
        text = str(msg) % args if args else str(msg)
        if exc is not None:
            text = f"{text}: {_summary(exc)}"
            self.logger.debug("%s", text, exc_info=exc)
        # A peer's error is a warning about the peer, not an error of the receiver.
        self.logger.log(min(level, logging.WARNING), "%s", text)

    def process(
        self, msg: object, kwargs: MutableMapping[str, Any]
    ) -> tuple[object, MutableMapping[str, Any]]:
        return msg, kwargs


class _Refused(asyncio.Protocol):
    """A connection over the limit: told 503 and closed before it holds a descriptor for long."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # Duck-typed: uvloop's transports have `write` but do not subclass asyncio's classes.
        write = getattr(transport, "write", None)
        if write is not None:
            write(REFUSED_ANSWER)
        transport.close()


class ConnectionGate:
    """The protocol factory for the server socket: aiohttp's handler, or a refusal when full."""

    def __init__(self, handler: web.Server, limit: int) -> None:
        self._handler = handler
        self.limit = limit
        self.refused = 0
        self._log = RateLimitedLog(log)

    @property
    def open_connections(self) -> int:
        return len(self._handler.connections)

    def __call__(self) -> asyncio.BaseProtocol:
        if len(self._handler.connections) >= self.limit:
            self.refused += 1
            self._log.warning(
                "full",
                f"refusing new connections: {self.limit} are open (the limit); "
                f"refused so far: {self.refused}",
            )
            return _Refused()
        return self._handler()


def loop_exception_handler(
    limited: RateLimitedLog,
) -> Callable[[asyncio.AbstractEventLoop, dict[str, Any]], None]:
    """asyncio's own reports (e.g. accept() failing with EMFILE) as one rate-limited line each."""

    def handle(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        message = str(context.get("message", "event loop error"))
        if _is_aiohttp_task_collected(context):
            # aiohttp's own per-connection task, garbage-collected after a hostile client went
            # away mid-request: nothing a person can act on, and no request was acknowledged.
            log.debug("%s (%r)", message, context.get("task"))
            return
        detail = f": {_summary(exc)}" if isinstance(exc, BaseException) else ""
        kind = f"{message}:{type(exc).__name__}" if exc is not None else message
        limited.warning(kind, f"{message}{detail}")
        if isinstance(exc, BaseException):
            log.debug("%s", message, exc_info=exc)

    return handle


def _is_aiohttp_task_collected(context: dict[str, Any]) -> bool:
    task = context.get("task")
    if not str(context.get("message", "")).startswith("Task was destroyed") or task is None:
        return False
    code = getattr(task.get_coro(), "cr_code", None)
    return code is not None and "aiohttp" in code.co_filename
