"""Ingest benchmark: durable requests per second through the headless listener.

Starts `main.py --headless` on a fresh data directory, drives it from a separate process
(loadgen.py: keep-alive connections, ~400-byte Juno JSON) for a fixed time, then counts
the rows in SQLite, which must equal the 2xx count. In one run: the app as is, the app with
`--workers N` (N receiver processes on one port and one store), and a bare aiohttp server
that stores nothing, on asyncio's loop and on uvloop's (the app's loop where installed),
with each app figure's ratio to the bare server on asyncio's loop. `--rounds R` repeats
the whole set R times, interleaved (a shared machine drifts), and ends with the medians.
`--store URL|pgserver` adds the app on a PostgreSQL store (team mode) to each round, as one
receiver and as `--workers N` receivers sharing the database; `pgserver` starts a throwaway
PostgreSQL 16 from the test dependency of that name, and each run uses a fresh database.

    .venv/bin/python tests/bench/ingest.py [--seconds 10] [--connections 16] [--workers 2] [--rounds 1]
        [--store URL|pgserver]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sqlite3
import statistics
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


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process and its direct children (the `--workers` receivers)."""
    total = cpu_seconds(pid)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                total += (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    return total


def load(port: int, seconds: float, connections: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(HERE / "loadgen.py"), "--port", str(port), "--seconds", str(seconds),
         "--connections", str(connections)],
        capture_output=True, text=True, check=True, cwd=HERE,
    )  # fmt: skip
    return json.loads(out.stdout)


COUNTS = (
    "SELECT count(*) FROM events",
    "SELECT count(*) FROM events WHERE derived = 0",
    "SELECT count(*) FROM events WHERE signature = 'valid'",
)


def bench_listener(
    seconds: float, connections: int, config: Path | None, workers: int = 1, store: str | None = None
) -> tuple[dict[str, float], int]:
    with tempfile.TemporaryDirectory() as tmp:
        args = [sys.executable, str(ROOT / "main.py"), "--headless", "--port", "0", "--data-dir", tmp]
        if workers > 1:
            args += ["--workers", str(workers)]
        if store:
            args += ["--store", store]
        if config:
            args += ["--config", str(config)]
        env = {**os.environ, "JUNO_SECRET": "bench-secret"}
        # The listener logs a line per request; the benchmark discards it like a server's log would.
        server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        assert server.stdout is not None
        first = server.stdout.readline()
        port = int(first.split()[2].rstrip("/").rsplit(":", 1)[1])
        drain = subprocess.Popen(["cat"], stdin=server.stdout, stdout=subprocess.DEVNULL)
        try:
            before = tree_cpu_seconds(server.pid)
            result = load(port, seconds, connections)
            result["cpu_us"] = (tree_cpu_seconds(server.pid) - before) / max(1, result["ok"]) * 1e6
        finally:
            # SIGTERM: the listener stops, then the store recognises whatever is still pending.
            stopping = time.perf_counter()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=300)
            result["drain_s"] = time.perf_counter() - stopping
            drain.wait(timeout=10)
        rows, result["unrecognised"], result["valid"] = stored_counts(store, Path(tmp))
    return result, rows


def stored_counts(store: str | None, data_dir: Path) -> list[int]:
    """Rows, rows still unrecognised, and valid Juno signatures, in whichever store took them."""
    if store:
        import psycopg

        with psycopg.connect(store) as pg:
            counts = [pg.execute(sql).fetchone() for sql in COUNTS]
            return [int(row[0]) if row else 0 for row in counts]
    conn = sqlite3.connect(data_dir / "events.sqlite3")
    try:
        return [int(conn.execute(sql).fetchone()[0]) for sql in COUNTS]
    finally:
        conn.close()


@contextlib.contextmanager
def fresh_postgres(store: str | None) -> Iterator[str | None]:
    """A URL to bench against, per run: None (SQLite), the one given, or a throwaway pgserver's."""
    if store != "pgserver":
        yield store
        return
    import pgserver

    parent = Path(tempfile.mkdtemp(prefix="wm-bench-pg-"))
    parent.chmod(0o755)  # as root, PostgreSQL runs as its own user and must reach its files
    server = pgserver.get_server(parent / "data", cleanup_mode="delete")
    try:
        server.psql("CREATE DATABASE bench;")
        yield server.get_uri("bench")
    finally:
        server.cleanup()
        shutil.rmtree(parent, ignore_errors=True)


def bench_bare(seconds: float, connections: int, loop: str = "asyncio") -> dict[str, float]:
    server = subprocess.Popen(
        [sys.executable, str(HERE / "bare_server.py"), "--loop", loop], stdout=subprocess.PIPE, text=True
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


def report(name: str, stored: dict[str, float], rows: int, bare_rps: float) -> None:
    verdict = "=" if rows == stored["ok"] else "DIFFERENT FROM"
    print(
        f"{name:<22} {stored['rps']:>8,.0f} req/s  {stored['rps'] / bare_rps:>4.0%} of bare  "
        f"p50 {stored['p50_ms']:.2f} ms  p99 {stored['p99_ms']:.2f} ms  "
        f"CPU {stored['cpu_us']:.0f} us/request  rows {rows:,} {verdict} 2xx {stored['ok']:,}  "
        f"errors {stored['errors']}"
    )
    print(
        f"{'':<22} recognition backlog drained in {stored['drain_s']:.1f} s (clean stop included); "
        f"unrecognised left: {stored['unrecognised']}; valid Juno signatures: {stored['valid']:,}"
    )


def report_bare(name: str, bare: dict[str, float], bare_rps: float) -> None:
    print(
        f"{name:<22} {bare['rps']:>8,.0f} req/s  {bare['rps'] / bare_rps:>4.0%} of bare  "
        f"p50 {bare['p50_ms']:.2f} ms  p99 {bare['p99_ms']:.2f} ms  CPU {bare['cpu_us']:.0f} us/request"
    )


def has_uvloop() -> bool:
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="receiver processes for the workers run")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the whole set, interleaved")
    parser.add_argument("--store", help="also a PostgreSQL store: a URL, or 'pgserver' to start one")
    args = parser.parse_args()
    config = Path(tempfile.mkstemp(suffix=".toml")[1])
    config.write_text('[[endpoints]]\npath = "/juno"\nprovider = "juno"\nsecret_env = "JUNO_SECRET"\n')
    loops = ["asyncio", "uvloop"] if has_uvloop() else ["asyncio"]
    ratios: dict[str, list[float]] = {}
    p99s: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    print(
        f"{args.connections} connections, {args.seconds:g} s each, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    for round_no in range(1, args.rounds + 1):
        default = bench_listener(args.seconds, args.connections, config)
        workers = bench_listener(args.seconds, args.connections, config, args.workers)
        postgres = postgres_workers = None
        if args.store:
            with fresh_postgres(args.store) as url:
                postgres = bench_listener(args.seconds, args.connections, config, store=url)
            with fresh_postgres(args.store) as url:
                postgres_workers = bench_listener(args.seconds, args.connections, config, args.workers, url)
        bares = {loop: bench_bare(args.seconds, args.connections, loop) for loop in loops}
        bare_rps = bares["asyncio"]["rps"]
        print(f"round {round_no}: request ~{default[0]['request_bytes']} bytes (Juno JSON, signed)")
        report("app (one process)", *default, bare_rps)
        report(f"app (--workers {args.workers})", *workers, bare_rps)
        if postgres is not None:
            report("app on PostgreSQL", *postgres, bare_rps)
        if postgres_workers is not None:
            report(f"PostgreSQL --workers {args.workers}", *postgres_workers, bare_rps)
        for loop, bare in bares.items():
            report_bare(f"bare aiohttp ({loop})", bare, bare_rps)
        named = {"app (one process)": default[0], f"app (--workers {args.workers})": workers[0]}
        if postgres is not None:
            named["app on PostgreSQL"] = postgres[0]
        if postgres_workers is not None:
            named[f"PostgreSQL --workers {args.workers}"] = postgres_workers[0]
        named.update({f"bare aiohttp ({loop})": bare for loop, bare in bares.items()})
        for name, result in named.items():
            ratios.setdefault(name, []).append(result["rps"] / bare_rps)
            p99s.setdefault(name, []).append(result["p99_ms"])
            cpus.setdefault(name, []).append(result["cpu_us"])
    config.unlink()
    if args.rounds > 1:
        print(f"medians of {args.rounds} rounds:")
        for name in ratios:
            print(
                f"{name:<22} {statistics.median(ratios[name]):>4.0%} of bare (asyncio)  "
                f"p99 {statistics.median(p99s[name]):.2f} ms  "
                f"CPU {statistics.median(cpus[name]):.0f} us/request"
            )


if __name__ == "__main__":
    main()
