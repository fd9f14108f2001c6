"""Two receivers on one data directory: every request stored once, recognised once, payment
state right, each forwarded once; a receiver killed mid-burst loses nothing acknowledged."""

from __future__ import annotations

import http.client
import itertools
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.receivers import Receiver, RecordingTarget, post, query, wait_for, write_config

ENTITY = "chr_0000000000000000000000000000ABCD"


def charge_event(n: int) -> bytes:
    """A Juno delivery about the one charge every test event shares (a distinct event id each)."""
    return json.dumps(
        {
            "eventId": f"0b6f3a52-1c1e-4a86-9a8e-{n:012d}",
            "eventType": "CHARGE_STATUS_CHANGED",
            "timestamp": "2026-11-27T10:15:42.318-03:00",
            "data": [{"entityId": ENTITY, "entityType": "CHARGE", "attributes": {"status": "ACTIVE"}}],
        }
    ).encode()


@pytest.fixture
def target() -> Iterator[RecordingTarget]:
    server = RecordingTarget()
    yield server
    server.close()


def test_two_receivers_store_recognise_and_forward_each_event_once(
    data_dir: Path, tmp_path: Path, target: RecordingTarget
) -> None:
    config = write_config(
        tmp_path / "config.toml", [{"name": "my app", "filter": "provider:juno", "url": target.url}]
    )
    first = Receiver(data_dir, config)
    second = Receiver(data_dir, config)
    try:
        count = 40
        acked = [
            post(receiver.port, "/juno/notify", charge_event(n))
            for n, receiver in zip(range(count), itertools.cycle([first, second]), strict=False)
        ]
        assert None not in acked and len(set(acked)) == count
        wait_for(
            lambda: (
                query(data_dir, "SELECT count(*) FROM forward_queue WHERE state = 'delivered'")[0][0] == count
            ),
            what="every forward job delivered",
        )
    finally:
        assert first.stop() == 0, first.errors
        assert second.stop() == 0, second.errors

    assert sorted(target.bodies) == sorted(charge_event(n) for n in range(count))  # each once
    assert query(data_dir, "SELECT count(*), sum(derived) FROM events") == [(count, count)]
    # Recognised once each: the charge counted every event exactly once.
    assert query(data_dir, "SELECT event_count FROM entities WHERE entity_id = ?", (ENTITY,)) == [(count,)]
    assert query(data_dir, "SELECT count(*) FROM forward_queue") == [(count,)]
    assert query(data_dir, "SELECT count(*) FROM attempts") == [(count,)]


def _burst(port: int, acked: list[int], stop: threading.Event, sender: int) -> None:
    """Keep-alive POSTs until stopped or the receiver is gone; notes each acknowledged id."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for n in itertools.count():
        if stop.is_set():
            break
        try:
            event_id = post(port, "/juno/notify", charge_event(port * 1_000_000 + sender * 100_000 + n), conn)
        except (OSError, http.client.HTTPException):
            break  # killed: what it acknowledged before is what counts
        if event_id is not None:
            acked.append(event_id)
    conn.close()


def test_killing_one_receiver_mid_burst_loses_nothing_it_acknowledged(data_dir: Path, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.toml")
    victim = Receiver(data_dir, config)
    survivor = Receiver(data_dir, config)
    acked: dict[int, list[int]] = {victim.port: [], survivor.port: []}
    stop = threading.Event()
    senders = [  # three connections each, so each receiver has a recognition backlog when killed
        threading.Thread(target=_burst, args=(r.port, acked[r.port], stop, k))
        for r in (victim, survivor)
        for k in range(3)
    ]
    try:
        for sender in senders:
            sender.start()
        wait_for(lambda: len(acked[victim.port]) >= 300, what="a burst under way")
        victim.kill()  # SIGKILL: no chance to flush, recognise or close anything
        wait_for(lambda: len(acked[survivor.port]) >= len(acked[victim.port]) + 100, what="more on the other")
        stop.set()
        for sender in senders:
            sender.join(30)
        everything = acked[victim.port] + acked[survivor.port]
        stored = {row[0] for row in query(data_dir, "SELECT id FROM events")}
        assert set(everything) <= stored  # acknowledged means stored
        # What the killed receiver left unrecognised, the survivor takes over, once each.
        wait_for(
            lambda: query(data_dir, "SELECT count(*) FROM events WHERE derived = 0")[0][0] == 0,
            what="every stored event recognised",
        )
    finally:
        stop.set()
        assert survivor.stop() == 0, survivor.errors
    total = query(data_dir, "SELECT count(*) FROM events")[0][0]
    assert query(data_dir, "SELECT event_count FROM entities WHERE entity_id = ?", (ENTITY,)) == [(total,)]
