"""JSON syntax colouring for the inspector, by Pygments (inline styles, no style sheet)."""

from __future__ import annotations

import html

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import JsonLexer

# Colouring a very large document costs more than it helps; plain text past this size.
HIGHLIGHT_LIMIT = 200 * 1024

_FORMATTER = HtmlFormatter(noclasses=True, nowrap=True, style="default")
_LEXER = JsonLexer()


def highlight_json_html(text: str) -> str:
    body = html.escape(text) if len(text) > HIGHLIGHT_LIMIT else highlight(text, _LEXER, _FORMATTER)
    return f"<pre style='margin:0'>{body}</pre>"
