"""JSON colouring for the inspector's text, one line (text block) at a time.

A QSyntaxHighlighter colours only the blocks that change, so a preview appended in chunks is
coloured chunk by chunk, never all at once. (The Pygments HTML it replaces cost 0.6 s of
`setHtml` on the UI thread for a 200 KB body.)
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from desktop.ui.theme import Tone, tone_colour

# A string (a key when a colon follows), a number, or a literal.
_TOKEN = re.compile(r'("(?:[^"\\]|\\.)*"?)(\s*:)?|(-?\d[\d.eE+-]*)|\b(true|false|null)\b')
MAX_LINE = 4096  # past this, a (minified) line is left plain: colouring it costs more than it helps


def _format(colour: str, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(700)
    return fmt


class _Looks:
    """Formats in tones readable on the palette in use (ui/theme.py), made again when the
    theme changes (the next highlighted block picks them up)."""

    def __init__(self) -> None:
        self._base = -1
        self._formats: list[QTextCharFormat] = []

    def get(self, *tones: tuple[Tone, bool]) -> list[QTextCharFormat]:
        base = QGuiApplication.palette().color(QPalette.ColorRole.Base).rgba()
        if base != self._base:
            self._base = base
            self._formats = [_format(tone_colour(tone).name(), bold) for tone, bold in tones]
        return self._formats


class JsonHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._looks = _Looks()

    def highlightBlock(self, text: str) -> None:
        if len(text) > MAX_LINE:
            return
        self._key, self._string, self._number, self._literal = self._looks.get(
            (Tone.INFO, True), (Tone.GOOD, False), (Tone.WARNING, False), (Tone.REFUNDED, False)
        )
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
        self._looks = _Looks()

    def highlightBlock(self, text: str) -> None:
        self._removed, self._added, self._hunk = self._looks.get(
            (Tone.BAD, False), (Tone.GOOD, False), (Tone.INFO, True)
        )
        if text.startswith(("---", "+++", "@@")):
            self.setFormat(0, len(text), self._hunk)
        elif text.startswith("-"):
            self.setFormat(0, len(text), self._removed)
        elif text.startswith("+"):
            self.setFormat(0, len(text), self._added)
