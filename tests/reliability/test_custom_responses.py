"""Custom responses per endpoint, fail-next-N and the timeout answer, over a real socket.

Each answer is sent only after the request is stored, and the event records what was sent.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail

from desktop.core.config import ConfigError, Settings, settings_from_dict
from desktop.core.responses import NO_ANSWER, ResponseRecord, describe_answer
from desktop.runtime import Services, build_services
from tests.polling import wait_for


def _settings(*endpoints: dict[str, object]) -> Settings:
    return settings_from_dict({"listener": {"port": 0}, "endpoints": list(endpoints)})


def _start(tmp_path: Path, *endpoints: dict[str, object]) -> Services:
    services = build_services(_settings(*endpoints), tmp_path / "data", keyring_backend=fail.Keyring())
    services.start_listener()
    return services


@pytest.fixture
def running(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    services = _start(tmp_path, *request.param)
    yield services
    services.close()


def _post(
    port: int, path: str, body: bytes = b"{}", timeout: float = 10
) -> tuple[int, list[tuple[str, str]], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json", "X-Shop": "loja 7"}
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def _stored(services: Services, event_id: int) -> tuple[int, ResponseRecord | None]:
    event = services.store.event(event_id)
    assert event is not None
    return event.response_status, ResponseRecord.from_json(event.response)


def _last_id(services: Services) -> int:
    services.store.settled().result(timeout=10)
    ids = services.store.newest_ids(None, limit=1)
    return int(ids[0])


ACK = {
    "path": "/juno",
    "provider": "juno",
    "response": {
        "status": 202,
        "headers": {"X-Ack": "1"},
        "body": '{"received": {{ id }}, "charge": "{{ json.charge }}", "shop": "{{ headers["x-shop"] }}"}',
    },
}


@pytest.mark.parametrize("running", [[ACK]], indirect=True)
def test_a_custom_response_answers_status_headers_and_a_rendered_body(running: Services) -> None:
    status, headers, body = _post(running.listener.port, "/juno/hook", b'{"charge": "chr_9"}')

    event_id = _last_id(running)
    assert status == 202
    assert ("X-Ack", "1") in headers
    assert json.loads(body) == {"received": event_id, "charge": "chr_9", "shop": "loja 7"}
    recorded_status, record = _stored(running, event_id)
    assert recorded_status == 202
    assert record is not None and record.body == body.decode() and ("X-Ack", "1") in record.headers


FIVE_HUNDRED = {"path": "/p", "provider": "juno", "response": {"status": 500}}


@pytest.mark.parametrize("running", [[FIVE_HUNDRED]], indirect=True)
def test_a_custom_500_is_still_stored_and_recorded(running: Services) -> None:
    status, _headers, body = _post(running.listener.port, "/p", b"keep me")

    event_id = _last_id(running)
    assert status == 500
    assert json.loads(body)["id"] == event_id  # no body template: the default body, stored
    assert running.store.body(event_id) == b"keep me"
    assert _stored(running, event_id)[0] == 500


@pytest.mark.parametrize("running", [[ACK]], indirect=True)
def test_other_paths_keep_the_default_answer(running: Services) -> None:
    status, _headers, body = _post(running.listener.port, "/elsewhere")

    event_id = _last_id(running)
    assert (status, json.loads(body)) == (200, {"ok": True, "id": event_id})
    assert _stored(running, event_id) == (200, None)


FAILING = {
    "path": "/retry",
    "provider": "juno",
    "response": {"status": 200, "body": "ok", "fail_next": 2, "fail_status": 503},
}


@pytest.mark.parametrize("running", [[FAILING]], indirect=True)
def test_fail_next_n_fails_exactly_n_requests_then_answers_as_configured(running: Services) -> None:
    port = running.listener.port
    statuses = [_post(port, "/retry")[0] for _ in range(3)]

    assert statuses == [503, 503, 200]
    ids = sorted(running.store.newest_ids(None, limit=3))
    records = [_stored(running, event_id) for event_id in ids]
    assert [status for status, _ in records] == [503, 503, 200]
    assert [record.kind for _, record in records if record is not None] == ["fail", "fail", "custom"]
    assert describe_answer(503, running.store.event(ids[0]).response).endswith("(fail next N)")  # type: ignore[union-attr]


@pytest.mark.parametrize("running", [[{"path": "/w", "provider": "github"}]], indirect=True)
def test_fail_next_n_set_while_running_applies_to_the_next_requests(running: Services) -> None:
    assert running.listener.responder is not None
    running.listener.responder.set_fail_next("/w", 1, 429)

    assert [_post(running.listener.port, "/w")[0] for _ in range(2)] == [429, 200]
    assert running.listener.responder.fail_next("/w") == (0, 0)


SLOW = {"path": "/slow", "provider": "juno", "response": {"status": 200, "body": "late", "delay_ms": 1500}}


@pytest.mark.parametrize("running", [[SLOW]], indirect=True)
def test_a_delayed_answer_waits_without_holding_up_other_requests(running: Services) -> None:
    port = running.listener.port
    slow: dict[str, object] = {}
    started = time.monotonic()

    def call_slow() -> None:
        slow["reply"] = _post(port, "/slow")
        slow["elapsed"] = time.monotonic() - started

    thread = threading.Thread(target=call_slow)
    thread.start()
    # The delayed request is stored (and counted) before its answer is sent.
    wait_for(lambda: running.store.count() == 1, what="the delayed request stored")
    fast_status = _post(port, "/fast")[0]
    answered_fast_while_slow_pending = thread.is_alive()
    thread.join(timeout=10)

    assert fast_status == 200 and answered_fast_while_slow_pending
    assert slow["reply"][0] == 200 and slow["reply"][2] == b"late"  # type: ignore[index]
    assert slow["elapsed"] >= 1.5  # type: ignore[operator]


HANG = {"path": "/hang", "provider": "juno", "response": {"timeout": True}}


@pytest.mark.parametrize("running", [[HANG]], indirect=True)
def test_a_timeout_answer_never_responds_until_the_sender_gives_up(running: Services) -> None:
    port = running.listener.port
    with pytest.raises(TimeoutError):
        _post(port, "/hang", b"waiting", timeout=0.5)

    event_id = _last_id(running)
    assert running.store.body(event_id) == b"waiting"
    status, record = _stored(running, event_id)
    assert status == NO_ANSWER and record is not None and record.kind == "timeout"
    # Other requests are answered meanwhile, and the held connection is let go once the
    # sender closed it.
    assert _post(port, "/other")[0] == 200
    wait_for(lambda: running.listener.open_connections == 0, what="the held connection closed")


@pytest.mark.parametrize("running", [[HANG]], indirect=True)
def test_a_held_connection_is_closed_unanswered_when_the_listener_stops(running: Services) -> None:
    sock = socket.create_connection(("127.0.0.1", running.listener.port), timeout=10)
    sock.sendall(b"POST /hang HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
    wait_for(lambda: running.store.count() == 1, what="the held request stored")

    running.listener.stop()

    assert sock.recv(1024) == b""  # closed, never answered
    sock.close()


def test_the_config_file_response_table_is_read_and_checked() -> None:
    settings = _settings(ACK, FAILING)
    spec = settings.endpoints[1].response
    assert spec is not None and (spec.fail_next, spec.fail_status, spec.body) == (2, 503, "ok")

    for bad in ({"status": 99}, {"delay": 1}, {"body": "{{ unclosed"}, {"headers": {"Bad Name": "x"}}):
        with pytest.raises(ConfigError, match="endpoint #1: response"):
            _settings({"path": "/x", "provider": "juno", "response": bad})
