"""The filter bar: type a query (with completion), see syntax errors in place.

The bar only parses; the view that owns it turns the parsed query into SQL for its own
table. On a syntax error the bar says where, and the last valid filter stays applied.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.core.query import (
    FIELDS,
    FieldMatch,
    Not,
    Pattern,
    Query,
    QuerySyntaxError,
    complete,
    completion_span,
    parse,
    to_text,
)
from desktop.ui.theme import Tone, text_style, tone_colour

DEBOUNCE_MS = 250


class _QueryEdit(QLineEdit):
    """A line edit whose completer replaces only the word at the cursor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestions = QStringListModel(self)
        self.completer_ = QCompleter(self.suggestions, self)
        self.completer_.setWidget(self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.activated.connect(self._insert)
        self.known_values: dict[str, list[str]] = {}
        self.textEdited.connect(self._suggest)

    def _suggest(self) -> None:
        popup = self.completer_.popup()
        if not self.text().strip():
            # Cleared (the clear button, or the last character deleted): nothing is being typed,
            # so no list pops up over the table's first rows.
            if popup is not None:
                popup.hide()
            return
        options = complete(self.text(), self.cursorPosition(), self.known_values)
        self.suggestions.setStringList(options[:30])
        if options:
            self.completer_.complete()
        elif popup is not None:
            popup.hide()

    def _insert(self, choice: str) -> None:
        text, cursor = self.text(), self.cursorPosition()
        start, end = completion_span(text, cursor)
        self.setText(text[:start] + choice + text[end:])
        self.setCursorPosition(start + len(choice))
        self.textEdited.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer_.popup()
        if (
            popup is not None
            and popup.isVisible()
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
        ):
            event.ignore()  # the popup takes it
            return
        super().keyPressEvent(event)


class FilterBar(QWidget):
    """Signals:
    query_changed(object): a new valid query (a `Query`, or None for "everything").
    save_requested(str): the user wants to keep the current text as a named filter.
    """

    query_changed = Signal(object)
    save_requested = Signal(str)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _QueryEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(
            placeholder
            or self.tr(
                "Filter: pedido-1001   status:PAID   signature:invalid today   body.data[0].amount:>100"
            )
        )
        self.edit.setAccessibleName(self.tr("Filter"))
        self.save_button = QPushButton(self.tr("Save filter…"))
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.edit.text()))
        self.error = QLabel()
        self.error.setStyleSheet(text_style(Tone.BAD))
        self.error.setVisible(False)
        self.status = QLabel()
        self.status.setStyleSheet(text_style(Tone.NEUTRAL))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.returnPressed.connect(self.apply)
        self.applied_text = ""

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.status)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Replace the query (e.g. a saved filter was picked) and apply it at once."""
        self.edit.setText(text)
        self.apply()

    def set_known_values(self, values: dict[str, list[str]]) -> None:
        self.edit.known_values = values

    def closeEvent(self, event: QCloseEvent) -> None:
        # A query typed just before closing is not applied afterwards (to a closed store).
        self._timer.stop()
        super().closeEvent(event)

    def apply(self) -> None:
        self._timer.stop()
        text = self.edit.text()
        try:
            query = parse(text)
        except QuerySyntaxError as exc:
            self.show_error(exc)
            return
        self.clear_error()
        if text == self.applied_text:
            return
        self.applied_text = text
        self.query_changed.emit(query)

    def show_error(self, exc: QuerySyntaxError) -> None:
        """Point at the problem; the table keeps the last valid filter."""
        text = self.edit.text()
        where = min(exc.position, len(text))
        near = text[max(0, where - 12) : where + 12]
        self.error.setText(
            self.tr("✖ {0} — at character {1}: “{2}”. Showing the last valid filter.").format(
                exc.message, where + 1, near
            )
        )
        self.error.setVisible(True)
        self.edit.setStyleSheet(f"QLineEdit {{ border: 1px solid {tone_colour(Tone.BAD).name()}; }}")
        self.edit.setToolTip(exc.message)

    def clear_error(self) -> None:
        self.error.setVisible(False)
        self.edit.setStyleSheet("")
        self.edit.setToolTip("")

    def add_condition(self, field: str, value: object, exclude: bool = False) -> None:
        """Narrow the filter to (or exclude) one value, as from "filter by this value"."""
        match: FieldMatch
        if FIELDS[field].kind in ("number", "size"):
            match = FieldMatch(field, "=", Decimal(str(value)))
        else:
            match = FieldMatch(field, "=", Pattern.exact(str(value)))
        node: Query = Not(match) if exclude else match
        current = self.edit.text().strip()
        self.set_text(f"{current} {to_text(node)}".strip())
