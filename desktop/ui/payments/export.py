"""*Export this tab* on the Payments tab: the accountant's file, one row per sale.

The same records as `main.py payments` (core/payment_records.py, `write_records`), for the sales the
tab's filter shows, verified only unless the user asked for the others. The file type chosen
in the dialog picks the format: CSV for Excel pt-BR (the default: `;`, decimal comma, BOM,
Portuguese headers), standard CSV, or JSON Lines. Written on a worker thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.csv_dialects import EXCEL_BR, STANDARD, Dialect
from desktop.core.finance_day import zone
from desktop.core.payment_records import write_records
from desktop.store.interface import EventStore, Selection


def _filters() -> dict[str, tuple[str, Dialect]]:
    """Name filter shown in the dialog -> (format, dialect)."""

    return {
        QCoreApplication.translate("PaymentsExporter", "CSV for Excel / LibreOffice in Portuguese (*.csv)"): (
            "csv",
            EXCEL_BR,
        ),
        QCoreApplication.translate("PaymentsExporter", "Standard CSV (comma, decimal point) (*.csv)"): (
            "csv",
            STANDARD,
        ),
        QCoreApplication.translate("PaymentsExporter", "JSON Lines (*.jsonl)"): ("jsonl", STANDARD),
    }


class PaymentsExporter(QObject):
    """Signals: finished(message): the export ended (how many sales went where, or why not)."""

    finished = Signal(str)

    def __init__(self, store: EventStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.include_unverified = False

    def ask_and_export(self, parent: QWidget, selection: Selection, timezone: str) -> QFileDialog:
        filters = _filters()
        name = self.tr("sales") + ".csv"
        dialog = QFileDialog(parent, self.tr("Export this tab's sales"), name, ";;".join(filters))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)

        def chosen(name: str) -> None:
            fmt, dialect = filters.get(dialog.selectedNameFilter(), ("csv", EXCEL_BR))
            self.export(Path(name), fmt, dialect, selection, timezone)

        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): no nested event loop under qasync
        return dialog

    def export(
        self,
        path: Path,
        fmt: str,
        dialect: Dialect,
        selection: Selection,
        timezone: str,
    ) -> threading.Thread:
        include = self.include_unverified

        def run() -> None:
            try:
                # The store reads on this worker thread's own connection.
                with path.open("w", encoding="utf-8", newline="") as out:
                    tz = zone(timezone)
                    rows = self.store.iter_sales(
                        selection.query, now=selection.now, tz=tz, include_unverified=include
                    )
                    count = write_records(rows, out, fmt, tz, dialect)
            except OSError as exc:
                self.finished.emit(self.tr("The export failed: {why}").format(why=exc))
            else:
                text = self.tr("%n sale(s) exported to {path}", "", count)
                self.finished.emit(text.format(path=path))

        thread = threading.Thread(target=run, name="export-payments", daemon=True)
        thread.start()
        return thread
