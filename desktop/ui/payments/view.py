"""The Payments tab: entities on top, the selected one's timeline below.

The timeline lists every event of the entity in arrival order, including the ones that did
not count (duplicates, failed signatures, late events): they are shown struck through with
the reason, so "why is this still pending?" is answered on screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.finance_day import DEFAULT_TIMEZONE, zone
from desktop.core.query import Query, QuerySyntaxError, parse
from desktop.store.interface import EventStore, Key, Row, Selection
from desktop.ui.locale_format import format_amount, format_moment, set_display_zone
from desktop.ui.payments.columns import COLUMN_WIDTHS
from desktop.ui.payments.labels import QT_TRANSLATE_NOOP, signature_label
from desktop.ui.payments.model import PaymentsModel
from desktop.ui.payments.status_colors import status_text, style_for, type_text
from desktop.ui.theme import Tone, tone_colour
from desktop.ui.widgets.filter_bar import FilterBar
from desktop.ui.widgets.table_model import large_table_view

TIMELINE_HEADERS = (
    QT_TRANSLATE_NOOP("TimelinePanel", "No."),
    QT_TRANSLATE_NOOP("TimelinePanel", "Received"),
    QT_TRANSLATE_NOOP("TimelinePanel", "Provider time"),
    QT_TRANSLATE_NOOP("TimelinePanel", "Event"),
    QT_TRANSLATE_NOOP("TimelinePanel", "Status"),
    QT_TRANSLATE_NOOP("TimelinePanel", "Amount"),
    QT_TRANSLATE_NOOP("TimelinePanel", "Signature"),
    QT_TRANSLATE_NOOP("TimelinePanel", "Effect"),
)
TIMELINE_WIDTHS = (50, 170, 170, 200, 245, 100, 100)  # times: seconds and a four-digit year
T_ID, T_RECEIVED, T_PROVIDER_TIME, T_EVENT, T_STATUS, T_AMOUNT, T_SIGNATURE, T_EFFECT = range(8)

# Tones, made into colours for the palette in use (ui/theme.py).
EFFECT_TONES = {
    "refused": Tone.BAD,
    "late": Tone.WARNING,
    "duplicate": Tone.WARNING,
    "unverified": Tone.WARNING,
    "changed": Tone.GOOD,
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def effect_text(row: Row) -> str:
    effect = row["effect"]
    if effect == "changed":
        return QCoreApplication.translate("Timeline", "Status → {status}").format(status=row["status_after"])
    if effect == "duplicate":
        return QCoreApplication.translate("Timeline", "↻ Duplicate of no. {id}: ignored").format(
            id=row["duplicate_of"]
        )
    if effect == "refused":
        return QCoreApplication.translate("Timeline", "⚠ Invalid signature: the status did not change")
    if effect == "unverified":
        return QCoreApplication.translate("Timeline", "? Unverified (no secret): the status did not change")
    if effect == "late":
        return QCoreApplication.translate("Timeline", "↶ Out of order: the status did not go back")
    return QCoreApplication.translate("Timeline", "No status change")


class TimelinePanel(QWidget):
    """One entity's events. Signals: event_requested(event id) on double-click or the button."""

    event_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.show_button = QPushButton(self.tr("Show event in the Events tab"))
        self.show_button.setEnabled(False)
        self.show_button.clicked.connect(self._request_current)
        self.table = QTableWidget(0, len(TIMELINE_HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(text) for text in TIMELINE_HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setAccessibleName(self.tr("Timeline of the selected sale"))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(TIMELINE_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.itemDoubleClicked.connect(lambda item: self._request_row(item.row()))
        self.table.itemSelectionChanged.connect(
            lambda: self.show_button.setEnabled(self.selected_event() is not None)
        )
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.show_rows(None, [])

    def show_rows(self, entity: Row | None, rows: list[Row]) -> None:
        """Show an entity's timeline (None: nothing selected); keeps the selected event if listed."""
        keep = self.selected_event()
        if entity is None:
            self.title.setText(self.tr("Timeline: select a payment above."))
        else:
            parts = [type_text(entity["entity_type"]) or self.tr("Entity"), entity["entity_id"]]
            if entity.get("payment_id"):
                parts.append(self.tr("payment {id}").format(id=entity["payment_id"]))
            if entity["reference"]:
                parts.append(entity["reference"])
            count = len(rows)
            parts.append(self.tr("%n event(s)", "", count))
            self.title.setText(self.tr("Timeline · {parts}").format(parts=" · ".join(parts)))
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        for position, row in enumerate(rows):
            self._fill(position, row)
            if row["id"] == keep:
                self.table.selectRow(position)
        self.show_button.setEnabled(self.selected_event() is not None)

    def _fill(self, position: int, row: Row) -> None:
        counted = row["effect"] in ("changed", "same")
        signature_word = str(row["signature"] or "")
        texts: dict[int, str] = {
            T_ID: str(row["id"]),
            T_RECEIVED: format_moment(row["received_at"], None),
            T_PROVIDER_TIME: format_moment(row["event_time"], None),
            T_EVENT: str(row["event_type"] or ""),
            T_STATUS: status_text(row["provider"], row["entity_type"], row["status"]),
            T_AMOUNT: format_amount(row["amount"], row["currency"]),
            T_SIGNATURE: signature_label(signature_word),
            T_EFFECT: effect_text(row),
        }
        items: dict[int, QTableWidgetItem] = {}
        for column, text in texts.items():
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            if not counted:
                item.setForeground(tone_colour(Tone.NEUTRAL))
            items[column] = item
        for column in (T_ID, T_AMOUNT):
            items[column].setTextAlignment(_RIGHT)
        status = items[T_STATUS]
        if counted and row["status"]:
            style = style_for(row["provider"], row["entity_type"], row["status"])
            status.setForeground(style.foreground)
            status.setBackground(style.background)
        else:
            # A status that did not count (a forged PAID...) must not look like one that did.
            font = QFont(status.font())
            font.setStrikeOut(True)
            status.setFont(font)
        signature = items[T_SIGNATURE]
        signature.setToolTip(str(row["signature_reason"] or ""))
        if signature_word not in ("valid", "unsigned", "unverified"):
            signature.setForeground(tone_colour(Tone.BAD))
        elif signature_word == "valid":
            signature.setForeground(tone_colour(Tone.GOOD))
        tone = EFFECT_TONES.get(row["effect"])
        if tone is not None:
            items[T_EFFECT].setForeground(tone_colour(tone))
        for column, item in items.items():
            self.table.setItem(position, column, item)

    def selected_event(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self._event_at(rows[0].row()) if rows else None

    def _event_at(self, position: int) -> int | None:
        item = self.table.item(position, T_ID)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _request_row(self, position: int) -> None:
        event_id = self._event_at(position)
        if event_id is not None:
            self.event_requested.emit(event_id)

    def _request_current(self) -> None:
        event_id = self.selected_event()
        if event_id is not None:
            self.event_requested.emit(event_id)


class SecretPrompt(QWidget):
    """ "Unverified deliveries on /juno: set the endpoint's secret" with a button.

    Signals: secret_requested(path): the user wants to set the secret of that endpoint.
    """

    secret_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #8a5300;")
        self.button = QPushButton(self.tr("Set secret…"))
        self.button.clicked.connect(lambda: self.secret_requested.emit(self.paths[0] if self.paths else ""))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.button)
        self.paths: list[str] = []
        self.setStyleSheet("SecretPrompt { background: #fff4d6; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setVisible(False)

    def show_paths(self, paths: list[str]) -> None:
        self.paths = paths
        if paths:
            self.message.setText(
                self.tr(
                    "⚠ There are unverified payments on {paths}: nobody checked the signature because "
                    "the endpoint has no secret. They do not count in the totals and do not notify. "
                    "Set the secret and the stored deliveries will be verified again."
                ).format(paths=", ".join(paths))
            )
        self.setVisible(bool(paths))


class PaymentsView(QWidget):
    """Signals:
    event_requested(event id): the user asked to see this event in the events table.
    secret_requested(path): the user wants to set an endpoint's secret (unverified deliveries).
    """

    event_requested = Signal(int)
    secret_requested = Signal(str)

    def __init__(
        self, store: EventStore, parent: QWidget | None = None, timezone: str = DEFAULT_TIMEZONE
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.timezone = timezone
        set_display_zone(zone(timezone).key)
        self.clock: Callable[[], float] = time.time  # what `today` and `since:` count from
        # The current filter, as applied (its `now`): what "Export this tab" writes.
        self.filter = Selection()
        self.model = PaymentsModel(store, self)
        self.table = large_table_view(
            self.model, COLUMN_WIDTHS, QAbstractItemView.SelectionMode.SingleSelection
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setAccessibleName(self.tr("Sales"))
        self.timeline = TimelinePanel()
        self.timeline.event_requested.connect(self.event_requested)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.timeline)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        self.filter_bar = FilterBar(
            self.tr("Filter: category:confirmed today   status:PAID   ref:pedido-1001   amount:>100")
        )
        self.filter_bar.query_changed.connect(self.apply_query)
        self.filter_bar.edit.setAccessibleName(self.tr("Filter sales"))
        self.model.loading.connect(self._on_loading)
        self.model.load_failed.connect(self._on_load_failed)
        self.secret_prompt = SecretPrompt()
        self.secret_prompt.secret_requested.connect(self.secret_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.secret_prompt)
        layout.addWidget(splitter, 1)
        self._shown: Key | None = None
        self.model.load()  # off the UI thread: the window shows at once, rows follow
        self.check_unverified()

    def check_unverified(self) -> None:
        """Show (or hide) the prompt to set the secret of endpoints with unverified payments."""
        self.secret_prompt.show_paths(self.store.unverified_paths())

    def set_timezone(self, name: str) -> None:
        """Count `today` in another zone from now on; the current filter is applied again."""
        self.timezone = name
        set_display_zone(zone(name).key)
        try:
            query = parse(self.filter_bar.text())
        except QuerySyntaxError:
            query = None
        self.apply_query(query)

    def show_filter(self, text: str) -> None:
        """Type this filter in the bar (a click on a status-bar total lists what it counts)."""
        self.filter_bar.set_text(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.model.close()
        super().closeEvent(event)

    def apply_query(self, query: Query | None) -> None:
        """Show only the sales matching a parsed query (fields that make no sense here say so).

        `today` is the finance day (its zone, not the machine's), as the totals count it.
        The SQL runs off the UI thread; the rows shown stay until the first matches arrive.
        """
        try:
            self.store.check_query(query, target="sales")
        except QuerySyntaxError as exc:
            self.filter_bar.show_error(exc)
            return
        self.filter = Selection(query, self.clock())
        self.model.load(query, self.filter.now, zone(self.timezone))
        self._show(None)

    def on_events_arrived(self, ids: list[int]) -> None:
        """New events were committed: update the rows, and the timeline if it is affected."""
        if self.model.refresh():
            self.check_unverified()
            if self._shown is not None:
                self._show(self._shown)

    def reload(self) -> None:
        """Everything may have changed (events deleted, store cleared): reload from scratch."""
        self.model.load(self.filter.query, self.filter.now, zone(self.timezone))
        self._show(None)
        self.check_unverified()

    def _on_loading(self, busy: bool) -> None:
        self.filter_bar.status.setText(self.tr("loading…") if busy else "")
        if not busy and self._shown is not None:
            # Events that arrived during the load were applied only now: the timeline too.
            self._show(self._shown)

    def _on_load_failed(self, why: str) -> None:
        if "interrupted" not in why:  # a superseded query, not a failure
            self.filter_bar.error.setText(self.tr("✖ The search failed: {why}").format(why=why))
            self.filter_bar.error.setVisible(True)

    def selected_key(self) -> Key | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.key(rows[0].row()) if rows else None

    def select_entity(self, key: Key) -> bool:
        row = self.model.row_of(key)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show(self.selected_key())

    def _show(self, key: Key | None) -> None:
        self._shown = key
        row = self.model.row_of(key) if key is not None else None
        record = self.model.record(row) if row is not None else None
        if key is None or record is None:
            self._shown = None
            self.timeline.show_rows(None, [])
            return
        self.timeline.show_rows(record, self.store.timeline(*key))
