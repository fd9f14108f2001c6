"""UI endpoints persist without their secrets and merge with the config file's endpoints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from keyring.backends import fail

from desktop.core.config import Endpoint, Settings
from desktop.store.endpoints import EndpointEdit, EndpointsError, EndpointStore
from desktop.store.secrets import SecretStore
from tests.store.test_secrets import SECRET, MemoryKeyring

CONFIG_STRIPE = Endpoint(path="/stripe", provider="stripe", secret_env="TEST_STRIPE_SECRET", name="Stripe")


@pytest.fixture
def secrets(data_dir: Path) -> SecretStore:
    return SecretStore(data_dir, MemoryKeyring())


def test_ui_endpoints_survive_a_restart(data_dir: Path, secrets: SecretStore) -> None:
    EndpointStore(data_dir, (), secrets).save_user_endpoints([Endpoint("/juno/", "juno", name=" Juno ")])
    assert EndpointStore(data_dir).user_endpoints() == [Endpoint("/juno", "juno", name="Juno")]


def test_the_endpoints_file_never_holds_a_secret(data_dir: Path, secrets: SecretStore) -> None:
    store = EndpointStore(data_dir, (), secrets)
    secrets.set("/juno", SECRET)
    store.save_user_endpoints([Endpoint("/juno", "juno", secret_env="SOME_VAR", name="Juno")])
    saved = json.loads((data_dir / "endpoints.json").read_text())
    assert saved["endpoints"] == [{"path": "/juno", "provider": "juno", "name": "Juno"}]
    assert SECRET not in (data_dir / "endpoints.json").read_text()


def test_config_endpoints_come_first_are_read_only_and_win_on_the_same_path(data_dir: Path) -> None:
    store = EndpointStore(data_dir, (CONFIG_STRIPE,))
    store.save_user_endpoints([Endpoint("/stripe", "github"), Endpoint("/juno", "juno")])
    entries = store.entries()
    assert [(e.endpoint.path, e.endpoint.provider, e.read_only) for e in entries] == [
        ("/stripe", "stripe", True),
        ("/juno", "juno", False),
    ]


def test_apply_gives_the_deriver_the_merged_endpoints(data_dir: Path) -> None:
    store = EndpointStore(data_dir, (CONFIG_STRIPE,))
    store.save_user_endpoints([Endpoint("/juno", "juno")])
    settings = store.apply(Settings(port=9000, endpoints=(CONFIG_STRIPE,)))
    assert settings.port == 9000
    assert settings.endpoint_for("/juno/x") == Endpoint("/juno", "juno")
    assert settings.endpoint_for("/stripe") == CONFIG_STRIPE


@pytest.mark.parametrize(
    ("endpoints", "message"),
    [
        ([Endpoint("juno", "juno")], "must start with '/'"),
        ([Endpoint("/ju no", "juno")], "must not contain spaces"),
        ([Endpoint("/juno", "paypal")], "unknown provider 'paypal'"),
        ([Endpoint("/juno", "juno"), Endpoint("/juno/", "stripe")], "listed twice"),
    ],
)
def test_invalid_endpoints_are_refused_with_a_reason(data_dir: Path, endpoints, message: str) -> None:
    with pytest.raises(EndpointsError, match=message):
        EndpointStore(data_dir).save_user_endpoints(endpoints)
    assert not (data_dir / "endpoints.json").exists()


def test_an_environment_variable_wins_over_the_stored_secret(data_dir: Path, secrets, monkeypatch) -> None:
    store = EndpointStore(data_dir, (CONFIG_STRIPE,), secrets)
    assert store.secret_state(CONFIG_STRIPE) == "not set ($TEST_STRIPE_SECRET is empty)"
    secrets.set("/stripe", "from-keyring")
    assert store.secret_lookup(CONFIG_STRIPE) == "from-keyring"
    assert store.secret_state(CONFIG_STRIPE) == "set (keyring)"
    monkeypatch.setenv("TEST_STRIPE_SECRET", "from-env")
    assert store.secret_lookup(CONFIG_STRIPE) == "from-env"
    assert store.secret_state(CONFIG_STRIPE) == "from $TEST_STRIPE_SECRET"


def test_secret_states_as_the_dialog_shows_them(data_dir: Path) -> None:
    in_file = EndpointStore(data_dir, (), SecretStore(data_dir, fail.Keyring()))
    juno = Endpoint("/juno", "juno")
    assert in_file.secret_state(juno) == "not set"
    assert in_file.secret_lookup(juno) is None
    assert in_file.secrets is not None
    in_file.secrets.set("/juno", SECRET)
    assert in_file.secret_state(juno) == "set (file)"
    assert in_file.secret_lookup(juno) == SECRET


def test_an_unreadable_endpoints_file_is_kept_aside_and_reported(data_dir: Path) -> None:
    (data_dir / "endpoints.json").write_text("[oops")
    store = EndpointStore(data_dir)
    assert store.user_endpoints() == []
    assert "was unreadable" in store.problem
    assert [p.read_text() for p in data_dir.glob("endpoints.json.unreadable-*")] == ["[oops"]


def test_bad_entries_of_a_hand_edited_file_are_skipped_not_fatal(data_dir: Path) -> None:
    entries = [{"path": "/juno", "provider": "juno"}, {"path": "nope", "provider": "juno"}, 42]
    (data_dir / "endpoints.json").write_text(json.dumps({"version": 1, "endpoints": entries}))
    store = EndpointStore(data_dir)
    assert store.user_endpoints() == [Endpoint("/juno", "juno")]
    assert "ignored invalid entries" in store.problem


def test_renaming_an_endpoint_moves_its_secret_and_both_paths_need_reverifying(data_dir, secrets) -> None:
    store = EndpointStore(data_dir, (), secrets)
    store.save_user_endpoints([Endpoint("/juno", "juno")])
    secrets.set("/juno", SECRET)
    edits = store.edits()
    edits[0].path = "/juno-prod"
    result = store.save_edits(edits)
    assert (secrets.get("/juno-prod"), secrets.get("/juno")) == (SECRET, None)
    assert result.mapping_paths == ("/juno", "/juno-prod")
    assert result.secret_paths == ()


def test_a_new_secret_is_reported_once_even_when_the_provider_changed_too(data_dir, secrets) -> None:
    store = EndpointStore(data_dir, (), secrets)
    store.save_user_endpoints([Endpoint("/hooks", "juno"), Endpoint("/gh", "github")])
    edits = store.edits()
    edits[0].provider, edits[0].new_secret = "stripe", "whsec_new"
    edits[1].provider = "standard-webhooks"
    result = store.save_edits(edits)
    assert (result.secret_paths, result.mapping_paths) == (("/hooks",), ("/gh",))
    assert store.endpoints() == (Endpoint("/hooks", "stripe"), Endpoint("/gh", "standard-webhooks"))


def test_removing_an_endpoint_forgets_its_secret(data_dir, secrets) -> None:
    store = EndpointStore(data_dir, (), secrets)
    store.save_user_endpoints([Endpoint("/juno", "juno")])
    secrets.set("/juno", SECRET)
    assert store.save_edits([]).mapping_paths == ("/juno",)
    assert secrets.get("/juno") is None


def test_a_ui_endpoint_hidden_by_the_config_keeps_the_secret_the_config_one_uses(data_dir, secrets) -> None:
    store = EndpointStore(data_dir, (CONFIG_STRIPE,), secrets)
    store.save_user_endpoints([Endpoint("/stripe", "github")])
    secrets.set("/stripe", "whsec_kept")
    store.save_edits(store.edits())
    assert secrets.get("/stripe") == "whsec_kept"


def test_invalid_edits_change_nothing(data_dir, secrets) -> None:
    store = EndpointStore(data_dir, (CONFIG_STRIPE,), secrets)
    edits = [*store.edits(), EndpointEdit(path="/stripe", provider="juno", new_secret="x")]
    with pytest.raises(EndpointsError, match="listed twice"):
        store.save_edits(edits)
    assert secrets.get("/stripe") is None
    assert not (data_dir / "endpoints.json").exists()


def test_preloading_reads_each_secret_once_so_captures_use_the_cache(data_dir: Path) -> None:
    backend = MemoryKeyring()
    store = EndpointStore(data_dir, (CONFIG_STRIPE,), SecretStore(data_dir, backend))
    store.save_user_endpoints([Endpoint("/juno", "juno")])
    backend.set_password("webhook-monitor", "/juno", SECRET)  # e.g. stored by an earlier session
    store.preload_secrets()
    backend.passwords.clear()
    assert store.secret_lookup(Endpoint("/juno", "juno")) == SECRET
