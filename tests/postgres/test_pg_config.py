"""`[store] url` in the config file and `--store URL` on the command line (the contract)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli.main import build_parser, resolve_settings
from desktop.core.config import ConfigError, settings_from_dict


def test_the_store_url_comes_from_the_config_file() -> None:
    settings = settings_from_dict({"store": {"url": "postgresql://team@db/webhooks"}})
    assert settings.store_url == "postgresql://team@db/webhooks"
    assert settings_from_dict({}).store_url is None  # SQLite in the data directory
    assert settings_from_dict({"store": {"url": ""}}).store_url is None


@pytest.mark.parametrize(
    ("store", "message"),
    [
        ({"url": "sqlite:///x.db"}, "must start with postgresql://"),
        ({"url": 5}, "store.url must be a string"),
        ("postgresql://x", r"\[store\] must be a table"),
    ],
)
def test_a_store_the_app_cannot_use_is_refused_in_words(store: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings_from_dict({"store": store})


def test_the_command_line_wins_over_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[store]\nurl = "postgresql://from@file/db"\n', encoding="utf-8")
    parser = build_parser()
    from_file = resolve_settings(parser.parse_args(["--config", str(config)]))
    assert from_file.store_url == "postgresql://from@file/db"
    args = parser.parse_args(["export", "--config", str(config), "--store", "postgres://from@flag/db"])
    assert resolve_settings(args).store_url == "postgres://from@flag/db"
