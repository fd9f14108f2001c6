"""Re-sending delivers the captured request exactly, and says in words when it cannot."""

from __future__ import annotations

import socket

import httpx

from desktop.core.records import RESPONSE_BODY_LIMIT, ErrorKind
from desktop.core.targets import Target
from desktop.delivery.request_spec import OutgoingRequest, build_outgoing
from desktop.delivery.sender import send
from tests.delivery.support import RecordingServer, captured

BINARY = bytes(range(256)) * 4 + b"\x00\r\n\x00"


async def _send(req: OutgoingRequest, timeout: float = 5.0, max_body: int = 1 << 20):
    async with httpx.AsyncClient() as client:
        return await send(client, req, timeout, max_body)


def test_binary_body_and_headers_arrive_byte_exact(server: RecordingServer, run):
    headers = [
        ("X-Signature", "t=1,v1=abc"),
        ("content-type", "application/octet-stream"),
        ("X-Dup", "first"),
        ("x-CaSe-KePt", "Value  With  Spaces"),
        ("X-Dup", "second"),
    ]
    request = captured(body=BINARY, headers=headers, path="/juno/a%2Fb", query="x=1&y=%20")
    target = Target(name="app", url=server.url + "/hooks", strip_prefix="/juno")

    attempt = run(_send(build_outgoing(request, target)))

    assert attempt.status_code == 200 and attempt.error == ""
    (got,) = server.received
    assert (got.method, got.path, got.query) == ("POST", "/hooks/a%2Fb", "x=1&y=%20")
    assert got.body == BINARY
    sent = [(k, v) for k, v in got.headers if k.lower() not in ("host", "content-length")]
    assert sent == headers  # order, case and duplicates kept; nothing added by the client


def test_hop_by_hop_host_and_length_are_recomputed(server: RecordingServer, run):
    headers = [
        ("Host", "webhooks.example.com"),
        ("Connection", "keep-alive, X-Conn-Only"),
        ("X-Conn-Only", "drop me"),
        ("Keep-Alive", "timeout=5"),
        ("Transfer-Encoding", "chunked"),
        ("TE", "trailers"),
        ("Proxy-Authorization", "Basic eA=="),
        ("Upgrade", "h2c"),
        ("Content-Length", "999"),
        ("X-Kept", "yes"),
    ]
    request = captured(body=b"12345", headers=headers)

    run(_send(build_outgoing(request, Target(name="t", url=server.url, keep_path=False))))

    got = dict((k.lower(), v) for k, v in server.received[0].headers)
    assert got["host"] == f"127.0.0.1:{server.port}"
    assert got["content-length"] == "5"
    assert got["x-kept"] == "yes"
    for gone in ("x-conn-only", "keep-alive", "transfer-encoding", "te", "proxy-authorization", "upgrade"):
        assert gone not in got
    assert server.received[0].body == b"12345"


def test_connection_refused_is_said_in_words(run):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    attempt = run(_send(OutgoingRequest("POST", f"http://127.0.0.1:{port}/", (), b"x")))
    assert (attempt.status_code, attempt.error, attempt.error_kind) == (None, "connection refused", "refused")


def test_a_target_that_never_answers_times_out(server: RecordingServer, run):
    server.mode = "hang"
    attempt = run(_send(OutgoingRequest("POST", server.url, (), b"x"), timeout=0.2))
    assert attempt.error == "timed out after 0.2 s"
    assert attempt.error_kind == ErrorKind.TIMEOUT
    assert 150 < attempt.latency_ms < 2000


def test_invalid_urls_are_refused_before_sending(run):
    for url, words in [
        ("ftp://example.com/x", "invalid URL: only http and https"),
        ("localhost:3000/x", "invalid URL: it needs a scheme"),
        ("http://[::1/x", "invalid URL"),
        ("http://exa mple.com/", "invalid URL: it contains spaces"),
    ]:
        attempt = run(_send(OutgoingRequest("POST", url, (), b"x")))
        assert attempt.error.startswith(words), (url, attempt.error)
        assert attempt.error_kind == ErrorKind.INVALID_URL


def test_tls_to_a_plain_http_port_is_a_tls_error(server: RecordingServer, run):
    attempt = run(_send(OutgoingRequest("POST", server.url.replace("http:", "https:"), (), b"x")))
    assert attempt.error.startswith("TLS error: "), attempt.error
    assert server.received == []


def test_a_body_over_the_limit_is_not_sent(server: RecordingServer, run):
    attempt = run(_send(OutgoingRequest("POST", server.url, (), b"x" * (3 * 1024 * 1024)), max_body=2 << 20))
    assert attempt.error == "body too large (3.0 MB > 2 MB limit)"
    assert server.received == []


def test_a_dropped_connection_is_said_in_words(server: RecordingServer, run):
    server.mode = "close"
    attempt = run(_send(OutgoingRequest("POST", server.url, (), b"x")))
    assert attempt.error == "the target closed the connection without answering"


def test_a_large_answer_is_kept_truncated_to_64_kib(server: RecordingServer, run):
    server.response_body = b"a" * (RESPONSE_BODY_LIMIT * 3)
    attempt = run(_send(OutgoingRequest("GET", server.url, ())))
    assert attempt.status_code == 200
    assert attempt.truncated and attempt.response_body == b"a" * RESPONSE_BODY_LIMIT
    assert attempt.response_header("content-length") == str(RESPONSE_BODY_LIMIT * 3)


def test_non_ascii_header_values_are_sent_not_refused(server: RecordingServer, run):
    attempt = run(_send(OutgoingRequest("POST", server.url, (("X-Payer", "José Müller"),), b"x")))
    assert attempt.status_code == 200
    raw = [v.encode("latin-1") for k, v in server.received[0].headers if k == "X-Payer"]
    assert raw == ["José Müller".encode("latin-1")]


def test_a_header_with_a_line_break_is_an_error_in_words(server: RecordingServer, run):
    attempt = run(_send(OutgoingRequest("POST", server.url, (("X-Bad", "a\r\nInjected: 1"),), b"x")))
    assert attempt.error == "invalid header 'X-Bad': empty name or a line break"
    assert server.received == []
