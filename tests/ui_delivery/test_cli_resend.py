"""`main.py resend --id ID --to URL`: exit codes, the line it prints, and the recorded attempt."""

from __future__ import annotations

from pathlib import Path

from desktop.cli.resend import run_resend
from desktop.core.config import Settings
from desktop.runtime import build_services
from desktop.store.database import connect, database_path
from desktop.store.delivery_store import DeliveryStore
from tests.delivery.support import RecordingServer
from tests.ui_delivery.conftest import juno_request


def stored_event(data_dir: Path, body: bytes) -> int:
    services = build_services(Settings(port=0), data_dir)
    try:
        return services.store.writer.submit(juno_request(body)).result(5)
    finally:
        services.close()


def attempts(data_dir: Path, event_id: int) -> list:
    conn = connect(database_path(data_dir))
    try:
        return DeliveryStore(conn).attempts_for_event(event_id)
    finally:
        conn.close()


def test_a_2xx_exits_0_prints_the_result_and_records_the_attempt(
    data_dir: Path, server: RecordingServer, capsys
) -> None:
    event_id = stored_event(data_dir, b'{"cli": 1}')

    code = run_resend(data_dir, event_id, server.url + "/in")

    assert code == 0
    assert server.bodies() == [b'{"cli": 1}']
    assert f"POST {server.url}/in -> 200 in" in capsys.readouterr().out
    assert [a.status_code for a in attempts(data_dir, event_id)] == [200]


def test_a_failure_exits_1_and_says_why(data_dir: Path, server: RecordingServer, capsys) -> None:
    event_id = stored_event(data_dir, b"{}")
    server.fail_times, server.fail_status = 1, 500

    assert run_resend(data_dir, event_id, server.url) == 1
    assert "-> 500" in capsys.readouterr().out

    assert run_resend(data_dir, event_id, "localhost:1/x") == 1
    assert "failed: invalid URL: it needs a scheme" in capsys.readouterr().out
    assert len(attempts(data_dir, event_id)) == 2


def test_a_missing_event_exits_2(data_dir: Path, capsys) -> None:
    stored_event(data_dir, b"{}")

    assert run_resend(data_dir, 999, "http://127.0.0.1:1/") == 2
    assert "event 999 not found" in capsys.readouterr().err
