"""Re-send events by hand: one, many (bounded, cancellable), or by id from a script.

`send_all` is the one bulk engine: the window's bulk re-send (desktop/ui/delivery/service.py)
and `resend_many` both run on it; `BulkResult` is its running tally.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field

import httpx

from desktop.core.model import CapturedRequest, StoredEvent
from desktop.core.records import Attempt, ErrorKind
from desktop.core.targets import Target
from desktop.delivery.request_spec import build_outgoing
from desktop.delivery.sender import DEFAULT_MAX_BODY, send

ProgressCallback = Callable[[int, int, Attempt], None]
RecordCallback = Callable[[Attempt], None]


class BulkBusyError(RuntimeError):
    """A bulk re-send is already running; wait for it or cancel it first."""


@dataclass(slots=True)
class BulkResult:
    """The running tally of one bulk re-send (read it live or when it has finished)."""

    total: int
    target_name: str
    ok: int = 0
    failed: int = 0
    not_sent: int = 0  # left out because the user cancelled
    cancelled: bool = False
    failures: Counter[str] = field(default_factory=Counter)  # what went wrong, and how often

    @property
    def done(self) -> int:
        return self.ok + self.failed

    def count(self, attempt: Attempt) -> None:
        if attempt.ok:
            self.ok += 1
        else:
            self.failed += 1
            self.failures[attempt.summary] += 1

    def describe(self) -> str:
        """The outcome in a sentence or two, failures included (nothing is silent)."""
        head = "Cancelled" if self.cancelled else "Done"
        text = f"{head}: {self.done:,} of {self.total:,} sent to {self.target_name}, {self.ok:,} answered 2xx"
        if self.failed:
            text += f", {self.failed:,} failed"
        if self.not_sent:
            text += f"; {self.not_sent:,} not sent"
        text += "."
        if self.failures:
            common = "; ".join(f"{why} ({count:,}×)" for why, count in self.failures.most_common(3))
            text += f"\nFailures: {common}"
        return text


async def send_all(
    ids: Sequence[int],
    send_one: Callable[[int], Awaitable[Attempt]],
    result: BulkResult,
    cancel: asyncio.Event,
    concurrency: int,
    on_sent: Callable[[Attempt], None],
    track: Callable[[asyncio.Task[None]], asyncio.Task[None]] = lambda task: task,
) -> None:
    """Send every id, at most `concurrency` at a time, until `cancel` is set; tally in `result`.

    The one bulk engine (the window's re-send and `resend_many` both run on it): one shared
    iterator feeds a fixed set of workers, so memory stays flat however many ids, and it goes
    by id: an event is read only when its turn comes, since bodies can be tens of MB. Sends
    already on the wire when `cancel` is set finish and count; the rest are `not_sent`.
    `on_sent(attempt)` runs after each send. `track` registers each worker task (so the owner
    can cancel them at quit).
    """
    pending = iter(ids)

    async def worker() -> None:
        for event_id in pending:
            if cancel.is_set():
                break
            attempt = await send_one(event_id)
            result.count(attempt)
            on_sent(attempt)

    loop = asyncio.get_running_loop()
    workers = [
        track(loop.create_task(worker(), name="bulk-resend")) for _ in range(min(concurrency, len(ids)))
    ]
    try:
        await asyncio.gather(*workers)
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        result.not_sent = result.total - result.done
        result.cancelled = result.not_sent > 0


def not_sent(event_id: int, target: Target, why: str) -> Attempt:
    """The attempt for an event that could not even be read (deleted meanwhile): a failure."""
    return Attempt(
        url=target.url,
        method="",
        started_at=time.time(),
        error=why,
        error_kind=ErrorKind.NOT_FOUND,
        event_id=event_id,
        target_id=target.id,
        target_name=target.name,
    )


async def resend_one(
    client: httpx.AsyncClient,
    event: StoredEvent,
    target: Target,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    record: RecordCallback | None = None,
) -> Attempt:
    """Re-send one stored event to `target` exactly as it was received."""
    attempt = await send(
        client,
        build_outgoing(event.request, target),
        target.timeout_s,
        max_body,
        event_id=event.id,
        target=target,
    )
    if record is not None:
        record(attempt)
    return attempt


async def resend_many(
    client: httpx.AsyncClient,
    events: Iterable[StoredEvent],
    target: Target,
    concurrency: int = 16,
    on_progress: ProgressCallback | None = None,
    cancel: asyncio.Event | None = None,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    record: RecordCallback | None = None,
) -> list[Attempt]:
    """Re-send `events` (already loaded) to `target`, at most `concurrency` at a time, on `send_all`.

    Returns one attempt per event, in the order given. `on_progress(done, total, attempt)`
    and `record(attempt)` run on the loop after each send. Setting `cancel` stops new
    sends; those already on the wire finish (their outcome is real and is recorded) and
    every event not sent gets an attempt with `ErrorKind.CANCELLED`, so the caller can
    show exactly which ones did not go. Cancelling the awaiting task stops everything.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    items: Sequence[StoredEvent] = events if isinstance(events, Sequence) else list(events)
    total = len(items)
    results: list[Attempt | None] = [None] * total
    tally = BulkResult(total, target.name)

    async def send_one(index: int) -> Attempt:
        attempt = await resend_one(client, items[index], target, max_body=max_body, record=record)
        results[index] = attempt
        return attempt

    def sent(attempt: Attempt) -> None:
        if on_progress is not None:
            on_progress(tally.done, total, attempt)

    # The positions stand in for ids: the events are already in memory.
    await send_all(range(total), send_one, tally, cancel or asyncio.Event(), concurrency, sent)
    return [
        attempt if attempt is not None else _cancelled(event, target)
        for attempt, event in zip(results, items, strict=True)
    ]


def _cancelled(event: StoredEvent, target: Target) -> Attempt:
    return Attempt(
        url=target.url,
        method=event.request.method,
        started_at=time.time(),
        error="cancelled before sending",
        error_kind=ErrorKind.CANCELLED,
        event_id=event.id,
        target_id=target.id,
        target_name=target.name,
    )


async def resend_by_id(
    client: httpx.AsyncClient,
    event_id: int,
    url: str,
    load_event: Callable[[int], CapturedRequest | None],
    *,
    timeout_s: float = 30.0,
    max_body: int = DEFAULT_MAX_BODY,
    record: RecordCallback | None = None,
) -> Attempt:
    """What `python main.py resend --id ID --to URL` does: send the event to `url` as is
    (no path mapping). A missing event is an attempt with an error, not an exception,
    so a script reports it like any other failure."""
    target = Target(name=url, url=url, keep_path=False, timeout_s=timeout_s)
    request = load_event(event_id)
    if request is None:
        attempt = Attempt(
            url=url,
            method="",
            started_at=time.time(),
            error=f"event {event_id} not found",
            error_kind=ErrorKind.NOT_FOUND,
            event_id=event_id,
            target_name=url,
        )
    else:
        attempt = await send(
            client, build_outgoing(request, target), timeout_s, max_body, event_id=event_id, target=target
        )
    if record is not None and attempt.error_kind != ErrorKind.NOT_FOUND:
        record(attempt)
    return attempt


def resend_command(
    event_id: int,
    url: str,
    load_event: Callable[[int], CapturedRequest | None],
    *,
    timeout_s: float = 30.0,
    record: RecordCallback | None = None,
) -> tuple[int, str]:
    """Blocking entry point for the CLI: returns (exit code, one line to print).

    Exit code 0 for a 2xx answer, 1 for any other answer or failure. The CLI is the whole
    app's lifetime here, so it owns the one client.
    """

    async def run() -> Attempt:
        async with httpx.AsyncClient() as client:
            return await resend_by_id(client, event_id, url, load_event, timeout_s=timeout_s, record=record)

    attempt = asyncio.run(run())
    sent = f"{attempt.method} {attempt.url}".strip()
    if attempt.status_code is not None:
        line = f"{sent} -> {attempt.status_code} in {attempt.latency_ms:.0f} ms"
    else:
        line = f"{sent} failed: {attempt.error}"
    return (0 if attempt.ok else 1), line
