"""`main.py --headless` forwards incoming events by the rules saved from the window."""

from __future__ import annotations

import http.server
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.records import ForwardRule
from desktop.core.targets import Target
from desktop.store.database import connect, open_database
from desktop.store.delivery_store import DeliveryStore
from tests.app.conftest import send_raw

ROOT = Path(__file__).resolve().parents[2]


class RecordingTarget:
    """A local HTTP server that records what it gets and says when something came."""

    def __init__(self) -> None:
        self.received: list[tuple[str, bytes]] = []
        self.arrived = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.received.append((self.path, body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                outer.arrived.set()

            def log_message(self, *_args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def target() -> Iterator[RecordingTarget]:
    server = RecordingTarget()
    yield server
    server.close()


def test_headless_mode_forwards_matching_events_to_a_saved_target(
    data_dir: Path, target: RecordingTarget
) -> None:
    open_database(data_dir).close()  # the schema, as the window would have left it
    delivery = DeliveryStore(connect(data_dir / "events.sqlite3"))
    saved = delivery.save_target(Target(name="my app", url=target.url + "/hooks"))
    assert saved.id is not None
    delivery.save_rule(ForwardRule(target_id=saved.id, filter="path:/juno*"))
    delivery.close()

    proc = subprocess.Popen(
        [sys.executable, "main.py", "--headless", "--port", "0", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline().split()[2].rstrip("/").rsplit(":", 1)[1])
        send_raw(port, "POST", "/other", [], b"not forwarded")
        send_raw(port, "POST", "/juno/charges", [("Content-Type", "application/json")], b'{"x": 1}')
        assert target.arrived.wait(timeout=20)
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "forwarding: 1 rule(s) enabled" in err
    assert target.received == [("/hooks/juno/charges", b'{"x": 1}')]
