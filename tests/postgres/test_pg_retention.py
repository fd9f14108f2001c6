"""Retention in team mode: a receiver on PostgreSQL prunes the oldest events past its policy,
their bodies, search rows and payment state going with them."""

from __future__ import annotations

import json
import time
from pathlib import Path

import psycopg

from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest
from desktop.core.retention import RetentionPolicy
from desktop.runtime import build_services
from desktop.store.postgres.retention import doomed
from tests.app.conftest import no_keyring
from tests.polling import wait_for

ENTITY = "chr_00000000000000000000000000000042"


def delivery(n: int) -> CapturedRequest:
    body = {
        "eventId": f"evt-{n}",
        "eventType": "CHARGE_STATUS_CHANGED",
        "data": [{"entityId": ENTITY, "entityType": "CHARGE", "attributes": {"status": "ACTIVE"}}],
    }
    return CapturedRequest(
        method="POST",
        path="/juno/notify",
        query="",
        headers=[("Content-Type", "application/json")],
        body=json.dumps(body).encode(),
        received_at=time.time(),
        remote_addr="127.0.0.1",
    )


def count(url: str, sql: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(sql).fetchone()
    return int(row[0]) if row else 0


def test_a_receiver_keeps_the_newest_events_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    settings = Settings(
        port=0,
        store_url=pg_url,
        endpoints=(Endpoint(path="/juno", provider="juno"),),
        retention=RetentionPolicy(keep_events=5),
    )
    services = build_services(settings, tmp_path / "data", keyring_backend=no_keyring())
    try:
        ids = [services.store.writer.submit(delivery(n)).result(10) for n in range(12)]
        wait_for(lambda: count(pg_url, "SELECT count(*) FROM events") == 5, 30, "pruned to the newest five")
    finally:
        services.close()

    with psycopg.connect(pg_url) as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM events ORDER BY id")] == ids[-5:]
        assert conn.execute("SELECT count(*) FROM bodies").fetchone() == (5,)
        assert conn.execute("SELECT count(*) FROM events_search").fetchone() == (5,)
        # The charge's state replayed from what is left.
        assert conn.execute("SELECT event_count FROM entities").fetchall() == [(5,)]


def test_keep_gb_counts_the_stored_bodies_not_the_files(pg_url: str, tmp_path: Path) -> None:
    settings = Settings(port=0, store_url=pg_url, endpoints=(Endpoint(path="/juno", provider="juno"),))
    services = build_services(settings, tmp_path / "data", keyring_backend=no_keyring())
    try:
        for n in range(3):
            services.store.writer.submit(delivery(n)).result(10)
        services.store.settled().result(10)
    finally:
        services.close()
    size = count(pg_url, "SELECT sum(size) FROM events")
    with psycopg.connect(pg_url) as conn:
        # Under the limit: nothing, although the database's files are megabytes.
        assert doomed(conn, RetentionPolicy(keep_gb=(size + 1) / 1024**3), time.time(), 100) == []
        assert len(doomed(conn, RetentionPolicy(keep_gb=(size - 1) / 1024**3), time.time(), 100)) == 3
