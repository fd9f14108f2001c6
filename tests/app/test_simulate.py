"""`simulate` and the test sale: believable data, whole sales, signed with the app's own secret."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import simulate
from desktop.core import providers, simulation
from desktop.core.brazil_ids import is_valid_cnpj, is_valid_cpf
from desktop.core.config import Settings
from desktop.core.model import CapturedRequest, Verdict
from desktop.runtime import build_services, open_store_for_reading
from desktop.store.endpoints import EndpointEdit, EndpointStore
from desktop.store.secrets import SecretStore
from tests.app.conftest import no_keyring

ROOT = Path(__file__).resolve().parents[2]
# Subprocesses never touch the machine's keyring: secrets go to the data directory's file.
ENV = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args], capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=60
    )


def add_endpoint(data_dir: Path, path: str, provider: str, secret: str | None) -> None:
    """As the window's Endpoints dialog does it: through the stores' public methods."""
    store = EndpointStore(data_dir, (), SecretStore(data_dir, backend=no_keyring()))
    store.save_edits([EndpointEdit(path=path, provider=provider, new_secret=secret)])


class Receiver:
    """`main.py --headless` on a fresh data directory and a free port."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.proc = subprocess.Popen(
            [sys.executable, "main.py", "--headless", "--port", "0", "--data-dir", str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
            env=ENV,
        )
        assert self.proc.stdout is not None
        first = self.proc.stdout.readline()
        assert first.startswith("listening on "), first
        self.url = first.split()[2].rstrip("/")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.communicate(timeout=30)

    def records(self) -> list[dict[str, object]]:
        self.stop()  # every acknowledged delivery is committed; export reads them back
        out = cli("export", "--data-dir", str(self.data_dir))
        assert out.returncode == 0, out.stderr
        return [json.loads(line) for line in out.stdout.splitlines()]


@pytest.fixture
def receiver(data_dir: Path) -> Iterator[Receiver]:
    """A receiver whose endpoint /juno holds the secret `segredo-da-loja` (set before it starts)."""
    add_endpoint(data_dir, "/juno", "juno", "segredo-da-loja")
    running = Receiver(data_dir)
    yield running
    running.stop()


def test_a_refunded_sale_is_signed_with_the_secret_set_in_the_app(receiver: Receiver) -> None:
    url, data_dir = f"{receiver.url}/juno", str(receiver.data_dir)
    result = cli("simulate", "--scenario", "refunded", "--url", url, "--data-dir", data_dir)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    assert "segredo-da-loja" not in result.stdout + result.stderr
    records = receiver.records()
    assert [(r["event_type"], r["status"]) for r in records] == [
        ("CHARGE_CREATED", "ACTIVE"),
        ("PAYMENT_NOTIFICATION", "CONFIRMED"),
        ("CHARGE_STATUS_CHANGED", "PAID"),
        ("PAYMENT_NOTIFICATION", "CUSTOMER_PAID_BACK"),
    ]
    assert [r["signature"] for r in records] == ["valid"] * 4


def test_without_a_secret_in_the_app_it_warns_that_events_will_be_unverified(data_dir: Path) -> None:
    add_endpoint(data_dir, "/juno", "juno", None)
    receiver = Receiver(data_dir)
    try:
        result = cli("simulate", "--url", f"{receiver.url}/juno", "--data-dir", str(data_dir))
        assert result.returncode == 0, result.stderr
        assert "no secret" in result.stderr and "`unverified`" in result.stderr
    finally:
        records = receiver.records()
    assert [r["signature"] for r in records] == ["unverified"] * 3


def test_count_counts_events_not_sales(receiver: Receiver) -> None:
    result = cli("simulate", "--count", "5", "--url", f"{receiver.url}/juno", "--secret", "x")
    assert result.returncode == 0, result.stderr
    assert "sent 5 juno event(s)" in result.stdout
    assert len(receiver.records()) == 5


def test_duplicates_out_of_order_and_forged_deliveries_are_flagged(receiver: Receiver) -> None:
    for scenario in ("duplicates", "out-of-order", "forged"):
        url = f"{receiver.url}/juno"
        result = cli("simulate", "--scenario", scenario, "--url", url, "--data-dir", str(receiver.data_dir))
        assert result.returncode == 0, result.stderr
    records = receiver.records()
    assert len(records) == 4 + 3 + 3
    assert sum(1 for r in records if r["duplicate_of"]) == 1
    assert sum(1 for r in records if r["out_of_order"]) == 1
    assert [r["event_type"] for r in records if r["signature"] == "invalid"] == [
        "PAYMENT_NOTIFICATION",
        "CHARGE_STATUS_CHANGED",
    ]


def test_provider_choices_are_listed_when_one_is_wrong() -> None:
    result = cli("simulate", "--provider", "paypal")
    assert result.returncode == 2
    assert "juno" in result.stderr and "stripe" in result.stderr and "github" in result.stderr


def test_simulated_payers_have_valid_documents_real_names_and_amounts_in_reais() -> None:
    deliveries = simulation.plan("juno", "paid", count=300, rng=random.Random(7))
    events = [json.loads(d.body) for d in deliveries]
    charges = [e["data"][0]["attributes"] for e in events]
    payers = [e["data"][0]["attributes"]["payer"] for e in events if e["eventType"] == "CHARGE_CREATED"]
    documents = [p["document"] for p in payers]
    assert all(is_valid_cpf(d) or is_valid_cnpj(d) for d in documents)
    assert any(len(d) == 11 for d in documents) and any(len(d) == 14 for d in documents)
    assert len({p["name"] for p in payers}) > len(payers) // 2  # not one name repeated
    amounts = [c["amount"] for c in charges]
    assert all(Decimal(a) > 0 and Decimal(a).as_tuple().exponent == -2 for a in amounts)


def test_the_forged_scenario_fails_its_check_and_the_rest_verify() -> None:
    secret = "segredo"
    verdicts = []
    for delivery in simulation.plan("juno", "forged"):
        headers = simulation.signed_headers("juno", "/juno", delivery, secret, 0.0)
        request = CapturedRequest("POST", "/juno", "", headers, delivery.body, 0.0)
        verdicts.append(providers.derive(request, "juno", secret, 0.0).signature)
    assert verdicts == [Verdict.VALID, Verdict.INVALID, Verdict.INVALID]


def test_the_test_sale_reaches_the_app_and_verifies_with_its_secret(data_dir: Path) -> None:
    add_endpoint(data_dir, "/loja", "juno", "s")
    services = build_services(Settings(port=0), data_dir, keyring_backend=no_keyring())
    services.start_listener()
    try:
        endpoint, secret = simulate.app_secret(
            services.settings, data_dir, "/loja", keyring_backend=no_keyring()
        )
        assert endpoint is not None and secret == "s"
        report = simulate.send_test_sale(f"{services.listener.url}loja", secret)
        assert report.ok and report.sent == 3
    finally:
        services.close()  # recognises everything acknowledged before it returns
    store = open_store_for_reading(data_dir)
    try:
        events = [store.event(i) for i in store.event_ids()]
    finally:
        store.close()
    assert [e.derived.signature for e in events if e is not None] == [Verdict.VALID] * 3
