"""File > Import in the window: a JSONL export or a HAR file, read and stored on a worker thread.

The same path as `main.py import` (core/import_formats.py, store/importer.py): imported events
are marked (`imported:yes`), recognised by this window's writer like live ones, and a file
imported twice adds nothing. The window hears the result through a signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.import_formats import ImportFormatError, read_events
from desktop.runtime import import_into


class ImportController(QObject):
    """Signals:
    finished(ok, message): the import ended; the message says how many were added or why not.
    """

    finished = Signal(bool, str)

    def __init__(
        self,
        data_dir: Path,
        recognise_stored: Callable[[], None],
        parent: QObject | None = None,
        store_url: str | None = None,
    ) -> None:
        """`recognise_stored`: tells the running writer to take up what was imported;
        `store_url`: a PostgreSQL store to import into (team mode) instead of `data_dir`'s."""
        super().__init__(parent)
        self.data_dir = data_dir
        self.store_url = store_url
        self.recognise_stored = recognise_stored

    def ask_and_import(self, parent: QWidget) -> QFileDialog:
        dialog = QFileDialog(
            parent,
            self.tr("Import events"),
            "",
            self.tr("Exports and HAR files (*.jsonl *.har *.json);;All files (*)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.import_file(Path(name)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): no nested event loop under qasync
        return dialog

    def import_file(self, path: Path) -> threading.Thread:
        """Read and store `path` off the UI thread; `finished` says how it went."""

        def run() -> None:
            try:
                result = import_into(self.store_url, self.data_dir, read_events(path))
            except (ImportFormatError, OSError) as exc:
                self.finished.emit(False, self.tr("Import failed: {0}").format(exc))
                return
            except Exception as exc:  # a worker thread must always report back (locked, newer schema)
                self.finished.emit(
                    False, self.tr("Import failed: {0}").format(f"{type(exc).__name__}: {exc}")
                )
                return
            if result.added:
                self.recognise_stored()  # recognised here, like live captures
            self.finished.emit(
                True,
                self.tr("Imported {0} event(s) from {1}; {2} already stored were skipped.").format(
                    result.added, path.name, result.skipped
                ),
            )

        thread = threading.Thread(target=run, name="import", daemon=True)
        thread.start()
        return thread
