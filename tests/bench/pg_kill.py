"""Team mode under a crash: kill -9 of one of two receivers mid-burst while the other keeps
serving, both on one PostgreSQL database. Every acknowledged id must be stored.

    .venv/bin/python tests/bench/pg_kill.py [--store URL|pgserver] [--seconds 2] [--senders 8]

Two `main.py --headless --store URL` processes (their own ports), half the senders on each
(a connection per request, like webhook senders); after `--seconds` the first is killed
with SIGKILL and the senders keep going for as long again (those of the dead receiver get
refused connections, the others must keep being answered). Then: the ids acknowledged
(2xx with the id) against the ids stored, and what the survivor answered after the kill.
A third receiver started afterwards recognises what the killed one left unrecognised.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_payloads import juno_body  # noqa: E402
from tests.bench.ingest import fresh_postgres  # noqa: E402


class Receiver:
    def __init__(self, url: str, data_dir: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--headless", "--port", "0", "--store", url,
             "--data-dir", str(data_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        self.port = int(self.proc.stdout.readline().split()[2].rstrip("/").rsplit(":", 1)[1])
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(120)


def post(port: int, n: int) -> int | None:
    """One request on its own connection: the acknowledged id, or None."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", "/juno", body=juno_body(n), headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        data = response.read()
        return int(json.loads(data)["id"]) if response.status == 200 else None
    except (OSError, http.client.HTTPException, ValueError):
        return None
    finally:
        conn.close()


def run(url: str, seconds: float, senders: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        victim, survivor = Receiver(url, Path(tmp) / "a"), Receiver(url, Path(tmp) / "b")
        acknowledged: list[tuple[int, float]] = []  # (id, when), from both receivers
        by_survivor_after: list[int] = []
        killed_at: list[float] = []
        stop = threading.Event()
        lock = threading.Lock()

        def sender(port: int, index: int) -> None:
            n = index * 1_000_000
            while not stop.is_set():
                n += 1
                event_id = post(port, n)
                if event_id is not None:
                    now = time.monotonic()
                    with lock:
                        acknowledged.append((event_id, now))
                        if port == survivor.port and killed_at and now > killed_at[0]:
                            by_survivor_after.append(event_id)

        threads = [
            threading.Thread(target=sender, args=(victim.port if i % 2 == 0 else survivor.port, i))
            for i in range(senders)
        ]
        for thread in threads:
            thread.start()
        time.sleep(seconds)  # a burst for the kill to interrupt, not a wait for a condition
        killed_at.append(time.monotonic())
        os.kill(victim.proc.pid, signal.SIGKILL)
        victim.proc.wait()
        time.sleep(seconds)  # the survivor keeps serving meanwhile
        stop.set()
        for thread in threads:
            thread.join()
        survivor.stop()
        with psycopg.connect(url) as conn:
            stored = {int(row[0]) for row in conn.execute("SELECT id FROM events")}
            left = conn.execute("SELECT count(*) FROM events WHERE derived = 0").fetchone()
        acked = {event_id for event_id, _ in acknowledged}
        missing = acked - stored
        print(
            f"kill -9 of one of two receivers after {seconds:g} s ({senders} senders, load average "
            f"{os.getloadavg()[0]:.1f}): {len(acked):,} acknowledged, {len(stored):,} stored, "
            f"acknowledged but not stored: {len(missing)} "
            f"({'acknowledged ⊆ stored' if not missing else 'LOST'})"
        )
        print(
            f"the survivor answered {len(by_survivor_after):,} requests in the {seconds:g} s after the kill; "
            f"stored but never acknowledged (cut mid-answer): {len(stored - acked)}; "
            f"left unrecognised by the killed one: {left[0] if left else 0}"
        )
        # A receiver started later takes up what the killed one left unrecognised.
        started = time.monotonic()
        third = Receiver(url, Path(tmp) / "c")
        with psycopg.connect(url, autocommit=True) as conn:
            while True:
                row = conn.execute("SELECT count(*) FROM events WHERE derived = 0").fetchone()
                if not row or row[0] == 0 or time.monotonic() - started > 120:
                    break
                time.sleep(0.1)
        third.stop()
        print(f"a receiver started afterwards recognised them: {row[0] if row else 0} left")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", default="pgserver", help="a PostgreSQL URL, or 'pgserver' to start one")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--senders", type=int, default=8)
    args = parser.parse_args()
    with fresh_postgres(args.store) as url:
        assert url is not None
        run(url, args.seconds, args.senders)


if __name__ == "__main__":
    main()
