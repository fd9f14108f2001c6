"""A read-only monospace text with a note, copy buttons and a find bar (Ctrl+F).

The text shown may be a preview (the first 512 KB); what the copy button takes comes from a
callable, so a 20 MB body is decoded only when somebody actually copies it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

MAX_MARKED = 2000  # matches painted yellow; the count still covers every match
SEARCH_DEBOUNCE_MS = 120


def mono_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


class _FindEdit(QLineEdit):
    """Enter finds the next match, Shift+Enter the previous one, Esc closes the bar."""

    def __init__(self, bar: FindBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._bar.step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        elif event.key() == Qt.Key.Key_Escape:
            self._bar.close_bar()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    """Case-insensitive search in one text view, with "3 of 12" and every match marked."""

    def __init__(self, view: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.cut_note = ""  # set when the text is a preview: the count covers only what is shown
        self.edit = _FindEdit(self)
        self.edit.setPlaceholderText(self.tr("Find in body"))
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        previous = QToolButton()
        previous.setText("▲")
        previous.setToolTip(self.tr("Previous match (Shift+Enter)"))
        previous.clicked.connect(lambda: self.step(-1))
        following = QToolButton()
        following.setText("▼")
        following.setToolTip(self.tr("Next match (Enter)"))
        following.clicked.connect(lambda: self.step(1))
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.matches: list[tuple[int, int]] = []  # (start, end) in the document
        self.current = -1
        self.total = 0

    def open_bar(self) -> None:
        self.setVisible(True)
        self.edit.setFocus()
        self.edit.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.setVisible(False)
        self.view.setExtraSelections([])
        self.view.setFocus()

    def search(self) -> None:
        """Count every match in the text shown, mark the first MAX_MARKED, go to the first."""
        self._timer.stop()
        needle = self.edit.text()
        self.matches = []
        self.current = -1
        self.total = 0
        if not needle or not self.isVisible():
            self.count.setText("")
            self.view.setExtraSelections([])
            return
        document = self.view.document()
        self.total = document.toPlainText().lower().count(needle.lower())
        cursor = QTextCursor(document)
        while len(self.matches) < MAX_MARKED:
            cursor = document.find(needle, cursor)
            if cursor.isNull():
                break
            self.matches.append((cursor.selectionStart(), cursor.selectionEnd()))
        self.current = 0 if self.matches else -1
        self._show()

    def step(self, direction: int) -> None:
        if not self.matches:
            self.search()
            return
        self.current = (self.current + direction) % len(self.matches)
        self._show()

    def _show(self) -> None:
        if not self.matches:
            self.count.setText(self.tr("no matches"))
            self.count.setStyleSheet("color: #c0392b;")
            self.view.setExtraSelections([])
            return
        self.count.setStyleSheet("")
        shown = self.tr("{0} of {1}").format(self.current + 1, self.total)
        self.count.setText(shown + (f" {self.cut_note}" if self.cut_note else ""))
        selections = []
        for i, (start, end) in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            colour = "#ff9632" if i == self.current else "#fff176"
            selection.format.setBackground(QColor(colour))  # type: ignore[attr-defined]
            selections.append(selection)
        self.view.setExtraSelections(selections)
        start, end = self.matches[self.current]
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()


class TextPane(QWidget):
    """A read-only monospace text with a note above, a find bar and buttons below."""

    def __init__(self, copy_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # notes quote payload bits (a number...)
        self.note.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setFont(mono_font())
        self.text.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
        self.find_bar = FindBar(self.text)
        self.find_bar.setVisible(False)
        self._copy_source: Callable[[], str] = lambda: ""
        self.buttons = QHBoxLayout()
        self.copy_button = QPushButton(copy_label)
        self.copy_button.clicked.connect(lambda: copy_to_clipboard(self.copy_text))
        self.buttons.addWidget(self.copy_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.note)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.find_bar)
        layout.addLayout(self.buttons)

    @property
    def copy_text(self) -> str:
        """What the copy button puts on the clipboard (computed when asked)."""
        return self._copy_source()

    def show_plain(self, text: str, note: str = "", copy: Callable[[], str] | None = None) -> None:
        self.set_note(note)
        self.text.setPlainText(text)
        self._copy_source = copy if copy is not None else (lambda: text)
        self._refresh_search()

    def show_html(self, html: str) -> None:
        """The same text, coloured (the copy source and the note stay)."""
        bar = self.text.verticalScrollBar()
        position = bar.value()
        self.text.setHtml(html)
        bar.setValue(position)
        self._refresh_search()

    def set_note(self, note: str) -> None:
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _refresh_search(self) -> None:
        if self.find_bar.isVisible() and self.find_bar.edit.text():
            self.find_bar.search()
        else:
            self.text.setExtraSelections([])
