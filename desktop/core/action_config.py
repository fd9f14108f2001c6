"""`[[actions]]` and `[smtp]` of the config file (issue 11), read into core records.

```toml
[[actions]]
name = "baixa no estoque"
filter = "provider:juno type:PAYMENT_NOTIFICATION status:CONFIRMED signature:valid"
command = ["python3", "scripts/on_paid.py"]   # an argv list, never a shell string
cwd = "."                                      # optional; relative to the config file
timeout_s = 30

[[actions]]
name = "avisar o financeiro"
filter = "status:CONFIRMED signature:valid"
email = { to = ["financeiro@example.com"], subject = "Pago: {{ reference }}", body = "..." }

[[actions]]
name = "aviso na tela"
filter = "signature:invalid"
notify = { title = "Assinatura inválida", body = "Evento nº {{ id }}" }

[smtp]
host = "smtp.example.com"
port = 587
security = "starttls"    # or "tls", "none"
user = "monitor@example.com"
password_env = "SMTP_PASSWORD"   # else the keyring's "smtp" secret
from = "monitor@example.com"     # optional; default: user
```
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.actions import DEFAULT_TIMEOUT_S, ActionKind, ActionRule, SmtpSettings
from desktop.core.query import QuerySyntaxError, parse

SECURITY = ("starttls", "tls", "none")


class ActionConfigError(ValueError):
    """Raised with a message that says where and why (config.py turns it into ConfigError)."""


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise ActionConfigError(f"{where} must be a non-empty list of strings")
    return tuple(value)


def _text(raw: dict[str, object], key: str, where: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise ActionConfigError(f"{where}: {key} must be a string")
    return value


def parse_actions(raw_actions: object, source: str, base_dir: Path | None) -> tuple[ActionRule, ...]:
    if not isinstance(raw_actions, list):
        raise ActionConfigError(f"{source}: [[actions]] must be an array of tables")
    rules: list[ActionRule] = []
    for index, raw in enumerate(raw_actions, start=1):
        where = f"{source}: action #{index}"
        if not isinstance(raw, dict):
            raise ActionConfigError(f"{where} must be a table")
        name, text = raw.get("name"), raw.get("filter", "")
        if not isinstance(name, str) or not name.strip():
            raise ActionConfigError(f"{where}: name must be a non-empty string")
        if not isinstance(text, str):
            raise ActionConfigError(f"{where}: filter must be a string (the filter language)")
        try:
            parse(text)
        except QuerySyntaxError as exc:
            raise ActionConfigError(f"{where}: filter {text!r} is not valid: {exc}") from None
        kinds = [key for key in ("command", "email", "notify") if key in raw]
        if len(kinds) != 1:
            raise ActionConfigError(f"{where}: give exactly one of command, email or notify")
        enabled = raw.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ActionConfigError(f"{where}: enabled must be true or false")
        rule = ActionRule(name=name.strip(), kind=ActionKind(kinds[0]), filter=text, enabled=enabled)
        if kinds[0] == "command":
            rule = _command(raw, rule, where, base_dir)
        elif kinds[0] == "email":
            rule = _email(raw["email"], rule, where)
        else:
            rule = _notify(raw["notify"], rule, where)
        problem = rule.problem()
        if problem is not None:
            raise ActionConfigError(f"{where}: {problem}")
        if any(r.name == rule.name for r in rules):
            raise ActionConfigError(f"{where}: another [[actions]] is already named {name!r}")
        rules.append(rule)
    return tuple(rules)


def _command(raw: dict[str, object], rule: ActionRule, where: str, base_dir: Path | None) -> ActionRule:
    if isinstance(raw["command"], str):
        raise ActionConfigError(
            f'{where}: command must be a list of arguments, e.g. ["python3", "x.py"], never a shell string'
        )
    command = _strings(raw["command"], f"{where}: command")
    cwd = _text(raw, "cwd", where)
    # Relative paths mean "next to the config file", not wherever the app was started from.
    if base_dir is not None:
        cwd = str((base_dir / cwd).resolve()) if cwd else str(base_dir.resolve())
    timeout = raw.get("timeout_s", DEFAULT_TIMEOUT_S)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool):
        raise ActionConfigError(f"{where}: timeout_s must be a number of seconds")
    return rule.with_(command=command, cwd=cwd, timeout_s=float(timeout))


def _email(raw: object, rule: ActionRule, where: str) -> ActionRule:
    if not isinstance(raw, dict):
        raise ActionConfigError(
            f"{where}: email must be a table: {{ to = [...], subject = ..., body = ... }}"
        )
    to = _strings(raw.get("to"), f"{where}: email.to")
    return rule.with_(to=to, subject=_text(raw, "subject", where), body=_text(raw, "body", where))


def _notify(raw: object, rule: ActionRule, where: str) -> ActionRule:
    if not isinstance(raw, dict):
        raise ActionConfigError(f"{where}: notify must be a table: {{ title = ..., body = ... }}")
    return rule.with_(subject=_text(raw, "title", where), body=_text(raw, "body", where))


def parse_smtp(raw: object, source: str) -> SmtpSettings:
    where = f"{source}: [smtp]"
    if not isinstance(raw, dict):
        raise ActionConfigError(f"{where} must be a table")
    if "password" in raw:
        raise ActionConfigError(
            f"{where}: passwords do not belong in the config file; name an environment variable "
            "with password_env, or keep it in the keyring"
        )
    host = _text(raw, "host", where)
    port = raw.get("port", 587)
    if not isinstance(port, int) or not 0 < port <= 65535:
        raise ActionConfigError(f"{where}: port must be a whole number from 1 to 65535")
    security = raw.get("security", "starttls")
    if security not in SECURITY:
        raise ActionConfigError(f"{where}: security must be one of {', '.join(SECURITY)}")
    return SmtpSettings(
        host=host,
        port=port,
        security=str(security),
        user=_text(raw, "user", where),
        password_env=_text(raw, "password_env", where),
        sender=_text(raw, "from", where),
    )
