"""Actions: what runs when a matching event arrives (issue 11, "receive and pass on").

Pure records, no Qt, no SQL. A rule names a filter (the filter language) and one thing to
do: run a command, send an e-mail, or show a desktop notification. What a rule does comes
only from the rule, never from the payload: a payload fills the stdin, environment values
and template fields, nothing else (see desktop/delivery/actions/).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

DEFAULT_TIMEOUT_S = 30.0
MAX_TIMEOUT_S = 3600.0
OUTPUT_LIMIT = 64 * 1024  # bytes of stdout and of stderr kept per run


class ActionKind(StrEnum):
    COMMAND = "command"
    EMAIL = "email"
    NOTIFY = "notify"


class JobState(StrEnum):
    PENDING = "pending"
    RUNNING = "running"  # claimed by a process (shown only; the store keeps the claim)
    RETRYING = "retrying"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ActionRule:
    """One `[[actions]]` entry or a rule made in the window.

    `subject` and `body` are templates (Jinja2, sandboxed): the e-mail's subject and body,
    or the notification's title and text. Empty means the built-in Portuguese template.
    `origin` is 'config' for rules written from the config file (edited there, not in the
    window) and '' for the window's own.
    """

    name: str
    kind: ActionKind
    filter: str = ""
    command: tuple[str, ...] = ()
    cwd: str = ""
    timeout_s: float = DEFAULT_TIMEOUT_S
    to: tuple[str, ...] = ()
    subject: str = ""
    body: str = ""
    enabled: bool = True
    origin: str = ""
    id: int | None = None

    def with_(self, **changes: object) -> ActionRule:
        return replace(self, **changes)  # type: ignore[arg-type]

    def problem(self) -> str | None:
        """Why this rule cannot run as written, in words; None when it can."""
        if not self.name.strip():
            return "a rule needs a name"
        if self.kind is ActionKind.COMMAND:
            if not self.command or not all(isinstance(a, str) and a for a in self.command):
                return "command must be a non-empty list of arguments"
            if not 0 < self.timeout_s <= MAX_TIMEOUT_S:
                return f"timeout_s must be more than 0 and at most {MAX_TIMEOUT_S:g}"
        if self.kind is ActionKind.EMAIL and not _addresses(self.to):
            return "email.to must list at least one address"
        return None


def _addresses(to: tuple[str, ...]) -> bool:
    return bool(to) and all("@" in a and "\n" not in a and "\r" not in a for a in to)


@dataclass(frozen=True, slots=True)
class ActionJob:
    """One (rule, event) in a rule's queue. `manual` jobs were asked for by a person."""

    id: int
    rule_id: int
    event_id: int
    state: JobState
    attempts: int
    next_at: float
    last_error: str
    created_at: float
    manual: bool = False


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """What one run of an action gave (a kind's answer, before it is stored).

    `answer` is the summary a person reads first: "exit 0", "timed out after 30 s", the
    SMTP server's answer, "shown". Output is text, kept as such and never executed.
    """

    ok: bool
    answer: str
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    retryable: bool = True  # False: trying again cannot help (a refused recipient, bad argv)


@dataclass(frozen=True, slots=True)
class ActionRun:
    """A stored run: when, how long, and what came back."""

    id: int
    job_id: int | None
    rule_id: int
    rule_name: str
    kind: ActionKind
    event_id: int
    started_at: float
    duration_s: float
    ok: bool
    answer: str
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    manual: bool = False


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """The `[smtp]` table. The password comes from `password_env`, else from the keyring
    (the secret named "smtp" in the app's secret store); never from the config file."""

    host: str = ""
    port: int = 587
    security: str = "starttls"  # "starttls" | "tls" | "none"
    user: str = ""
    password_env: str = ""
    sender: str = ""  # the From address; default: user
    timeout_s: float = 30.0

    @property
    def configured(self) -> bool:
        return bool(self.host)

    @property
    def from_address(self) -> str:
        return self.sender or self.user or "webhook-monitor@localhost"


@dataclass(frozen=True, slots=True)
class Notification:
    """A desktop notification an action asks for; the window shows it, headless logs it."""

    title: str
    message: str
    rule_name: str = ""
    event_id: int | None = None
