"""What both engines' writers do the same way around a commit: tell waiters, tell listeners,
and keep a failing recogniser or custom response from costing the capture.

Shared by desktop/store/writer.py (SQLite) and desktop/store/postgres/writer.py, so the rule
"acknowledged means committed, and nothing else may lose a capture" is written once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError

from desktop.core.model import CapturedRequest, Derived

log = logging.getLogger("desktop.store.writer")

Listener = Callable[[list[int]], None]  # called on the store thread with ids, ascending
Derive = Callable[[CapturedRequest], Derived]
Respond = Callable[[int], str | None]  # the custom answer sent for an event id, as JSON (or None)


def notify(listeners: list[Listener], ids: list[int]) -> None:
    """Call every listener; one that fails is logged and the others still hear."""
    for listener in list(listeners):
        try:
            listener(ids)
        except Exception:
            log.exception("an events listener failed")


def safe_derive(derive: Derive, request: CapturedRequest) -> Derived:
    # Recognition must never cost a capture: store the request plain if it fails.
    try:
        return derive(request)
    except Exception:
        log.exception("deriving fields failed for %s %s", request.method, request.path)
        return Derived(signature_reason="internal error while recognising this request")


def safe_respond(respond: Respond, event_id: int) -> str | None:
    # A broken custom response must not cost the batch its commit: store the request plain.
    try:
        return respond(event_id)
    except Exception:
        log.exception("recording the custom response of event %d failed", event_id)
        return None


def settle(
    future: asyncio.Future[int] | Future[int], event_id: int | None, error: BaseException | None
) -> None:
    """Answer a capture's waiter with its id, or the error that kept it from being stored."""
    # A waiter may have been cancelled meanwhile (the client hung up): nothing to tell it.
    # (A plain try, not contextlib.suppress: this runs once per request.)
    if future.done():
        return
    try:
        if error is not None or event_id is None:
            future.set_exception(error or RuntimeError("not stored"))
        else:
            future.set_result(event_id)
    except (asyncio.InvalidStateError, InvalidStateError):
        pass
