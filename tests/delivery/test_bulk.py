"""Bulk re-send: bounded concurrency, progress, cancel, and the script entry point."""

from __future__ import annotations

import asyncio
import socket

import httpx

from desktop.core.model import Derived, StoredEvent
from desktop.core.records import Attempt, ErrorKind
from desktop.core.targets import Target
from desktop.delivery.bulk import resend_by_id, resend_command, resend_many
from tests.delivery.support import RecordingServer, captured


def _events(count: int) -> list[StoredEvent]:
    return [
        StoredEvent(
            id=i, request=captured(body=f'{{"n": {i}}}'.encode()), derived=Derived(), response_status=200
        )
        for i in range(1, count + 1)
    ]


def test_never_more_than_the_concurrency_limit_in_flight(server: RecordingServer, run):
    # The server holds requests until 4 are in flight together: with a limit of 4 the
    # batches fill exactly; more in flight would raise max_in_flight past 4, fewer would hang.
    server.hold_until = 4
    target = Target(name="t", url=server.url)
    progress: list[tuple[int, int]] = []
    recorded: list[Attempt] = []

    async def go() -> list[Attempt]:
        async with httpx.AsyncClient() as client:
            return await resend_many(
                client,
                _events(20),
                target,
                concurrency=4,
                on_progress=lambda done, total, _a: progress.append((done, total)),
                record=recorded.append,
            )

    attempts = run(go())

    assert server.max_in_flight == 4
    assert [a.event_id for a in attempts] == list(range(1, 21))  # results in the order given
    assert all(a.status_code == 200 for a in attempts)
    assert progress == [(n, 20) for n in range(1, 21)]
    assert sorted(a.event_id or 0 for a in recorded) == list(range(1, 21))
    assert sorted(server.bodies()) == sorted(f'{{"n": {i}}}'.encode() for i in range(1, 21))


def test_cancel_stops_new_sends_and_reports_the_ones_not_sent(server: RecordingServer, run):
    target = Target(name="t", url=server.url)
    cancel = asyncio.Event()

    def on_progress(done: int, total: int, attempt: Attempt) -> None:
        if done == 3:
            cancel.set()

    async def go() -> list[Attempt]:
        async with httpx.AsyncClient() as client:
            return await resend_many(client, _events(10), target, 2, on_progress, cancel)

    attempts = run(go())

    sent = [a for a in attempts if a.error_kind != ErrorKind.CANCELLED]
    not_sent = [a for a in attempts if a.error_kind == ErrorKind.CANCELLED]
    assert 3 <= len(sent) <= 4  # the one in flight when cancelled may still finish
    assert len(attempts) == 10 and len(server.received) == len(sent)
    assert all(a.error == "cancelled before sending" for a in not_sent)
    assert {a.event_id for a in not_sent} == set(range(len(sent) + 1, 11))


def test_resend_by_id_reports_a_missing_event_without_raising(server: RecordingServer, run):
    events = {1: captured(body=b"hello")}

    async def go() -> tuple[Attempt, Attempt]:
        async with httpx.AsyncClient() as client:
            found = await resend_by_id(client, 1, server.url + "/exact?x=1", events.get)
            missing = await resend_by_id(client, 2, server.url, events.get)
            return found, missing

    found, missing = run(go())
    assert found.status_code == 200
    assert (server.received[0].path, server.received[0].query, server.received[0].body) == (
        "/exact",
        "x=1",
        b"hello",
    )
    assert missing.error == "event 2 not found"


def test_the_cli_entry_point_gives_an_exit_code_and_a_line(server: RecordingServer):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    events = {7: captured()}
    assert resend_command(7, server.url, events.get)[0] == 0
    code, line = resend_command(7, dead, events.get)
    assert code == 1 and line.endswith("failed: connection refused")
