"""The events table's model: a window onto SQLite, never the whole table in memory.

The model holds only the ids of the events it shows (8 bytes each, ascending, so new
arrivals append cheaply); row `r` is `ids[-1 - r]` so the newest is on top. The columns
of rows in view are fetched a page at a time and cached by id, never by row number.
"""

from __future__ import annotations

import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtGui import Qt as QtGuiNamespace  # convertFromPlainText lives in QtGui's Qt

from desktop.core.finance_day import zone
from desktop.core.query import Query
from desktop.store.interface import EventStore, Row, Selection, StoreReads
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.locale_format import format_amount, format_moment
from desktop.ui.theme import Tone, tone_colour, verdict_colour
from desktop.ui.widgets.table_model import ColumnTableModel, Index

PAGE = 256
CACHE_PAGES = 64
FIRST_LOAD = 1024  # ids loaded before the first paint; the rest follow in the background


class Col(IntEnum):
    TIME = 0
    METHOD = 1
    PATH = 2
    RESPONSE = 3
    PROVIDER = 4
    EVENT = 5
    STATUS = 6
    AMOUNT = 7
    SIGNATURE = 8
    SIZE = 9
    CONTENT_TYPE = 10
    SOURCE = 11


HEADERS = {
    Col.TIME: QT_TRANSLATE_NOOP("EventsModel", "Time"),
    Col.METHOD: QT_TRANSLATE_NOOP("EventsModel", "Method"),
    Col.PATH: QT_TRANSLATE_NOOP("EventsModel", "Path"),
    Col.PROVIDER: QT_TRANSLATE_NOOP("EventsModel", "Provider"),
    Col.EVENT: QT_TRANSLATE_NOOP("EventsModel", "Event"),
    Col.STATUS: QT_TRANSLATE_NOOP("EventsModel", "Status"),
    Col.AMOUNT: QT_TRANSLATE_NOOP("EventsModel", "Amount"),
    Col.SIGNATURE: QT_TRANSLATE_NOOP("EventsModel", "Signature"),
    Col.SIZE: QT_TRANSLATE_NOOP("EventsModel", "Size"),
    Col.CONTENT_TYPE: QT_TRANSLATE_NOOP("EventsModel", "Content type"),
    Col.SOURCE: QT_TRANSLATE_NOOP("EventsModel", "Source"),
    Col.RESPONSE: QT_TRANSLATE_NOOP("EventsModel", "Response"),
}


class Role(IntEnum):
    EVENT_ID = Qt.ItemDataRole.UserRole + 1
    ROW = Qt.ItemDataRole.UserRole + 2  # the whole summary record
    RAW = Qt.ItemDataRole.UserRole + 3  # the cell's raw value (for "filter by this value")


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    # The locale's decimal point: '1,5 KB' in pt-BR.
    if size < 1024 * 1024:
        return f"{QLocale().toString(size / 1024, 'f', 1)} KB"
    return f"{QLocale().toString(size / (1024 * 1024), 'f', 1)} MB"


def _path(row: Row) -> str:
    return row["path"] + (f"?{row['query']}" if row["query"] else "")


def _amount(row: Row) -> str:
    return format_amount(row["amount"], row["currency"]) if row["amount"] is not None else ""


# Verdicts as the window says them; filters keep the English words (`signature:invalid`).
SIGNATURE_TEXTS = {
    "valid": QT_TRANSLATE_NOOP("EventsModel", "valid"),
    "invalid": QT_TRANSLATE_NOOP("EventsModel", "invalid"),
    "stale": QT_TRANSLATE_NOOP("EventsModel", "stale"),
    "missing": QT_TRANSLATE_NOOP("EventsModel", "missing"),
    "unsigned": QT_TRANSLATE_NOOP("EventsModel", "unsigned"),
    "unverified": QT_TRANSLATE_NOOP("EventsModel", "unverified"),
}


def signature_text(verdict: str) -> str:
    """A signature verdict in the chosen language ('valid' -> 'válida')."""
    known = SIGNATURE_TEXTS.get(verdict)
    return QCoreApplication.translate("EventsModel", known) if known else verdict


def _signature(row: Row) -> str:
    if row["provider"] is None and row["signature"] == "unverified":
        return ""
    return signature_text(row["signature"])


def _response(row: Row) -> str:
    # 0: nothing was sent (a timeout answer held the request until the sender gave up).
    return str(row["response_status"]) if row["response_status"] else "—"


def _status(row: Row) -> str:
    text = row["status"] or ""
    flags = []
    if row["duplicate_of"] is not None:
        flags.append(QCoreApplication.translate("EventsModel", "duplicate"))
    if row["out_of_order"]:
        flags.append(QCoreApplication.translate("EventsModel", "out of order"))
    return f"{text} ({', '.join(flags)})" if flags else text


_DISPLAY: dict[Col, Callable[[Row], str]] = {
    Col.TIME: lambda r: format_moment(r["received_at"], None),  # replaced per model: its zone
    Col.METHOD: lambda r: r["method"],
    Col.PATH: _path,
    Col.PROVIDER: lambda r: r["provider"] or "",
    Col.EVENT: lambda r: r["event_type"] or "",
    Col.STATUS: _status,
    Col.AMOUNT: _amount,
    Col.SIGNATURE: _signature,
    Col.SIZE: lambda r: human_size(r["size"]),
    Col.CONTENT_TYPE: lambda r: r["content_type"],
    Col.SOURCE: lambda r: r["remote_addr"],
    Col.RESPONSE: _response,
}

_RAW: dict[Col, str] = {
    Col.TIME: "received_at",
    Col.METHOD: "method",
    Col.PATH: "path",
    Col.PROVIDER: "provider",
    Col.EVENT: "event_type",
    Col.STATUS: "status",
    Col.AMOUNT: "amount",
    Col.SIGNATURE: "signature",
    Col.SIZE: "size",
    Col.CONTENT_TYPE: "content_type",
    Col.SOURCE: "remote_addr",
    Col.RESPONSE: "response_status",
}


class EventsModel(ColumnTableModel):
    """Rows are events, newest first; only the rows in view are read from the store.

    Loading (at start and for each filter) runs on a background reader: the newest screenful
    first, so rows show at once, then the ids of everything older, appended below.

    Signals:
        loading(bool): ids are being loaded (True) or are complete (False).
        load_failed(str): the query failed; the previous rows stay.
        counted(int): how many events the store holds (asked for with `count_all`).
    """

    columns = Col
    headers = HEADERS
    loading = Signal(bool)
    load_failed = Signal(str)
    counted = Signal(int)
    _first_ready = Signal(int, object)
    _rest_ready = Signal(int, object)
    _failed = Signal(int, str)

    def __init__(self, store: EventStore, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._reader = store.background_reader()
        self._ids: array[int] = array("q")
        self._selection = Selection()
        # The zone `today` and dates in a filter are read in: the window sets the finance day's.
        self.timezone: tzinfo | None = None
        self._cache: OrderedDict[int, dict[int, Row]] = OrderedDict()  # page start id -> rows
        self._generation = 0
        self._first_pending = False
        self._first_ready.connect(self._on_first)
        self._rest_ready.connect(self._on_rest)
        self._failed.connect(self._on_failed)
        self._timezone: str | None = None

    def set_timezone(self, name: str | None) -> None:
        """Show times, and read `today` and dates in filters, in this zone (the finance day's,
        as the Payments tab does). Applies to the next load of a filter."""
        self._timezone = name
        self.timezone = zone(name) if name else None
        if self._ids:
            last = len(self._ids) - 1
            self.dataChanged.emit(self.index(0, Col.TIME), self.index(last, Col.TIME))

    def close(self) -> None:
        """Stop the background reader (when the window closes)."""
        self._generation += 1
        self._reader.close()

    # -- contents -------------------------------------------------------------------------

    def load(self, query: Query | None = None, now: float | None = None) -> None:
        """Show the events matching a parsed query, off the UI thread.

        `now` anchors relative times (`since:15m`): later refreshes judge new events against
        the window of the moment the filter was applied. A filtered view shows only recognised
        events: an event is judged by the filter once its provider, status and signature are
        known (moments after it arrives).
        """
        selection = Selection(
            query, time.time() if now is None else now, recognised_only=query is not None, tz=self.timezone
        )
        self._generation += 1
        generation = self._generation
        self._first_pending = True
        self._reader.interrupt()  # a stale query for the previous filter is of no use now
        self.loading.emit(True)

        def job(reads: StoreReads) -> None:
            if generation != self._generation:
                return
            first = reads.newest_ids(limit=FIRST_LOAD, **selection.args())
            self._first_ready.emit(generation, (first, selection))
            if len(first) == FIRST_LOAD and generation == self._generation:
                self._rest_ready.emit(generation, reads.event_ids(before_id=first[0], **selection.args()))
            else:
                self._rest_ready.emit(generation, array("q"))

        def done(future: Future[None]) -> None:
            error = future.exception()
            if error is not None:
                self._failed.emit(generation, str(error))

        self._reader.submit(job).add_done_callback(done)

    def count_all(self) -> None:
        """Count every stored event on the reader thread (`counted` brings the number).

        Off the UI thread: `count(*)` over a million events took 1.3 s here. A load started
        meanwhile interrupts it; then nothing is emitted and the caller keeps its number.
        """

        def done(future: Future[int]) -> None:
            if future.exception() is None:
                self.counted.emit(future.result())

        self._reader.submit(lambda reads: reads.count()).add_done_callback(done)

    def _on_first(self, generation: int, payload: tuple[array[int], Selection]) -> None:
        if generation != self._generation:
            return
        ids, selection = payload
        self._first_pending = False
        self.set_ids(ids, selection)
        # Events committed after the load read its ids were not added meanwhile (refresh_new
        # left them to this load): add them now, or they would wait for the next arrival.
        self.refresh_new()

    def _on_rest(self, generation: int, older: array[int]) -> None:
        if generation != self._generation:
            return
        if older:
            # Older events are the bottom rows: append below what is shown.
            count = len(self._ids)
            self.beginInsertRows(QModelIndex(), count, count + len(older) - 1)
            older.extend(self._ids)
            self._ids = older
            self._cache.clear()  # page alignment moved
            self.endInsertRows()
        self.loading.emit(False)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._first_pending = False
        self.loading.emit(False)
        self.load_failed.emit(message)

    def set_ids(self, ids: array[int], selection: Selection | None = None) -> None:
        """Show exactly these ids (ascending); `selection` is the filter they came from."""
        self.beginResetModel()
        self._ids = ids
        self._selection = selection or Selection()
        self._cache.clear()
        self.endResetModel()

    @property
    def filter(self) -> Selection:
        """The filter shown (its query, and the time relative times count back from)."""
        return self._selection

    def newest_id(self) -> int:
        """The highest id shown (0 when empty)."""
        return self._ids[-1] if self._ids else 0

    def refresh_new(self) -> int:
        """Add events committed since the newest shown one that match the current filter."""
        if self._first_pending:
            return 0  # the load in progress will include them
        last = self._ids[-1] if self._ids else 0
        new = self._store.event_ids(after_id=last, **self._selection.args())
        return self.add_ids(new)

    def recognised(self, ids: Sequence[int]) -> None:
        """Events were recognised: show their new fields, or let the filter judge them now."""
        if self._selection.query is not None:
            self.refresh_new()
            return
        rows = [row for event_id in ids if (row := self.row_of(event_id)) is not None]
        if not rows:
            return
        for row in rows:
            position = len(self._ids) - 1 - row
            self._cache.pop(self._ids[position - position % PAGE], None)
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(Col) - 1))

    def add_ids(self, new: array[int]) -> int:
        if not new:
            return 0
        # New rows go on top: rows 0 .. len(new)-1, one insert for the whole batch.
        self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
        if self._ids:
            # The last cached page was partial; the new ids extend it, so it must be re-read.
            last = len(self._ids) - 1
            self._cache.pop(self._ids[last - last % PAGE], None)
        self._ids.extend(new)
        self.endInsertRows()
        return len(new)

    def forget(self, ids: Sequence[int]) -> None:
        """Drop deleted events from the view (rare: a reset is fine)."""
        gone = set(ids)
        self.set_ids(array("q", (i for i in self._ids if i not in gone)), self._selection)

    def clear(self) -> None:
        self.set_ids(array("q"), self._selection)

    def invalidate(self) -> None:
        """Stored fields changed (e.g. re-verified signatures): refetch what is shown."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(Col) - 1))

    def event_id(self, row: int) -> int | None:
        if 0 <= row < len(self._ids):
            return self._ids[len(self._ids) - 1 - row]
        return None

    def row_of(self, event_id: int) -> int | None:
        """The row showing an event (binary search over the ascending ids)."""
        from bisect import bisect_left

        pos = bisect_left(self._ids, event_id)
        if pos < len(self._ids) and self._ids[pos] == event_id:
            return len(self._ids) - 1 - pos
        return None

    def all_ids(self) -> array[int]:
        return self._ids

    def record(self, row: int) -> Row | None:
        event_id = self.event_id(row)
        if event_id is None:
            return None
        return self._fetch(row, event_id)

    def _fetch(self, row: int, event_id: int) -> Row | None:
        # Pages are aligned on positions in the id list so that a screenful costs one query.
        position = len(self._ids) - 1 - row
        start = position - position % PAGE
        key = self._ids[start]
        page = self._cache.get(key)
        if page is None:
            page = self._store.summaries(self._ids[start : start + PAGE])
            self._cache[key] = page
            if len(self._cache) > CACHE_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return page.get(event_id)

    # -- Qt model interface ---------------------------------------------------------------------

    def _row_total(self) -> int:
        return len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(Col):
            return None
        event_id = self.event_id(index.row())
        if event_id is None:
            return None
        if role == Role.EVENT_ID:
            return event_id
        row = self._fetch(index.row(), event_id)
        if row is None:
            return None
        col = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col == Col.TIME:
                return format_moment(row["received_at"], self._timezone)
            return _DISPLAY[col](row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(col, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(col, row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (Col.SIZE, Col.AMOUNT, Col.RESPONSE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.ROW:
            return row
        if role == Role.RAW:
            return row[_RAW[col]]
        return None

    @staticmethod
    def _foreground(col: Col, row: Row) -> QColor | None:
        if col == Col.SIGNATURE:
            return verdict_colour(row["signature"])
        if col == Col.RESPONSE and row["response_status"] >= 400:
            return tone_colour(Tone.BAD)
        return None

    @staticmethod
    def _tooltip(col: Col, row: Row) -> str | None:
        if col == Col.RESPONSE and row["rejected"]:
            return plain_tooltip(
                QCoreApplication.translate("EventsModel", "Rejected: {0}").format(row["rejected"])
            )
        if col == Col.RESPONSE and not row["response_status"]:
            return QCoreApplication.translate(
                "EventsModel",
                "No answer was sent: the endpoint's timeout answer held the request until the sender quit.",
            )
        # Any other cell may be cut short by its column: its whole text is the tooltip.
        text = _DISPLAY[col](row)
        return plain_tooltip(text) if text else None


def plain_tooltip(text: str, limit: int = 2000) -> str:
    """Payload text for a tooltip, shown as the characters it is: Qt renders a tooltip that
    "might be rich text" as HTML, so a path like '/<img src=x>' would be markup. Converted to
    escaped HTML here, and cut (a tooltip of a megabyte helps nobody)."""
    shown = text if len(text) <= limit else text[:limit] + "…"
    return QtGuiNamespace.convertFromPlainText(shown, Qt.WhiteSpaceMode.WhiteSpaceNormal)
