"""Byte-exact for every sender: 100-continue, compressed bodies, odd request lines, HAR URLs."""

from __future__ import annotations

import asyncio
import gzip
import json
import shutil
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from desktop.cli.resend import run_resend
from desktop.core.body_decode import content_codings, decode_body
from desktop.core.export_formats import har_url
from desktop.runtime import Services
from tests.reliability.listener_support import connect, exchange, post, read_reply, start_services

MB = 1024 * 1024


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    running = start_services(data_dir, max_body_mb=4)
    yield running
    running.close()


def body_of(services: Services, event_id: int) -> bytes:
    event = services.store.event(event_id)
    assert event is not None
    return event.request.body


# -- Expect: 100-continue ------------------------------------------------------------------------


def test_100_continue_is_sent_before_the_body_is_read(services: Services) -> None:
    body = bytes(range(256)) * (3 * MB // 256)
    head = (
        f"POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n"
    ).encode()
    with connect(services.listener.port) as sock:
        sock.sendall(head)
        # The body has not been sent: an answer now can only be the interim one.
        assert sock.recv(64) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        reply = read_reply(sock)
    assert reply.status == 200
    assert body_of(services, reply.json()["id"]) == body


def test_a_body_over_the_limit_gets_413_without_being_sent_and_is_recorded(services: Services) -> None:
    head = (
        "POST /huge HTTP/1.1\r\nHost: x\r\nX-Trace: kept\r\n"
        f"Content-Length: {5 * MB}\r\nExpect: 100-continue\r\n\r\n"
    ).encode()
    with connect(services.listener.port) as sock:
        sock.sendall(head)
        reply = read_reply(sock)  # no body was sent: the answer comes anyway
    assert reply.status == 413
    event = services.store.event(reply.json()["id"])
    assert event is not None
    assert event.rejected.startswith("body larger than")
    assert ("X-Trace", "kept") in event.request.headers


def test_aiohttp_client_with_expect100_is_stored(services: Services) -> None:
    body = b"z" * (2 * MB)

    async def send() -> tuple[int, dict]:
        timeout = aiohttp.ClientTimeout(total=20)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(services.listener.url + "hook", data=body, expect100=True) as response,
        ):
            return response.status, await response.json()

    status, answer = asyncio.run(send())
    assert status == 200
    assert body_of(services, answer["id"]) == body


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_3mb_post_does_not_wait_for_100_continue(services: Services, tmp_path: Path) -> None:
    payload = tmp_path / "x.bin"
    payload.write_bytes(bytes(range(256)) * (3 * MB // 256))
    # Were 100 Continue never sent, curl would wait the whole 30 s before sending the body.
    result = subprocess.run(
        ["curl", "-sS", "--expect100-timeout", "30", "--max-time", "15", "--data-binary", f"@{payload}",
         "-w", "\n%{http_code}", services.listener.url + "curl"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    answer, _, code = result.stdout.rpartition("\n")
    assert (result.returncode, code) == (0, "200"), result.stderr
    assert body_of(services, json.loads(answer)["id"]) == payload.read_bytes()


# -- compressed bodies ---------------------------------------------------------------------------


def test_a_gzip_body_is_stored_as_the_gzip_bytes(services: Services) -> None:
    plain = b'{"event": "PAYMENT", "items": [' + b'{"n": 1}, ' * 300 + b"{}]}"
    packed = gzip.compress(plain)
    reply = post(services.listener.port, "/gz", packed, (("Content-Encoding", "gzip"),))
    assert reply.status == 200
    assert body_of(services, reply.json()["id"]) == packed


def test_a_gzip_bomb_is_stored_compressed_not_inflated(services: Services) -> None:
    bomb = gzip.compress(b"\0" * (256 * MB), compresslevel=9)  # ~250 KB on the wire
    reply = post(services.listener.port, "/bomb", bomb, (("Content-Encoding", "gzip"),))
    assert reply.status == 200
    assert body_of(services, reply.json()["id"]) == bomb


@pytest.mark.parametrize("coding", ["gzip", "br", "deflate", "zstd"])
def test_a_body_that_is_not_what_its_label_says_is_stored_as_is(services: Services, coding: str) -> None:
    reply = post(
        services.listener.port, "/label", b"plain text, not compressed", (("Content-Encoding", coding),)
    )
    assert reply.status == 200
    assert body_of(services, reply.json()["id"]) == b"plain text, not compressed"


def test_resend_sends_the_stored_gzip_bytes_with_their_content_encoding(
    services: Services, tmp_path: Path
) -> None:
    packed = gzip.compress(b'{"status": "CONFIRMED"}')
    reply = post(
        services.listener.port,
        "/in",
        packed,
        (("Content-Encoding", "gzip"), ("Content-Type", "application/json")),
    )
    target = start_services(tmp_path / "target")
    try:
        assert run_resend(services.store.data_dir, reply.json()["id"], target.listener.url + "out") == 0
        assert target.store.count() == 1
        event = target.store.event(1)
        assert event is not None
        assert event.request.body == packed
        assert event.request.header("content-encoding") == "gzip"
    finally:
        target.close()


def test_the_decoded_view_is_bounded_and_leaves_the_bytes_alone() -> None:
    bomb = gzip.compress(b"\0" * (64 * MB))
    decoded = decode_body(bomb, ["gzip"], limit=MB)
    assert (len(decoded.body), decoded.truncated, decoded.encodings) == (MB, True, ("gzip",))
    assert decode_body(b"not gzip", ["gzip"]).error.startswith("gzip:")
    raw_deflate = zlib.compress(b"hello")[2:-4]
    assert decode_body(raw_deflate, content_codings([("Content-Encoding", "deflate")])).body == b"hello"
    twice = gzip.compress(zlib.compress(b"layers"))
    assert decode_body(twice, content_codings([("Content-Encoding", "deflate, gzip")])).body == b"layers"


# -- odd request lines ---------------------------------------------------------------------------

REFUSED_LINES = {
    "http2-over-http1": (b"POST / HTTP/2.0\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi", 505),
    "http-0.9": (b"GET /\r\n\r\n", 505),
    "http-3": (b"GET / HTTP/3.0\r\nHost: x\r\n\r\n", 400),
    "connect": (b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 405),
    "asterisk": (b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "relative-no-slash": (b"GET foo HTTP/1.1\r\nHost: x\r\n\r\n", 400),
}


@pytest.mark.parametrize("name", list(REFUSED_LINES))
def test_odd_request_lines_get_a_proper_status_in_http_1_1_and_are_not_stored(
    services: Services, name: str
) -> None:
    raw, status = REFUSED_LINES[name]
    reply = exchange(services.listener.port, raw)
    assert reply.status == status
    assert reply.head.startswith(b"HTTP/1.")
    assert services.store.count() == 0
    # The listener is still fine.
    assert post(services.listener.port, "/after", b"ok").status == 200


def test_connect_is_told_which_methods_are_allowed(services: Services) -> None:
    reply = exchange(services.listener.port, REFUSED_LINES["connect"][0])
    assert b"\r\nAllow: GET, HEAD, POST" in reply.head


def test_an_absolute_form_target_is_stored_with_its_path_and_query(services: Services) -> None:
    raw = (
        b"POST http://example.com/juno/hook?a=1 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 2\r\n\r\nhi"
    )
    reply = exchange(services.listener.port, raw)
    assert reply.status == 200
    event = services.store.event(reply.json()["id"])
    assert event is not None
    assert (event.request.path, event.request.query, event.request.body) == ("/juno/hook", "a=1", b"hi")


@pytest.mark.parametrize(
    ("path", "query", "host"),
    [
        ("/plain", "", "127.0.0.1:8080"),
        ("/with space/é", "a=1 2&b=ç", "h"),
        ("*", "", None),
        ("example.com:443", "", "example.com:443"),
        ("http://example.com/a/b", "x=1", "other"),
        ("/p", "", "bad host/with slash"),
        ("/p%2Fq", "q=%20", "[::1]:8080"),
    ],
)
def test_har_urls_are_valid_for_every_stored_target(path: str, query: str, host: str | None) -> None:
    url = har_url(path, query, host)
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.netloc and parts.path.startswith("/")
    assert url.isascii() and " " not in url


def test_a_chunked_body_is_stored_whole(services: Services) -> None:
    head = b"POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    raw = head + b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    reply = exchange(services.listener.port, raw)
    assert reply.status == 200
    assert body_of(services, reply.json()["id"]) == b"hello world"


def test_broken_chunked_framing_gets_400_and_is_not_stored(services: Services) -> None:
    head = b"POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    raw = head + b"5\r\nhello\r\nzz\r\nmore\r\n0\r\n\r\n"
    reply = exchange(services.listener.port, raw)
    assert reply.status == 400
    assert services.store.count() == 0


def test_har_export_of_odd_stored_targets_has_only_valid_urls(data_dir: Path, tmp_path: Path) -> None:
    from desktop.cli.export import run_export
    from desktop.core.config import Settings
    from desktop.core.model import CapturedRequest

    services = start_services(data_dir)
    try:
        # Targets older versions stored as sent (before absolute-form was split), and raw bytes.
        for path, query, host in [
            ("http://example.com/a", "x=1", "example.com"),
            ("*", "", "h"),
            ("/sp ace/\u00e9", "q=a b", "bad host"),
            ("example.com:443", "", "example.com:443"),
        ]:
            request = CapturedRequest(
                method="POST", path=path, query=query, headers=[("Host", host)], body=b"{}", received_at=0.0
            )
            services.store.writer.submit(request).result(10)
    finally:
        services.close()
    out = tmp_path / "events.har"
    assert run_export(Settings(port=0), data_dir, "har", out, "") == 0
    urls = [entry["request"]["url"] for entry in json.loads(out.read_text())["log"]["entries"]]
    assert len(urls) == 4
    for url in urls:
        parts = urlsplit(url)
        assert parts.scheme == "http" and parts.netloc and parts.path.startswith("/"), url
        assert url.isascii() and " " not in url, url
