"""Re-send events by hand: one, many (bounded, cancellable), or by id from a script."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Sequence

import httpx

from desktop.core.model import CapturedRequest, StoredEvent
from desktop.core.records import Attempt, ErrorKind
from desktop.core.targets import Target
from desktop.delivery.request_spec import build_outgoing
from desktop.delivery.sender import DEFAULT_MAX_BODY, send

ProgressCallback = Callable[[int, int, Attempt], None]
RecordCallback = Callable[[Attempt], None]


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
    """Re-send `events` to `target`, at most `concurrency` at a time.

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
    # One shared iterator feeds a fixed set of workers: memory stays flat however many
    # events there are, unlike one task per event waiting on a semaphore.
    pending = iter(enumerate(items))
    done = 0

    async def worker() -> None:
        nonlocal done
        for index, event in pending:
            if cancel is not None and cancel.is_set():
                results[index] = _not_sent(event, target)
                continue
            attempt = await resend_one(client, event, target, max_body=max_body, record=record)
            results[index] = attempt
            done += 1
            if on_progress is not None:
                on_progress(done, total, attempt)

    workers = [asyncio.create_task(worker()) for _ in range(min(concurrency, total))]
    try:
        await asyncio.gather(*workers)
    finally:
        # A failing callback or a cancelled caller must not leave sends running unowned.
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
    return [attempt for attempt in results if attempt is not None]


def _not_sent(event: StoredEvent, target: Target) -> Attempt:
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
