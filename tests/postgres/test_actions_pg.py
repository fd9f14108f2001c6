"""Actions in team mode with real receivers on one PostgreSQL: a receiver killed with -9 while
its command runs leaves the job claimed; the receiver that takes over (on the same host)
frees the dead process's claim and finishes every job, each recorded once."""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

import psycopg

from tests.actions.support import charge_body, python, recorded
from tests.app.receivers import Receiver, post, wait_for

# Appends the event id once the test lets go of the lock on the file named by argv[2] (its
# "go"): the job stays claimed, mid-run, for as long as the test holds it; no polling.
WAITS_FOR_GO = """\
import fcntl, json, os, sys
with open(sys.argv[2], "rb") as gate:
    fcntl.flock(gate, fcntl.LOCK_SH)
with open(sys.argv[1], "a", encoding="utf-8") as out:
    out.write(json.dumps({"event": os.environ["WEBHOOK_EVENT_ID"]}) + "\\n")
"""


def pg(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(sql).fetchall()


def test_a_receiver_killed_mid_run_leaves_its_action_jobs_to_another(pg_url: str, tmp_path: Path) -> None:
    script, out, go = tmp_path / "slow.py", tmp_path / "runs.jsonl", tmp_path / "go"
    script.write_text(WAITS_FOR_GO, encoding="utf-8")
    config = tmp_path / "c.toml"
    command = [python(), str(script), str(out), str(go)]
    config.write_text(
        '[[endpoints]]\npath = "/juno"\nprovider = "juno"\n\n[[actions]]\nname = "baixa"\n'
        f'filter = "provider:juno status:CONFIRMED"\ncommand = {json.dumps(command)}\ntimeout_s = 120\n',
        encoding="utf-8",
    )
    gate = go.open("wb")
    fcntl.flock(gate, fcntl.LOCK_EX)  # every command waits until the test closes it
    victim = Receiver(tmp_path / "machine-a", config, "--store", pg_url)
    survivor: Receiver | None = None
    try:
        acked = [post(victim.port, "/juno/notify", charge_body(n)) for n in range(3)]
        wait_for(
            lambda: pg(pg_url, "SELECT count(*) FROM action_queue WHERE claimed_by IS NOT NULL") == [(1,)],
            what="the victim running its first job",
        )
        victim.kill()  # SIGKILL mid-run: its claim stays (lease: the timeout plus two minutes)

        survivor = Receiver(tmp_path / "machine-b", config, "--store", pg_url)
        gate.close()
        wait_for(
            lambda: pg(pg_url, "SELECT state, count(*) FROM action_queue GROUP BY state") == [("done", 3)],
            what="the survivor finishing every job",
        )
    finally:
        gate.close()  # the victim's orphaned command ends too
        if survivor is not None:
            assert survivor.stop() == 0, survivor.errors
        victim.kill()

    runs = pg(pg_url, "SELECT event_id, count(*) FROM action_runs WHERE ok = 1 GROUP BY event_id ORDER BY 1")
    assert runs == [(event_id, 1) for event_id in sorted(acked)]  # each recorded once
    assert {int(line["event"]) for line in recorded(out)} == set(acked)
