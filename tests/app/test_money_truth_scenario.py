"""Money truth, end to end: a scenario with duplicates, out-of-order, forged, unverified and
refunded deliveries, checked against totals computed by hand (tests/money_truth_scenario.py),
by the store and by the real commands on a machine clock in UTC and in São Paulo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas
import pytest

from desktop.core.config import load_settings
from desktop.core.finance_day import day_bounds, zone
from desktop.core.payments import StatusCategory
from desktop.runtime import Deriver
from desktop.store.entities import enrich_event
from desktop.store.events import open_store
from desktop.store.totals import totals
from tests.money_truth_scenario import DAY, SECRET, SECRET_ENV, UNVERIFIED, Scenario, build, write_config

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = ("confirmed", "refunded", "failed", "pending", "other")


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return build()


@pytest.fixture
def filled(tmp_path: Path, scenario: Scenario, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A data directory holding the scenario's deliveries, recognised; and its config file."""
    monkeypatch.setenv(SECRET_ENV, SECRET)
    config = write_config(tmp_path)
    data_dir = tmp_path / "data"
    store = open_store(data_dir, Deriver(load_settings(config)), enrich_event)
    try:
        futures = [store.writer.submit(request) for request in scenario.requests]
        store.writer.call(lambda _conn: None).result(timeout=30)
        assert all(future.result(timeout=30) for future in futures)
    finally:
        store.close()
    return data_dir, config


def run(args: list[str], data_dir: Path, config: Path, machine_tz: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": machine_tz, SECRET_ENV: SECRET}
    command = [sys.executable, "main.py", *args, "--data-dir", str(data_dir), "--config", str(config)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)


def test_the_scenario_has_every_kind_of_trouble(scenario: Scenario) -> None:
    # Guards the scenario itself: otherwise the totals below would prove less than they say.
    bodies = [request.body for request in scenario.requests]
    assert len(bodies) - len(set(bodies)) >= 5  # duplicates
    assert sum(b'"PAID"' in r.body and r.path == "/juno-open" for r in scenario.requests) == 10  # unverified
    assert sum(b"CUSTOMER_PAID_BACK" in body for body in bodies) == 10  # refunds
    times = [json.loads(body)["timestamp"] for body in bodies]
    assert times != sorted(times)  # out of order


def test_the_store_totals_match_the_hand_count(filled: tuple[Path, Path], scenario: Scenario) -> None:
    data_dir, config = filled
    store = open_store(data_dir, Deriver(load_settings(config)), enrich_event)
    try:
        result = totals(store.reader(), *day_bounds(DAY, zone("America/Sao_Paulo")))
    finally:
        store.close()
    for name in CATEGORIES:
        total = result.of(StatusCategory(name))
        assert (total.count, total.amount) == scenario.expected(name), name


@pytest.mark.parametrize("machine_tz", ["UTC", "America/Sao_Paulo"])
def test_totals_command_gives_the_hand_count_whatever_the_machine_zone(
    filled: tuple[Path, Path], scenario: Scenario, machine_tz: str
) -> None:
    data_dir, config = filled
    out = run(["totals", "--day", DAY.isoformat(), "--format", "json"], data_dir, config, machine_tz)
    document = json.loads(out.stdout)
    assert (document["day"], document["timezone"]) == ("2026-11-28", "America/Sao_Paulo")
    for name in CATEGORIES:
        count, amount = scenario.expected(name)
        assert document[name] == {"count": count, "amount": str(amount)}, name


@pytest.mark.parametrize("machine_tz", ["UTC", "America/Sao_Paulo"])
def test_payments_command_lists_one_verified_line_per_sale_of_the_day(
    filled: tuple[Path, Path], scenario: Scenario, machine_tz: str
) -> None:
    data_dir, config = filled
    out = run(["payments", "--format", "jsonl", "--day", DAY.isoformat()], data_dir, config, machine_tz)
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert {line["entity_id"] for line in lines} == scenario.verified_rows_on_day()
    assert len(lines) == len(scenario.verified_rows_on_day())  # one line per sale, not two
    assert all(line["verified"] for line in lines)
    refunded = [line for line in lines if line["category"] == "refunded"]
    assert refunded and all(line["status"] == "CUSTOMER_PAID_BACK" for line in refunded)
    assert all(line["sale"] == line["entity_id"] and line["payment_id"] for line in refunded)
    assert all(line["status_time"].startswith("2026-11-28T") for line in lines)
    assert all(line["status_time"].endswith("-03:00") for line in lines)


def test_unverified_sales_are_exported_only_when_asked_and_marked(
    filled: tuple[Path, Path], scenario: Scenario
) -> None:
    data_dir, config = filled
    plain = run(["payments"], data_dir, config, "UTC").stdout.splitlines()
    everything = [
        json.loads(line)
        for line in run(["payments", "--include-unverified"], data_dir, config, "UTC").stdout.splitlines()
    ]
    unverified = {sale.charge_id for sale in scenario.sales if sale.kind == UNVERIFIED}
    assert len(everything) - len(plain) == len(unverified)
    marked = [line for line in everything if line["entity_id"] in unverified]
    assert all(
        (line["status"], line["verified"], line["category"], line["verified_status"])
        == ("PAID", False, "other", None)
        for line in marked
    )


def test_an_excel_br_csv_reads_back_in_a_spreadsheet_reader_and_sums_right(
    filled: tuple[Path, Path], scenario: Scenario, tmp_path: Path
) -> None:
    data_dir, config = filled
    target = tmp_path / "vendas.csv"
    args = [
        "payments",
        "--format",
        "csv",
        "--dialect",
        "excel-br",
        "--day",
        DAY.isoformat(),
        "-o",
        str(target),
    ]
    run(args, data_dir, config, "UTC")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    sheet = pandas.read_csv(target, sep=";", decimal=",", encoding="utf-8-sig")
    assert list(sheet.columns[:4]) == ["Provedor", "Venda", "Tipo", "ID no provedor"]
    assert sheet["Valor"].dtype.kind == "f"  # read as numbers, not text
    confirmed = sheet[sheet["Categoria"] == "Confirmado"]
    count, amount = scenario.expected("confirmed")
    assert len(confirmed) == count
    # The reader's floats, rounded to cents, against the hand count's Decimal.
    assert Decimal(str(round(confirmed["Valor"].sum(), 2))) == amount
    assert sheet["Data do status"].str.match(r"^28/11/2026 \d\d:\d\d:\d\d$").all()
