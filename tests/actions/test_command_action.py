"""A command action: a real script, run once per matching event, with the payload as data only."""

from __future__ import annotations

from pathlib import Path

from desktop.delivery.actions.runner import pid_alive
from tests.actions.support import (
    charge_body,
    jobs,
    python,
    receiver,
    recorded,
    recorder,
    runs,
    write_config,
)
from tests.app.receivers import post, query, wait_for

PAID = "provider:juno status:CONFIRMED"


def test_a_rule_runs_its_script_once_per_matching_event_and_never_for_others(
    data_dir: Path, tmp_path: Path
) -> None:
    script, out = recorder(tmp_path)
    config = write_config(
        tmp_path / "c.toml",
        [{"name": "baixa", "filter": PAID, "command": [python(), str(script), str(out)]}],
    )
    with receiver(config, data_dir) as services:
        port = services.listener.port
        other = post(port, "/juno/notify", charge_body(1, status="ACTIVE"))
        paid = [post(port, "/juno/notify", charge_body(n)) for n in (2, 3, 4)]
        wait_for(lambda: len([j for j in jobs(data_dir) if j[2] == "done"]) == 3, what="three runs done")
        wait_for(lambda: query(data_dir, "SELECT count(*) FROM events WHERE derived = 0") == [(0,)])

    lines = recorded(out)
    assert sorted(int(line["event"]) for line in lines) == paid
    assert all(line["json_id"] == int(line["event"]) for line in lines)
    assert other not in {int(line["event"]) for line in lines}
    assert [j[1] for j in jobs(data_dir)] == paid  # the other event was never queued


def test_shell_metacharacters_in_a_payload_reach_the_script_as_data_and_nothing_else_runs(
    data_dir: Path, tmp_path: Path
) -> None:
    script, out = recorder(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    hostile = '$(touch pwned1); rm -rf . ; `touch pwned2` && touch "pwned3"\n| touch pwned4 > x'
    config = write_config(
        tmp_path / "c.toml",
        [{"name": "baixa", "filter": PAID, "command": [python(), str(script), str(out)], "cwd": str(work)}],
    )
    body = charge_body(7, reference=hostile)
    with receiver(config, data_dir) as services:
        post(services.listener.port, "/juno/notify", body)
        wait_for(lambda: [j[2] for j in jobs(data_dir)] == ["done"], what="the run")

    [line] = recorded(out)
    assert line["stdin"].encode() == body  # the body, byte for byte, on stdin
    assert line["reference"] == hostile  # the field, as a plain environment value
    assert line["argv"] == [str(out)]  # the rule's arguments only
    assert sorted(p.name for p in work.iterdir()) == []  # nothing was created, nothing removed


def test_a_failing_command_is_retried_and_its_stderr_is_kept(data_dir: Path, tmp_path: Path) -> None:
    script = tmp_path / "flaky.py"
    count = tmp_path / "count"
    script.write_text(
        "import pathlib, sys\n"
        f"p = pathlib.Path({str(count)!r})\n"
        "n = int(p.read_text()) + 1 if p.exists() else 1\n"
        "p.write_text(str(n))\n"
        "if n < 3:\n"
        "    sys.stderr.write(f'estoque indisponível ({n})')\n"
        "    sys.exit(2)\n"
        "print('ok')\n",
        encoding="utf-8",
    )
    config = write_config(
        tmp_path / "c.toml", [{"name": "baixa", "filter": PAID, "command": [python(), str(script)]}]
    )
    with receiver(config, data_dir) as services:
        post(services.listener.port, "/juno/notify", charge_body(1))
        wait_for(lambda: [j[2] for j in jobs(data_dir)] == ["done"], what="the third try to succeed")

    history = runs(data_dir)
    assert [(r["ok"], r["exit_code"], r["stderr"]) for r in history] == [
        (0, 2, "estoque indisponível (1)"),
        (0, 2, "estoque indisponível (2)"),
        (1, 0, ""),
    ]
    assert history[0]["answer"] == "exit 2" and history[2]["stdout"] == "ok\n"


def test_a_runaway_command_and_its_children_are_killed_at_the_timeout(data_dir: Path, tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    script = tmp_path / "runaway.py"
    script.write_text(
        # Both block until a signal ends them: a command that never finishes by itself.
        "import os, signal, subprocess, sys\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import signal; signal.pause()'])\n"
        f"open({str(pids)!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}')\n"
        "signal.pause()\n",
        encoding="utf-8",
    )
    config = write_config(
        tmp_path / "c.toml",
        [{"name": "lento", "filter": PAID, "command": [python(), str(script)], "timeout_s": 5}],
    )
    with receiver(config, data_dir) as services:
        post(services.listener.port, "/juno/notify", charge_body(1))
        wait_for(lambda: len(runs(data_dir)) >= 1, what="the first run to end")
        first = runs(data_dir)[0]
        parent, child = (int(p) for p in pids.read_text().split())

    assert not first["ok"] and first["answer"] == "timed out after 5 s: process group killed"
    wait_for(lambda: not pid_alive(child) or _zombie(child), what="the script's child to die")
    assert not pid_alive(parent) or _zombie(parent)


def _zombie(pid: int) -> bool:
    """A killed grandchild is re-parented and may wait to be reaped: dead all the same."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def test_a_missing_program_fails_in_words(data_dir: Path, tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "c.toml", [{"name": "x", "filter": PAID, "command": [str(tmp_path / "nope")]}]
    )
    with receiver(config, data_dir) as services:
        post(services.listener.port, "/juno/notify", charge_body(1))
        wait_for(lambda: len(runs(data_dir)) >= 1, what="a run")
    assert runs(data_dir)[0]["answer"].startswith(f"could not start {str(tmp_path / 'nope')!r}")


def test_only_the_first_64_kb_of_output_is_kept_and_the_rest_is_counted(
    data_dir: Path, tmp_path: Path
) -> None:
    script = tmp_path / "loud.py"
    script.write_text("import sys\nsys.stdout.write('a' * 100_000)\nsys.stderr.write('e' * 70_000)\n")
    config = write_config(
        tmp_path / "c.toml", [{"name": "loud", "filter": PAID, "command": [python(), str(script)]}]
    )
    with receiver(config, data_dir) as services:
        post(services.listener.port, "/juno/notify", charge_body(1))
        wait_for(lambda: [j[2] for j in jobs(data_dir)] == ["done"], what="the run")
    [run] = runs(data_dir)
    assert run["stdout"] == "a" * 65536 + f"\n… ({100_000 - 65536} more bytes not kept)"
    assert run["stderr"].startswith("e" * 65536) and run["stderr"].endswith(
        f"({70_000 - 65536} more bytes not kept)"
    )
