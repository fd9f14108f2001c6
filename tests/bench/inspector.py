"""Benchmark: the inspector opens a 20 MB JSON body without stalling the window.

    .venv/bin/python tests/bench/inspector.py [--mb 20] [--store]

Builds a ~20 MB JSON document of Juno-style deliveries and shows it in the real `Inspector`
(offscreen) while a QTimer ticks every 10 ms on the UI loop: the longest gap between ticks is
how long the window froze. Measured from `show_event` until the worker has produced the
laid-out preview and the parsed tree, then while the Tree tab is opened and expanded, then
while "Copy body" puts all the bytes on the clipboard. Target (issue 14): no stall over 100 ms.

`--store` goes through a fresh store and the events table instead: selecting the row reads the
event (and its 20 MB body) from SQLite on the events view's reader thread, as the app does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.core.model import CapturedRequest, Derived, StoredEvent  # noqa: E402
from desktop.ui.events.inspector import Inspector  # noqa: E402
from desktop.ui.events.json_tree_view import PAGE  # noqa: E402
from tests.bench.bench_payloads import juno_body  # noqa: E402
from tests.bench.resend_ui import StallMeter  # noqa: E402


def big_json(megabytes: float) -> bytes:
    """A JSON array of deliveries, `megabytes` long (the kind of export a provider may POST)."""
    one = [json.loads(juno_body(n)) for n in range(1000)]
    chunk = json.dumps(one)[1:-1]
    copies = max(1, int(megabytes * 1_000_000 / len(chunk)))
    return ("[" + ",".join([chunk] * copies) + "]").encode()


def wait_until(condition: Callable[[], bool], timeout: float = 300.0) -> float:
    """Run the UI loop until `condition` holds; seconds it took."""
    start = time.perf_counter()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(
        lambda: loop.quit() if condition() or time.perf_counter() - start > timeout else None
    )
    poll.start()
    loop.exec()
    poll.stop()
    if not condition():
        raise TimeoutError("the inspector did not finish")
    return time.perf_counter() - start


CPU_WORST: list[float] = []


class CpuStallMeter(StallMeter):
    """Also the UI thread's own CPU time between ticks: the work that blocked the loop, which
    a loaded machine stretches in wall time but does not change."""

    def __init__(self) -> None:
        super().__init__()
        self.cpu_gaps: list[float] = []
        self._cpu = 0.0

    def start(self) -> None:
        self._cpu = time.thread_time()
        super().start()

    def _tick(self) -> None:
        now = time.thread_time()
        self.cpu_gaps.append((now - self._cpu) * 1000)
        self._cpu = now
        super()._tick()


def measure(label: str, action: Callable[[], None], done: Callable[[], bool]) -> tuple[float, float]:
    meter = CpuStallMeter()
    started: list[bool] = []
    meter.start()
    # The meter is ticking before the action starts.
    QTimer.singleShot(50, lambda: (action(), started.append(True)))
    seconds = wait_until(lambda: bool(started) and done())
    meter.stop()
    print(
        f"{label}: {seconds:.2f} s, longest UI stall {meter.worst_ms():.1f} ms "
        f"(UI thread CPU between two ticks at most {max(meter.cpu_gaps):.1f} ms) "
        f"over {len(meter.gaps):,} ticks"
    )
    CPU_WORST.append(max(meter.cpu_gaps))
    return seconds, meter.worst_ms()


def through_inspector(body: bytes) -> list[float]:
    inspector = Inspector()
    inspector.resize(1000, 600)
    inspector.show()
    request = CapturedRequest("POST", "/big", "", [("Content-Type", "application/json")], body, time.time())
    event = StoredEvent(1, request, Derived(), 200)
    bodies = inspector.bodies
    stalls = []
    _, worst = measure(
        "open (preview, then the parsed tree)",
        lambda: inspector.show_event(event),
        lambda: not bodies.busy,
    )
    stalls.append(worst)
    print(f"  body note: {inspector._body.note.text()!r}")

    tree, model = bodies.tree.tree, bodies.tree.model

    def open_tree() -> None:
        inspector.setCurrentWidget(bodies.tree)
        tree.expand(model.index(0, 0, model.index(0, 0)))
        tree.scrollToBottom()  # asks for the next page of the 50,000-item array

    def pages(count: int) -> Callable[[], bool]:
        return lambda: model.rowCount(model.index(0, 0)) >= count * PAGE

    stalls.append(measure("open the Tree tab, expand, scroll to the end", open_tree, pages(2))[1])
    scroll_more = tree.scrollToBottom
    stalls.append(measure("scroll the tree to the end again", scroll_more, pages(3))[1])

    def scroll_body() -> None:
        inspector.setCurrentWidget(inspector._body)
        bar = inspector._body.text.verticalScrollBar()
        bar.setValue(bar.maximum())

    stalls.append(measure("scroll the body text to the end", scroll_body, lambda: True)[1])
    stalls.append(measure("copy body", lambda: inspector._body.copy_button.click(), lambda: True)[1])
    copied = QGuiApplication.clipboard().text().encode()
    print(f"  clipboard holds {len(copied):,} bytes; body is {len(body):,}; equal: {copied == body}")
    return stalls


def through_store(body: bytes) -> list[float]:
    from desktop.core.config import Settings
    from desktop.runtime import build_services
    from desktop.ui.events.view import EventsView

    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Settings(port=0), Path(tmp))
        try:
            request = CapturedRequest(
                "POST", "/big", "", [("Content-Type", "application/json")], body, time.time()
            )
            services.store.writer.submit(request).result(60)
            services.store.writer.call(lambda _conn: None).result(60)
            view = EventsView(services.store)
            view.resize(1000, 800)
            view.show()
            view.model.load()
            wait_until(lambda: view.model.rowCount() == 1, timeout=30)
            bodies = view.inspector.bodies
            _, worst = measure(
                "select the row (store read + open)",
                lambda: view.table.selectRow(0),
                lambda: not view.reading and not bodies.busy,
            )
            view.close()
            return [worst]
        finally:
            services.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--store", action="store_true", help="through a store and the events table")
    args = parser.parse_args()
    _app = QApplication.instance() or QApplication(sys.argv)
    body = big_json(args.mb)
    print(f"body: {len(body):,} bytes of JSON")
    stalls = through_store(body) if args.store else through_inspector(body)
    print(
        f"longest UI stall: {max(stalls):.1f} ms (target < 100 ms); "
        f"most UI-thread CPU between two ticks: {max(CPU_WORST):.1f} ms"
    )


if __name__ == "__main__":
    main()
