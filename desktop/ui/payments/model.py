"""The Payments table's model: one row per sale (a charge and its payments; store/sales.py),
most recently touched on top.

Like the events model it never holds the table: one 8-byte id per row in an array, loaded
off the UI thread (the newest screenful first, then the rest below), and the rows in view
read a page at a time. A row is named by its sale's `last_event`, the id of the latest
event that touched it: an event touches one entity of one sale, so the id is unique, and the array,
kept ascending, is sorted by recency and searched by bisection. (Not the entities' rowid:
the writer stores an entity with INSERT OR REPLACE, which gives it a new rowid each time.)

New events update the rows (`dataChanged`), add rows on top (one insert per refresh), drop
rows that stopped matching the filter, and bring touched rows to the top with one layout
change that moves persistent indexes, so the selection follows its entity.
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable
from concurrent.futures import Future
from datetime import tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont

from desktop.core.money import format_amount
from desktop.core.query import Query
from desktop.store.interface import BackgroundReads, Changed, EventStore, Key, Row, Selection, StoreReads
from desktop.ui.payments import columns as cells
from desktop.ui.payments.columns import HEADERS, Col
from desktop.ui.widgets.table_model import ColumnTableModel, Index

PAGE = 128
CACHE_ROWS = 8192
FIRST_LOAD = 1024  # rows loaded before the first paint; the rest follow in the background


_NOT_HANDLED = object()  # a forged sale's cell with nothing special: shown as usual


class Role(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1  # (provider, entity_id)
    RECORD = Qt.ItemDataRole.UserRole + 2  # the whole entity row
    RAW = Qt.ItemDataRole.UserRole + 3  # the cell's raw value (sorting, filtering)


class _Relay(QObject):
    """Carries a load's results from the reader thread to the UI thread (queued by Qt).

    A separate object, not the model's own signals: it outlives the model, so a reader that
    finishes while the model is being destroyed emits into a live object, never a dying one.
    """

    first_ready = Signal(int, object)
    rest_ready = Signal(int, object)
    failed = Signal(int, str)


class PaymentsModel(ColumnTableModel):
    """Rows are sales (a charge with its payment, a transfer...), most recently touched first.

    Signals:
        loading(bool): rows are being loaded (True) or are complete (False).
        load_failed(str): the query failed; the previous rows stay.
    """

    columns = Col
    headers = HEADERS
    loading = Signal(bool)
    load_failed = Signal(str)

    def __init__(self, store: EventStore, parent: Any = None, reader: BackgroundReads | None = None) -> None:
        """`reader`: the thread loads run on (default: a new one); the model closes it."""
        super().__init__(parent)
        self._store = store
        self._reader = reader = reader or store.background_reader()
        # Not a bound method: the model is half destroyed by the time `destroyed` is emitted.
        self.destroyed.connect(lambda *_: reader.close())
        self._relay = _Relay()
        self._relay.first_ready.connect(self._on_first)
        self._relay.rest_ready.connect(self._on_rest)
        self._relay.failed.connect(self._on_failed)
        # Each row's entity as its last event id, ascending: row r is _ids[-1 - r].
        self._ids: array[int] = array("q")
        self._tz: tzinfo | None = None  # the zone of the current filter's `today` (finance day)
        self._mark = 0  # newest event reflected in the rows (see entities_query.high_water)
        self._selection = Selection()
        # Rows by last event id: an id's row changes only through a newer event, which gives
        # the entity a new id, so nothing here goes stale while its id is shown.
        self._cache: OrderedDict[int, Row] = OrderedDict()
        self._generation = 0
        self._busy = False  # a load is running: refreshes wait for it (it reads from its mark)
        self._refresh_wanted = False
        self._closed = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._struck = QFont()
        self._struck.setStrikeOut(True)

    def close(self) -> None:
        """Stop the background reader (when the view closes)."""
        self._generation += 1
        self._closed = True
        self._reader.close()

    # -- loading --------------------------------------------------------------------------------

    def load(self, query: Query | None = None, now: float | None = None, tz: tzinfo | None = None) -> None:
        """Show the sales matching a parsed query, off the UI thread.

        `now` anchors relative times (`since:15m`) for this load and the refreshes after it;
        `tz` is the zone `today` and dates are read in (the finance day's).
        The rows shown stay until the newest screenful of the new ones arrives.
        """
        selection = Selection(query, time.time() if now is None else now)
        if self._closed:
            return
        self._tz = tz
        self._generation += 1
        generation = self._generation
        self._busy = True
        self._refresh_wanted = False
        self._reader.interrupt()  # a stale query for the previous filter is of no use now
        self.loading.emit(True)
        relay = self._relay

        def job(reads: StoreReads) -> None:
            if generation != self._generation:
                return
            # The mark first: an entity touched in between is seen twice (refresh finds it
            # under its newer id), never lost.
            mark = reads.high_water()
            first = reads.entity_event_ids(selection.query, now=selection.now, newest=FIRST_LOAD, tz=tz)
            relay.first_ready.emit(generation, (first, mark, selection))
            older: array[int] = array("q")
            if len(first) == FIRST_LOAD and generation == self._generation:
                older = reads.entity_event_ids(selection.query, now=selection.now, before=first[0], tz=tz)
            relay.rest_ready.emit(generation, older)

        def done(future: Future[None]) -> None:
            error = future.exception()
            if error is not None:
                relay.failed.emit(generation, str(error))

        self._reader.submit(job).add_done_callback(done)

    def _on_first(self, generation: int, payload: tuple[array[int], int, Selection]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._ids, self._mark, self._selection = payload
        self._cache.clear()
        self.endResetModel()

    def _on_rest(self, generation: int, older: array[int]) -> None:
        if generation != self._generation:
            return
        if older:
            # Older entities are the bottom rows: added below what is shown.
            count = len(self._ids)
            self.beginInsertRows(QModelIndex(), count, count + len(older) - 1)
            older.extend(self._ids)
            self._ids = older
            self.endInsertRows()
        self._finish_load()

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._finish_load()
        self.load_failed.emit(message)

    def _finish_load(self) -> None:
        self._busy = False
        self.loading.emit(False)
        if self._refresh_wanted:
            self._refresh_wanted = False
            self.refresh()

    # -- live changes ---------------------------------------------------------------------------

    def refresh(self) -> int:
        """Apply entities touched since the last refresh; returns how many rows changed.

        While a load runs this only notes that a refresh is due: the load's rows are current
        to its own mark, and the refresh that follows it catches up from there.
        """
        if self._busy:
            self._refresh_wanted = True
            return 0
        reads = self._store
        # The mark is read first and always advances (plain requests touch no entity), so the
        # next refresh never rescans old events; an entity committed in between is seen twice.
        newest = reads.high_water()
        changed = reads.changed_entities(
            self._mark, self._selection.query, now=self._selection.now, tz=self._tz
        )
        self._mark = max(self._mark, newest)
        if changed:
            self._apply(changed)
        return len(changed)

    def _apply(self, changed: list[Changed]) -> None:
        gone = [
            pos for item in changed if not item.matches and (pos := self._position(item.shown_as)) is not None
        ]
        self._remove(gone)
        # Newest first in `changed`; the array is ascending, so the top block is built oldest first.
        touched = [item for item in reversed(changed) if item.matches]
        moved = {pos: item for item in touched if (pos := self._position(item.shown_as)) is not None}
        found = set(moved.values())
        new = [item for item in touched if item not in found]
        if new:
            # Every entity not touched since the mark is older than these: they go on top.
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            first_new = len(self._ids)
            self._ids.extend(item.last_event for item in new)
            self.endInsertRows()
            moved.update({first_new + i: item for i, item in enumerate(new)})
        if touched:
            self._to_top(moved, touched)
            self.dataChanged.emit(self.index(0, 0), self.index(len(touched) - 1, len(Col) - 1))

    def _to_top(self, moved: dict[int, Changed], order: list[Changed]) -> None:
        """Put the entities at these positions on top, in `order`, under their new ids."""
        ids = self._ids
        count = len(ids)
        base = count - len(order)  # where the top block starts
        rank = {item: base + i for i, item in enumerate(order)}
        positions = sorted(moved)
        if positions == list(range(base, count)) and all(rank[moved[pos]] == pos for pos in positions):
            # Already the top rows in this order (the same entities touched again): new ids only.
            for pos in positions:
                ids[pos] = moved[pos].last_event
            return
        self.layoutAboutToBeChanged.emit()
        start = positions[0]  # rows below it keep their places
        # Slices between the moved positions, not a loop over the rows: O(n) bytes, O(k) steps.
        tail: array[int] = array("q")
        for left, right in zip(positions, [*positions[1:], count], strict=True):
            tail.extend(ids[left + 1 : right])
        tail.extend(item.last_event for item in order)
        del ids[start:]
        ids.extend(tail)

        def new_position(pos: int) -> int:
            item = moved.get(pos)
            return rank[item] if item is not None else pos - bisect_left(positions, pos)

        for index in self.persistentIndexList():
            pos = count - 1 - index.row()
            if pos >= start:
                target = count - 1 - new_position(pos)
                self.changePersistentIndex(index, self.index(target, index.column()))
        self.layoutChanged.emit()

    def _remove(self, positions: Iterable[int]) -> None:
        # One signal per contiguous run, top rows (highest positions) first, so the positions
        # still to remove stay valid.
        pending = sorted(positions)
        while pending:
            high = low = pending.pop()
            while pending and pending[-1] == low - 1:
                low = pending.pop()
            count = len(self._ids)
            self.beginRemoveRows(QModelIndex(), count - 1 - high, count - 1 - low)
            del self._ids[low : high + 1]
            self.endRemoveRows()

    def _position(self, candidates: Iterable[int]) -> int | None:
        """Where the array holds one of these ids (an entity's possible ids), if it does."""
        ids = self._ids
        for event_id in candidates:
            pos = bisect_left(ids, event_id)
            if pos < len(ids) and ids[pos] == event_id:
                return pos
        return None

    def clear(self) -> None:
        self._generation += 1  # a load in progress would bring the rows back
        if self._busy:
            self._busy = self._refresh_wanted = False
            self.loading.emit(False)
        self.beginResetModel()
        self._ids = array("q")
        self._cache.clear()
        self.endResetModel()

    # -- reading rows -----------------------------------------------------------------------------

    def key(self, row: int) -> Key | None:
        record = self.record(row)
        return None if record is None else (record["provider"], record["entity_id"])

    def row_of(self, key: Key) -> int | None:
        """The row showing an entity: found by bisection under the ids it may be shown as."""
        if not self._ids:
            return None
        pos = self._position(self._store.entity_shown_as(key, self._mark))
        return None if pos is None else len(self._ids) - 1 - pos

    def event_id(self, row: int) -> int | None:
        """The id naming a row's entity (its last event when the row was read)."""
        if 0 <= row < len(self._ids):
            return self._ids[len(self._ids) - 1 - row]
        return None

    def record(self, row: int) -> Row | None:
        event_id = self.event_id(row)
        return None if event_id is None else self._fetch(row, event_id)

    def _fetch(self, row: int, event_id: int) -> Row | None:
        cached = self._cache.get(event_id)
        if cached is not None:
            self._cache.move_to_end(event_id)
            return cached
        # Fetch the page around the row in one query: a screenful costs one round trip.
        position = len(self._ids) - 1 - row
        start = position - position % PAGE
        page = [i for i in self._ids[start : start + PAGE] if i not in self._cache]
        fetched = self._store.entity_rows_by_event(page)
        for record in fetched.values():
            self._add_forged_claim(record)
        self._cache.update(fetched)
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        return fetched.get(event_id)

    def _add_forged_claim(self, record: Row) -> None:
        """A sale known only from deliveries whose signature failed (a forgery) has no status,
        amount or reference of its own: note what the newest of them claimed, to show struck
        through (never counted). Rare, so the timeline read per such row costs little."""
        if record["status"] or record.get("claimed_status") or not record["refused"]:
            return
        claims = [
            event
            for event in self._store.timeline(record["provider"], record["entity_id"])
            if event["effect"] == "refused" and event["status"]
        ]
        if claims:
            record["forged"] = claims[-1]

    def _forged_data(self, col: Col, claim: Row, role: int) -> Any:
        """The claimed status, amount and reference of a forged sale: struck through, labelled."""
        if col not in (Col.STATUS, Col.AMOUNT, Col.REFERENCE):
            return _NOT_HANDLED
        if role == Qt.ItemDataRole.FontRole:
            return self._struck
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(
                "PaymentsModel",
                "Claimed by a delivery whose signature check failed: not verified, never counted.",
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return _NOT_HANDLED
        if col == Col.STATUS:
            label = QCoreApplication.translate("PaymentsModel", "not verified")
            return f"✖ {str(claim['status']).upper()} · {label}"
        if col == Col.AMOUNT:
            amount = claim["amount"]
            return format_amount(amount, claim["currency"] or "BRL") if amount is not None else ""
        return claim["reference"] or ""

    # -- Qt model interface ---------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # Translated when asked, not at import: the language is chosen after modules load.
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Col):
            return cells.header(Col(section))
        return super().headerData(section, orientation, role)

    def _row_total(self) -> int:
        return len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(Col):
            return None
        row = self.record(index.row())
        if row is None:
            return None
        if role == Role.KEY:
            return (row["provider"], row["entity_id"])
        col = Col(index.column())
        if (claim := row.get("forged")) is not None:
            forged = self._forged_data(col, claim, role)
            if forged is not _NOT_HANDLED:
                return forged
        if role == Qt.ItemDataRole.DisplayRole:
            return cells.display(col, row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return cells.foreground(col, row)
        if role == Qt.ItemDataRole.BackgroundRole:
            return cells.background(col, row)
        if role == Qt.ItemDataRole.FontRole and col == Col.STATUS:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            # Any cell may be cut short by its column: its whole text is in the tooltip.
            return cells.tooltip(col, row) or cells.display(col, row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cells.alignment(col)
        if role == Role.RECORD:
            return row
        if role == Role.RAW:
            return cells.raw(col, row)
        return None
