"""Show a desktop notification: a title and a text from templates."""

from __future__ import annotations

from desktop.core.actions import ActionKind, ActionRule, Notification, RunOutcome
from desktop.core.model import StoredEvent
from desktop.delivery.actions.base import RunContext
from desktop.delivery.actions.fields import event_fields
from desktop.delivery.actions.templates import (
    DEFAULT_MESSAGE,
    DEFAULT_TITLE,
    TemplateProblem,
    one_line,
    render,
)


def notification(rule: ActionRule, event: StoredEvent) -> Notification:
    values = {**event_fields(event), "rule": rule.name}
    title = one_line(render(rule.subject or DEFAULT_TITLE, values))
    message = render(rule.body or DEFAULT_MESSAGE, values).strip()
    return Notification(title=title, message=message, rule_name=rule.name, event_id=event.id)


class NotifyKind:
    kind = ActionKind.NOTIFY

    async def run(self, rule: ActionRule, event: StoredEvent, ctx: RunContext) -> RunOutcome:
        try:
            shown = notification(rule, event)
        except TemplateProblem as exc:
            return RunOutcome(ok=False, answer=str(exc), retryable=False)
        ctx.notify(shown)
        return RunOutcome(ok=True, answer=f"shown: {shown.title}")

    def preview(self, rule: ActionRule, event: StoredEvent, ctx: RunContext) -> str:
        try:
            shown = notification(rule, event)
        except TemplateProblem as exc:
            return str(exc)
        return f"Notification\nTitle: {shown.title}\n\n{shown.message}\n"
