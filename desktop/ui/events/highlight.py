"""JSON colouring for the inspector's text, one line (text block) at a time.

A QSyntaxHighlighter colours only the blocks that change, so a preview appended in chunks is
coloured chunk by chunk, never all at once. (The Pygments HTML it replaces cost 0.6 s of
`setHtml` on the UI thread for a 200 KB body.)
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

# A string (a key when a colon follows), a number, or a literal.
_TOKEN = re.compile(r'("(?:[^"\\]|\\.)*"?)(\s*:)?|(-?\d[\d.eE+-]*)|\b(true|false|null)\b')
MAX_LINE = 4096  # past this, a (minified) line is left plain: colouring it costs more than it helps


def _format(colour: str, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(700)
    return fmt


class JsonHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._key = _format("#1a237e", bold=True)
        self._string = _format("#0b7a0b")
        self._number = _format("#b45309")
        self._literal = _format("#8a2be2")

    def highlightBlock(self, text: str) -> None:
        if len(text) > MAX_LINE:
            return
        for match in _TOKEN.finditer(text):
            if match.group(1) is not None:
                fmt = self._key if match.group(2) else self._string
                self.setFormat(match.start(1), len(match.group(1)), fmt)
            elif match.group(3) is not None:
                self.setFormat(match.start(3), len(match.group(3)), self._number)
            else:
                self.setFormat(match.start(4), len(match.group(4)), self._literal)


class DiffHighlighter(QSyntaxHighlighter):
    """A unified diff: removed lines red, added lines green, hunk headers blue."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._removed = _format("#b3261e")
        self._added = _format("#1b7f3b")
        self._hunk = _format("#1f4fb5", bold=True)

    def highlightBlock(self, text: str) -> None:
        if text.startswith(("---", "+++", "@@")):
            self.setFormat(0, len(text), self._hunk)
        elif text.startswith("-"):
            self.setFormat(0, len(text), self._removed)
        elif text.startswith("+"):
            self.setFormat(0, len(text), self._added)
