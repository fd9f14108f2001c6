"""Actions with real receiver processes on one data directory: exactly once per matching
event across processes, a kill -9 and a restart."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from desktop.core.config import load_settings
from desktop.core.model import CapturedRequest
from desktop.store.action_store import apply_config_actions
from desktop.store.database import open_database
from desktop.store.rows import INSERT_CAPTURE_SQL, capture_values
from tests.actions.support import charge_body, jobs, python, recorded, recorder, write_config
from tests.app.receivers import Receiver, post, query, wait_for

PAID = "provider:juno status:CONFIRMED"


def all_done(data_dir: Path, count: int) -> bool:
    states = [j[2] for j in jobs(data_dir)]
    return len(states) == count and set(states) == {"done"}


def test_each_matching_event_runs_once_across_a_kill_9_and_a_restart(data_dir: Path, tmp_path: Path) -> None:
    script, out = recorder(tmp_path)
    config = write_config(
        tmp_path / "c.toml", [{"name": "baixa", "filter": PAID, "command": [python(), str(script), str(out)]}]
    )
    first = Receiver(data_dir, config)
    try:
        before = [post(first.port, "/juno/notify", charge_body(n)) for n in (1, 2, 3)]
        post(first.port, "/juno/notify", charge_body(4, status="ACTIVE"))
        wait_for(lambda: all_done(data_dir, 3), what="the first three runs")
    finally:
        first.kill()  # SIGKILL: no clean stop, no claims given back

    second = Receiver(data_dir, config)
    try:
        after = [post(second.port, "/juno/notify", charge_body(n)) for n in (5, 6)]
        wait_for(lambda: all_done(data_dir, 5), what="the runs after the restart")
    finally:
        assert second.stop() == 0

    ran = sorted(int(line["event"]) for line in recorded(out))
    assert ran == sorted(before + after)  # each once; the ACTIVE one never


def test_two_receivers_on_a_backlog_run_each_matching_event_once(data_dir: Path, tmp_path: Path) -> None:
    script, out = recorder(tmp_path)
    config = write_config(
        tmp_path / "c.toml", [{"name": "baixa", "filter": PAID, "command": [python(), str(script), str(out)]}]
    )
    # What a receiver killed before recognising leaves: stored rows, rules from its config.
    conn = open_database(data_dir)
    with contextlib.closing(conn):
        apply_config_actions(conn, load_settings(config).actions or ())
        with conn:
            for n in range(1, 21):
                status = "CONFIRMED" if n % 2 else "ACTIVE"
                request = CapturedRequest(
                    method="POST",
                    path="/juno/notify",
                    query="",
                    headers=[("Content-Type", "application/json")],
                    body=charge_body(n, status=status),
                    received_at=time.time() - 60,
                )
                event_id = conn.execute(INSERT_CAPTURE_SQL, capture_values(request, 200, "")).lastrowid
                conn.execute("INSERT INTO bodies (event_id, body) VALUES (?, ?)", (event_id, request.body))
    receivers = [Receiver(data_dir, config), Receiver(data_dir, config)]
    try:
        wait_for(lambda: all_done(data_dir, 10), what="ten runs")
        wait_for(lambda: query(data_dir, "SELECT count(*) FROM events WHERE derived = 0") == [(0,)])
    finally:
        for receiver in receivers:
            assert receiver.stop() == 0

    ran = sorted(int(line["event"]) for line in recorded(out))
    assert ran == list(range(1, 21, 2))


def test_a_headless_receiver_logs_the_notifications_it_has_no_screen_for(
    data_dir: Path, tmp_path: Path
) -> None:
    config = write_config(
        tmp_path / "c.toml",
        [{"name": "pago", "filter": PAID, "notify": {"title": "Pago", "body": "{{ reference }}"}}],
    )
    receiver = Receiver(data_dir, config)
    try:
        post(receiver.port, "/juno/notify", charge_body(4))
        wait_for(lambda: all_done(data_dir, 1), what="the notify run")
        wait_for(lambda: any("Pago — pedido-4" in line for line in receiver.errors), what="the log line")
    finally:
        assert receiver.stop() == 0
