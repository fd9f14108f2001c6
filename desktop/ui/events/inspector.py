"""The inspector: everything about one event, with a copy button for each part."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import parse_qsl

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.body_diff import Comparison
from desktop.core.body_view import raw_request_text
from desktop.core.model import StoredEvent, Verdict
from desktop.core.responses import describe_answer
from desktop.ui.events.body_process import BodyProcess
from desktop.ui.events.body_tabs import BodyTabs
from desktop.ui.events.diff_view import DiffPane
from desktop.ui.events.text_pane import TextPane, copy_to_clipboard, mono_font
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.locale_format import format_amount, format_moment
from desktop.ui.theme import Tone, window_tone

# Titles are English sources, translated where shown (context "Inspector"); tones are made
# into colours for the palette in use (ui/theme.py).
VERDICT_STYLE = {
    Verdict.VALID: (QT_TRANSLATE_NOOP("Inspector", "✔ Signature valid"), Tone.GOOD),
    Verdict.INVALID: (QT_TRANSLATE_NOOP("Inspector", "✖ Signature INVALID"), Tone.BAD),
    Verdict.STALE: (
        QT_TRANSLATE_NOOP("Inspector", "⚠ Signature STALE: a possible replay (not trusted)"),
        Tone.WARNING,
    ),
    Verdict.MISSING: (QT_TRANSLATE_NOOP("Inspector", "⚠ Signature missing"), Tone.WARNING),
    Verdict.UNSIGNED: (QT_TRANSLATE_NOOP("Inspector", "• Not signed by this provider"), Tone.NEUTRAL),
    Verdict.UNVERIFIED: (
        QT_TRANSLATE_NOOP("Inspector", "• Not verified (no secret configured)"),
        Tone.NEUTRAL,
    ),
}


def _copy_button(label: str, text_source: Callable[[], str]) -> QPushButton:
    button = QPushButton(label)
    button.clicked.connect(lambda: copy_to_clipboard(text_source()))
    return button


class Inspector(QTabWidget):
    """Shows one stored event.

    Signals:
        resend_requested(event_id): the user asked to re-send this event.
        curl_requested(event_id): the user wants the cURL command of the request as it arrived.
    """

    resend_requested = Signal(int)
    curl_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: StoredEvent | None = None
        # Computes the signature the sender should have sent (with the endpoint's secret), for
        # the "compute expected signature" button. Set by the window; None hides the button.
        # The result is shown, never stored: kept, it would be a signing oracle.
        self.expected_for: Callable[[StoredEvent], str] | None = None
        self.timezone: str | None = None  # the finance zone, set by the window (None: the default)
        self._overview = self._build_overview()
        self._headers = self._build_headers()
        self._raw = TextPane(self.tr("Copy raw request"))
        self._diff = DiffPane()
        self.process = BodyProcess(self)  # parses big bodies and compares events (see body_worker)
        self.process.replied.connect(self._on_reply)
        self._diff_ticket = 0
        # Scrolls rather than squeezing its rows (squeezed labels clip underscores and wrap badly).
        overview = QScrollArea()
        overview.setWidgetResizable(True)
        overview.setFrameShape(QScrollArea.Shape.NoFrame)
        overview.setWidget(self._overview)
        self.addTab(overview, self.tr("Overview"))
        self.addTab(self._headers, self.tr("Headers"))
        self.bodies = BodyTabs(self, self.process)  # Body, Tree, Fields/Parts, Image, Hex
        self._body = self.bodies.body
        self.addTab(self._raw, self.tr("Raw"))
        self.addTab(self._diff, self.tr("Diff"))
        self.setTabVisible(self.indexOf(self._diff), False)
        self._before_diff = 0
        # Scoped to the inspector: with the table focused, Ctrl+F stays the filter bar's.
        # A window that has its own Ctrl+F disables this one and calls open_find itself.
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.open_find)
        self.find_shortcut = find
        self._name_views()
        self.show_event(None)

    # -- building -------------------------------------------------------------------------------

    def _name_views(self) -> None:
        """Accessible names for the views that have no visible text of their own."""
        self.setAccessibleName(self.tr("Inspector"))
        bodies = self.bodies
        for widget, name in (
            (bodies.body.text, self.tr("Body")),
            (bodies.hex.text, self.tr("Body in hex")),
            (bodies.tree.tree, self.tr("Body as a tree")),
            (bodies.parts.table, self.tr("Body fields and parts")),
            (self._raw.text, self.tr("Raw request")),
            (self._diff.text.text, self.tr("Differences in the body text")),
            (self._diff.headers, self.tr("Differences in the headers")),
            (self._diff.body, self.tr("Differences in the body fields")),
        ):
            widget.setAccessibleName(name)

    def _build_overview(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.verdict)
        expected_row = QHBoxLayout()
        self.expected_button = QPushButton(self.tr("Compute expected signature"))
        self.expected_button.setToolTip(
            self.tr("Computed now with the endpoint's secret, shown here only: never stored or logged.")
        )
        self.expected_button.clicked.connect(self._compute_expected)
        # Left-aligned: it keeps its size when the value beside it is hidden.
        expected_row.addWidget(self.expected_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.expected_label = QLabel()
        self.expected_label.setTextFormat(Qt.TextFormat.PlainText)
        self.expected_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.expected_label.setWordWrap(True)
        self.expected_label.setFont(mono_font())
        expected_row.addWidget(self.expected_label, 1)
        layout.addLayout(expected_row)
        form = QFormLayout()
        self._fields: dict[str, QLabel] = {}
        for key, label in (
            ("request", self.tr("Request:")),
            ("received", self.tr("Received:")),
            ("remote", self.tr("From:")),
            ("size", self.tr("Body:")),
            ("response", self.tr("Answered:")),
            ("provider", self.tr("Provider:")),
            ("event", self.tr("Event:")),
            ("entity", self.tr("Entity:")),
            ("status", self.tr("Status:")),
            ("amount", self.tr("Amount:")),
            ("payer", self.tr("Payer:")),
            ("reference", self.tr("Reference:")),
            ("flags", self.tr("Flags:")),
        ):
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)  # payload text is never markup
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._fields[key] = value
            form.addRow(label, value)
        self._form = form
        layout.addLayout(form)
        self.query_label = QLabel(self.tr("Query parameters:"))
        layout.addWidget(self.query_label)
        self.query_table = QTableWidget(0, 2)
        self.query_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value")])
        self.query_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.query_table.verticalHeader().setVisible(False)
        self.query_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.query_table.setTabKeyNavigation(False)
        self.query_table.setAccessibleName(self.tr("Query parameters"))
        layout.addWidget(self.query_table, 1)
        layout.addStretch(0)
        buttons = QHBoxLayout()
        buttons.addWidget(_copy_button(self.tr("Copy URL path"), lambda: self._request_target()))
        resend = QPushButton(self.tr("Re-send…"))
        resend.clicked.connect(self._request_resend)
        self.resend_button = resend
        buttons.addWidget(resend)
        self.curl_button = QPushButton(self.tr("Copy as cURL, as it arrived"))
        self.curl_button.clicked.connect(self._request_curl)
        buttons.addWidget(self.curl_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_headers(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.header_table = QTableWidget(0, 2)
        self.header_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value")])
        self.header_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.header_table.verticalHeader().setVisible(False)
        self.header_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.header_table.setFont(mono_font())
        self.header_table.setTabKeyNavigation(False)
        self.header_table.setAccessibleName(self.tr("Headers"))
        layout.addWidget(self.header_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(_copy_button(self.tr("Copy headers"), self._headers_text))
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return page

    # -- showing --------------------------------------------------------------------------------

    def show_event(self, event: StoredEvent | None) -> None:
        self.current = event
        self.setEnabled(event is not None)
        self.resend_button.setEnabled(event is not None)
        if event is None:
            for label in self._fields.values():
                label.clear()
                self._form.setRowVisible(label, False)
            self.query_label.setVisible(False)
            self.query_table.setVisible(False)
            self.verdict.setText(self.tr("Select an event to inspect it."))
            self.verdict.setStyleSheet("")
            self.expected_button.setVisible(False)
            self.expected_label.clear()
            self.expected_label.setVisible(False)
            self.query_table.setRowCount(0)
            self.header_table.setRowCount(0)
            self.bodies.show(0, None)
            self._raw.show_plain("")
            return
        self._show_overview(event)
        self._show_headers(event)
        self.bodies.show(event.id, event.request)
        raw = raw_request_text(event.request)
        self._raw.show_plain(raw, self.tr("%Ln body byte(s) as received", "", len(event.request.body)))

    def _request_resend(self) -> None:
        if self.current is not None:
            self.resend_requested.emit(self.current.id)

    def _request_curl(self) -> None:
        if self.current is not None:
            self.curl_requested.emit(self.current.id)

    def _request_target(self) -> str:
        if self.current is None:
            return ""
        request = self.current.request
        return request.path + (f"?{request.query}" if request.query else "")

    def _headers_text(self) -> str:
        if self.current is None:
            return ""
        return "\n".join(f"{name}: {value}" for name, value in self.current.request.headers)

    def _show_overview(self, event: StoredEvent) -> None:
        request, derived = event.request, event.derived
        utc = datetime.fromtimestamp(request.received_at, UTC)
        answered = describe_answer(event.response_status, event.response)
        answered += self.tr(" — rejected: {0}").format(event.rejected) if event.rejected else ""
        flags = []
        if derived.duplicate_of is not None:
            flags.append(self.tr("duplicate of event #{0}").format(derived.duplicate_of))
        if derived.out_of_order:
            flags.append(self.tr("out of order (older than the entity's current state)"))
        if event.imported:
            flags.append(self.tr("imported from a file (not received over the wire)"))
        content_type = request.content_type or self.tr("no content type")
        values = {
            "request": f"{request.method} {self._request_target()} HTTP/{request.http_version}",
            # In the finance zone like every table; UTC beside it for matching provider logs.
            "received": f"{format_moment(request.received_at, self.timezone)}  ({utc:%H:%M:%S} UTC)",
            "remote": request.remote_addr,
            "size": self.tr("%Ln byte(s), {0}", "", len(request.body)).format(content_type),
            "response": answered,
            "provider": derived.provider or self.tr("unknown sender"),
            "event": " · ".join(x for x in (derived.event_type, derived.event_id) if x),
            "entity": " ".join(x for x in (derived.entity_type, derived.entity_id) if x),
            "status": derived.status or "",
            "amount": format_amount(derived.amount, derived.currency) if derived.amount is not None else "",
            "payer": derived.payer or "",
            "reference": derived.reference or "",
            "flags": "; ".join(flags),
        }
        for key, value in values.items():
            self._fields[key].setText(value)
            # Empty facts (no provider, no amount...) take no room: the table above needs it.
            self._form.setRowVisible(self._fields[key], bool(value))
        self._show_verdict(event)
        pairs = parse_qsl(request.query, keep_blank_values=True)
        self.query_label.setVisible(bool(pairs))
        self.query_table.setVisible(bool(pairs))
        self.query_table.setRowCount(len(pairs))
        for row, (name, value) in enumerate(pairs):
            self.query_table.setItem(row, 0, QTableWidgetItem(name))
            self.query_table.setItem(row, 1, QTableWidgetItem(value))

    def _compute_expected(self) -> None:
        if self.current is None or self.expected_for is None:
            return
        try:
            shown = self.tr("Expected (computed now, not stored): {0}").format(
                self.expected_for(self.current)
            )
        except ValueError as exc:
            shown = self.tr("Cannot compute: {0}").format(str(exc))
        except Exception as exc:  # a bug in one provider must not break the inspector
            shown = self.tr("Cannot compute: {0}").format(type(exc).__name__)
        self.expected_label.setText(shown)
        self.expected_label.setVisible(True)

    def _show_verdict(self, event: StoredEvent) -> None:
        derived = event.derived
        signs = derived.signature not in (Verdict.UNSIGNED,) and derived.provider is not None
        self.expected_button.setVisible(self.expected_for is not None and signs)
        self.expected_label.clear()
        self.expected_label.setVisible(False)
        if derived.provider is None and derived.signature == Verdict.UNVERIFIED:
            self.verdict.setText(self.tr("Plain request: no known provider recognised."))
            self.verdict.setStyleSheet("")
            return
        title, tone = VERDICT_STYLE[derived.signature]
        colour, muted = window_tone(tone).name(), window_tone(Tone.NEUTRAL).name()
        lines = [f"<b>{QCoreApplication.translate('Inspector', title)}</b>"]
        if derived.signature_reason:
            lines.append(html.escape(derived.signature_reason, quote=False))
        for key, value in derived.signature_detail.items():
            name, shown = html.escape(key, quote=False), html.escape(value, quote=False)
            lines.append(f"<span style='color:{muted}'>{name}:</span> <code>{shown}</code>")
        self.verdict.setText("<br>".join(lines))
        self.verdict.setStyleSheet(
            f"QLabel {{ border: 2px solid {colour}; border-radius: 4px; padding: 6px; color: {colour}; }}"
        )

    def _show_headers(self, event: StoredEvent) -> None:
        headers = event.request.headers
        self.header_table.setRowCount(len(headers))
        for row, (name, value) in enumerate(headers):
            self.header_table.setItem(row, 0, QTableWidgetItem(name))
            self.header_table.setItem(row, 1, QTableWidgetItem(value))

    # -- find and compare -----------------------------------------------------------------------

    def open_find(self) -> None:
        """Ctrl+F: the find bar of the text shown (the body's when the tab has no text)."""
        page = self.currentWidget()
        if page is self._diff and self._diff.text.isVisible():
            pane = self._diff.text
        elif isinstance(page, TextPane):
            pane = page
        else:
            self.setCurrentWidget(self._body)
            pane = self._body
        pane.find_bar.open_bar()

    def show_diff(self, a: StoredEvent | None, b: StoredEvent | None) -> None:
        """Compare two events in the Diff tab (A the older); None hides the tab."""
        index = self.indexOf(self._diff)
        if a is None or b is None:
            self._diff_ticket = 0
            if self.currentIndex() == index:
                self.setCurrentIndex(self._before_diff)
            self.setTabVisible(index, False)
            return
        if a.id > b.id:
            a, b = b, a
        self._diff.comparing(a, b)
        if self.currentIndex() != index:
            self._before_diff = self.currentIndex()  # where one selected event takes the user back
        self.setTabVisible(index, True)
        self.setCurrentIndex(index)
        self._diff_ticket = self.process.ticket()
        self.process.send(("compare", self._diff_ticket, a.request, b.request))

    @property
    def comparing(self) -> bool:
        return self._diff_ticket != 0

    def _on_reply(self, reply: tuple[object, ...]) -> None:
        kind, ticket = reply[0], reply[1]
        if kind == "died" and self._diff_ticket:
            kind, ticket, reply = (
                "failed",
                self._diff_ticket,
                ("failed", 0, self.tr("the body process stopped")),
            )
        if ticket != self._diff_ticket or kind not in ("compared", "failed"):
            return
        self._diff_ticket = 0
        if kind == "compared" and isinstance(reply[2], Comparison):
            self._diff.show_comparison(reply[2])
        else:
            self._diff.show_failure(str(reply[2]))
