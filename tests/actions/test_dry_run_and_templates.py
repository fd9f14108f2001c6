"""Dry runs show exactly what would run or be sent and do nothing; templates stay in their box."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from desktop.core.actions import ActionKind, ActionRule, Notification, SmtpSettings
from desktop.core.model import CapturedRequest, Derived, StoredEvent
from desktop.delivery.actions.base import RunContext
from desktop.delivery.actions.notify import NotifyKind
from desktop.delivery.actions.registry import kind_of
from desktop.delivery.actions.templates import TemplateProblem, render
from tests.actions.support import charge_body


def event(reference: str = "pedido-1") -> StoredEvent:
    request = CapturedRequest(
        method="POST",
        path="/juno/notify",
        query="",
        headers=[],
        body=charge_body(1, reference=reference),
        received_at=1_700_000_000.0,
    )
    derived = Derived(provider="juno", status="CONFIRMED", reference=reference, entity_id="chr_1")
    return StoredEvent(id=9, request=request, derived=derived, response_status=200)


def test_a_command_dry_run_shows_argv_environment_and_stdin_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    rule = ActionRule(
        name="r", kind=ActionKind.COMMAND, command=("touch", str(marker)), cwd=str(tmp_path), timeout_s=5
    )
    text = kind_of(ActionKind.COMMAND).preview(rule, event("$(id)"), RunContext())
    assert f"argv: {json.dumps(['touch', str(marker)])}" in text
    assert f"working directory: {tmp_path}" in text
    assert 'WEBHOOK_REFERENCE="$(id)"' in text and 'WEBHOOK_EVENT_ID="9"' in text
    assert f"stdin: the event's body, {len(charge_body(1, reference='$(id)'))} bytes" in text
    assert not marker.exists()


def test_an_email_dry_run_shows_the_message_and_sends_nothing() -> None:
    rule = ActionRule(
        name="r", kind=ActionKind.EMAIL, to=("a@b.c",), subject="Pago {{ reference }}", body="x"
    )
    text = kind_of(ActionKind.EMAIL).preview(
        rule, event(), RunContext(smtp=SmtpSettings(host="nowhere.invalid"))
    )
    assert "SMTP server: nowhere.invalid:587 (starttls)" in text
    assert "To: a@b.c" in text and "Subject: Pago pedido-1" in text


def test_a_notify_action_hands_its_notification_to_the_sink() -> None:
    shown: list[Notification] = []
    rule = ActionRule(name="Pago", kind=ActionKind.NOTIFY, body="{{ reference }} {{ status }}")
    outcome = asyncio.run(NotifyKind().run(rule, event(), RunContext(notify=shown.append)))
    assert outcome.ok
    assert shown == [Notification(title="Pago", message="pedido-1 CONFIRMED", rule_name="Pago", event_id=9)]


@pytest.mark.parametrize(
    "template", ["{{ x.__class__.__mro__ }}", "{{ x.__init__.__globals__ }}", "{{ ''.__class__ }}"]
)
def test_a_template_cannot_reach_python_internals(template: str) -> None:
    try:
        text = render(template, {"x": "a"})
    except TemplateProblem:
        return
    assert "class" not in text and "module" not in text


def test_a_broken_template_fails_in_words() -> None:
    with pytest.raises(TemplateProblem, match="template error"):
        render("{% if %}", {})
