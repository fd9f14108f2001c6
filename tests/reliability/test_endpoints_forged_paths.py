"""A forged delivery cannot escape verification by the spelling of its path, nor by sending two
signature headers, nor by an endpoint whose secret is missing. Through a real socket."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core.config import Endpoint, Settings, match_key
from desktop.runtime import Services, build_services
from tests.app.conftest import no_keyring, send_raw
from tests.conftest import case_body, load_cases

ROOT = Path(__file__).resolve().parents[2]
CASES = {c["name"]: c for c in load_cases()}
FORGED = CASES["juno-charge-tampered"]  # a PAID body under a signature of other bytes
GENUINE = CASES["juno-charge-paid"]
SECRET = GENUINE["secret"]

ENDPOINTS = (
    Endpoint(path="/juno", provider="juno", secret_env="FORGED_PATHS_JUNO_SECRET"),
    Endpoint(path="/juno/legacy", provider="juno-v1"),
    Endpoint(path="/empty", provider="juno", secret_env="FORGED_PATHS_EMPTY_SECRET"),
    Endpoint(path="/unset", provider="juno", secret_env="FORGED_PATHS_UNSET_SECRET"),
)


@pytest.fixture
def services(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    monkeypatch.setenv("FORGED_PATHS_JUNO_SECRET", SECRET)
    monkeypatch.setenv("FORGED_PATHS_EMPTY_SECRET", " ")  # blank counts as empty
    monkeypatch.delenv("FORGED_PATHS_UNSET_SECRET", raising=False)
    settings = Settings(host="127.0.0.1", port=0, max_body_mb=1, endpoints=ENDPOINTS)
    running = build_services(settings, data_dir, keyring_backend=no_keyring())
    running.start_listener()
    yield running
    running.close()


def deliver(services: Services, case: dict[str, Any], target: str) -> dict[str, Any]:
    """Send a fixture delivery to `target`; the stored row once it is recognised."""
    reply = send_raw(services.listener.port, "POST", target, case["headers"], case_body(case))
    assert reply.status == 200, reply.body
    event_id = int(json.loads(reply.body)["id"])
    # call() runs after everything queued before it is stored and recognised.
    row = services.store.writer.call(
        lambda conn: conn.execute(
            "SELECT path, endpoint, provider, signature, signature_reason, status FROM events WHERE id = ?",
            (event_id,),
        ).fetchone()
    ).result(timeout=30)
    return dict(zip(("path", "endpoint", "provider", "signature", "reason", "status"), row, strict=True))


def entity_status(services: Services, entity_id: str) -> str | None:
    row = services.store.writer.call(
        lambda conn: conn.execute("SELECT status FROM entities WHERE entity_id = ?", (entity_id,)).fetchone()
    ).result(timeout=30)
    return row[0] if row else None


VARIANTS = ["/juno", "/JUNO", "//juno", "/juno/", "/Juno//", "/./juno", "/x/../juno", "/%6Auno", "/%256Auno"]


@pytest.mark.parametrize("path", VARIANTS)
def test_a_forged_paid_is_invalid_on_every_spelling_of_the_path(services: Services, path: str) -> None:
    row = deliver(services, FORGED, path)
    assert row["path"] == path  # stored as received, byte-exact
    assert (row["endpoint"], row["provider"], row["signature"]) == ("/juno", "juno", "invalid")
    assert "signature mismatch" in row["reason"]


def test_a_forged_paid_in_absolute_form_is_invalid(services: Services) -> None:
    target = f"http://127.0.0.1:{services.listener.port}/juno"
    row = deliver(services, FORGED, target)
    # RFC 9112 3.2.2: a server accepts the absolute form; the listener keeps its path (the
    # authority is in the Host header) and matching must still find the endpoint.
    assert row["path"] == "/juno"
    assert (row["endpoint"], row["signature"]) == ("/juno", "invalid")


def test_a_forged_paid_does_not_move_the_payment_on_any_path(services: Services) -> None:
    created = CASES["juno-charge-created"]
    assert deliver(services, created, "/juno")["signature"] == "valid"
    entity = json.loads(case_body(created))["data"][0]["entityId"]
    before = entity_status(services, entity)
    assert before == "ACTIVE"
    for path in [*VARIANTS, f"http://127.0.0.1:{services.listener.port}/JUNO/"]:
        deliver(services, FORGED, path)
    assert entity_status(services, entity) == before


def test_the_longest_endpoint_wins_after_normalising(services: Services) -> None:
    row = deliver(services, CASES["juno-v1-legacy-form"], "/JUNO//Legacy/")
    assert (row["endpoint"], row["provider"], row["signature"]) == ("/juno/legacy", "juno-v1", "unsigned")


@pytest.mark.parametrize("path", ["/empty", "/unset", "/EMPTY/"])
def test_an_empty_or_unset_secret_gives_unverified_never_valid(services: Services, path: str) -> None:
    for case in (GENUINE, FORGED):
        row = deliver(services, case, path)
        assert row["signature"] == "unverified", row
        assert "no secret configured" in row["reason"]


def test_missing_secrets_are_named_at_start(services: Services) -> None:
    warnings = services.missing_secret_warnings()
    assert [line.split()[2] for line in warnings] == ["/empty", "/unset"]  # juno-v1 never signs
    assert "$FORGED_PATHS_EMPTY_SECRET is empty or unset" in warnings[0]


@pytest.mark.parametrize("order", ["valid first", "forged first"])
def test_two_signature_headers_are_invalid_as_ambiguous(services: Services, order: str) -> None:
    valid = [tuple(h) for h in GENUINE["headers"]]
    forged = ("X-Signature", "0" * 64)
    headers = [*valid, forged] if order == "valid first" else [forged, *valid]
    reply = send_raw(services.listener.port, "POST", "/juno", headers, case_body(GENUINE))
    event_id = int(json.loads(reply.body)["id"])
    row = services.store.writer.call(
        lambda conn: conn.execute(
            "SELECT signature, signature_reason FROM events WHERE id = ?", (event_id,)
        ).fetchone()
    ).result(timeout=30)
    assert row[0] == "invalid"
    assert row[1].startswith("ambiguous: 2 signature headers")


def test_match_key_documents_what_counts_as_the_same_path() -> None:
    same = [
        "/juno",
        "/JUNO",
        "//juno",
        "/juno/",
        "/./juno",
        "/a/../juno",
        "/%6Auno",
        "\\juno",
        "http://h:1/juno",
    ]
    assert {match_key(p) for p in same} == {"/juno"}
    assert match_key("/junox") != "/juno"
    assert not Endpoint("/juno", "juno").matches("/junox")


def test_headless_warns_on_stderr_for_each_endpoint_without_its_secret(
    data_dir: Path, tmp_path: Path
) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        '[[endpoints]]\npath = "/juno"\nprovider = "juno"\nsecret_env = "HEADLESS_UNSET_SECRET"\n'
        '[[endpoints]]\npath = "/ok"\nprovider = "juno"\nsecret_env = "HEADLESS_SET_SECRET"\n'
    )
    env = {k: v for k, v in os.environ.items() if k != "HEADLESS_UNSET_SECRET"}
    env["HEADLESS_SET_SECRET"] = "s3cret"
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    proc = subprocess.Popen(
        [sys.executable, "main.py", "--headless", "--port", "0", "--data-dir", str(data_dir),
         "--config", str(config)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline().startswith("listening on ")
        lines: list[str] = []
        while not any("/juno" in line for line in lines):  # a read, not a sleep: stderr is a pipe
            line = proc.stderr.readline()
            assert line, "stderr closed before the warning"
            lines.append(line)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    warning = next(line for line in lines if "/juno" in line)
    assert warning.startswith("warning: endpoint /juno (juno): $HEADLESS_UNSET_SECRET is empty or unset")
    assert not any("/ok" in line for line in lines)


def test_two_endpoints_that_match_the_same_paths_are_a_config_error() -> None:
    from desktop.core.config import ConfigError, settings_from_dict

    doubled = {"endpoints": [{"path": "/juno", "provider": "juno"}, {"path": "/JUNO/", "provider": "stripe"}]}
    with pytest.raises(ConfigError, match="is the same endpoint as '/juno'"):
        settings_from_dict(doubled)
