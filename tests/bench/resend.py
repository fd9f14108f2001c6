"""Benchmark: bulk re-send throughput and event-loop responsiveness.

    .venv/bin/python tests/bench/resend.py [--count 10000] [--concurrency 16] [--record]

Re-sends `count` stored events (300-byte JSON bodies) through `resend_many` with one shared
httpx.AsyncClient to a local aiohttp target running in a separate process (so the target
does not compete with the sender for the GIL), and reports events/s. Meanwhile a ticker
coroutine measures how late the loop wakes it: the longest gap is what a window driven by
the same loop would freeze for. Targets: >= 1,000 events/s, worst lag < 100 ms.

`run_resend_bench` and `LoopLagMonitor` only need a running asyncio loop, so the UI-loop
measurement under qasync can reuse them unchanged.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
import httpx  # noqa: E402
from aiohttp import web  # noqa: E402

from desktop.core.model import CapturedRequest, Derived, StoredEvent  # noqa: E402
from desktop.core.records import Attempt  # noqa: E402
from desktop.core.targets import Target  # noqa: E402
from desktop.delivery.bulk import resend_many  # noqa: E402
from desktop.store.delivery_store import DeliveryStore  # noqa: E402


class LoopLagMonitor:
    """Wakes every `interval_s` and records how late each wake-up was.

    Use as `async with LoopLagMonitor() as lag: ...`, then read `lag.worst_ms`.
    """

    def __init__(self, interval_s: float = 0.01) -> None:
        self.interval_s = interval_s
        self.worst_ms = 0.0
        self.ticks = 0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            expected = loop.time() + self.interval_s
            await asyncio.sleep(self.interval_s)
            self.worst_ms = max(self.worst_ms, (loop.time() - expected) * 1000)
            self.ticks += 1

    async def __aenter__(self) -> LoopLagMonitor:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


@dataclass
class BenchResult:
    count: int
    seconds: float
    ok: int
    worst_lag_ms: float
    ticks: int

    @property
    def per_second(self) -> float:
        return self.count / self.seconds


def make_events(count: int) -> list[StoredEvent]:
    headers = [
        ("Content-Type", "application/json"),
        ("User-Agent", "Juno-Webhook/1.0"),
        ("X-Signature", "3f1c0a9e" * 8),
        ("X-Request-Id", "req"),
    ]
    events = []
    for i in range(1, count + 1):
        body = json.dumps(
            {"eventId": f"evt_{i:08d}", "eventType": "PAYMENT_STATUS_CHANGED", "data": {"id": f"pay_{i}"}}
        ).encode()
        body += b" " * max(0, 300 - len(body))
        request = CapturedRequest("POST", "/juno/notify", "", headers, body, time.time(), "127.0.0.1")
        events.append(StoredEvent(i, request, Derived(), 200))
    return events


async def run_resend_bench(
    client: httpx.AsyncClient,
    url: str,
    count: int = 10_000,
    concurrency: int = 16,
    store: DeliveryStore | None = None,
) -> BenchResult:
    """Re-send `count` events to `url` on the running loop, measuring the loop's lag."""
    events = make_events(count)
    target = Target(name="bench", url=url, strip_prefix="/juno")
    attempts: list[Attempt] = []

    def record(attempt: Attempt) -> None:
        # Batched commits, as a UI would do: a commit per attempt is one write per event.
        if store is not None:
            store.record_attempt(attempt, commit=False)
            if attempt.event_id and attempt.event_id % 200 == 0:
                store.conn.commit()

    async with LoopLagMonitor() as lag:
        start = time.perf_counter()
        attempts = await resend_many(client, events, target, concurrency=concurrency, record=record)
        seconds = time.perf_counter() - start
    if store is not None:
        store.conn.commit()
    ok = sum(a.ok for a in attempts)
    return BenchResult(count, seconds, ok, lag.worst_ms, lag.ticks)


async def baseline(url: str, count: int, concurrency: int) -> dict[str, float]:
    """Plain `httpx.AsyncClient.post` and `aiohttp.ClientSession.post` at the same
    concurrency: the ceiling the HTTP client library itself allows on this machine."""
    body = make_events(1)[0].request.body
    results: dict[str, float] = {}

    async def timed(one: Callable[[], Awaitable[object]]) -> float:
        remaining = iter(range(count))

        async def worker() -> None:
            for _ in remaining:
                await one()

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return count / (time.perf_counter() - start)

    async with httpx.AsyncClient() as client:
        results["httpx post"] = await timed(lambda: client.post(url, content=body))
    async with aiohttp.ClientSession() as session:

        async def aiohttp_post() -> None:
            async with session.post(url, data=body) as response:
                await response.read()

        results["aiohttp post"] = await timed(aiohttp_post)
    return results


# --- the target, in its own process -----------------------------------------------------


async def _serve_forever() -> None:
    async def handle(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(status=204)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    assert site._server is not None
    print(site._server.sockets[0].getsockname()[1], flush=True)  # type: ignore[union-attr]
    # Exit when the benchmark does, however it ends: its end of our stdin closes.
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


def start_target() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    port = int(proc.stdout.readline())
    return proc, f"http://127.0.0.1:{port}/webhooks"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--record", action="store_true", help="also store every attempt in SQLite (WAL)")
    parser.add_argument("--baseline", action="store_true", help="also time plain httpx and aiohttp posts")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(_serve_forever())
        return

    proc, url = start_target()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = None
            if args.record:
                conn = sqlite3.connect(Path(tmp) / "events.sqlite3")
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                store = DeliveryStore(conn)

            async def go() -> BenchResult:
                async with httpx.AsyncClient() as client:
                    return await run_resend_bench(client, url, args.count, args.concurrency, store)

            result = asyncio.run(go())
            if store is not None:
                store.conn.close()
        ceilings = asyncio.run(baseline(url, args.count, args.concurrency)) if args.baseline else {}
    finally:
        proc.terminate()
        proc.wait(5)
    print(
        f"re-sent {result.count} events ({result.ok} answered 2xx) in {result.seconds:.2f} s: "
        f"{result.per_second:,.0f} events/s, concurrency {args.concurrency}"
        f"{', attempts recorded in SQLite' if args.record else ''}"
    )
    print(f"loop lag: worst {result.worst_lag_ms:.1f} ms over {result.ticks} ticks of 10 ms")
    for name, rate in ceilings.items():
        print(f"baseline {name}: {rate:,.0f} requests/s at concurrency {args.concurrency}")


if __name__ == "__main__":
    main()
