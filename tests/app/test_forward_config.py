"""`[[forward]]` in the config file: rules a headless receiver forwards by, with no window."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from desktop.core.config import ConfigError, ForwardConfig, load_settings
from desktop.runtime import build_services
from desktop.store.database import connect, open_database
from desktop.store.delivery_store import DeliveryStore
from desktop.store.forward_claims import apply_config_rules
from tests.app.conftest import no_keyring
from tests.app.receivers import Receiver, RecordingTarget, post, wait_for, write_config
from tests.bench.bench_payloads import juno_body


def test_forward_tables_are_read_with_name_filter_and_url(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "c.toml", [{"name": "my app", "filter": "provider:juno status:PAID", "url": "http://h/x"}]
    )
    assert load_settings(config).forwards == (
        ForwardConfig(name="my app", url="http://h/x", filter="provider:juno status:PAID"),
    )


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"name": "a", "url": "ftp://h/"}, "url must start with http:// or https://"),
        ({"url": "http://h/"}, "name must be a non-empty string"),
        ({"name": "a", "url": "http://h/", "filter": "status:(PAID"}, "filter 'status:(PAID' is not valid"),
    ],
)
def test_a_bad_forward_table_is_refused_in_words(tmp_path: Path, rule: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=r"forward #1: " + message.replace("(", r"\(")):
        load_settings(write_config(tmp_path / "c.toml", [rule]))


def test_config_rules_are_kept_in_step_with_the_file(data_dir: Path) -> None:
    open_database(data_dir).close()
    with contextlib.closing(connect(data_dir / "events.sqlite3")) as conn:
        apply_config_rules(conn, [("a", "http://h/a", "provider:juno"), ("b", "http://h/b", "")])
        apply_config_rules(conn, [("a", "http://h/a2", "status:PAID")])  # next start, file edited
        store = DeliveryStore(conn)
        [rule] = store.list_rules()
        target = store.get_target(rule.target_id)
        assert target is not None and (target.name, target.url) == ("a", "http://h/a2")
        assert rule.filter == "status:PAID" and rule.enabled


def test_a_headless_receiver_forwards_by_the_config_file_alone(data_dir: Path, tmp_path: Path) -> None:
    target = RecordingTarget()
    config = write_config(tmp_path / "c.toml", [{"name": "app", "filter": "path:/juno*", "url": target.url}])
    receiver = Receiver(data_dir, config)
    try:
        assert post(receiver.port, "/other", b"{}") is not None
        assert post(receiver.port, "/juno/notify", juno_body(1)) is not None
        wait_for(lambda: target.count() == 1, what="the forward")
    finally:
        assert receiver.stop() == 0
        target.close()
    assert target.bodies == [juno_body(1)]
    assert "forwarding: 1 rule(s) enabled\n" in receiver.errors


def test_a_process_without_forward_settings_leaves_the_config_rules_alone(
    data_dir: Path, tmp_path: Path
) -> None:

    with_rules = load_settings(write_config(tmp_path / "a.toml", [{"name": "a", "url": "http://h/a"}]))
    without = load_settings(write_config(tmp_path / "b.toml"))  # endpoints only, like a window's
    assert without.forwards is None
    for settings in (with_rules, without):
        build_services(settings, data_dir, keyring_backend=no_keyring()).close()
    with contextlib.closing(connect(data_dir / "events.sqlite3")) as conn:
        assert [rule.filter for rule in DeliveryStore(conn).list_rules()] == [""]
