"""A small HTTP/1.1 load generator: keep-alive connections, one request in flight on each.

Run as its own process (so it does not share the server's interpreter). It sends for a
fixed time, then waits for every request in flight, so its 2xx count is exact and can be
compared with the rows the server stored. Prints one JSON line of results.

    python tests/bench/loadgen.py --port 8080 --seconds 10 --connections 16
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Iterator

from bench_payloads import juno_body

try:  # the generator shares the machine with the server: the cheaper its loop, the less it skews
    import uvloop
except ImportError:
    uvloop = None


class Connection(asyncio.Protocol):
    def __init__(
        self, requests: Iterator[bytes], deadline: float, results: dict[str, list[float] | int]
    ) -> None:
        self.requests = requests
        self.deadline = deadline
        self.results = results
        self.buffer = b""
        self.sent_at = 0.0
        self.transport: asyncio.Transport | None = None
        self.finished: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # Not an isinstance check: uvloop's transports do not subclass asyncio's.
        self.transport = transport  # type: ignore[assignment]
        self._send()

    def _send(self) -> None:
        assert self.transport is not None
        self.sent_at = time.perf_counter()
        self.transport.write(next(self.requests))

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end < 0:
                return
            head = self.buffer[:head_end]
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            total = head_end + 4 + length
            if len(self.buffer) < total:
                return
            status = int(head[9:12])
            self.buffer = self.buffer[total:]
            now = time.perf_counter()
            self.results["latencies"].append(now - self.sent_at)  # type: ignore[union-attr]
            key = "ok" if 200 <= status < 300 else "errors"
            self.results[key] += 1  # type: ignore[operator]
            if now < self.deadline:
                self._send()
            else:
                assert self.transport is not None
                self.transport.close()
                return

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.finished.done():
            self.finished.set_result(None)


def build_requests(host: str, port: int, path: str, secret: str, count: int = 5000) -> list[bytes]:
    """Distinct deliveries (own event and entity ids), each signed as Juno signs them."""
    requests = []
    for n in range(count):
        body = juno_body(n)
        signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"X-Signature: {signature}\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        requests.append(head.encode() + body)
    return requests


async def run(
    host: str, port: int, seconds: float, connections: int, path: str, secret: str
) -> dict[str, float | int]:
    prepared = build_requests(host, port, path, secret)
    # Cycling repeats a delivery every 5,000 requests: realistic re-deliveries, flagged duplicates.
    requests = itertools.cycle(prepared)
    body_bytes = sum(len(r) for r in prepared[:100]) // 100
    loop = asyncio.get_running_loop()
    results: dict[str, list[float] | int] = {"latencies": [], "ok": 0, "errors": 0}
    start = time.perf_counter()
    deadline = start + seconds
    protocols = []
    for _ in range(connections):
        _, protocol = await loop.create_connection(
            lambda: Connection(requests, deadline, results), host, port
        )
        protocols.append(protocol)
    await asyncio.gather(*(p.finished for p in protocols))
    elapsed = time.perf_counter() - start
    latencies = sorted(results["latencies"])  # type: ignore[arg-type]
    return {
        "ok": results["ok"],  # type: ignore[dict-item]
        "errors": results["errors"],  # type: ignore[dict-item]
        "seconds": elapsed,
        "rps": results["ok"] / elapsed,  # type: ignore[operator]
        "p50_ms": latencies[len(latencies) // 2] * 1000 if latencies else 0.0,
        "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0.0,
        "request_bytes": body_bytes,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--path", default="/juno")
    parser.add_argument("--secret", default="bench-secret")
    args = parser.parse_args()
    main_coro = run(args.host, args.port, args.seconds, args.connections, args.path, args.secret)
    result = uvloop.run(main_coro) if uvloop is not None else asyncio.run(main_coro)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
