"""`main.py migrate-store --to URL`: an SQLite history moved into PostgreSQL in one command,
after which an export from either store is the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import send_raw
from tests.postgres.test_pg_cli import main
from tests.postgres.test_pg_ingest import SECRET, send_story, start


def test_an_sqlite_history_moves_into_postgresql(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_PG_JUNO_SECRET", SECRET)
    data_dir = tmp_path / "data"
    services = start(data_dir, None)
    try:
        for seed in range(2):
            send_story(services, seed)
        send_raw(services.listener.port, "POST", "/raw", [("X-B", "2"), ("x-a", "1")], b"\x00\xff bytes")
        services.store.settled().result(timeout=30)
    finally:
        services.close()

    moved = main("migrate-store", "--to", pg_url, "--data-dir", str(data_dir))
    assert moved.returncode == 0, moved.stderr
    assert "copied 7 event(s) and 4 payment(s)" in moved.stdout

    before = main("export", "--data-dir", str(data_dir))
    after = main("export", "--store", pg_url, "--data-dir", str(tmp_path / "elsewhere"))
    assert before.returncode == after.returncode == 0, after.stderr
    assert after.stdout.splitlines() == before.stdout.splitlines()
    assert len(after.stdout.splitlines()) == 7
    # The sales (the accountant's lines) come across too, the same from either store.
    sales_before = main("payments", "--data-dir", str(data_dir))
    sales_after = main("payments", "--store", pg_url, "--data-dir", str(tmp_path / "elsewhere"))
    assert sales_before.returncode == sales_after.returncode == 0, sales_after.stderr
    assert sales_after.stdout.splitlines() == sales_before.stdout.splitlines()
    assert len(sales_after.stdout.splitlines()) == 2

    # Copied once only: a second run is refused and changes nothing.
    again = main("migrate-store", "--to", pg_url, "--data-dir", str(data_dir))
    assert again.returncode == 2
    assert "already holds 7 event(s)" in again.stderr

    # New events continue after the copied ids.
    receiver = start(tmp_path / "receiver", pg_url)
    try:
        reply = send_raw(receiver.listener.port, "POST", "/new", [], b"new")
        assert reply.status == 200 and b'"id": 8' in reply.body
    finally:
        receiver.close()
