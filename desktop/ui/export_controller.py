"""Export from the window: the events the current filter shows, to CSV (for the accountant),
JSONL or HAR. The file is written on a worker thread; the window hears back through a signal.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.cli.export import write_export
from desktop.store.events import Store

FORMATS = {"csv": "CSV (*.csv)", "jsonl": "JSON Lines (*.jsonl)", "har": "HAR (*.har)"}


class ExportController(QObject):
    """Signals:
    finished(message): the export ended (how many events went where, or why it failed).
    """

    finished = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store

    def ask_and_export(self, parent: QWidget, fmt: str, where: str, params: tuple[Any, ...]) -> QFileDialog:
        dialog = QFileDialog(parent, "Export events", f"events.{fmt}", FORMATS[fmt])
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda name: self.export(Path(name), fmt, where, params))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): no nested event loop under qasync
        return dialog

    def export(
        self, path: Path, fmt: str, where: str = "1", params: tuple[Any, ...] = ()
    ) -> threading.Thread:
        def run() -> None:
            try:
                # newline="": the CSV writer's \r\n is written as is.
                with path.open("w", encoding="utf-8", newline="") as out:
                    count = write_export(self.store, out, fmt, where, params)
            except OSError as exc:
                self.finished.emit(f"Export failed: {exc}")
            else:
                self.finished.emit(f"Exported {count} event(s) to {path}")

        thread = threading.Thread(target=run, name="export", daemon=True)
        thread.start()
        return thread
