"""The store thread's loop: uvloop's where installed, asyncio's otherwise; the listener works on both."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.model import Derived
from desktop.listener.server import Listener
from desktop.store.database import open_database
from desktop.store.writer import GroupCommitWriter, uvloop

LOOPS = [
    pytest.param(False, id="asyncio"),
    pytest.param(
        True,
        id="uvloop",
        marks=pytest.mark.skipif(uvloop is None, reason="uvloop has no build for this platform"),
    ),
]


@pytest.fixture(params=LOOPS)
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[GroupCommitWriter, int]]:
    writer = GroupCommitWriter(open_database(tmp_path), lambda _r: Derived(), prefer_uvloop=request.param)
    writer.start()
    listener = Listener(writer, "127.0.0.1", 0, max_body_bytes=1024)
    listener.start()
    try:
        yield writer, listener.port
    finally:
        listener.stop()
        writer.stop()


def exchange(port: int, *parts: bytes) -> bytes:
    """Send the parts one by one, return everything answered (the server closes: Connection: close)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        for part in parts:
            sock.sendall(part)
            if part.endswith(b"Expect: 100-continue\r\n\r\n"):
                assert sock.recv(1024).startswith(b"HTTP/1.1 100")  # the body is sent after this
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def stored_bodies(writer: GroupCommitWriter) -> list[bytes]:
    read = writer.call(
        lambda conn: [bytes(r[0]) for r in conn.execute("SELECT body FROM bodies ORDER BY event_id")]
    )
    return read.result(timeout=10)


def test_the_store_loop_is_the_one_asked_for(
    served: tuple[GroupCommitWriter, int], request: pytest.FixtureRequest
) -> None:
    writer, _port = served
    wants_uvloop = request.node.callspec.id == "uvloop"
    assert (type(writer.loop).__module__.startswith("uvloop")) is wants_uvloop
    assert isinstance(writer.loop, asyncio.AbstractEventLoop)


def test_bodies_whole_in_pieces_chunked_and_after_100_continue_are_stored_as_sent(
    served: tuple[GroupCommitWriter, int],
) -> None:
    writer, port = served
    whole = exchange(
        port, b"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nwhole"
    )
    pieces = exchange(
        port, b"POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nConnection: close\r\n\r\npie", b"ces"
    )
    chunked = exchange(
        port,
        b"POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nchu",
        b"\r\n4\r\nnked\r\n0\r\n\r\n",
    )
    expect = exchange(
        port,
        b"POST /d HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nConnection: close\r\n"
        b"Expect: 100-continue\r\n\r\n",
        b"expect",
    )
    too_large = exchange(
        port,
        b"POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\nConnection: close\r\n\r\n" + b"x" * 2000,
    )
    for answer in (whole, pieces, chunked, expect):
        assert answer.startswith(b"HTTP/1.1 200"), answer
    assert too_large.startswith(b"HTTP/1.1 413"), too_large
    assert stored_bodies(writer) == [b"whole", b"pieces", b"chunked", b"expect", b""]
