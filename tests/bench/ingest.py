"""Ingest benchmark: durable requests per second through the headless listener.

Starts `main.py --headless` on a fresh data directory, drives it from a separate process
(loadgen.py: keep-alive connections, ~400-byte Juno JSON) for a fixed time, then counts
the rows in SQLite, which must equal the 2xx count. The same load then runs against a bare
aiohttp server that stores nothing, and the ratio is printed.

    .venv/bin/python tests/bench/ingest.py [--seconds 10] [--connections 16] [--store URL|pgserver]

`--store` runs the listener on a PostgreSQL store instead (team mode); `pgserver` starts a
throwaway PostgreSQL 16 from the test dependency of that name. Each run uses a fresh database.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (Linux), to compare work per request."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(port: int, seconds: float, connections: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(HERE / "loadgen.py"), "--port", str(port), "--seconds", str(seconds),
         "--connections", str(connections)],
        capture_output=True, text=True, check=True, cwd=HERE,
    )  # fmt: skip
    return json.loads(out.stdout)


def bench_listener(
    seconds: float, connections: int, config: Path | None, store: str | None = None
) -> tuple[dict[str, float], int]:
    with tempfile.TemporaryDirectory() as tmp:
        args = [sys.executable, str(ROOT / "main.py"), "--headless", "--port", "0", "--data-dir", tmp]
        if config:
            args += ["--config", str(config)]
        if store:
            args += ["--store", store]
        env = {**os.environ, "JUNO_SECRET": "bench-secret"}
        # The listener logs a line per request; the benchmark discards it like a server's log would.
        server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        assert server.stdout is not None
        first = server.stdout.readline()
        port = int(first.split()[2].rstrip("/").rsplit(":", 1)[1])
        drain = subprocess.Popen(["cat"], stdin=server.stdout, stdout=subprocess.DEVNULL)
        try:
            before = cpu_seconds(server.pid)
            result = load(port, seconds, connections)
            result["cpu_us"] = (cpu_seconds(server.pid) - before) / max(1, result["ok"]) * 1e6
        finally:
            # SIGTERM: the listener stops, then the store recognises whatever is still pending.
            stopping = time.perf_counter()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=300)
            result["drain_s"] = time.perf_counter() - stopping
            drain.wait(timeout=10)
        if store:
            import psycopg

            pg = psycopg.connect(store)
            counts = [pg.execute(sql).fetchone()[0] for sql in COUNTS]  # type: ignore[index]
            pg.close()
        else:
            conn = sqlite3.connect(Path(tmp) / "events.sqlite3")
            counts = [conn.execute(sql).fetchone()[0] for sql in COUNTS]
            conn.close()
        rows, result["unrecognised"], result["valid"] = counts
    return result, rows


COUNTS = (
    "SELECT count(*) FROM events",
    "SELECT count(*) FROM events WHERE derived = 0",
    "SELECT count(*) FROM events WHERE signature = 'valid'",
)


@contextlib.contextmanager
def postgres_database(store: str | None) -> Iterator[str | None]:
    """The URL to bench against: none (SQLite), the one given, or a throwaway pgserver's."""
    if store != "pgserver":
        yield store
        return
    import pgserver

    parent = Path(tempfile.mkdtemp(prefix="wm-bench-pg-"))
    parent.chmod(0o755)  # run as root, PostgreSQL runs as its own user and must reach it
    server = pgserver.get_server(parent / "data", cleanup_mode="delete")
    try:
        server.psql("CREATE DATABASE bench;")
        yield server.get_uri("bench")
    finally:
        server.cleanup()
        shutil.rmtree(parent, ignore_errors=True)


def bench_bare(seconds: float, connections: int) -> dict[str, float]:
    server = subprocess.Popen(
        [sys.executable, str(HERE / "bare_server.py")], stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    port = int(server.stdout.readline())
    try:
        before = cpu_seconds(server.pid)
        result = load(port, seconds, connections)
        result["cpu_us"] = (cpu_seconds(server.pid) - before) / max(1, result["ok"]) * 1e6
        return result
    finally:
        server.kill()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--store", help="a PostgreSQL URL, or 'pgserver' to start one (default: SQLite)")
    args = parser.parse_args()
    config = Path(tempfile.mkstemp(suffix=".toml")[1])
    config.write_text('[[endpoints]]\npath = "/juno"\nprovider = "juno"\nsecret_env = "JUNO_SECRET"\n')

    with postgres_database(args.store) as store:
        stored, rows = bench_listener(args.seconds, args.connections, config, store)
    bare = bench_bare(args.seconds, args.connections)
    config.unlink()
    ratio = stored["rps"] / bare["rps"]
    print(
        f"request: ~{stored['request_bytes']} bytes (Juno JSON, signed), {args.connections} connections, "
        f"{args.seconds:g} s each"
    )
    print(
        f"listener (durable): {stored['rps']:,.0f} req/s  p50 {stored['p50_ms']:.2f} ms  "
        f"p99 {stored['p99_ms']:.2f} ms  2xx {stored['ok']:,}  errors {stored['errors']}  "
        f"CPU {stored['cpu_us']:.0f} us/request"
    )
    verdict = "equal to" if rows == stored["ok"] else "DIFFERENT FROM"
    print(f"rows in {'PostgreSQL' if args.store else 'SQLite'}: {rows:,}  ({verdict} the 2xx count)")
    print(
        f"recognition: backlog at the end of the load drained in {stored['drain_s']:.1f} s "
        f"(clean stop included); unrecognised rows left: {stored['unrecognised']}; "
        f"valid Juno signatures: {stored['valid']:,}"
    )
    print(
        f"bare aiohttp:       {bare['rps']:,.0f} req/s  p50 {bare['p50_ms']:.2f} ms  "
        f"p99 {bare['p99_ms']:.2f} ms  "
        f"CPU {bare['cpu_us']:.0f} us/request"
    )
    print(f"ratio: {ratio:.0%} of the bare server (target >= 60%); target >= 8,000 req/s: "
          f"{'met' if stored['rps'] >= 8000 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
