"""The command line: headless start/stop, export, errors in words, a kill losing nothing acknowledged."""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.conftest import send_raw
from tests.conftest import case_body, load_cases

ROOT = Path(__file__).resolve().parents[2]


class Headless:
    """`main.py --headless` in a subprocess, with its URL read from its first line."""

    def __init__(self, data_dir: Path, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "--headless",
                "--port",
                "0",
                "--data-dir",
                str(data_dir),
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        first = self.proc.stdout.readline()
        assert first.startswith("listening on http://127.0.0.1:"), first + self.proc.stderr.read()
        self.url = first.split()[2]
        self.port = int(self.url.rstrip("/").rsplit(":", 1)[1])

    def next_line(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline()


@pytest.fixture
def headless(data_dir: Path) -> Iterator[Headless]:
    running = Headless(data_dir)
    yield running
    if running.proc.poll() is None:
        running.proc.kill()
        running.proc.wait()


def test_headless_logs_each_request_and_stops_cleanly_on_sigterm(headless: Headless) -> None:
    reply = send_raw(headless.port, "POST", "/juno", [("Content-Type", "application/json")], b"{}")
    assert reply.status == 200
    line = headless.next_line()
    assert line.startswith("200 POST /juno 2B from 127.0.0.1 #1")
    headless.proc.send_signal(signal.SIGTERM)
    out, err = headless.proc.communicate(timeout=20)
    assert headless.proc.returncode == 0, err
    assert "stopped" in out


def test_headless_stops_cleanly_on_ctrl_c(headless: Headless) -> None:
    headless.proc.send_signal(signal.SIGINT)
    assert headless.proc.wait(timeout=20) == 0


def test_killing_the_process_loses_no_acknowledged_request(data_dir: Path) -> None:
    running = Headless(data_dir)
    acknowledged = 0
    for n in range(200):
        if send_raw(running.port, "POST", f"/n/{n}", [], b"%d" % n).status == 200:
            acknowledged += 1
    running.proc.send_signal(signal.SIGKILL)  # no chance to flush or close anything
    running.proc.wait()
    rows = _export(data_dir, "jsonl")
    assert acknowledged == 200
    assert len(rows.splitlines()) == acknowledged


def test_port_in_use_in_headless_mode_is_an_error_in_words(headless: Headless, data_dir: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "main.py",
            "--headless",
            "--port",
            str(headless.port),
            "--data-dir",
            str(data_dir / "b"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert f"error: port {headless.port} on 127.0.0.1 is already in use" in result.stderr
    assert "Traceback" not in result.stderr


def _export(data_dir: Path, fmt: str, *extra: str) -> str:
    result = subprocess.run(
        [sys.executable, "main.py", "export", "--format", fmt, "--data-dir", str(data_dir), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_export_jsonl_has_the_contract_fields_and_bodies_byte_exact(
    headless: Headless, data_dir: Path
) -> None:
    cases = load_cases()
    for case in cases:
        target = case["path"] + (f"?{case['query']}" if case["query"] else "")
        send_raw(headless.port, case["method"], target, case["headers"], case_body(case))
    records = [json.loads(line) for line in _export(data_dir, "jsonl").splitlines()]
    assert len(records) == len(cases)
    contract = {"id", "received_at", "method", "path", "query", "headers", "body_base64", "provider",
                "event_type", "entity_type", "entity_id", "status", "amount", "signature",
                "signature_reason", "duplicate_of", "out_of_order"}  # fmt: skip
    for record, case in zip(records, cases, strict=True):
        assert contract <= record.keys()
        assert base64.b64decode(record["body_base64"]) == case_body(case)
        assert record["received_at"].endswith("Z")
        assert [tuple(h) for h in case["headers"]] == [
            tuple(h) for h in record["headers"] if h[0] not in ("Host", "Content-Length")
        ]


def test_export_csv_and_har(headless: Headless, data_dir: Path, tmp_path: Path) -> None:
    send_raw(headless.port, "POST", "/a", [("Content-Type", "application/json")], b'{"x": 1}')
    send_raw(headless.port, "POST", "/b", [("Content-Type", "application/octet-stream")], bytes(range(256)))
    rows = list(csv.DictReader(io.StringIO(_export(data_dir, "csv"))))
    assert [r["path"] for r in rows] == ["/a", "/b"]
    har_file = tmp_path / "out.har"
    _export(data_dir, "har", "-o", str(har_file))
    entries = json.loads(har_file.read_text())["log"]["entries"]
    assert entries[0]["request"]["postData"]["text"] == '{"x": 1}'
    assert base64.b64decode(entries[1]["request"]["postData"]["text"]) == bytes(range(256))


def test_corrupt_database_is_reported_and_kept(data_dir: Path) -> None:
    (data_dir / "events.sqlite3").write_bytes(b"this is not a database" * 100)
    result = subprocess.run(
        [sys.executable, "main.py", "export", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert "cannot be read" in result.stderr
    assert "Traceback" not in result.stderr
    assert (data_dir / "events.sqlite3").read_bytes().startswith(b"this is not a database")


def test_bad_config_file_is_an_error_in_words(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[[endpoints]]\npath = "/x"\nprovider = "nope"\n')
    result = subprocess.run(
        [sys.executable, "main.py", "--headless", "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ},
    )
    assert result.returncode == 2
    assert "provider must be one of" in result.stderr


def test_simulate_sends_signed_juno_events_that_verify(data_dir: Path, tmp_path: Path) -> None:
    config = tmp_path / "juno.toml"
    config.write_text('[[endpoints]]\npath = "/juno"\nprovider = "juno"\nsecret_env = "SIM_SECRET"\n')
    env = {**os.environ, "SIM_SECRET": "s3cret"}
    running = subprocess.Popen(
        [sys.executable, "main.py", "--headless", "--port", "0", "--data-dir", str(data_dir),
         "--config", str(config)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        assert running.stdout is not None
        url = running.stdout.readline().split()[2]
        result = subprocess.run(
            [sys.executable, "main.py", "simulate", "--url", url + "juno", "--count", "6",
             "--config", str(config)],
            capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "sent 6 juno event(s)" in result.stdout
        assert "s3cret" not in result.stdout + result.stderr
    finally:
        running.send_signal(signal.SIGTERM)
        running.wait(timeout=30)
    records = [json.loads(line) for line in _export(data_dir, "jsonl").splitlines()]
    assert [r["signature"] for r in records] == ["valid"] * 6
    assert [r["status"] for r in records[:3]] == ["ACTIVE", "CONFIRMED", "PAID"]
