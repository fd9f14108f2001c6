"""Team mode with real receivers: two `main.py --headless --store URL` processes (separate data
directories, as on two machines) share one PostgreSQL; a `[[forward]]` rule to a real HTTP
target and an `[[actions]]` command run each event exactly once, and a receiver killed with
claims in hand leaves its jobs to the other once the lease has run out."""

from __future__ import annotations

import http.server
import itertools
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.actions.support import charge_body, python, recorded, recorder
from tests.app.receivers import Receiver, RecordingTarget, post, wait_for, write_config

COUNT = 40


def pg(url: str, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def delivered(url: str) -> int:
    return int(pg(url, "SELECT count(*) FROM forward_queue WHERE state = 'delivered'")[0][0])  # type: ignore[call-overload]


@pytest.fixture
def target() -> Iterator[RecordingTarget]:
    server = RecordingTarget()
    yield server
    server.close()


def receivers(tmp_path: Path, url: str, config: Path, count: int = 2) -> list[Receiver]:
    return [Receiver(tmp_path / f"machine-{n}", config, "--store", url) for n in range(count)]


def test_two_receivers_forward_each_event_once(pg_url: str, tmp_path: Path, target: RecordingTarget) -> None:
    config = write_config(
        tmp_path / "c.toml", [{"name": "my app", "filter": "provider:juno", "url": target.url}]
    )
    first, second = receivers(tmp_path, pg_url, config)
    try:
        acked = [
            post(receiver.port, "/juno/notify", charge_body(n))
            for n, receiver in zip(range(COUNT), itertools.cycle([first, second]), strict=False)
        ]
        assert None not in acked and len(set(acked)) == COUNT
        wait_for(lambda: delivered(pg_url) == COUNT, what="every forward job delivered")
    finally:
        assert first.stop() == 0, first.errors
        assert second.stop() == 0, second.errors

    assert sorted(target.bodies) == sorted(charge_body(n) for n in range(COUNT))  # each exactly once
    assert pg(pg_url, "SELECT count(*) FROM forward_queue") == [(COUNT,)]
    assert pg(pg_url, "SELECT count(*), count(DISTINCT event_id) FROM attempts") == [(COUNT, COUNT)]
    assert pg(pg_url, "SELECT count(*) FROM forward_queue WHERE claimed_by IS NOT NULL") == [(0,)]


def test_two_receivers_run_an_action_once_per_matching_event(pg_url: str, tmp_path: Path) -> None:
    script, out = recorder(tmp_path)
    config = tmp_path / "c.toml"
    config.write_text(
        "\n".join(
            [
                "[[endpoints]]",
                'path = "/juno"',
                'provider = "juno"',
                "",
                "[[actions]]",
                'name = "baixa no estoque"',
                'filter = "provider:juno status:CONFIRMED"',
                f"command = {json.dumps([python(), str(script), str(out)])}",
            ]
        ),
        encoding="utf-8",
    )
    first, second = receivers(tmp_path, pg_url, config)
    try:
        acked = [
            post(receiver.port, "/juno/notify", charge_body(n, status="CONFIRMED" if n % 4 else "ACTIVE"))
            for n, receiver in zip(range(COUNT), itertools.cycle([first, second]), strict=False)
        ]
        assert None not in acked
        matching = [event_id for n, event_id in enumerate(acked) if n % 4]
        wait_for(
            lambda: (
                pg(pg_url, "SELECT count(*) FROM action_queue WHERE state = 'done'") == [(len(matching),)]
            ),
            what="every action job done",
        )
    finally:
        assert first.stop() == 0, first.errors
        assert second.stop() == 0, second.errors

    ran = sorted(int(line["event"]) for line in recorded(out))
    assert ran == sorted(matching)  # each matching event once, the ACTIVE ones never
    assert pg(pg_url, "SELECT count(*) FROM action_runs WHERE ok = 1") == [(len(matching),)]


class GatedTarget:
    """A local HTTP target that records each body on arrival and, while `holding`, answers
    only once released: the receiver sending to it keeps its claims meanwhile."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.holding = True
        self.release = threading.Event()
        self._lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with outer._lock:
                    outer.bodies.append(body)
                    held = outer.holding
                if held:
                    outer.release.wait(60)
                try:
                    self.send_response(200)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:
                    pass  # its sender was killed while held

            def log_message(self, *_args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def arrived(self) -> int:
        with self._lock:
            return len(self.bodies)

    def answer_from_now_on(self) -> None:
        with self._lock:
            self.holding = False
        self.release.set()

    def close(self) -> None:
        self.answer_from_now_on()
        self.server.shutdown()
        self.server.server_close()


def test_a_receiver_killed_holding_claims_leaves_its_jobs_to_the_other_after_the_lease(
    pg_url: str, tmp_path: Path
) -> None:
    gated = GatedTarget()
    config = write_config(
        tmp_path / "c.toml", [{"name": "my app", "filter": "provider:juno", "url": gated.url}]
    )
    victim = Receiver(tmp_path / "machine-a", config, "--store", pg_url)
    survivor: Receiver | None = None
    try:
        held = [post(victim.port, "/juno/notify", charge_body(n)) for n in range(5)]
        wait_for(lambda: gated.arrived() == 5, what="the victim sending all five (and held)")
        owner = pg(pg_url, "SELECT DISTINCT claimed_by FROM forward_queue WHERE claimed_by IS NOT NULL")
        assert len(owner) == 1
        victim.kill()  # SIGKILL with five claims in hand: nobody gives them back
        gated.answer_from_now_on()

        survivor = Receiver(tmp_path / "machine-b", config, "--store", pg_url)
        fresh = post(survivor.port, "/juno/notify", charge_body(99))
        wait_for(
            lambda: (
                pg(pg_url, "SELECT state FROM forward_queue WHERE event_id = %s", (fresh,))
                == [("delivered",)]
            ),
            what="the survivor's own event delivered",
        )
        # Within the lease, the dead receiver's jobs stay its own: the survivor does not take them.
        assert pg(
            pg_url, "SELECT claimed_by, count(*) FROM forward_queue WHERE state = 'pending' GROUP BY 1"
        ) == [(owner[0][0], 5)]
        # The lease runs out (LEASE_S is two minutes; its end is written rather than waited for).
        pg(
            pg_url,
            "UPDATE forward_queue SET lease_until = 0 WHERE claimed_by = %s RETURNING id",
            (owner[0][0],),
        )
        wait_for(lambda: delivered(pg_url) == 6, what="the survivor finishing the dead receiver's jobs")
    finally:
        if survivor is not None:
            assert survivor.stop() == 0, survivor.errors
        victim.kill()
        gated.close()

    # At least once at the HTTP edge: the held ones arrived twice (killed mid-send), never lost.
    bodies = sorted(gated.bodies)
    assert bodies == sorted([*(charge_body(n) for n in range(5))] * 2 + [charge_body(99)])
    assert pg(pg_url, "SELECT count(*) FROM attempts WHERE event_id = ANY(%s)", (held,)) == [(5,)]
