"""Capture: every request is stored byte-exact and acknowledged only once it is committed."""

from __future__ import annotations

import json
import socket
import sqlite3

import pytest

from desktop.listener.server import Listener, PortInUseError
from desktop.runtime import Services
from desktop.store.database import database_path
from tests.app.conftest import send_raw
from tests.conftest import case_body, load_cases


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: c["name"])
def test_every_fixture_round_trips_byte_exact(services: Services, case: dict) -> None:
    body = case_body(case)
    target = case["path"] + (f"?{case['query']}" if case["query"] else "")
    reply = send_raw(services.listener.port, case["method"], target, case["headers"], body)
    assert reply.status == 200
    event = services.store.event(int(json.loads(reply.body)["id"]))
    assert event is not None
    request = event.request
    assert (request.method, request.path, request.query) == (case["method"], case["path"], case["query"])
    assert request.body == body
    # The fixture's headers arrive in their original case and order (after Host).
    sent = [tuple(h) for h in case["headers"]]
    received = [h for h in request.headers if h[0] not in ("Host", "Content-Length")]
    assert received == sent


def test_acknowledged_request_is_already_committed(services: Services) -> None:
    reply = send_raw(services.listener.port, "POST", "/x", [("Content-Type", "text/plain")], b"hello")
    assert reply.status == 200
    # A separate connection (as another process would) sees the row the moment the 200 arrives.
    conn = sqlite3.connect(database_path(services.store.data_dir))
    try:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        assert conn.execute("SELECT body FROM bodies").fetchone()[0] == b"hello"
    finally:
        conn.close()


def test_duplicate_headers_and_odd_case_are_kept(services: Services) -> None:
    headers = [("X-Dup", "one"), ("x-DUP", "two"), ("X-Dup", "three"), ("ConTent-TYPE", "text/plain")]
    reply = send_raw(services.listener.port, "PUT", "/case?a=1&a=2", headers, b"z")
    event = services.store.event(json.loads(reply.body)["id"])
    assert event is not None
    assert [h for h in event.request.headers if h[0].lower() in ("x-dup", "content-type")] == headers
    assert event.request.query == "a=1&a=2"


def test_body_over_the_limit_gets_413_and_is_recorded_as_rejected(services: Services) -> None:
    big = b"x" * (1024 * 1024 + 1)
    reply = send_raw(services.listener.port, "POST", "/big", [("X-Trace", "t1")], big)
    assert reply.status == 413
    assert b"limit" in reply.body
    event = services.store.event(json.loads(reply.body)["id"])
    assert event is not None
    assert event.response_status == 413
    assert "1 MB limit" in event.rejected
    assert ("X-Trace", "t1") in event.request.headers


def test_chunked_body_over_the_limit_is_refused_too(services: Services) -> None:
    with socket.create_connection(("127.0.0.1", services.listener.port), timeout=10) as sock:
        sock.sendall(b"POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"y" * 65536
        try:
            for _ in range(20):  # 1.25 MB in total, over the 1 MB limit
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may close as soon as it has answered
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")
    assert services.store.count() == 1


def test_malformed_http_gets_400_and_the_listener_keeps_working(services: Services) -> None:
    with socket.create_connection(("127.0.0.1", services.listener.port), timeout=10) as sock:
        sock.sendall(b"THIS IS NOT HTTP\x00\x01\r\n\r\n")
        answer = sock.recv(4096)
    assert answer.split(b" ", 2)[1] == b"400"
    reply = send_raw(services.listener.port, "POST", "/after", [], b"ok")
    assert reply.status == 200


def test_port_in_use_is_reported_in_words(services: Services) -> None:
    other = Listener(services.store.writer, "127.0.0.1", services.listener.port, 1024)
    with pytest.raises(PortInUseError, match=r"port \d+ on 127.0.0.1 is already in use"):
        other.start()


def test_empty_get_is_captured(services: Services) -> None:
    reply = send_raw(services.listener.port, "GET", "/health?ping=1", [("User-Agent", "probe")], b"")
    assert reply.status == 200
    event = services.store.event(json.loads(reply.body)["id"])
    assert event is not None
    assert event.request.body == b""
    assert event.request.method == "GET"


def test_a_large_body_under_the_limit_is_stored_byte_exact(services: Services) -> None:
    big = bytes(range(256)) * 3000  # 768 KB of every byte value, under the 1 MB limit
    reply = send_raw(
        services.listener.port, "POST", "/upload", [("Content-Type", "application/octet-stream")], big
    )
    assert reply.status == 200
    event = services.store.event(json.loads(reply.body)["id"])
    assert event is not None
    assert event.request.body == big
