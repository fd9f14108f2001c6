"""`main.py subscribe juno …` and `main.py subscriptions juno list | delete ID`, as subprocesses
against the fake Juno API; then a headless receiver on the same data directory verifies a
delivery signed with the secret the fake returned."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app.conftest import send_raw
from tests.app.test_cli import Headless
from tests.subscriptions import fake_juno

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config(tmp_path: Path, juno_api, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")  # never the real one
    monkeypatch.setenv("JUNO_CLIENT_ID", fake_juno.CLIENT_ID)
    monkeypatch.setenv("JUNO_CLIENT_SECRET", fake_juno.CLIENT_SECRET)
    monkeypatch.setenv("TEST_JUNO_RESOURCE_TOKEN", fake_juno.RESOURCE_TOKEN)
    path = tmp_path / "config.toml"
    path.write_text(
        "[listener]\n"
        'public_url = "https://hooks.example.com"\n'
        "[providers.juno]\n"
        'resource_token_env = "TEST_JUNO_RESOURCE_TOKEN"\n'
        f'api_base = "{juno_api.api_base}"\n'
        f'auth_base = "{juno_api.auth_base}"\n',
        encoding="utf-8",
    )
    return path


def cli(data_dir: Path, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--data-dir", str(data_dir), "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_subscribe_list_delete_and_a_delivery_that_verifies(juno_api, config, data_dir):
    made = cli(
        data_dir, config, "subscribe", "juno", "--events", "PAYMENT_NOTIFICATION,CHARGE_STATUS_CHANGED"
    )
    assert made.returncode == 0, made.stderr
    [hook] = juno_api.webhooks.values()
    assert hook.url == "https://hooks.example.com/juno"  # public_url + /juno
    assert f"created {hook.id}" in made.stdout and "endpoint /juno -> juno added" in made.stdout
    assert hook.secret not in made.stdout + made.stderr
    assert fake_juno.CLIENT_SECRET not in made.stdout + made.stderr

    listed = cli(data_dir, config, "subscriptions", "juno", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split("\t")[:3] == [hook.id, "ACTIVE", "https://hooks.example.com/juno"]

    receiver = Headless(data_dir, "--config", str(config))
    try:
        body, signature = juno_api.delivery(hook.id)
        reply = send_raw(receiver.port, "POST", "/juno", [("X-Signature", signature)], body)
        assert reply.status == 200
        event_id = json.loads(reply.body)["id"]
    finally:
        receiver.proc.terminate()
        receiver.proc.wait(timeout=30)
    exported = cli(data_dir, config, "export", "--filter", "signature:valid")
    assert [json.loads(line)["id"] for line in exported.stdout.splitlines()] == [event_id]

    deleted = cli(data_dir, config, "subscriptions", "juno", "delete", hook.id)
    assert deleted.returncode == 0 and juno_api.webhooks == {}


def test_an_http_url_is_refused_with_the_reason(juno_api, config, data_dir):
    result = cli(
        data_dir,
        config,
        "subscribe",
        "juno",
        "--url",
        "http://hooks.example.com/juno",
        "--events",
        "CHARGE_CREATED",
    )
    assert result.returncode == 2
    assert "Juno only delivers to HTTPS addresses" in result.stderr
    assert juno_api.webhooks == {}


def test_a_juno_400_is_printed_as_it_came(juno_api, config, data_dir):
    assert cli(data_dir, config, "subscribe", "juno", "--events", "PAYMENT_NOTIFICATION").returncode == 0
    again = cli(
        data_dir,
        config,
        "subscribe",
        "juno",
        "--url",
        "https://b.example.com/juno2",
        "--events",
        "PAYMENT_NOTIFICATION",
    )
    assert again.returncode == 2
    assert "Já existe um webhook ativo inscrito no evento PAYMENT_NOTIFICATION" in again.stderr


def test_missing_credentials_name_the_variables(juno_api, config, data_dir, monkeypatch):
    monkeypatch.delenv("JUNO_CLIENT_SECRET")
    result = cli(data_dir, config, "subscriptions", "juno", "list")
    assert result.returncode == 2
    assert "Client Secret ($JUNO_CLIENT_SECRET or the keyring)" in result.stderr
