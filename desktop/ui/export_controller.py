"""Export from the window: the events the current filter shows, to CSV (for the accountant),
JSONL or HAR. The file is written on a worker thread; the window hears back through a signal.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.export_formats import write_events
from desktop.store.interface import EventStore, Selection

FORMATS = {"csv": "CSV (*.csv)", "jsonl": "JSON Lines (*.jsonl)", "har": "HAR (*.har)"}


class ExportController(QObject):
    """Signals:
    finished(message): the export ended (how many events went where, or why it failed).
    """

    finished = Signal(str)

    def __init__(self, store: EventStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store

    def ask_and_export(self, parent: QWidget, fmt: str, selection: Selection) -> QFileDialog:
        dialog = QFileDialog(parent, self.tr("Export events"), f"events.{fmt}", FORMATS[fmt])
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda name: self.export(Path(name), fmt, selection))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): no nested event loop under qasync
        return dialog

    def export(self, path: Path, fmt: str, selection: Selection | None = None) -> threading.Thread:
        chosen = selection or Selection()

        def run() -> None:
            try:
                # newline="": the CSV writer's \r\n is written as is.
                with path.open("w", encoding="utf-8", newline="") as out:
                    count = write_events(self.store.iter_events(**chosen.args()), out, fmt)
            except OSError as exc:
                self.finished.emit(self.tr("Export failed: {0}").format(exc))
            else:
                self.finished.emit(self.tr("Exported %Ln event(s) to {0}", "", count).format(path))

        thread = threading.Thread(target=run, name="export", daemon=True)
        thread.start()
        return thread
