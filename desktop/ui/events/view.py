"""The events tab: the live table above, the inspector below."""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import Future

from PySide6.QtCore import QEvent, QItemSelection, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.body_decode import content_codings, decode_body
from desktop.core.model import CapturedRequest, StoredEvent
from desktop.core.query import Query, QuerySyntaxError
from desktop.store.interface import BackgroundReads, EventStore
from desktop.ui.events.inspector import Inspector
from desktop.ui.events.model import Col, EventsModel, Role
from desktop.ui.locale_format import format_moment
from desktop.ui.widgets.filter_bar import FilterBar
from desktop.ui.widgets.table_model import large_table_view

# Which filter field a column's "filter by this value" uses.
COLUMN_FIELDS = {
    Col.METHOD: "method",
    Col.PATH: "path",
    Col.RESPONSE: "code",
    Col.PROVIDER: "provider",
    Col.EVENT: "type",
    Col.STATUS: "status",
    Col.AMOUNT: "amount",
    Col.SIGNATURE: "signature",
    Col.SOURCE: "ip",
}

# The widest time of the year in the chosen locale ("12/28/2026 10:55:55 PM" in English is
# wider than "28/12/2026 22:55:55"), measured, so the Time column never cuts it.
WIDEST_MOMENT = 1798509355.0  # 2026-12-28 22:55:55 in São Paulo


def time_column_width(metrics: QFontMetrics) -> int:
    return max(140, metrics.horizontalAdvance(format_moment(WIDEST_MOMENT, "America/Sao_Paulo")) + 16)


COLUMN_WIDTHS = {
    Col.TIME: 140,
    Col.METHOD: 60,
    Col.PATH: 170,
    Col.RESPONSE: 70,
    Col.PROVIDER: 90,
    Col.EVENT: 200,
    Col.STATUS: 140,
    Col.AMOUNT: 100,
    Col.SIGNATURE: 80,
    Col.SIZE: 70,
    Col.CONTENT_TYPE: 150,
    Col.SOURCE: 90,
}


# A selected event whose body is bigger than this is read on a reader thread: reading 20 MB
# from SQLite on the UI thread stalled it for 150-300 ms. Smaller ones are read at once (a
# few milliseconds), so the inspector shows them as the selection changes.
BIG_BODY = 1024 * 1024


def decoded_body(request: CapturedRequest) -> bytes | None:
    """The inspector's decoded view of a `Content-Encoding` body (None: show it as received).

    Bounded (desktop/core/body_decode.py): a body that does not decode, or decodes past the
    limit (a gzip bomb), is shown as received rather than cut or half undone.
    """
    codings = content_codings(request.headers)
    if not codings:
        return None
    decoded = decode_body(request.body, codings)
    if decoded.error or decoded.truncated:
        return None
    return decoded.body


class EventsView(QWidget):
    """Signals:
    selection_changed(count): how many events are selected now.
    context_menu_opening(menu, event_id): a row's menu is about to show; add actions to it.
    """

    selection_changed = Signal(int)
    context_menu_opening = Signal(QMenu, int)  # others add actions (event id, or 0 off any row)
    _event_read = Signal(int, object)  # internal: (ticket, StoredEvent | None) from the reader thread

    def __init__(self, store: EventStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = EventsModel(store, self)
        widths = {**COLUMN_WIDTHS, Col.TIME: time_column_width(self.fontMetrics())}
        self.table = large_table_view(self.model, widths, QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move between rows)
        self.table.setAccessibleName(self.tr("Events"))
        self.model.modelReset.connect(self._after_reset)
        self._spare = SpareWidth(self.table, (Col.PATH, Col.EVENT), widths)
        self.filter_bar = FilterBar()
        self.filter_bar.edit.setAccessibleName(self.tr("Filter events"))
        self.filter_bar.query_changed.connect(self.apply_query)
        self.model.loading.connect(
            lambda busy: self.filter_bar.status.setText(self.tr("searching…") if busy else "")
        )
        self.model.load_failed.connect(self._on_load_failed)
        self.inspector = Inspector()
        self.inspector.bodies.decode_body = decoded_body
        self._reader: BackgroundReads | None = None  # for big bodies; opened when first needed
        self._ticket = 0  # of the latest selection: an older read arriving late is dropped
        self.reading = False  # a big body is being read for the inspector
        self._event_read.connect(self._on_event_read)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.inspector)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([520, 280])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(splitter, 1)

    def apply_query(self, query: Query | None) -> None:
        """Show only the events matching a parsed query (the query runs off the UI thread)."""
        try:
            self.store.check_query(query)
        except QuerySyntaxError as exc:
            self.filter_bar.show_error(exc)
            return
        self.model.load(query, time.time())

    def _on_load_failed(self, why: str) -> None:
        if "interrupted" not in why:  # a superseded query, not a failure
            self.filter_bar.error.setText(self.tr("✖ The search failed: {0}").format(why))
            self.filter_bar.error.setVisible(True)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        menu = QMenu(self)
        field = COLUMN_FIELDS.get(Col(index.column())) if index.isValid() else None
        value = index.data(Role.RAW) if field else None
        if field is not None and value is not None and value != "":
            shown = index.data()
            include = QAction(self.tr("Filter by {0}: {1}").format(field, shown), menu)
            include.triggered.connect(lambda: self.filter_bar.add_condition(field, value))
            exclude = QAction(self.tr("Exclude {0}: {1}").format(field, shown), menu)
            exclude.triggered.connect(lambda: self.filter_bar.add_condition(field, value, exclude=True))
            menu.addAction(include)
            menu.addAction(exclude)
        event_id = self.model.event_id(index.row()) if index.isValid() else None
        self.context_menu_opening.emit(menu, event_id or 0)
        if menu.isEmpty():
            return
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self._menu = menu  # keep it alive while it is shown

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [event_id for row in rows if (event_id := self.model.event_id(row)) is not None]

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        ids = self.selected_ids()
        self.selection_changed.emit(len(ids))
        current = self.table.selectionModel().currentIndex()
        event_id = self.model.event_id(current.row()) if current.isValid() else None
        if event_id is None and ids:
            event_id = ids[0]
        self._show(event_id)
        # Two selected: the inspector's Diff tab compares them.
        pair = [self._read(i) for i in ids] if len(ids) == 2 else [None, None]
        self.inspector.show_diff(pair[0], pair[1])

    def _read(self, event_id: int | None) -> StoredEvent | None:
        """The one place this view reads a whole event from the store (on the UI thread)."""
        return self.store.event(event_id) if event_id is not None else None

    def _show(self, event_id: int | None) -> None:
        """Show an event in the inspector; a big body is read on the reader thread first."""
        self._ticket += 1
        row = self.model.row_of(event_id) if event_id is not None else None
        record = self.model.record(row) if row is not None else None
        if event_id is None or record is None or int(record.get("size") or 0) <= BIG_BODY:
            self.reading = False
            self.inspector.show_event(self._read(event_id))
            return
        if self._reader is None:
            self._reader = self.store.background_reader()
        self.reading = True
        self.inspector.show_event(None)  # not the previous event's body meanwhile
        ticket, wanted = self._ticket, event_id
        future = self._reader.submit(lambda reads: reads.event(wanted))
        future.add_done_callback(lambda done: self._read_done(ticket, done))

    def _read_done(self, ticket: int, future: Future[StoredEvent | None]) -> None:
        # On the reader thread: hand the event (or the failure) to the UI thread.
        result: object = future.exception() or future.result()
        with contextlib.suppress(RuntimeError):  # the view was deleted meanwhile
            self._event_read.emit(ticket, result)

    def _on_event_read(self, ticket: int, result: object) -> None:
        if ticket != self._ticket:
            return  # another event was selected meanwhile
        self.reading = False
        if isinstance(result, BaseException):
            self.inspector.show_event(None)
            self.filter_bar.error.setText(self.tr("✖ Could not read the event: {0}").format(result))
            self.filter_bar.error.setVisible(True)
            return
        self.inspector.show_event(result if isinstance(result, StoredEvent) else None)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ticket += 1  # a read still running is not shown
        self.reading = False
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        super().closeEvent(event)

    def _after_reset(self) -> None:
        """A new filter (or a reload) replaced the rows: the inspector follows what is shown.

        A reset drops the selection without a selectionChanged signal, so without this the
        inspector would go on showing an event the filter now hides.
        """
        current = self.inspector.current
        row = self.model.row_of(current.id) if current is not None else None
        if row is not None:
            self.table.selectRow(row)  # still shown: keep it selected (and inspected)
            return
        if current is not None or self.reading:
            self._show(None)
            self.inspector.show_diff(None, None)
            self.selection_changed.emit(0)

    def open_inspector(self) -> None:
        """Enter on a row: keyboard focus goes to the inspector (its tabs), showing that row."""
        if self.inspector.current is None:
            current = self.table.currentIndex()
            if not current.isValid():
                return
            self.table.selectRow(current.row())
        self.inspector.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_row_near(self, row: int) -> None:
        """Select the row now at `row` (or the last one): after a deletion, the one that took
        the deleted row's place, so the keyboard user carries on from there."""
        count = self.model.rowCount()
        if count == 0:
            return
        row = min(row, count - 1)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.selectRow(row)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_event(self, event_id: int) -> bool:
        """Select and show an event by id (e.g. from a payment's timeline)."""
        row = self.model.row_of(event_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectRow(row)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True


class SpareWidth(QObject):
    """Gives a table's spare width to chosen columns (Path and Event), never below their own
    width, on every resize: they stay user-resizable, unlike QHeaderView.Stretch sections."""

    def __init__(self, table: QAbstractItemView, columns: tuple[int, ...], widths: dict[Col, int]) -> None:
        super().__init__(table)
        self._table = table
        self._columns = columns
        self._minimum = {column: widths.get(Col(column), 100) for column in columns}
        header = self._header()
        header.setStretchLastSection(False)
        table.viewport().installEventFilter(self)

    def _header(self) -> QHeaderView:
        header = getattr(self._table, "horizontalHeader", None)
        assert header is not None
        result: QHeaderView = header()
        return result

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.share()
        return False

    def share(self) -> None:
        header = self._header()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        spare = self._table.viewport().width() - sum(header.sectionSize(c) for c in shown)
        growing = [c for c in self._columns if c in shown]
        if not growing or spare == 0:
            return
        each = spare // len(growing)
        for column in growing:
            header.resizeSection(column, max(self._minimum[column], header.sectionSize(column) + each))
