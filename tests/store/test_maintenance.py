"""`main.py maintain` compacts a database and leaves every remaining event readable and findable."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop.core.model import CapturedRequest, Derived
from desktop.core.query import parse
from desktop.store.events import open_store
from desktop.store.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def _no_derive(_request: CapturedRequest) -> Derived:
    return Derived()


def test_maintain_reclaims_deleted_space_and_keeps_the_rest_searchable(tmp_path: Path) -> None:
    store = open_store(tmp_path, _no_derive)
    body = b'{"note": "needle-4711"}' + b" " * 50_000
    ids = [
        store.writer.submit(CapturedRequest("POST", "/x", "", [("A", "1")], body, 0.0)).result(10)
        for _ in range(40)
    ]
    store.settled().result(10)
    store.delete(ids[1:]).result(10)
    store.close()
    size_before = (tmp_path / "events.sqlite3").stat().st_size

    result = _main("maintain", "--data-dir", str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 events; database ")
    assert (tmp_path / "events.sqlite3").stat().st_size < size_before / 4
    reopened = open_store(tmp_path, _no_derive)
    try:
        assert list(reopened.event_ids(parse("needle-4711"))) == [ids[0]]
        event = reopened.event(ids[0])
        assert event is not None and event.request.body == body
    finally:
        reopened.close()


def test_a_command_on_a_newer_database_says_so_and_exits_2(tmp_path: Path) -> None:
    shutil.copyfile(FIXTURES / "schema-v2.sqlite3", tmp_path / "events.sqlite3")
    conn = sqlite3.connect(tmp_path / "events.sqlite3")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()

    result = _main("export", "--data-dir", str(tmp_path))

    assert result.returncode == 2
    assert "newer than this app understands" in result.stderr
    assert "Traceback" not in result.stderr
