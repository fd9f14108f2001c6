"""Helpers for the listener reliability tests: running receivers, raw sockets, waiting.

Not a conftest: other test files in this folder belong to other work, and a shared
conftest would tie them together.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from keyring.backends import fail

from desktop.core.config import ListenerOptions, Settings
from desktop.runtime import Services, build_services

ROOT = Path(__file__).resolve().parents[2]


def start_services(
    data_dir: Path, *, max_body_mb: float = 1, host: str = "127.0.0.1", **options: object
) -> Services:
    settings = Settings(host=host, port=0, max_body_mb=max_body_mb, listener=ListenerOptions(**options))  # type: ignore[arg-type]
    services = build_services(settings, data_dir, keyring_backend=fail.Keyring())
    try:
        services.start_listener()
    except BaseException:
        services.close()
        raise
    return services


@dataclass
class RawReply:
    status: int
    head: bytes
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


def read_reply(sock: socket.socket) -> RawReply:
    """One HTTP/1.1 response from a raw socket (Content-Length framed, or up to close)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before a full response: {data!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = None
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length is None:
        while chunk := sock.recv(65536):
            rest += chunk
        return RawReply(status, head, rest)
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return RawReply(status, head, rest[:length])


def connect(port: int, timeout: float = 10.0) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=timeout)


def exchange(port: int, raw: bytes, timeout: float = 10.0) -> RawReply:
    with connect(port, timeout) as sock:
        sock.sendall(raw)
        return read_reply(sock)


def post(port: int, path: str, body: bytes, headers: tuple[tuple[str, str], ...] = ()) -> RawReply:
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers]
    return exchange(port, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)


def stored_count(services: Services) -> int:
    return services.store.count()


def main_py(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), *args]


def env_for_subprocess(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTEST_XDIST_WORKER", None)
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(extra)
    return env


@dataclass
class Headless:
    process: subprocess.Popen[str]
    port: int

    def stop(self) -> tuple[str, str]:
        if self.process.poll() is None:
            self.process.terminate()
        out, err = self.process.communicate(timeout=20)
        return out, err


def start_headless(
    data_dir: Path, *args: str, preexec: Callable[[], None] | None = None
) -> Iterator[Headless]:
    """A `main.py --headless` receiver on a free port; yields once it prints its URL."""
    process = subprocess.Popen(
        main_py("--headless", "--port", "0", "--data-dir", str(data_dir), *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for_subprocess(),
        preexec_fn=preexec,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # "listening on http://127.0.0.1:PORT/ (data: ...)"
        if not line.startswith("listening on "):
            _out, err = process.communicate(timeout=20)
            raise AssertionError(f"headless receiver did not start: {line!r} {err!r}")
        port = int(line.split()[2].rstrip("/").rsplit(":", 1)[1])
        yield Headless(process, port)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=20)
