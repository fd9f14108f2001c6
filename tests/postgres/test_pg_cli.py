"""Team mode end to end: a headless receiver on `--store postgresql://...` in a subprocess,
then `main.py export` from another process reading the same database."""

from __future__ import annotations

import base64
import json
import signal
import subprocess
import sys
from pathlib import Path

from tests.app.conftest import send_raw
from tests.app.test_cli import ROOT, Headless


def main(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "main.py"), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_headless_receiver_and_export_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    receiver = Headless(tmp_path / "receiver", "--store", pg_url)
    try:
        bodies = [b'{"n": 1}', b"\x00\xffbinary", b"plain text with a word: needle"]
        for body in bodies:
            reply = send_raw(receiver.port, "POST", "/hook", [("X-Case", "KeepMe")], body)
            assert reply.status == 200
            assert receiver.next_line().startswith("200 POST /hook")
    finally:
        receiver.proc.send_signal(signal.SIGTERM)
        _out, err = receiver.proc.communicate(timeout=30)
    assert receiver.proc.returncode == 0, err
    assert "PostgreSQL (team mode)" in err

    # Another process, another data directory: the events come from the database.
    export = main("export", "--store", pg_url, "--data-dir", str(tmp_path / "x"))
    assert export.returncode == 0, export.stderr
    lines = [json.loads(line) for line in export.stdout.splitlines()]
    assert [base64.b64decode(line["body_base64"]) for line in lines] == bodies
    assert all(["X-Case", "KeepMe"] in line["headers"] for line in lines)

    filtered = main("export", "--store", pg_url, "--filter", "needle", "--data-dir", str(tmp_path / "x"))
    assert filtered.returncode == 0, filtered.stderr
    found = [json.loads(line)["body_base64"] for line in filtered.stdout.splitlines()]
    assert found == [base64.b64encode(bodies[2]).decode()]


def test_a_store_url_that_is_not_postgresql_is_refused_in_words(tmp_path: Path) -> None:
    result = main("export", "--store", "mysql://db/x", "--data-dir", str(tmp_path / "x"))
    assert result.returncode == 2
    assert "must start with postgresql://" in result.stderr


def test_an_unreachable_database_is_an_error_in_words(tmp_path: Path) -> None:
    url = f"postgresql://nobody@/nothing?host={tmp_path}"  # no server listens there
    result = main("export", "--store", url, "--data-dir", str(tmp_path / "x"))
    assert result.returncode == 2
    assert "cannot open the PostgreSQL store" in result.stderr


def test_commands_not_ready_for_postgresql_say_so(tmp_path: Path) -> None:
    result = main("maintain", "--store", "postgresql://db/x", "--data-dir", str(tmp_path / "x"))
    assert result.returncode == 2
    assert "does not work with a PostgreSQL store yet" in result.stderr
    assert not (tmp_path / "x").exists()  # nothing was done to the data directory
