"""The contract of an action kind: run it on an event, or describe exactly what it would do.

To add a kind: a module here with a class that has `kind`, `run` and `preview`, an entry in
registry.py, and its fields in `ActionRule` (desktop/core/actions.py) and the config.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from desktop.core.actions import ActionKind, ActionRule, Notification, RunOutcome, SmtpSettings
from desktop.core.model import StoredEvent


@dataclass(frozen=True)
class RunContext:
    """What kinds need from the process around them.

    Args:
        smtp: the `[smtp]` table (an e-mail rule fails in words when it has no host).
        smtp_password: the SMTP password (environment or keyring), looked up at each send.
        notify: shows a notification (the window) or logs it (headless).
    """

    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    smtp_password: Callable[[], str | None] = lambda: None
    notify: Callable[[Notification], None] = lambda _n: None


class ActionRunnerKind(Protocol):
    kind: ActionKind

    async def run(self, rule: ActionRule, event: StoredEvent, ctx: RunContext) -> RunOutcome:
        """Do it once; never raises for a failure of the action itself (it is an outcome)."""
        ...

    def preview(self, rule: ActionRule, event: StoredEvent, ctx: RunContext) -> str:
        """Dry run: exactly what `run` would execute or send, as text; does nothing."""
        ...
