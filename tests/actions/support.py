"""Support for the action tests: payloads, config files, a script that records its runs, an
in-process receiver whose hub runs actions, and an SMTP server (aiosmtpd) that keeps mail."""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop.core.config import Settings, load_settings
from desktop.delivery.backoff import RetryPolicy
from desktop.delivery.headless_relay import HeadlessRelay
from desktop.delivery.hub import DeliveryHub
from desktop.runtime import Services, build_services, smtp_password
from tests.app.conftest import no_keyring
from tests.app.receivers import query

FAST_RETRIES = RetryPolicy(max_attempts=3, base_s=0.05, max_s=0.1, jitter=False)

# Appends one JSON line per run: the event id and reference from the environment, stdin as
# text, and the JSON file's event id (read while the run lasts: the file is removed after).
RECORDER = """\
import json, os, sys
data = sys.stdin.buffer.read()
with open(os.environ["WEBHOOK_EVENT_JSON"], encoding="utf-8") as f:
    whole = json.load(f)
line = {
    "event": os.environ["WEBHOOK_EVENT_ID"],
    "status": os.environ["WEBHOOK_STATUS"],
    "reference": os.environ["WEBHOOK_REFERENCE"],
    "stdin": data.decode("utf-8"),
    "json_id": whole["id"],
    "argv": sys.argv[1:],
}
with open(sys.argv[1], "a", encoding="utf-8") as out:
    out.write(json.dumps(line) + "\\n")
"""


def charge_body(n: int, status: str = "CONFIRMED", reference: str | None = None) -> bytes:
    """A Juno PAYMENT_NOTIFICATION-like charge delivery (unsigned: no secret configured)."""
    event = {
        "eventId": f"evt-{n}",
        "eventType": "CHARGE_STATUS_CHANGED",
        "timestamp": "2026-11-27T10:15:42.318-03:00",
        "data": [
            {
                "entityId": f"chr_{n:032X}",
                "entityType": "CHARGE",
                "attributes": {
                    "amount": "149.90",
                    "reference": reference if reference is not None else f"pedido-{n}",
                    "status": status,
                    "payer": {"name": "Maria da Silva"},
                },
            }
        ],
    }
    return json.dumps(event).encode()


def toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(value)  # strings, numbers and lists of strings read the same in TOML


def write_config(
    path: Path, actions: Sequence[dict[str, Any]] = (), smtp: dict[str, Any] | None = None
) -> Path:
    lines = ["[[endpoints]]", 'path = "/juno"', 'provider = "juno"', ""]
    for action in actions:
        lines += ["[[actions]]", *(f"{key} = {toml_value(value)}" for key, value in action.items()), ""]
    if smtp is not None:
        lines += ["[smtp]", *(f"{key} = {toml_value(value)}" for key, value in smtp.items()), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def recorder(tmp_path: Path) -> tuple[Path, Path]:
    """The recording script and the file it appends to."""
    script = tmp_path / "record.py"
    script.write_text(RECORDER, encoding="utf-8")
    return script, tmp_path / "runs.jsonl"


def recorded(out: Path) -> list[dict[str, Any]]:
    if not out.exists():
        return []
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def python() -> str:
    return sys.executable


@contextmanager
def receiver(
    settings: Settings | Path, data_dir: Path, policy: RetryPolicy = FAST_RETRIES
) -> Iterator[Services]:
    """A receiver in this process, with the hub running actions as headless mode does."""
    if isinstance(settings, Path):
        settings = load_settings(settings)
    services = build_services(replace(settings, port=0), data_dir, keyring_backend=no_keyring())
    # Built here, as headless mode's entry builds it (main: the hub is not one of the services).
    hub = DeliveryHub(
        services.store,
        smtp=settings.smtp,
        smtp_password=smtp_password(settings.smtp, services.secrets),
        action_policy=policy,
    )
    relay = HeadlessRelay(services.store, hub)
    services.start_listener()
    relay.start()
    try:
        yield services
    finally:
        services.listener.stop()
        relay.stop()
        services.close()


def jobs(data_dir: Path) -> list[tuple[Any, ...]]:
    """(rule name, event id, state, attempts) of every action job."""
    return query(
        data_dir,
        "SELECT r.name, q.event_id, q.state, q.attempts FROM action_queue q"
        " JOIN action_rules r ON r.id = q.rule_id ORDER BY q.id",
    )


def runs(data_dir: Path) -> list[dict[str, Any]]:
    conn_rows = query(
        data_dir,
        "SELECT event_id, ok, answer, exit_code, stdout, stderr, manual FROM action_runs ORDER BY id",
    )
    names = ("event_id", "ok", "answer", "exit_code", "stdout", "stderr", "manual")
    return [dict(zip(names, row, strict=True)) for row in conn_rows]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
