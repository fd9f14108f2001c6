"""Retention: the background pruner keeps exactly what the policy says, and what remains
stays consistent (payment state replayed, the full-text index without the pruned)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.config import ConfigError, settings_from_dict
from desktop.core.model import CapturedRequest, Derived, Verdict
from desktop.core.query.parser import parse
from desktop.core.retention import RetentionPolicy
from desktop.store.entities import enrich_event
from desktop.store.events import Store, open_store
from desktop.store.retention import Pruner, load_policy, prune_slice, save_policy, used_bytes
from tests.polling import wait_for


def _derive(request: CapturedRequest) -> Derived:
    """Each body `{"charge": C, "status": S}` is a valid delivery about charge C."""
    data = json.loads(request.body)
    return Derived(
        provider="juno",
        entity_type="CHARGE",
        entity_id=data["charge"],
        status=data["status"],
        amount=Decimal("10.00"),
        signature=Verdict.VALID,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path, _derive, enrich_event)
    yield opened
    opened.close()


def _capture(store: Store, charge: str, status: str, received_at: float | None = None, word: str = "") -> int:
    body = json.dumps({"charge": charge, "status": status, "note": word}).encode()
    request = CapturedRequest(
        "POST", "/juno", "", [("Content-Type", "application/json")], body, received_at or time.time()
    )
    return store.writer.submit(request).result(timeout=10)


def _ids(store: Store) -> list[int]:
    return sorted(store.newest_ids(None, limit=10_000))


def test_pruning_keeps_exactly_the_newest_n_events(store: Store) -> None:
    ids = [_capture(store, f"chr_{n}", "PAID") for n in range(12)]
    policy = RetentionPolicy(keep_events=5)
    pruner = Pruner(store.writer, store.path, lambda: policy)

    pruner.start()

    try:
        wait_for(lambda: len(_ids(store)) == 5, what="pruning to 5 events")
    finally:
        pruner.stop()
    assert _ids(store) == ids[-5:] and pruner.pruned == 7
    assert store.body(ids[0]) == b""  # the bodies went with their rows


def test_new_events_past_the_limit_are_pruned_as_they_arrive(store: Store) -> None:
    policy = RetentionPolicy(keep_events=3)
    pruner = Pruner(store.writer, store.path, lambda: policy)
    pruner.start()

    try:
        ids = [_capture(store, f"chr_{n}", "PAID") for n in range(8)]
        wait_for(lambda: _ids(store) == ids[-3:], what="the newest 3 kept")
    finally:
        pruner.stop()


def test_pruning_replays_the_payment_state_from_the_events_that_remain(store: Store) -> None:
    _capture(store, "chr_1", "PENDING")
    _capture(store, "chr_1", "PAID")
    kept = _capture(store, "chr_1", "REFUNDED")
    store.settled().result(timeout=10)

    deleted = store.writer.call(lambda conn: prune_slice(conn, RetentionPolicy(keep_events=1))).result(10)

    row = store.reader().execute("SELECT event_count, status, last_event FROM entities").fetchone()
    assert deleted == 2
    assert tuple(row) == (1, "REFUNDED", kept)


def test_pruned_events_leave_the_full_text_index(store: Store) -> None:
    _capture(store, "chr_1", "PAID", word="abacaxi")
    kept = _capture(store, "chr_2", "PAID", word="laranja")
    store.settled().result(timeout=10)

    store.writer.call(lambda conn: prune_slice(conn, RetentionPolicy(keep_events=1))).result(10)

    indexed = store.reader().execute("SELECT count(*) FROM events_fts_docsize").fetchone()[0]
    assert indexed == 1
    assert store.matching_ids(parse("laranja"), [kept]) == {kept}
    # The pruned event's words are gone from the index, not just its row.
    hits = store.reader().execute("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'abacaxi'")
    assert hits.fetchone()[0] == 0


def test_keep_days_prunes_what_was_received_before_the_cutoff(store: Store) -> None:
    now = time.time()
    _capture(store, "chr_old", "PAID", received_at=now - 10 * 86400)
    recent = _capture(store, "chr_new", "PAID", received_at=now - 86400)
    store.settled().result(timeout=10)

    store.writer.call(lambda conn: prune_slice(conn, RetentionPolicy(keep_days=7), now)).result(10)

    assert _ids(store) == [recent]


def test_keep_gb_prunes_the_oldest_until_the_pages_in_use_fit(store: Store) -> None:
    ids = [_capture(store, f"chr_{n}", "PAID", word="x" * 20_000) for n in range(20)]
    store.settled().result(timeout=10)
    full = store.writer.call(used_bytes).result(10)
    limit_gb = (full - 150_000) / 1024**3  # a few events' worth less than now

    policy = RetentionPolicy(keep_gb=limit_gb)
    while store.writer.call(lambda conn: prune_slice(conn, policy, limit=1)).result(10):
        pass

    remaining = _ids(store)
    assert store.writer.call(used_bytes).result(10) <= policy.max_bytes
    assert 0 < len(remaining) < 20 and remaining == ids[-len(remaining) :]


def test_retention_is_off_by_default_and_read_from_the_config_or_the_data_dir(tmp_path: Path) -> None:
    assert not load_policy(tmp_path).enabled
    assert settings_from_dict({}).retention is None

    save_policy(tmp_path, RetentionPolicy(keep_events=100, keep_gb=2))

    assert load_policy(tmp_path) == RetentionPolicy(keep_events=100, keep_gb=2.0)
    configured = settings_from_dict({"retention": {"keep_days": 30}}).retention
    assert configured == RetentionPolicy(keep_days=30.0)
    with pytest.raises(ConfigError, match="keep_events"):
        settings_from_dict({"retention": {"keep_events": 0}})
