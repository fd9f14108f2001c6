"""`main.py --headless --workers N`: N receivers on one port, each request stored and
recognised once, a dead worker replaced, SIGTERM stops them all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app.receivers import ROOT, Receiver, post, query, wait_for, write_config
from tests.bench.bench_payloads import juno_body

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="counts listening sockets and worker processes through /proc"
)


def listening_sockets(port: int) -> int:
    """How many sockets listen on 127.0.0.1:`port` (state 0A in /proc/net/tcp)."""
    wanted = f"0100007F:{port:04X}"
    lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for line in lines if line.split()[1] == wanted and line.split()[3] == "0A")


def workers_of(parent: int) -> list[int]:
    """The receiver processes a `--workers` parent started (not multiprocessing's helper)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def test_workers_share_one_port_and_store_each_request_once(data_dir: Path, tmp_path: Path) -> None:
    receiver = Receiver(data_dir, write_config(tmp_path / "config.toml"), "--workers", "2")
    try:
        assert listening_sockets(receiver.port) == 2
        ids = [post(receiver.port, "/juno/notify", juno_body(n)) for n in range(30)]  # a connection each
        assert None not in ids and len(set(ids)) == 30
        wait_for(lambda: query(data_dir, "SELECT count(*) FROM events WHERE derived = 1")[0][0] == 30)
        assert query(data_dir, "SELECT count(*), sum(event_count) FROM entities") == [(30, 30)]

        victim = workers_of(receiver.proc.pid)[0]
        os.kill(victim, signal.SIGKILL)
        wait_for(lambda: any("starting another" in line for line in receiver.errors), what="a restart")
        wait_for(lambda: listening_sockets(receiver.port) == 2, what="two listeners again")
        assert victim not in workers_of(receiver.proc.pid)
        assert post(receiver.port, "/juno/notify", juno_body(99)) is not None
    finally:
        code = receiver.stop()
    assert code == 0, receiver.errors
    # The config's Juno endpoint has no secret: said once, by the parent, as one receiver says it.
    assert sum("its deliveries are not verified" in line for line in receiver.errors) == 1
    assert receiver.lines[-1] == "stopped\n"
    assert listening_sockets(receiver.port) == 0
    assert workers_of(receiver.proc.pid) == []


def test_workers_refuse_a_port_another_receiver_group_holds(data_dir: Path, tmp_path: Path) -> None:
    first = Receiver(data_dir, None, "--workers", "2")
    try:
        second = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--headless", "--workers", "2", "--port", str(first.port),
             "--data-dir", str(tmp_path / "other")],
            capture_output=True, text=True, timeout=60, cwd=ROOT,
        )  # fmt: skip
    finally:
        assert first.stop() == 0
    assert second.returncode == 2
    assert f"error: port {first.port} on 127.0.0.1 is already in use" in second.stderr
