"""An e-mail action through a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import email
import email.policy
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.actions.support import charge_body, free_port, jobs, receiver, runs, write_config
from tests.app.receivers import post, wait_for


class Mailbox:
    """An aiosmtpd handler that keeps every message with its envelope recipients."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 OK queued as 42"


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


def test_an_email_arrives_with_the_rendered_subject_and_body(
    data_dir: Path, tmp_path: Path, smtp: tuple[Mailbox, int]
) -> None:
    mailbox, port = smtp
    config = write_config(
        tmp_path / "c.toml",
        [
            {
                "name": "avisar o financeiro",
                "filter": "status:CONFIRMED",
                "email": {
                    "to": ["financeiro@example.com"],
                    "subject": "Pago: {{ reference }} ({{ amount_text }})",
                    "body": "O pedido {{ reference }} de {{ payer }} foi pago.",
                },
            }
        ],
        smtp={"host": "127.0.0.1", "port": port, "security": "none", "from": "monitor@example.com"},
    )
    with receiver(config, data_dir) as services:
        post(services.listener.port, "/juno/notify", charge_body(5))
        wait_for(lambda: [j[2] for j in jobs(data_dir)] == ["done"], what="the e-mail to be sent")

    [(recipients, message)] = mailbox.messages
    assert recipients == ["financeiro@example.com"]
    assert message["Subject"] == "Pago: pedido-5 (R$ 149,90)"
    assert message["From"] == "monitor@example.com"
    assert message.get_content().strip() == "O pedido pedido-5 de Maria da Silva foi pago."
    assert runs(data_dir)[0]["answer"].startswith("250 OK queued as 42")


def test_a_payload_cannot_add_headers_or_recipients(
    data_dir: Path, tmp_path: Path, smtp: tuple[Mailbox, int]
) -> None:
    mailbox, port = smtp
    config = write_config(
        tmp_path / "c.toml",
        [
            {
                "name": "m",
                "filter": "status:CONFIRMED",
                "email": {"to": ["a@example.com"], "subject": "{{ reference }}"},
            }
        ],
        smtp={"host": "127.0.0.1", "port": port, "security": "none"},
    )
    with receiver(config, data_dir) as services:
        post(
            services.listener.port,
            "/juno/notify",
            charge_body(1, reference="x\r\nBcc: evil@example.com\nTo: b@x"),
        )
        wait_for(lambda: [j[2] for j in jobs(data_dir)] == ["done"], what="the e-mail to be sent")

    [(recipients, message)] = mailbox.messages
    assert recipients == ["a@example.com"]
    assert message["Bcc"] is None and message.get_all("To") == ["a@example.com"]
    assert message["Subject"] == "x Bcc: evil@example.com To: b@x"


def test_the_default_email_is_in_portuguese(
    data_dir: Path, tmp_path: Path, smtp: tuple[Mailbox, int]
) -> None:
    mailbox, port = smtp
    config = write_config(
        tmp_path / "c.toml",
        [{"name": "pagos", "filter": "status:CONFIRMED", "email": {"to": ["a@example.com"]}}],
        smtp={"host": "127.0.0.1", "port": port, "security": "none"},
    )
    with receiver(config, data_dir) as services:
        post(services.listener.port, "/juno/notify", charge_body(3))
        wait_for(lambda: len(mailbox.messages) == 1, what="the e-mail")

    message = mailbox.messages[0][1]
    assert "R$ 149,90" in message["Subject"]
    body = message.get_content()
    assert "Valor: R$ 149,90" in body and "Referência: pedido-3" in body and "Pagador: Maria da Silva" in body


def test_an_unreachable_server_is_retried_then_fails_in_words(data_dir: Path, tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "c.toml",
        [{"name": "m", "filter": "status:CONFIRMED", "email": {"to": ["a@example.com"]}}],
        smtp={"host": "127.0.0.1", "port": free_port(), "security": "none"},
    )
    with receiver(config, data_dir) as services:
        post(services.listener.port, "/juno/notify", charge_body(1))
        wait_for(lambda: [j[2] for j in jobs(data_dir)] == ["failed"], what="the job to fail")
    history = runs(data_dir)
    assert len(history) == 3  # FAST_RETRIES: three attempts
    assert all(r["answer"].startswith("SMTP 127.0.0.1:") for r in history)
