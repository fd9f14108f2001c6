"""No signing oracle is kept: after a bad signature, nothing computed with the secret over the
sender's bytes is in the database, its WAL, or the logs; databases that hold such values from
older versions lose them at migration."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.config import Endpoint, Settings
from desktop.runtime import Deriver, Services, build_services
from desktop.store.events import open_store
from desktop.store.schema import SCHEMA_VERSION, migrate
from tests.app.conftest import no_keyring, send_raw
from tests.conftest import case_body, load_cases

CASES = {c["name"]: c for c in load_cases()}
FORGED = CASES["juno-charge-tampered"]
STRIPE = CASES["stripe-payment-intent-succeeded"]
SECRET = FORGED["secret"]


def juno_oracle(body: bytes) -> str:
    """What older versions stored as "expected": a valid signature for the forger's bytes."""
    return hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


def every_byte(directory: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(directory.rglob("*")) if path.is_file())


@pytest.fixture
def services(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    monkeypatch.setenv("ORACLE_JUNO_SECRET", SECRET)
    monkeypatch.setenv("ORACLE_STRIPE_SECRET", STRIPE["secret"] + "-rotated")  # every Stripe check fails
    endpoints = (
        Endpoint(path="/juno", provider="juno", secret_env="ORACLE_JUNO_SECRET"),
        Endpoint(path="/stripe", provider="stripe", secret_env="ORACLE_STRIPE_SECRET"),
    )
    running = build_services(Settings(port=0, endpoints=endpoints), data_dir, keyring_backend=no_keyring())
    running.start_listener()
    yield running
    running.close()


def test_a_mismatch_leaves_no_expected_signature_anywhere_on_disk_or_in_logs(
    services: Services, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    body = case_body(FORGED)
    stripe_body = case_body(STRIPE)
    timestamp = dict(STRIPE["headers"])["Stripe-Signature"].split(",")[0].removeprefix("t=")
    stripe_oracle = hmac.new(
        (STRIPE["secret"] + "-rotated").encode(), timestamp.encode() + b"." + stripe_body, hashlib.sha256
    ).hexdigest()
    ids = []
    for case, path in ((FORGED, "/juno"), (FORGED, "/JUNO/"), (STRIPE, "/stripe")):
        reply = send_raw(services.listener.port, "POST", path, case["headers"], case_body(case))
        ids.append(int(json.loads(reply.body)["id"]))
    verdicts = services.store.writer.call(
        lambda conn: [r[0] for r in conn.execute("SELECT signature FROM events ORDER BY id")]
    ).result(timeout=30)
    assert verdicts == ["invalid", "invalid", "invalid"]
    event = services.store.event(ids[0])
    assert event is not None
    assert event.derived.signature_detail["received"] == dict(FORGED["headers"])["X-Signature"]
    assert "expected" not in event.derived.signature_detail
    services.close()  # checkpoint: the WAL's bytes land in the database file (both are read)
    stored = every_byte(data_dir)
    assert juno_oracle(body).encode() not in stored
    assert stripe_oracle.encode() not in stored
    assert juno_oracle(body) not in caplog.text and stripe_oracle not in caplog.text


def _version_2_database(data_dir: Path, detail: dict[str, str]) -> None:
    """A database as version 2 left it, holding an "expected" signature."""
    conn = sqlite3.connect(data_dir / "events.sqlite3")
    migrate(conn, upto=2)
    conn.execute(
        "INSERT INTO events (received_at, method, path, headers, size, response_status, provider,"
        " signature, signature_reason, signature_detail) VALUES (1, 'POST', '/juno', '[]', 0, 200,"
        " 'juno', 'invalid', 'signature mismatch', ?)",
        (json.dumps(detail),),
    )
    conn.commit()
    conn.close()


def test_migration_removes_expected_signatures_stored_by_older_versions(data_dir: Path) -> None:
    oracle = juno_oracle(case_body(FORGED))
    _version_2_database(data_dir, {"header": "X-Signature", "expected": oracle, "received": "ab" * 32})
    assert oracle.encode() in every_byte(data_dir)
    store = open_store(data_dir, Deriver(Settings()))
    try:
        event = store.event(1)
        assert event is not None
        assert event.derived.signature_detail == {"header": "X-Signature", "received": "ab" * 32}
        version = store.writer.call(lambda conn: conn.execute("PRAGMA user_version").fetchone()[0])
        assert version.result(timeout=30) == SCHEMA_VERSION
    finally:
        store.close()
    assert oracle.encode() not in every_byte(data_dir)  # the database file, its WAL, anything


# Every provider whose check computes something with the secret; Asaas compares a static token.
COMPUTED = ["juno", "stripe", "github", "standard-webhooks", "mercadopago", "pagarme", "pagbank"]


@pytest.mark.parametrize("provider", COMPUTED)
def test_no_provider_stores_what_it_computed_with_the_secret(
    provider: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from desktop.core.providers import expected_signature
    from tests.core.test_signatures import signed_request

    signed, secret = signed_request(provider)
    # Tampered bytes under the old signature (Mercado Pago signs the query: tamper that).
    if provider == "mercadopago":
        forged = replace(signed, query=signed.query.replace("123456789", "987654321"))
    else:
        forged = replace(signed, body=signed.body + b" ")
    oracle = expected_signature(provider, forged, secret).split(": ", 1)[1]
    digest = oracle.rsplit("=", 1)[-1] if provider != "standard-webhooks" else oracle.split(",", 1)[1]
    monkeypatch.setenv("ORACLE_SECRET", secret)
    endpoints = (Endpoint(path="/hook", provider=provider, secret_env="ORACLE_SECRET"),)
    running = build_services(Settings(port=0, endpoints=endpoints), data_dir, keyring_backend=no_keyring())
    running.start_listener()
    try:
        target = "/hook" + (f"?{forged.query}" if forged.query else "")
        headers = [(k, v) for k, v in forged.headers if k.lower() not in ("host", "content-length")]
        reply = send_raw(running.listener.port, "POST", target, headers, forged.body)
        event_id = int(json.loads(reply.body)["id"])
        verdict = running.store.writer.call(
            lambda conn: conn.execute("SELECT signature FROM events WHERE id = ?", (event_id,)).fetchone()[0]
        ).result(timeout=30)
        assert verdict in ("invalid", "stale")  # checked with the secret, and not valid
    finally:
        running.close()
    assert digest.encode() not in every_byte(data_dir)
