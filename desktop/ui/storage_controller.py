"""The database's size in the status bar, Compact (VACUUM) off the UI thread, and the
retention setting (desktop/store/retention.py prunes; this only edits and wakes it).

Compact is the same upkeep as `main.py maintain` (store/maintenance.py): FTS optimize,
ANALYZE, VACUUM. VACUUM writes a new copy of the file, so it needs free disk space about
the size of the database, and captures wait for it (the confirmation says so).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QLocale, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.core.retention import RetentionPolicy
from desktop.runtime import Services
from desktop.store.maintenance import maintain
from desktop.ui.retention_dialog import RetentionDialog

SIZE_REFRESH_MS = 5000


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return f"{QLocale().toString(value, 'f', 1)} {unit}"  # '1,5 MB' in pt-BR


class StorageController(QObject):
    """Signals:
    compacted(ok, message): Compact ended (sizes before and after, or why it failed).
    """

    compacted = Signal(bool, str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.data_dir = services.store.data_dir
        self.compacting = False
        self.size_label = QLabel()
        self.size_label.setToolTip(self.tr("Size of the events database on disk (with its write-ahead log)"))
        self._timer = QTimer(self)
        self._timer.setInterval(SIZE_REFRESH_MS)
        self._timer.timeout.connect(self.refresh_size)
        if services.team_mode:
            # The size of a shared PostgreSQL database is not this machine's file: not shown.
            self.size_label.setVisible(False)
            return
        self._timer.start()
        self.refresh_size()

    def refresh_size(self) -> None:
        if self.services.team_mode:
            return
        # Two stat() calls: cheap enough for the UI thread.
        size = self.services.database_bytes()
        self.size_label.setText(self.tr("Database: {0}").format(human_size(size)))

    # -- compact ------------------------------------------------------------------------------

    def confirm_compact(self, parent: QWidget) -> QMessageBox:
        size = human_size(self.services.database_bytes())
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Compact database"),
            self.tr(
                "Compacting rewrites the database ({0}) to give the space of deleted events back "
                "to the disk. It needs about that much free disk space, and new requests wait "
                "(or are answered 503) while it runs. Compact now?"
            ).format(size),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda answer: self.compact() if answer == QMessageBox.StandardButton.Yes else None
        )
        box.finished.connect(box.deleteLater)
        box.open()  # not exec(): no nested event loop under qasync
        return box

    def compact(self) -> threading.Thread | None:
        """VACUUM on a worker thread; `compacted` says how it went. None if one is running."""
        if self.compacting:
            return None
        self.compacting = True

        def run() -> None:
            try:
                report = maintain(self.data_dir)
            except Exception as exc:  # disk full, locked: said, never raised on a worker thread
                self.compacted.emit(False, self.tr("Compact failed: {0}").format(exc))
            else:
                self.compacted.emit(
                    True,
                    self.tr("Compacted: {0} → {1}").format(
                        human_size(report.bytes_before), human_size(report.bytes_after)
                    ),
                )
            finally:
                self.compacting = False

        thread = threading.Thread(target=run, name="compact", daemon=True)
        thread.start()
        return thread

    # -- retention ----------------------------------------------------------------------------

    def open_retention(self, parent: QWidget) -> RetentionDialog:
        dialog = RetentionDialog(
            self.services.retention_policy(),
            from_config=self.services.settings.retention is not None,
            parent=parent,
        )
        dialog.accepted.connect(lambda: self.set_policy(dialog.policy()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def set_policy(self, policy: RetentionPolicy) -> None:
        self.services.set_retention(policy)  # saved, and applied now
