"""Copy as cURL: the command, run by a real shell and curl, sends the same bytes."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from desktop.delivery.curl import needs_body_file, to_curl, write_body_file
from desktop.delivery.request_spec import OutgoingRequest
from tests.delivery.support import RecordingServer

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")

NASTY_TEXT = '{"quote": "it\'s $HOME `id` \\\\ \\"x\\" ação 💸"}\n\ttab\r\nend ;|&'


async def _bash(command: str) -> tuple[int, bytes]:
    proc = await asyncio.create_subprocess_exec(
        "bash", "-c", command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    out, _ = await proc.communicate()
    return proc.returncode or 0, out


def _replay(req: OutgoingRequest, run, body_file: str | None = None) -> None:
    code, out = run(_bash(to_curl(req, body_file) + " --silent --show-error"))
    assert code == 0, out


def _sent_headers(server: RecordingServer) -> list[tuple[str, str]]:
    return [(k, v) for k, v in server.received[0].headers if k.lower() not in ("host", "content-length")]


def test_a_text_body_with_shell_metacharacters_round_trips(server: RecordingServer, run):
    headers = (("Content-Type", "application/json"), ("X-Sig", "a'b\"c$d"), ("X-Dup", "1"), ("X-Dup", "2"))
    req = OutgoingRequest("POST", server.url + "/hook?a=1&b=[2]", headers, NASTY_TEXT.encode())

    _replay(req, run)

    got = server.received[0]
    assert (got.method, got.path, got.query) == ("POST", "/hook", "a=1&b=[2]")
    assert got.body == NASTY_TEXT.encode()
    assert _sent_headers(server) == list(headers)  # curl's own User-Agent/Accept removed


def test_a_binary_body_goes_through_a_file(server: RecordingServer, run, tmp_path: Path):
    body = bytes(range(256)) + b"\x00\x00"
    req = OutgoingRequest("PUT", server.url, (("Content-Type", "application/octet-stream"),), body)
    assert needs_body_file(body)
    with pytest.raises(ValueError, match="binary"):
        to_curl(req)

    command = to_curl(req, write_body_file(req, tmp_path / "body with space.bin"))
    assert "--data-binary @" in command.replace("'", "")
    _replay(req, run, str(tmp_path / "body with space.bin"))

    assert server.received[0].body == body and server.received[0].method == "PUT"


def test_a_body_starting_with_at_is_sent_literally(server: RecordingServer, run):
    req = OutgoingRequest("POST", server.url, (("Content-Type", "text/plain"),), b"@/etc/passwd")
    _replay(req, run)
    assert server.received[0].body == b"@/etc/passwd"


def test_no_content_type_and_empty_header_values_are_reproduced(server: RecordingServer, run):
    req = OutgoingRequest("POST", server.url, (("X-Empty", ""),), b"a=1")
    _replay(req, run)
    assert _sent_headers(server) == [("X-Empty", "")]
    assert server.received[0].body == b"a=1"


def test_a_large_text_body_is_not_held_back_by_expect(server: RecordingServer, run):
    body = ("x" * 5000).encode()
    req = OutgoingRequest("POST", server.url, (("Content-Type", "text/plain"),), body)
    _replay(req, run)
    assert server.received[0].body == body
    assert "expect" not in {k.lower() for k, _ in server.received[0].headers}
