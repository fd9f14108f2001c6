"""The action kinds by name. To add one, see base.py."""

from __future__ import annotations

from desktop.core.actions import ActionKind
from desktop.delivery.actions.base import ActionRunnerKind
from desktop.delivery.actions.command import CommandKind
from desktop.delivery.actions.mail import EmailKind
from desktop.delivery.actions.notify import NotifyKind

KINDS: dict[ActionKind, ActionRunnerKind] = {
    ActionKind.COMMAND: CommandKind(),
    ActionKind.EMAIL: EmailKind(),
    ActionKind.NOTIFY: NotifyKind(),
}


def kind_of(kind: ActionKind) -> ActionRunnerKind:
    return KINDS[kind]
