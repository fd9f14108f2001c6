"""`main.py import` reads an export back: bodies byte-exact, recognised again, no duplicates."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.export_formats import iso_utc
from desktop.core.model import Derived
from desktop.store.events import open_store

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "schema-v2.sqlite3"


def _main(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A data directory with the events of an old version (13 of them, one binary body)."""
    data_dir = tmp_path / "source"
    data_dir.mkdir()
    shutil.copyfile(FIXTURE, data_dir / "events.sqlite3")
    return data_dir


def _events(data_dir: Path) -> dict[tuple[str, str, str], tuple[bytes, str | None, str | None]]:
    store = open_store(data_dir, lambda request: Derived())
    try:
        found = {}
        for event in store.iter_events():
            request = event.request
            key = (iso_utc(request.received_at), request.method, request.path)  # as exported
            found[key] = (request.body, event.derived.provider, event.derived.event_type)
        return found
    finally:
        store.close()


@pytest.mark.parametrize("fmt", ["jsonl", "har"])
def test_an_export_imported_into_a_new_directory_has_every_event_byte_exact_and_recognised(
    source: Path, tmp_path: Path, fmt: str
) -> None:
    exported = tmp_path / f"events.{fmt}"
    assert _main("export", "--format", fmt, "-o", exported, "--data-dir", source).returncode == 0
    target = tmp_path / "target"

    result = _main("import", exported, "--data-dir", target)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "imported 13 event(s), skipped 0 already stored"
    before, after = _events(source), _events(target)
    assert after == before  # bodies byte-exact; provider and type recognised again on import
    assert any(provider == "juno" for _, provider, _ in after.values())


def test_importing_twice_or_back_into_the_source_adds_nothing(source: Path, tmp_path: Path) -> None:
    exported = tmp_path / "events.jsonl"
    assert _main("export", "-o", exported, "--data-dir", source).returncode == 0
    target = tmp_path / "target"
    assert _main("import", exported, "--data-dir", target).returncode == 0

    again = _main("import", exported, "--data-dir", target)
    back = _main("import", exported, "--data-dir", source)

    assert again.stdout.strip() == "imported 0 event(s), skipped 13 already stored"
    assert back.stdout.strip() == "imported 0 event(s), skipped 13 already stored"
    assert len(_events(target)) == len(_events(source)) == 13


def test_a_file_that_is_not_an_export_is_an_error_in_words(tmp_path: Path) -> None:
    bad = tmp_path / "notes.jsonl"
    bad.write_text(json.dumps({"hello": "world"}) + "\n")

    result = _main("import", bad, "--data-dir", tmp_path / "data")

    assert result.returncode == 2
    assert result.stderr.startswith("error: notes.jsonl line 1: not an exported event")
    assert "Traceback" not in result.stderr
