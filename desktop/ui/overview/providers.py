"""Today's events per provider, as a row of chips: `juno: 1.234`, each a button to those events."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

CHIP_STYLE = (
    "QPushButton { border: 1px solid palette(mid); border-radius: 10px; padding: 3px 12px;"
    " background: palette(base); }"
    " QPushButton:hover, QPushButton:focus { border-color: palette(highlight); }"
)


class ProviderChips(QWidget):
    """`show_counts({provider: count})`, most events first ('' is events no provider recognised).

    Signals:
        picked(provider): the user clicked a provider's chip.
    """

    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self._row.addWidget(QLabel(self.tr("Per provider today:")))
        self._row.addStretch(1)

    def show_counts(self, per_provider: dict[str, int]) -> None:
        for name in list(self.buttons):
            if name not in per_provider:
                self.buttons.pop(name).deleteLater()
        ordered = sorted(per_provider.items(), key=lambda item: (-item[1], item[0]))
        for position, (name, count) in enumerate(ordered):
            button = self.buttons.get(name)
            if button is None:
                button = self.buttons[name] = self._chip(name)
            shown = name or self.tr("not recognised")
            button.setText(f"{shown}: {QLocale().toString(count)}")
            self._row.insertWidget(position + 1, button)  # after the label
            button.show()  # at once, not when the layout gets to it (a grab right after sees it)

    def _chip(self, name: str) -> QPushButton:
        button = QPushButton()
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setToolTip(self.tr("Today's events of this provider"))
        button.setStyleSheet(CHIP_STYLE)
        button.clicked.connect(lambda: self.picked.emit(name))
        return button
