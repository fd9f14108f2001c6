"""The contract commands on a PostgreSQL store: `main.py import FILE --store URL` (recognised,
marked, no duplicates) and `main.py resend --id ID --to URL --store URL` (recorded in the
shared database), each in a process of its own."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import psycopg

from tests.delivery.support import RecordingServer
from tests.postgres.test_pg_cli import main


def export_line(n: int) -> str:
    body = json.dumps(
        {
            "eventId": f"evt-{n}",
            "eventType": "CHARGE_STATUS_CHANGED",
            "data": [{"entityId": f"chr_{n:032d}", "entityType": "CHARGE", "attributes": {"status": "PAID"}}],
        }
    ).encode()
    return json.dumps(
        {
            "id": n,
            "received_at": f"2026-11-27T13:00:0{n}.125Z",
            "method": "POST",
            "path": "/juno/notify",
            "query": "",
            "headers": [["Content-Type", "application/json"], ["X-Case", "KeepMe"]],
            "body_base64": base64.b64encode(body).decode(),
        }
    )


def write_config(path: Path) -> Path:
    path.write_text('[[endpoints]]\npath = "/juno"\nprovider = "juno"\n', encoding="utf-8")
    return path


def test_import_into_postgresql_recognises_marks_and_skips_what_is_stored(
    pg_url: str, tmp_path: Path
) -> None:
    source = tmp_path / "export.jsonl"
    source.write_text("\n".join(export_line(n) for n in (1, 2, 3)) + "\n", encoding="utf-8")
    common = ["--store", pg_url, "--config", str(write_config(tmp_path / "c.toml"))]

    first = main("import", str(source), *common, "--data-dir", str(tmp_path / "a"))
    assert first.returncode == 0, first.stderr
    assert "imported 3 event(s), skipped 0" in first.stdout
    again = main("import", str(source), *common, "--data-dir", str(tmp_path / "b"))  # another machine
    assert again.returncode == 0, again.stderr
    assert "imported 0 event(s), skipped 3" in again.stdout

    export = main(
        "export", "--filter", "imported:yes provider:juno", *common, "--data-dir", str(tmp_path / "c")
    )
    assert export.returncode == 0, export.stderr
    lines = [json.loads(line) for line in export.stdout.splitlines()]
    assert [line["event_type"] for line in lines] == ["CHARGE_STATUS_CHANGED"] * 3  # recognised
    assert all(["X-Case", "KeepMe"] in line["headers"] for line in lines)


def test_resend_on_postgresql_sends_and_records_the_attempt(pg_url: str, tmp_path: Path) -> None:
    source = tmp_path / "export.jsonl"
    source.write_text(export_line(1) + "\n", encoding="utf-8")
    imported = main("import", str(source), "--store", pg_url, "--data-dir", str(tmp_path / "a"))
    assert imported.returncode == 0, imported.stderr
    with psycopg.connect(pg_url) as conn:
        row = conn.execute("SELECT id FROM events").fetchone()
    assert row is not None
    server = RecordingServer()
    server.start()
    try:
        sent = main(
            "resend",
            "--id",
            str(row[0]),
            "--to",
            server.url + "/in",
            "--store",
            pg_url,
            "--data-dir",
            str(tmp_path / "b"),
        )
        missing = main(
            "resend", "--id", "999", "--to", server.url, "--store", pg_url, "--data-dir", str(tmp_path / "b")
        )
    finally:
        server.close()
    assert sent.returncode == 0, sent.stderr
    assert [received.body for received in server.received] == [
        base64.b64decode(json.loads(export_line(1))["body_base64"])
    ]
    assert missing.returncode == 2
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT event_id, status_code FROM attempts").fetchall() == [(row[0], 200)]
