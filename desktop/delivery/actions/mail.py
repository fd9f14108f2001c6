"""Send an e-mail through the user's SMTP server: recipients from the rule, text from templates.

The recipients, sender and server come only from the rule and `[smtp]`; the payload fills
the templates of the subject and body, nothing else. smtplib runs in a worker thread (the
conversation blocks), so the hub's loop keeps dispatching. The run records the server's
answer to DATA ("250 OK …"), or its refusal.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from desktop.core.actions import ActionKind, ActionRule, RunOutcome, SmtpSettings
from desktop.core.model import StoredEvent
from desktop.delivery.actions.base import RunContext
from desktop.delivery.actions.fields import event_fields
from desktop.delivery.actions.templates import (
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    TemplateProblem,
    one_line,
    render,
)


def compose(rule: ActionRule, event: StoredEvent, smtp: SmtpSettings) -> EmailMessage:
    values = {**event_fields(event), "rule": rule.name}
    message = EmailMessage()
    message["Subject"] = one_line(render(rule.subject or DEFAULT_SUBJECT, values))
    message["From"] = smtp.from_address
    message["To"] = ", ".join(rule.to)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="webhook-monitor.local")
    message.set_content(render(rule.body or DEFAULT_BODY, values))
    return message


def _answer(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    return f"{code} {words}".strip()


def _refused(step: str, code: int, text: bytes) -> RunOutcome:
    # 4xx is "try later" (greylisting, a full mailbox); 5xx will not change by itself.
    return RunOutcome(ok=False, answer=f"{step} refused: {_answer(code, text)}", retryable=code < 500)


def _send(smtp: SmtpSettings, password: str | None, message: EmailMessage, to: tuple[str, ...]) -> RunOutcome:
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if smtp.security == "tls":
        client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_s, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_s)
    with client:
        client.ehlo()
        if smtp.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if smtp.user and password:
            client.login(smtp.user, password)
        code, text = client.mail(smtp.from_address)
        if code != 250:
            return _refused("MAIL FROM", code, text)
        accepted = 0
        refusals = []
        for address in to:
            code, text = client.rcpt(address)
            if code in (250, 251):
                accepted += 1
            else:
                refusals.append(f"{address}: {_answer(code, text)}")
        if not accepted:
            client.rset()
            return RunOutcome(
                ok=False, answer="all recipients refused: " + "; ".join(refusals), retryable=False
            )
        code, text = client.data(message.as_bytes())
        if code != 250:
            return _refused("DATA", code, text)
        answer = _answer(code, text)
        if refusals:
            answer += " (refused: " + "; ".join(refusals) + ")"
        return RunOutcome(ok=True, answer=answer)


class EmailKind:
    kind = ActionKind.EMAIL

    async def run(self, rule: ActionRule, event: StoredEvent, ctx: RunContext) -> RunOutcome:
        if not ctx.smtp.configured:
            return RunOutcome(ok=False, answer="no SMTP server configured ([smtp] host)", retryable=True)
        try:
            message = compose(rule, event, ctx.smtp)
        except TemplateProblem as exc:
            return RunOutcome(ok=False, answer=str(exc), retryable=False)
        try:
            return await asyncio.to_thread(_send, ctx.smtp, ctx.smtp_password(), message, rule.to)
        except smtplib.SMTPAuthenticationError as exc:
            return RunOutcome(ok=False, answer=f"login refused: {_answer(exc.smtp_code, exc.smtp_error)}")
        except (smtplib.SMTPException, OSError) as exc:
            return RunOutcome(ok=False, answer=f"SMTP {ctx.smtp.host}:{ctx.smtp.port}: {exc}")

    def preview(self, rule: ActionRule, event: StoredEvent, ctx: RunContext) -> str:
        try:
            message = compose(rule, event, ctx.smtp)
        except TemplateProblem as exc:
            return str(exc)
        server = (
            f"{ctx.smtp.host}:{ctx.smtp.port} ({ctx.smtp.security})"
            if ctx.smtp.configured
            else "none configured"
        )
        head = "\n".join(f"{name}: {value}" for name, value in message.items() if name != "Message-ID")
        return f"E-mail (dry run: nothing was sent)\nSMTP server: {server}\n{head}\n\n{message.get_content()}"
