"""The stale verdict end to end: stored, filtered with `signature:stale`, offered by completion,
shown by the inspector, and the expected signature computed on demand in the window only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.config import Endpoint, Settings
from desktop.core.query import complete, parse
from desktop.runtime import Services, build_services
from desktop.store.filter_sql import to_sql
from desktop.ui.app import create_window
from desktop.ui.main_window import MainWindow
from tests.app.conftest import no_keyring, send_raw
from tests.conftest import case_body, load_cases

CASES = {c["name"]: c for c in load_cases()}
STRIPE = CASES["stripe-payment-intent-succeeded"]  # signed a year before it arrives here
FORGED = CASES["juno-charge-tampered"]


@pytest.fixture
def services(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    monkeypatch.setenv("STALE_STRIPE_SECRET", STRIPE["secret"])
    monkeypatch.setenv("STALE_JUNO_SECRET", FORGED["secret"])
    endpoints = (
        Endpoint(path="/stripe", provider="stripe", secret_env="STALE_STRIPE_SECRET"),
        Endpoint(path="/juno", provider="juno", secret_env="STALE_JUNO_SECRET"),
        Endpoint(path="/asaas", provider="asaas", secret_env="STALE_UNSET_SECRET"),
    )
    running = build_services(Settings(port=0, endpoints=endpoints), data_dir, keyring_backend=no_keyring())
    running.start_listener()
    yield running
    running.close()


@pytest.fixture
def window(qtbot, services: Services) -> Iterator[MainWindow]:
    win = create_window(services)
    qtbot.addWidget(win)
    win.start_listener()
    yield win
    win.close()


def send(services: Services, case: dict, path: str) -> int:
    reply = send_raw(services.listener.port, "POST", path, case["headers"], case_body(case))
    return int(json.loads(reply.body)["id"])


def test_signature_stale_filters_the_old_stripe_delivery(services: Services) -> None:
    stale = send(services, STRIPE, "/stripe")
    send(services, FORGED, "/juno")
    where, params = to_sql(parse("signature:stale"), 0.0)
    ids = services.store.writer.call(
        lambda conn: [r[0] for r in conn.execute(f"SELECT id FROM events WHERE {where}", params)]
    ).result(timeout=30)
    assert ids == [stale]
    event = services.store.event(stale)
    assert event is not None
    assert event.derived.signature_reason.startswith("signature matches but timestamp is ")
    assert event.derived.signature_reason.endswith(" days old; tolerance 300 s: possible replay")
    assert "signature:stale" in complete("signature:st", len("signature:st"))


def test_the_inspector_computes_the_expected_signature_on_demand_only(qtbot, window: MainWindow) -> None:
    services = window.services
    forged = send(services, FORGED, "/juno")
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=5000)
    services.store.writer.call(lambda conn: None).result(timeout=30)  # recognised
    inspector = window.events.inspector
    inspector.show_event(services.store.event(forged))
    window.tabs.setCurrentWidget(window.events)
    assert "Signature INVALID" in inspector.verdict.text()
    assert "expected:" not in inspector.verdict.text()  # nothing computed with the secret is stored
    assert inspector.expected_button.isVisibleTo(inspector) and not inspector.expected_label.isVisibleTo(
        inspector
    )
    inspector.expected_button.click()
    shown = inspector.expected_label.text()
    assert shown.startswith("Expected (computed now, not stored): X-Signature: ")
    inspector.resize(1000, 520)  # looked at by eye: the signature area, button and value
    inspector.grab().save(str(Path(services.store.data_dir).parent / "inspector-expected.png"))
    # Shown, never kept: the stored detail still has only what was received and signed.
    digest = shown.rsplit(" ", 1)[1]
    window.close()  # the app's order: the window (its feed and readers) before the store
    services.close()
    stored = b"".join(p.read_bytes() for p in services.store.data_dir.rglob("*") if p.is_file())
    assert digest.encode() not in stored
    # Selecting another event forgets it.
    inspector.show_event(None)
    assert inspector.expected_label.text() == ""


def test_the_window_shows_which_endpoints_have_no_secret(window: MainWindow) -> None:
    warning = window.secret_warning
    assert warning.isVisibleTo(window)
    assert warning.text().startswith("⚠ No secret for /asaas ($STALE_UNSET_SECRET): deliveries there are not")
    assert "/stripe" not in warning.text() and "/juno" not in warning.text()
    window.resize(1000, 300)
    window.grab().save(str(window.services.store.data_dir.parent / "secret-banner.png"))
