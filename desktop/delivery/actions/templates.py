"""Templates of e-mails and notifications: Jinja2 in a sandbox, for plain text.

A template is the user's text (a rule); the values are the payload's (an attacker's, at
worst). The sandbox keeps a template from reaching Python internals; autoescape is off
because the output is plain text, not HTML; a subject is one line (CR/LF would let a value
add mail headers). A template that fails to render fails the run with the reason in words.
"""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

# Portuguese first: finance users read these (payment events: amount, reference, payer).
DEFAULT_SUBJECT = (
    "[Webhook] {{ provider or 'evento' }} {{ event_type }} {{ status }}"
    "{% if amount_text %} — {{ amount_text }}{% endif %}"
)
DEFAULT_BODY = """\
Chegou um evento que corresponde à regra "{{ rule }}".

Evento nº {{ id }} recebido em {{ received_at }}
Provedor: {{ provider or '—' }}
Tipo: {{ event_type or '—' }}
Status: {{ status or '—' }}
{% if amount_text %}Valor: {{ amount_text }}
{% endif %}{% if reference %}Referência: {{ reference }}
{% endif %}{% if payer %}Pagador: {{ payer }}
{% endif %}{% if entity_id %}Identificador: {{ entity_id }}
{% endif %}Assinatura: {{ signature }}
"""
DEFAULT_TITLE = "{{ rule }}"
DEFAULT_MESSAGE = (
    "{{ event_type or path }} {{ status }}{% if amount_text %} — {{ amount_text }}{% endif %}"
    "{% if reference %} ({{ reference }}){% endif %}"
)

_ENV = SandboxedEnvironment(autoescape=False, keep_trailing_newline=True)


class TemplateProblem(ValueError):
    """A template could not be rendered; the message says why."""


def render(template: str, values: Mapping[str, str]) -> str:
    try:
        return _ENV.from_string(template).render(**values)
    except TemplateError as exc:
        raise TemplateProblem(f"template error: {exc}") from None


def one_line(text: str) -> str:
    """A header value: CR, LF and other line breaks become spaces (no header injection)."""
    return " ".join(text.splitlines()).strip()
