"""Benchmark: bulk re-send through the window's DeliveryService, on the real qasync loop.

    .venv/bin/python tests/bench/resend_ui.py [--count 10000] [--concurrency 8]

Stores `count` events (300-byte JSON bodies) in a fresh data directory, then re-sends them all
with `DeliveryService.resend` (events read from SQLite one by one, every attempt recorded in the
same database) to a local aiohttp target running in a separate process. Meanwhile a QTimer
ticks every 10 ms on the same loop: the longest gap between ticks is how long the window would
have frozen. Targets (issue 5): >= 1,000 events/s, longest stall < 100 ms.

By default the loop is the app's (`desktop.ui.loop.make_event_loop`); `--plain-qasync` runs
qasync's own, where a cancelled `call_later` keeps its Qt timer until the deadline: every send
arms and cancels timeouts (10 s for the default target), so tens of thousands of dead timers
pile up and fire in bursts (~110-140 ms stalls once a second after the first 10 s).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.core.config import Settings  # noqa: E402
from desktop.core.targets import Target  # noqa: E402
from desktop.delivery.bulk import BulkResult  # noqa: E402
from desktop.runtime import build_services  # noqa: E402
from desktop.store.writer import GroupCommitWriter  # noqa: E402
from desktop.ui.delivery.service import BULK_CONCURRENCY, DeliveryService  # noqa: E402
from desktop.ui.loop import make_event_loop  # noqa: E402
from tests.bench.resend import make_events, start_target  # noqa: E402

TICK_MS = 10


class StallMeter:
    """A QTimer on the UI loop; records the longest gap between its ticks while running."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self._tick()
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def worst_ms(self) -> float:
        return max(self.gaps, default=0.0)

    def percentile_ms(self, share: float) -> float:
        ordered = sorted(self.gaps)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def store_events(writer: GroupCommitWriter, count: int) -> list[int]:
    """Store `count` events and wait until they are recognised too: recognition runs on the
    store thread and would otherwise compete with the measured re-send for the GIL."""
    futures = [writer.submit(event.request) for event in make_events(count)]
    ids = [future.result(30) for future in futures]
    writer.call(lambda _conn: None).result(120)  # runs after everything queued is recognised
    return ids


async def bench(service: DeliveryService, ids: list[int], url: str) -> tuple[BulkResult, float, StallMeter]:
    meter = StallMeter()
    await service.start()
    meter.start()
    start = time.perf_counter()
    result = await service.resend(ids, Target(name="bench", url=url, strip_prefix="/juno"))
    seconds = time.perf_counter() - start
    meter.stop()
    return result, seconds, meter


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=BULK_CONCURRENCY)
    parser.add_argument(
        "--plain-qasync",
        action="store_true",
        help="qasync's own loop instead of the app's (desktop/ui/loop.py)",
    )
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv)
    loop = qasync.QEventLoop(app) if args.plain_qasync else make_event_loop(app)
    asyncio.set_event_loop(loop)
    proc, url = start_target()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            services = build_services(Settings(port=0), Path(tmp))
            try:
                ids = store_events(services.store.writer, args.count)
                service = DeliveryService(services.store, services.deriver, bulk_concurrency=args.concurrency)
                with loop:
                    result, seconds, meter = loop.run_until_complete(bench(service, ids, url))
                    recorded = sum(
                        len(service.attempts_for_event(i)) for i in ids[:: max(1, len(ids) // 100)]
                    )
                    loop.run_until_complete(service.close())
            finally:
                services.close()
    finally:
        proc.terminate()
        proc.wait(5)
    print(
        f"re-sent {result.total:,} events ({result.ok:,} answered 2xx, {result.failed:,} failed) in "
        f"{seconds:.2f} s: {result.total / seconds:,.0f} events/s through DeliveryService on the qasync "
        f"loop, concurrency {args.concurrency}, every attempt recorded in SQLite "
        f"({recorded} of a 1% sample found)"
    )
    print(
        f"UI loop stall (QTimer every {TICK_MS} ms): longest gap {meter.worst_ms():.1f} ms, "
        f"99th percentile {meter.percentile_ms(0.99):.1f} ms over {len(meter.gaps):,} ticks, "
        f"{'qasync.QEventLoop as is' if args.plain_qasync else type(loop).__name__ + ' (as the app runs)'}"
    )


if __name__ == "__main__":
    main()
