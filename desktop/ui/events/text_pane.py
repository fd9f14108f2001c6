"""A read-only monospace text with a note, copy buttons and a find bar (Ctrl+F).

The text shown may be a preview (the first 512 KB); what the copy button takes comes from a
callable, so a 20 MB body is copied only when somebody asks, as its exact bytes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QKeyEvent,
    QSyntaxHighlighter,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.locale_format import format_number
from desktop.ui.theme import Tone, text_style

# A text is shown CHUNK characters at a time: more is appended as the user scrolls near the
# end (or, for a search, a chunk per turn of the event loop). setPlainText of a whole 512 KB
# preview took 0.15-0.27 s; a chunk costs about a millisecond.
CHUNK = 16 * 1024
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

    def __init__(self, view: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.cut_note = ""  # set when the text is a preview: the count covers only what is shown
        # For a cut preview: counts a needle in the whole body (elsewhere), answering later.
        self.whole_count: Callable[[str, Callable[[int], None]], None] | None = None
        self.whole_total: int | None = None
        self.edit = _FindEdit(self)
        self.edit.setPlaceholderText(self.tr("Find in body"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Find in body"))
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        previous = QToolButton()
        previous.setText("▲")
        previous.setToolTip(self.tr("Previous match (Shift+Enter)"))
        previous.setAccessibleName(self.tr("Previous match"))  # not "up-pointing triangle"
        previous.clicked.connect(lambda: self.step(-1))
        following = QToolButton()
        following.setText("▼")
        following.setToolTip(self.tr("Next match (Enter)"))
        following.setAccessibleName(self.tr("Next match"))
        following.clicked.connect(lambda: self.step(1))
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Close (Esc)"))
        close.setAccessibleName(self.tr("Close the search"))
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
        owner = self.parent()
        if isinstance(owner, TextPane):
            owner.load_all()
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
        self.whole_total = None
        if not needle or not self.isVisible():
            self.count.setText("")
            self.view.setExtraSelections([])
            return
        document = self.view.document()
        owner = self.parent()
        shown = owner.shown if isinstance(owner, TextPane) else document.toPlainText()
        self.total = shown.lower().count(needle.lower())
        cursor = QTextCursor(document)
        while len(self.matches) < MAX_MARKED:
            cursor = document.find(needle, cursor)
            if cursor.isNull():
                break
            self.matches.append((cursor.selectionStart(), cursor.selectionEnd()))
        self.current = 0 if self.matches else -1
        self._show()
        if self.whole_count is not None and self.cut_note:
            self.whole_count(needle, lambda total: self._counted_whole(needle, total))

    def _counted_whole(self, needle: str, total: int) -> None:
        if needle == self.edit.text() and self.isVisible():
            self.whole_total = total
            self.count.setText(self._label())

    def _label(self) -> str:
        if self.matches:
            label = self.tr("{0} of {1}").format(self.current + 1, self.total)
        else:
            label = self.tr("no matches")
        if self.cut_note:
            label += f" {self.cut_note}"
        if self.whole_total is not None:
            label += self.tr(" · {0} in the whole body").format(format_number(self.whole_total))
        return label

    def step(self, direction: int) -> None:
        if not self.matches:
            self.search()
            return
        self.current = (self.current + direction) % len(self.matches)
        self._show()

    def _show(self) -> None:
        self.count.setText(self._label())
        if not self.matches:
            self.count.setStyleSheet(text_style(Tone.BAD))
            self.view.setExtraSelections([])
            return
        self.count.setStyleSheet("")
        selections = []
        for i, (start, end) in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            colour = "#ff9632" if i == self.current else "#fff176"
            selection.format.setBackground(QColor(colour))  # type: ignore[attr-defined]
            # Dark text on the yellow marks, also when a dark theme makes the text light.
            selection.format.setForeground(QColor("#1d1d1d"))  # type: ignore[attr-defined]
            selections.append(selection)
        self.view.setExtraSelections(selections)
        start, end = self.matches[self.current]
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()


class TextPane(QWidget):
    """A read-only monospace text with a note above, a find bar and buttons below.

    A long text is shown a chunk at a time, more appended as the user scrolls near its end
    (setPlainText of a 512 KB preview took 0.15-0.27 s in one go); `loaded` says when the
    whole text is in.
    """

    def __init__(self, copy_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # notes quote payload bits (a number...)
        self.note.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(mono_font())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.find_bar = FindBar(self.text, self)
        self.find_bar.setVisible(False)
        self.highlighter: QSyntaxHighlighter | None = None
        self.shown = ""  # the whole text (the widget may hold only its start while loading)
        self._copy_source: Callable[[], str | bytes] = lambda: ""
        self._pending: list[str] = []
        self._feeder = QTimer(self)  # runs only while a search needs the whole text
        self._feeder.setInterval(0)
        self._feeder.timeout.connect(self._feed)
        self.text.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.buttons = QHBoxLayout()
        self.copy_button = QPushButton(copy_label)
        self.copy_button.clicked.connect(self.copy)
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
        """What the copy button puts on the clipboard, as text."""
        source = self._copy_source()
        return source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source

    @property
    def loaded(self) -> bool:
        return not self._pending

    def copy(self) -> None:
        source = self._copy_source()
        if isinstance(source, bytes):
            # The exact bytes, never decoded here: 20 MB to a str and back took ~0.15 s.
            data = QMimeData()
            payload = QByteArray(source)  # shared by both formats, not copied twice
            data.setData("text/plain;charset=utf-8", payload)  # what X11 offers as UTF8_STRING
            data.setData("text/plain", payload)
            QGuiApplication.clipboard().setMimeData(data)
        else:
            copy_to_clipboard(source)

    def show_plain(
        self,
        text: str,
        note: str = "",
        copy: Callable[[], str | bytes] | None = None,
        highlighter: type[QSyntaxHighlighter] | None = None,
    ) -> None:
        """Show `text` (`copy` gives what the copy button takes; the text itself by default)."""
        self.set_note(note)
        self._copy_source = copy if copy is not None else (lambda: text)
        self.shown = text
        self._set_highlighter(highlighter)
        chunks = _chunks(text)
        self.text.setPlainText(chunks[0] if chunks else "")
        self._pending = chunks[1:][::-1]  # popped from the end
        self._feeder.stop()
        self._refresh_search()

    def load_all(self) -> None:
        """Append the rest of the text, a chunk per turn of the event loop."""
        if self._pending:
            self._feeder.start()

    def _scrolled(self, value: int) -> None:
        bar = self.text.verticalScrollBar()
        if self._pending and value >= bar.maximum() - 2 * bar.pageStep():
            self._feed()

    def set_note(self, note: str) -> None:
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _set_highlighter(self, kind: type[QSyntaxHighlighter] | None) -> None:
        if self.highlighter is not None and type(self.highlighter) is kind:
            return
        if self.highlighter is not None:
            self.highlighter.setDocument(None)  # type: ignore[arg-type]
            self.highlighter.deleteLater()
            self.highlighter = None
        if kind is not None:
            self.highlighter = kind(self.text.document())

    def _feed(self) -> None:
        if not self._pending:
            self._feeder.stop()
            return
        cursor = QTextCursor(self.text.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(self._pending.pop())
        if not self._pending:
            self._feeder.stop()
            self._refresh_search()

    def _refresh_search(self) -> None:
        if self.find_bar.isVisible() and self.find_bar.edit.text():
            self.load_all()  # the matches past what is shown must be marked too
            self.find_bar.search()
        else:
            self.text.setExtraSelections([])


def _chunks(text: str) -> list[str]:
    """`text` in pieces of about CHUNK characters, cut after a line end where there is one."""
    pieces = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + CHUNK, start + 4 * CHUNK)
        end = min(len(text), start + CHUNK) if end < 0 else end
        pieces.append(text[start:end])
        start = end
    return pieces
