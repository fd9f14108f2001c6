"""A dashboard card: a title, one big figure and a line of detail; the whole card is a button.

A flat push button (focusable, Enter/Space and a click both open the rows behind the figure)
drawn as a card from the widget palette, so it fits light and dark themes alike.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desktop.ui.theme import Tone, tone_colour

CARD_STYLE = """
QPushButton#card {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 8px;
    text-align: left;
}
QPushButton#card:hover, QPushButton#card:focus { border: 2px solid palette(highlight); }
QPushButton#card:disabled { background: palette(window); }
"""


def muted(palette: QPalette) -> QColor:
    """Secondary text: the text colour two thirds of the way to the background."""
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return QColor(
        (text.red() * 2 + base.red()) // 3,
        (text.green() * 2 + base.green()) // 3,
        (text.blue() * 2 + base.blue()) // 3,
    )


class FigureCard(QPushButton):
    """`set_figure(value, detail)`; `clicked` when the user opens it. `accent` colours the figure
    (e.g. red for failures) only while it is not zero, so a calm day looks calm."""

    def __init__(self, title: str, accent: Tone | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(96)
        self._accent = accent
        self.title = QLabel(title)
        self.value = QLabel("…")
        self.detail = QLabel("")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        for label in (self.title, self.value, self.detail):
            # The labels only draw: clicks and hover belong to the button underneath.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self._recolour()

    def set_figure(self, value: str, detail: str = "", *, alert: bool = False) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        # The tone made into a colour for the palette in use (ui/theme.py): readable on the card
        # (the table-row base colour) in light and dark.
        colour = tone_colour(self._accent, self.palette()).name() if alert and self._accent else ""
        self.value.setStyleSheet(f"color: {colour}" if colour else "")
        self.setAccessibleName(f"{self.title.text()}: {value} {detail}".strip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()
        super().changeEvent(event)

    def _recolour(self) -> None:
        colour = muted(self.palette()).name()
        self.title.setStyleSheet(f"color: {colour}; font-weight: bold")
        self.detail.setStyleSheet(f"color: {colour}")
