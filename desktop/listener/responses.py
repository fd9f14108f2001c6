"""Which answer a stored request gets: fail-next-N first, then the endpoint's custom response.

The decision is made before the request is stored, so the row records the status that will
be sent (`response_status`); the body, which may name the event id, is rendered inside the
committing transaction (the writer calls the plan with the new id) and stored with the row
(`events.response`). Only then is it sent: acknowledged still means stored, a custom 500
included.

Fail-next-N counters live in this process's memory: with `--headless --workers N`, each
receiver process fails its own next N (README says so).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable

from aiohttp import web

from desktop.core.config import Endpoint
from desktop.core.model import CapturedRequest
from desktop.core.responses import (
    KIND_TIMEOUT,
    NO_ANSWER,
    ResponseRecord,
    ResponseSpec,
    custom_record,
    fail_record,
)

EndpointLookup = Callable[[str], Endpoint | None]
# A timeout answer holds the connection at most this long, then closes it unanswered.
HOLD_CAP_S = 600.0
HOLD_POLL_S = 0.1  # how often a held connection looks whether the sender gave up


class ResponsePlan:
    """One request's answer. Called by the writer with the event id (inside its commit)."""

    def __init__(self, request: CapturedRequest, status: int, spec: ResponseSpec | None) -> None:
        self.request = request
        self.status = status  # what `response_status` records
        self._spec = spec  # None: failed on purpose
        self.record: ResponseRecord | None = None

    def __call__(self, event_id: int) -> str:
        if self._spec is None:
            self.record = fail_record(self.status, event_id)
        else:
            self.record = custom_record(self._spec, self.request, event_id)
        return self.record.to_json()

    @property
    def holds(self) -> bool:
        """A timeout answer: the connection is held, never answered."""
        return self._spec is not None and self._spec.timeout

    def response(self) -> web.Response | None:
        """The answer to send, or None when the record could not be made (send the default)."""
        record = self.record
        if record is None or record.kind == KIND_TIMEOUT:
            return None
        headers = list(record.headers)
        if not any(name.lower() == "content-type" for name, _ in headers):
            headers.append(("Content-Type", "text/plain; charset=utf-8"))
        response = web.Response(status=record.status, body=record.body.encode("utf-8"))
        for name, value in headers:
            response.headers.add(name, value)
        return response


class Responder:
    """The answers of the endpoints, and their fail-next-N counters (thread-safe: the window
    sets a counter on the UI thread, the listener spends it on the store thread)."""

    def __init__(self, endpoint_for: EndpointLookup, endpoints: Iterable[Endpoint] = ()) -> None:
        self._endpoint_for = endpoint_for
        self._lock = threading.Lock()
        self._failing: dict[str, tuple[int, int]] = {}  # endpoint path -> (remaining, status)
        for endpoint in endpoints:
            spec = endpoint.response
            if spec is not None and spec.fail_next > 0:
                self._failing[endpoint.path] = (spec.fail_next, spec.fail_status)

    def set_fail_next(self, endpoint_path: str, count: int, status: int) -> None:
        """The next `count` requests to this endpoint get `status` (0 stops failing)."""
        with self._lock:
            if count > 0:
                self._failing[endpoint_path] = (count, status)
            else:
                self._failing.pop(endpoint_path, None)

    def fail_next(self, endpoint_path: str) -> tuple[int, int]:
        """(requests still to fail, with which status); (0, 0) when none."""
        with self._lock:
            return self._failing.get(endpoint_path, (0, 0))

    def plan(self, request: CapturedRequest) -> ResponsePlan | None:
        """The answer for this request, or None for the default one."""
        endpoint = self._endpoint_for(request.path)
        if endpoint is None:
            return None
        with self._lock:
            remaining, status = self._failing.get(endpoint.path, (0, 0))
            if remaining > 0:
                if remaining == 1:
                    del self._failing[endpoint.path]
                else:
                    self._failing[endpoint.path] = (remaining - 1, status)
                return ResponsePlan(request, status, None)
        spec = endpoint.response
        if spec is None:
            return None
        return ResponsePlan(request, NO_ANSWER if spec.timeout else spec.status, spec)


async def hold_until_gone(request: web.BaseRequest, stopping: Callable[[], bool]) -> None:
    """Keep a connection open, unanswered, until the sender closes it, the listener stops or
    HOLD_CAP_S passes; then close it. Only this coroutine waits: other requests and the
    writer go on (it sleeps on the loop, it does not block it)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + HOLD_CAP_S
    while loop.time() < deadline and not stopping():
        transport = request.transport
        if transport is None or transport.is_closing():
            return
        await asyncio.sleep(HOLD_POLL_S)
    transport = request.transport
    if transport is not None:
        transport.close()
