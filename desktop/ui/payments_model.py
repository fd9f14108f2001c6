"""The Payments table's model: one row per provider entity, most recently touched on top.

Like the events model it holds only keys, and reads the rows in view a page at a time,
cached by key (never by row number: rows move when their entity changes). New events update
rows in place (`dataChanged`), add rows on top (one insert per refresh), and bring touched
rows to the top with a layout change that moves persistent indexes, so the selection
follows its entity rather than staying on a row number.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.core.money import format_amount
from desktop.store.entities_query import Key, Row, changed_since, entity_keys, entity_rows, high_water
from desktop.store.events import Store
from desktop.ui.status_colors import flags_text, flags_tooltip, local_time, status_text, style_for, type_text

PAGE = 128
CACHE_ROWS = 8192

Index = QModelIndex | QPersistentModelIndex


class Col(IntEnum):
    LAST_UPDATE = 0
    STATUS = 1
    AMOUNT = 2
    REFERENCE = 3
    PAYER = 4
    FLAGS = 5  # before the ids: a refused delivery must be seen without scrolling
    TYPE = 6
    EVENTS = 7
    ENTITY = 8
    PROVIDER = 9
    FIRST_SEEN = 10


# Portuguese first: this is the finance staff's screen.
HEADERS = {
    Col.LAST_UPDATE: "Atualizado em",
    Col.STATUS: "Status",
    Col.AMOUNT: "Valor",
    Col.REFERENCE: "Referência",
    Col.PAYER: "Pagador",
    Col.TYPE: "Tipo",
    Col.ENTITY: "ID no provedor",
    Col.PROVIDER: "Provedor",
    Col.EVENTS: "Eventos",
    Col.FLAGS: "Alertas",
    Col.FIRST_SEEN: "Primeiro evento",
}


class Role(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1  # (provider, entity_id)
    RECORD = Qt.ItemDataRole.UserRole + 2  # the whole entity row
    RAW = Qt.ItemDataRole.UserRole + 3  # the cell's raw value (sorting, filtering)


FLAG_COLOURS = {"invalid": QColor("#a12a1e"), "warning": QColor("#8a5300")}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _amount(row: Row) -> str:
    return format_amount(row["amount"], row["currency"])


def _status(row: Row) -> str:
    # An entity can exist before any event has told its status (Mercado Pago sends only ids).
    return status_text(row["provider"], row["entity_type"], row["status"]) or "(sem status)"


_DISPLAY: dict[Col, Callable[[Row], str]] = {
    Col.LAST_UPDATE: lambda r: local_time(r["last_update"]),
    Col.STATUS: _status,
    Col.AMOUNT: _amount,
    Col.REFERENCE: lambda r: r["reference"] or "",
    Col.PAYER: lambda r: r["payer"] or "",
    Col.TYPE: lambda r: type_text(r["entity_type"]),
    Col.ENTITY: lambda r: r["entity_id"],
    Col.PROVIDER: lambda r: r["provider"],
    Col.EVENTS: lambda r: str(r["event_count"]),
    Col.FLAGS: flags_text,
    Col.FIRST_SEEN: lambda r: local_time(r["first_seen"]),
}

_RAW: dict[Col, str] = {
    Col.LAST_UPDATE: "last_update",
    Col.STATUS: "status",
    Col.AMOUNT: "amount",
    Col.REFERENCE: "reference",
    Col.PAYER: "payer",
    Col.TYPE: "entity_type",
    Col.ENTITY: "entity_id",
    Col.PROVIDER: "provider",
    Col.EVENTS: "event_count",
    Col.FLAGS: "refused",
    Col.FIRST_SEEN: "first_seen",
}


class PaymentsModel(QAbstractTableModel):
    """Rows are entities (a charge, a payment, a transfer...), most recently touched first."""

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._keys: list[Key] = []
        self._key_set: set[Key] = set()
        self._last_event = 0  # newest event reflected in the rows
        self._where = "1"
        self._params: tuple[Any, ...] = ()
        self._cache: OrderedDict[Key, Row] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)

    # -- contents -------------------------------------------------------------------------

    def load(self, where: str = "1", params: Sequence[Any] = ()) -> None:
        """(Re)load every matching entity: a full reset (startup, filter change, clear)."""
        conn = self._store.reader()
        self.beginResetModel()
        # Read the high-water mark first: an entity committed in between is seen twice, not lost.
        self._last_event = high_water(conn)
        self._where, self._params = where, tuple(params)
        self._keys = entity_keys(conn, where, params)
        self._key_set = set(self._keys)
        self._cache.clear()
        self.endResetModel()

    def refresh(self) -> int:
        """Apply entities touched since the last refresh; returns how many rows changed."""
        conn = self._store.reader()
        # The mark is read first and always advances (plain requests touch no entity), so the
        # next refresh never rescans old events; an entity committed in between is seen twice.
        newest = high_water(conn)
        changed = changed_since(conn, self._last_event, self._where, self._params)
        self._last_event = max(self._last_event, newest)
        if not changed:
            return 0
        for item in changed:
            self._cache.pop(item.key, None)
        gone = {item.key for item in changed if not item.matches and item.key in self._key_set}
        if gone:
            self._remove(gone)
        touched = [item.key for item in changed if item.matches]  # newest first
        new = [key for key in touched if key not in self._key_set]
        if new:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self._keys[0:0] = new
            self._key_set.update(new)
            self.endInsertRows()
        if touched:
            self._bring_to_top(touched)
            self.dataChanged.emit(self.index(0, 0), self.index(len(touched) - 1, len(Col) - 1))
        return len(changed)

    def _bring_to_top(self, ordered: list[Key]) -> None:
        """Put these keys on rows 0..n-1 in this order; rows below the last of them keep theirs."""
        wanted = set(ordered)
        end = 0
        found = 0
        for row, key in enumerate(self._keys):
            if key in wanted:
                found += 1
                end = row + 1
                if found == len(wanted):
                    break
        prefix = self._keys[:end]
        reordered = ordered + [key for key in prefix if key not in wanted]
        if reordered == prefix:
            return
        self.layoutAboutToBeChanged.emit()
        new_row = {key: row for row, key in enumerate(reordered)}
        for index in self.persistentIndexList():
            if index.row() < end:
                target = new_row[prefix[index.row()]]
                self.changePersistentIndex(index, self.index(target, index.column()))
        self._keys[:end] = reordered
        self.layoutChanged.emit()

    def _remove(self, gone: set[Key]) -> None:
        rows = [row for row, key in enumerate(self._keys) if key in gone]
        # Bottom-up, one signal per contiguous run, so earlier row numbers stay valid.
        while rows:
            last = rows.pop()
            first = last
            while rows and rows[-1] == first - 1:
                first = rows.pop()
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._keys[first : last + 1]
            self.endRemoveRows()
        self._key_set -= gone

    def clear(self) -> None:
        self.beginResetModel()
        self._keys, self._key_set = [], set()
        self._cache.clear()
        self.endResetModel()

    def key(self, row: int) -> Key | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row_of(self, key: Key) -> int | None:
        if key not in self._key_set:
            return None
        return self._keys.index(key)

    def record(self, row: int) -> Row | None:
        key = self.key(row)
        return None if key is None else self._fetch(row, key)

    def _fetch(self, row: int, key: Key) -> Row | None:
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        # Fetch the page around the row in one query: a screenful costs one round trip.
        start = row - row % PAGE
        page = [k for k in self._keys[start : start + PAGE] if k not in self._cache]
        fetched = entity_rows(self._store.reader(), page)
        self._cache.update(fetched)
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        return fetched.get(key)

    # -- Qt model interface ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Col)
        ):
            return HEADERS[Col(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(Col):
            return None
        key = self.key(index.row())
        if key is None:
            return None
        if role == Role.KEY:
            return key
        row = self._fetch(index.row(), key)
        if row is None:
            return None
        col = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[col](row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(col, row)
        if role == Qt.ItemDataRole.BackgroundRole and col == Col.STATUS and row["status"]:
            return style_for(row["provider"], row["entity_type"], row["status"]).background
        if role == Qt.ItemDataRole.FontRole and col == Col.STATUS:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(col, row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (Col.AMOUNT, Col.EVENTS):
            return _RIGHT
        if role == Role.RECORD:
            return row
        if role == Role.RAW:
            return row[_RAW[col]]
        return None

    @staticmethod
    def _foreground(col: Col, row: Row) -> QColor | None:
        if col == Col.STATUS:
            return style_for(row["provider"], row["entity_type"], row["status"]).foreground
        if col == Col.FLAGS:
            if row["refused"]:
                return FLAG_COLOURS["invalid"]
            if row["out_of_order"] or row["redelivered"]:
                return FLAG_COLOURS["warning"]
        return None

    @staticmethod
    def _tooltip(col: Col, row: Row) -> str | None:
        if col == Col.FLAGS:
            return flags_tooltip(row)
        if col == Col.TYPE:
            return row["entity_type"]
        if col == Col.STATUS and row["status"]:
            since = (
                f" (desde {local_time(row['status_time'])}, hora do provedor)" if row["status_time"] else ""
            )
            return f"Status atual: {row['status']}{since}"
        return None
