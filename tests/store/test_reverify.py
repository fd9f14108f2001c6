"""Setting an endpoint's secret re-verifies the events already captured, and stores no secret."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest
from desktop.runtime import Deriver
from desktop.store.endpoints import EndpointStore
from desktop.store.entities import enrich_event
from desktop.store.events import Store, open_store
from desktop.store.reverify import reverify, reverify_paths
from desktop.store.secrets import SecretStore
from tests.conftest import case_body, load_cases
from tests.store.test_secrets import MemoryKeyring

JUNO_CASES = [case for case in load_cases() if case["provider"] == "juno"]
JUNO_SECRET = JUNO_CASES[0]["secret"]
CHARGE = "chr_7A1C4E2B9D3F5A6C8E0B1D2F3A4C5E6B"
GITHUB = next(case for case in load_cases() if case["provider"] == "github")
STRIPE = next(case for case in load_cases() if case["provider"] == "stripe")
T0 = 1_790_000_000.0


class Setup:
    """A data directory with the Juno endpoint defined in the UI and no secret yet."""

    def __init__(self, data_dir: Path) -> None:
        self.secrets = SecretStore(data_dir, MemoryKeyring())
        self.endpoints = EndpointStore(data_dir, (), self.secrets)
        self.endpoints.save_user_endpoints([Endpoint("/juno", "juno", name="Juno")])
        self.deriver = Deriver(self.endpoints.apply(Settings()), self.endpoints.secret_lookup)
        self.store: Store = open_store(data_dir, self.deriver, enrich_event)
        self.ids: dict[str, int] = {}

    def capture(self, cases: list[dict[str, Any]], at: float | None = None) -> None:
        for index, case in enumerate(cases):
            request = CapturedRequest(
                method=case["method"],
                path=case["path"],
                query=case["query"],
                headers=[(name, value) for name, value in case["headers"]],
                body=case_body(case),
                received_at=(at or T0 + len(self.ids)) + index,
            )
            self.store.writer.submit(request)
        self.store.writer.call(lambda conn: None).result()
        for case, event_id in zip(cases, self.store.event_ids()[-len(cases) :], strict=True):
            self.ids[case["name"]] = event_id

    def reverify(self, path: str = "/juno", batch_size: int = 500) -> int:
        return self.store.writer.call(lambda conn: reverify(conn, self.deriver, path, batch_size)).result()

    def column(self, name: str, column: str) -> Any:
        sql = f"SELECT {column} FROM events WHERE id = ?"
        return self.store.reader().execute(sql, (self.ids[name],)).fetchone()[0]

    def verdicts(self) -> dict[str, str]:
        return {name: self.column(name, "signature") for name in self.ids}

    def entity(self, entity_id: str) -> dict[str, Any]:
        row = (
            self.store.reader().execute("SELECT * FROM entities WHERE entity_id = ?", (entity_id,)).fetchone()
        )
        return dict(row)


@pytest.fixture
def setup(data_dir: Path) -> Iterator[Setup]:
    running = Setup(data_dir)
    yield running
    running.store.close()


def expected_verdicts() -> dict[str, str]:
    return {case["name"]: case["expect"]["signature"] for case in JUNO_CASES}


def test_without_a_secret_signed_juno_events_are_unverified(setup: Setup) -> None:
    setup.capture(JUNO_CASES)
    verdicts = setup.verdicts()
    assert verdicts.pop("juno-charge-unsigned") == "missing"
    assert set(verdicts.values()) == {"unverified"}


def test_setting_the_secret_reverifies_the_stored_events(setup: Setup) -> None:
    setup.capture(JUNO_CASES)
    setup.secrets.set("/juno", JUNO_SECRET)
    assert setup.reverify() == len(JUNO_CASES)
    assert setup.verdicts() == expected_verdicts()
    assert "mismatch" in setup.column("juno-charge-tampered", "signature_reason")


def test_a_forged_paid_stops_counting_once_the_secret_shows_it_is_forged(setup: Setup) -> None:
    by_name = {case["name"]: case for case in JUNO_CASES}
    setup.capture([by_name["juno-charge-created"], by_name["juno-charge-tampered"]])
    # Without a secret nothing can be checked: the "PAID" is only a claim, never the status.
    unchecked = setup.entity(CHARGE)
    assert (unchecked["status"], unchecked["claimed_status"], unchecked["unverified"]) == (None, "PAID", 2)
    setup.secrets.set("/juno", JUNO_SECRET)
    setup.reverify()
    charge = setup.entity(CHARGE)
    assert (charge["status"], charge["invalid_signatures"], charge["claimed_status"]) == ("ACTIVE", 1, None)


def test_reverifying_rebuilds_duplicates_and_ordering(setup: Setup) -> None:
    setup.capture(JUNO_CASES)
    setup.secrets.set("/juno", JUNO_SECRET)
    setup.reverify()
    charge = setup.entity(CHARGE)
    assert (charge["status"], charge["out_of_order"]) == ("PAID", 1)
    assert setup.column("juno-charge-out-of-order", "out_of_order") == 1
    original = setup.ids["juno-payment-confirmed-pretty"]
    assert setup.column("juno-payment-confirmed-redelivered", "duplicate_of") == original


def test_a_wrong_secret_makes_signed_events_invalid_with_a_mismatch_reason(setup: Setup) -> None:
    setup.capture(JUNO_CASES)
    setup.secrets.set("/juno", "not-the-secret")
    setup.reverify()
    signed = [name for name in setup.ids if name != "juno-charge-unsigned"]
    assert {setup.column(name, "signature") for name in signed} == {"invalid"}
    assert all("mismatch" in setup.column(name, "signature_reason") for name in signed)


def test_only_events_under_the_endpoint_path_are_reverified(setup: Setup) -> None:
    setup.capture([*JUNO_CASES, GITHUB])
    before = setup.column(GITHUB["name"], "signature_reason")
    setup.secrets.set("/juno", JUNO_SECRET)
    assert setup.reverify() == len(JUNO_CASES)
    assert setup.column(GITHUB["name"], "signature_reason") == before


def test_events_are_reverified_in_chunks_without_skipping_any(setup: Setup) -> None:
    setup.capture(JUNO_CASES)
    setup.secrets.set("/juno", JUNO_SECRET)
    assert setup.reverify(batch_size=2) == len(JUNO_CASES)
    assert setup.verdicts() == expected_verdicts()


def test_removing_an_endpoint_and_reverifying_its_path_releases_its_events(setup: Setup) -> None:
    setup.capture(JUNO_CASES)
    setup.endpoints.save_user_endpoints([])
    setup.deriver.settings = setup.endpoints.apply(Settings())
    assert setup.reverify() == len(JUNO_CASES)
    assert setup.column("juno-charge-paid", "endpoint") is None
    assert setup.column("juno-charge-paid", "provider") == "juno"  # now guessed, not configured


def test_a_path_that_only_starts_like_the_endpoint_is_not_its(setup: Setup) -> None:
    lookalike = {**JUNO_CASES[0], "name": "lookalike", "path": "/junox"}
    setup.capture([lookalike])
    assert setup.store.writer.call(lambda conn: reverify_paths(conn, setup.deriver, ["/juno"])).result() == 0
    assert setup.store.writer.call(lambda conn: reverify_paths(conn, setup.deriver, ["/"])).result() == 1


def test_replay_windows_are_judged_at_receipt_not_at_reverification(setup: Setup) -> None:
    setup.endpoints.save_user_endpoints([Endpoint("/stripe", "stripe")])
    setup.deriver.settings = setup.endpoints.apply(Settings())
    signed_at = int(dict(STRIPE["headers"])["Stripe-Signature"].split(",")[0].removeprefix("t="))
    setup.capture([STRIPE], at=signed_at + 5)  # arrived on time, checked again much later
    setup.secrets.set("/stripe", STRIPE["secret"])
    setup.reverify("/stripe")
    assert setup.column(STRIPE["name"], "signature") == "valid"
    assert "tolerance" not in setup.column(STRIPE["name"], "signature_reason")


def test_the_secret_is_never_in_the_database_endpoints_file_or_logs(data_dir: Path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    setup = Setup(data_dir)
    try:
        setup.capture(JUNO_CASES)
        setup.secrets.set("/juno", JUNO_SECRET)
        setup.reverify()
        assert setup.verdicts() == expected_verdicts()  # the secret was really used
    finally:
        setup.store.close()
    secret = JUNO_SECRET.encode()
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    assert {path.name for path in files} >= {"events.sqlite3", "endpoints.json"}
    assert [path.name for path in files if secret in path.read_bytes()] == []
    assert JUNO_SECRET not in caplog.text


def test_no_providers_secret_reaches_the_database_after_reverifying(data_dir: Path) -> None:
    # Asaas is left out: its "signature" is the token itself, sent in a header of every request,
    # and captured requests are stored byte-exact.
    cases = [c for c in load_cases() if c.get("secret") and c["provider"] not in ("juno", "asaas")]
    setup = Setup(data_dir)
    try:
        paths = {case["path"]: case for case in cases}
        setup.endpoints.save_user_endpoints([Endpoint(p, c["provider"]) for p, c in paths.items()])
        setup.deriver.settings = setup.endpoints.apply(Settings())
        setup.capture(cases)
        for path, case in paths.items():
            setup.secrets.set(path, case["secret"])
        setup.store.writer.call(lambda conn: reverify_paths(conn, setup.deriver, list(paths))).result()
        # Checked with the secret: valid, or stale for the timestamped ones captured long after.
        assert {setup.column(c["name"], "signature") for c in cases} == {"valid", "stale"}
    finally:
        setup.store.close()
    stored = b"".join(path.read_bytes() for path in data_dir.rglob("*") if path.is_file())
    assert [c["name"] for c in cases if c["secret"].encode() in stored] == []
