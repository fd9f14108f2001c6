"""`[[actions]]` and `[smtp]` in the config file, and the rules they put in the store."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from desktop.core.actions import ActionKind, ActionRule, SmtpSettings
from desktop.core.config import ConfigError, load_settings
from desktop.store.action_store import ActionStore, apply_config_actions
from desktop.store.database import connect, open_database
from tests.actions.support import write_config


def test_the_design_example_reads_as_a_command_rule_next_to_the_config_file(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "c.toml",
        [
            {
                "name": "baixa no estoque",
                "filter": "provider:juno type:PAYMENT_NOTIFICATION status:CONFIRMED signature:valid",
                "command": ["python3", "scripts/on_paid.py"],
                "timeout_s": 30,
            }
        ],
    )
    [rule] = load_settings(config).actions or ()
    assert rule == ActionRule(
        name="baixa no estoque",
        kind=ActionKind.COMMAND,
        filter="provider:juno type:PAYMENT_NOTIFICATION status:CONFIRMED signature:valid",
        command=("python3", "scripts/on_paid.py"),
        cwd=str(tmp_path.resolve()),
        timeout_s=30.0,
    )


def test_email_notify_and_smtp_tables_are_read(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "c.toml",
        [
            {"name": "e", "email": {"to": ["a@b.c"], "subject": "S {{ id }}", "body": "B"}},
            {"name": "n", "filter": "signature:invalid", "notify": {"title": "T", "body": "{{ id }}"}},
        ],
        smtp={"host": "smtp.x", "port": 465, "security": "tls", "user": "u", "password_env": "P"},
    )
    settings = load_settings(config)
    email, notify = settings.actions or ()
    assert (email.kind, email.to, email.subject, email.body) == (
        ActionKind.EMAIL,
        ("a@b.c",),
        "S {{ id }}",
        "B",
    )
    assert (notify.kind, notify.subject, notify.body) == (ActionKind.NOTIFY, "T", "{{ id }}")
    assert settings.smtp == SmtpSettings(host="smtp.x", port=465, security="tls", user="u", password_env="P")


@pytest.mark.parametrize(
    ("action", "smtp", "message"),
    [
        ({"name": "a", "command": "rm -rf /tmp/x"}, None, "command must be a list of arguments"),
        ({"name": "a", "command": []}, None, "command must be a non-empty list of strings"),
        ({"name": "a"}, None, "give exactly one of command, email or notify"),
        ({"name": "a", "email": {"to": []}}, None, "email.to must be a non-empty list of strings"),
        ({"name": "a", "filter": "status:(", "notify": {}}, None, "filter 'status:\\(' is not valid"),
        ({"name": "a", "notify": {}}, {"host": "h", "password": "x"}, "passwords do not belong"),
        ({"name": "a", "notify": {}}, {"host": "h", "security": "ssl"}, "security must be one of"),
    ],
)
def test_a_bad_action_table_is_refused_in_words(
    tmp_path: Path, action: dict[str, Any], smtp: dict[str, Any] | None, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(write_config(tmp_path / "c.toml", [action], smtp))


def test_config_rules_follow_the_file_and_leave_the_windows_own(data_dir: Path) -> None:
    open_database(data_dir).close()
    with contextlib.closing(connect(data_dir / "events.sqlite3")) as conn:
        store = ActionStore(conn)
        mine = store.save_rule(ActionRule(name="mine", kind=ActionKind.NOTIFY))
        apply_config_actions(
            conn, [ActionRule(name="a", kind=ActionKind.NOTIFY), ActionRule(name="b", kind=ActionKind.NOTIFY)]
        )
        apply_config_actions(conn, [ActionRule(name="a", kind=ActionKind.NOTIFY, filter="status:PAID")])
        rules = {r.name: r for r in store.list_rules()}
    assert sorted(rules) == ["a", "mine"]
    assert rules["a"].filter == "status:PAID" and rules["a"].origin == "config"
    assert rules["mine"].id == mine and rules["mine"].origin == ""
