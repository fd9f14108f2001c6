"""Support for tests with several processes on one data directory: headless receivers in
subprocesses, a config file, a recording target, a condition waiter with a deadline."""

from __future__ import annotations

import http.client
import http.server
import json
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from tests import polling

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    """Poll `condition` until it holds (tests/polling.py); these waits span process starts."""
    polling.wait_for(condition, timeout, what)


def write_config(path: Path, forwards: Sequence[dict[str, str]] = ()) -> Path:
    """A config file with a Juno endpoint (no secret) and these [[forward]] rules."""
    lines = ["[[endpoints]]", 'path = "/juno"', 'provider = "juno"', ""]
    for rule in forwards:
        lines += ["[[forward]]", *(f"{key} = {json.dumps(value)}" for key, value in rule.items()), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class Receiver:
    """`main.py --headless` in a subprocess; its port read from the first line, the rest of its
    output drained (a receiver blocks once a full pipe stops it logging)."""

    def __init__(self, data_dir: Path, config: Path | None = None, *extra: str) -> None:
        args = [
            sys.executable,
            str(ROOT / "main.py"),
            "--headless",
            "--port",
            "0",
            "--data-dir",
            str(data_dir),
        ]
        if config is not None:
            args += ["--config", str(config)]
        self.proc = subprocess.Popen(
            [*args, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
        )
        assert self.proc.stdout is not None and self.proc.stderr is not None
        first = self.proc.stdout.readline()
        if not first.startswith("listening on http://"):
            self.proc.kill()
            raise AssertionError(f"receiver did not start: {first!r} {self.proc.stderr.read()}")
        self.port = int(first.split()[2].rstrip("/").rsplit(":", 1)[1])
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._drains = [
            threading.Thread(target=self._drain, args=(self.proc.stdout, self.lines), daemon=True),
            threading.Thread(target=self._drain, args=(self.proc.stderr, self.errors), daemon=True),
        ]
        for thread in self._drains:
            thread.start()

    @staticmethod
    def _drain(stream: object, into: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            into.append(line)

    def stop(self) -> int:
        """SIGTERM and wait; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.terminate()
        code = self.proc.wait(timeout=60)
        for thread in self._drains:
            thread.join(10)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)


def post(port: int, path: str, body: bytes, conn: http.client.HTTPConnection | None = None) -> int | None:
    """POST; the stored event id if acknowledged (200), None otherwise (or on a broken connection)."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        data = response.read()
        return int(json.loads(data)["id"]) if response.status == 200 else None
    finally:
        if own:
            conn.close()


def query(data_dir: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(data_dir / "events.sqlite3", timeout=10)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


class RecordingTarget:
    """A local HTTP server that records every body it gets."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with outer._lock:
                    outer.bodies.append(body)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def count(self) -> int:
        with self._lock:
            return len(self.bodies)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
