"""What keeps the writer from storing, said plainly, and the short lock wait while it lasts.

Measured before: with another program holding the database locked, the first request
waited 10 s for its 503 and every later batch waited the full busy timeout again, so
senders queued behind the lock. Now the first write waits WRITE_BUSY_TIMEOUT_MS; once a
write has failed for the lock, later writes wait only LOCKED_BUSY_TIMEOUT_MS (a 503 in
about a tenth of a second) until one succeeds and the normal wait is restored.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable

from desktop.store import lock_holders
from desktop.store.database import WRITE_BUSY_TIMEOUT_MS, database_file

log = logging.getLogger(__name__)

LOCKED_BUSY_TIMEOUT_MS = 100
DESCRIBE_EVERY_S = 3.0


def _is_locked(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def _is_full(exc: BaseException) -> bool:
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(exc)


def is_environmental(exc: BaseException) -> bool:
    """A failure of the disk or of another program's lock, which goes away by itself; not a
    fault in the statement (sqlite3 raises OperationalError for both kinds)."""
    name = getattr(exc, "sqlite_errorname", "")
    transient = ("SQLITE_FULL", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_READONLY")
    return isinstance(exc, sqlite3.OperationalError) and (
        name.startswith(transient) or _is_full(exc) or _is_locked(exc)
    )


def describe(exc: BaseException, conn: sqlite3.Connection) -> str:
    """The fault in words for the window and the log."""
    if _is_locked(exc):
        path = database_file(conn)
        holders = lock_holders.holders(path) if path is not None else []
        who = ", ".join(holders) if holders else "another program"
        return f"the database is locked by {who}; requests are answered 503 until it lets go"
    if _is_full(exc):
        return "the disk is full; requests are answered 503 until space is freed"
    return f"the database cannot be written ({exc}); requests are answered 503"


class FaultState:
    """The writer's current fault, told to listeners when it starts, changes and ends."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.message: str | None = None
        self._short_wait = False
        self._kind: tuple[type, bool, bool] | None = None
        self._described_at = 0.0
        self.listeners: list[Callable[[str | None], None]] = []

    def failed(self, exc: BaseException) -> None:
        if _is_locked(exc) and not self._short_wait:
            self._set_busy_timeout(LOCKED_BUSY_TIMEOUT_MS)
            self._short_wait = True
        # Naming the lock holder reads /proc: not for every failing batch.
        kind = (type(exc), _is_locked(exc), _is_full(exc))
        now = time.monotonic()
        if self.message is not None and kind == self._kind and now - self._described_at < DESCRIBE_EVERY_S:
            return
        self._kind, self._described_at = kind, now
        message = describe(exc, self._conn)
        if message != self.message:
            self.message = message
            log.warning("%s", message)
            self._tell(message)

    def cleared(self) -> None:
        if self._short_wait:
            self._set_busy_timeout(WRITE_BUSY_TIMEOUT_MS)
            self._short_wait = False
        if self.message is not None:
            self.message = None
            log.info("the database takes writes again")
            self._tell(None)

    def _set_busy_timeout(self, ms: int) -> None:
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {ms}")
        except sqlite3.Error as exc:
            log.warning("could not change the lock wait: %s", exc)

    def _tell(self, message: str | None) -> None:
        for listener in list(self.listeners):
            try:
                listener(message)
            except Exception:
                log.exception("a fault listener failed")
