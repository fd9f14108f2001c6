"""The retention setting: keep the newest N events, N days, or N GB (each optional; off by default)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.retention import RetentionPolicy
from desktop.ui.theme import Tone, text_style


class RetentionDialog(QDialog):
    """Edits a RetentionPolicy; `policy()` is what the user chose. Read-only when the config
    file sets `[retention]` (the file is the user's; we never rewrite it)."""

    def __init__(self, policy: RetentionPolicy, *, from_config: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Retention"))
        self.events_box = QCheckBox(self.tr("Keep only the newest"))
        self.events_spin = QSpinBox()
        self.events_spin.setRange(1, 2_000_000_000)
        self.events_spin.setGroupSeparatorShown(True)
        self.events_spin.setSuffix(self.tr(" events"))
        self.events_spin.setValue(policy.keep_events or 100_000)
        self.days_box = QCheckBox(self.tr("Delete events older than"))
        self.days_spin = QDoubleSpinBox()
        self.days_spin.setRange(0.1, 36_500)
        self.days_spin.setDecimals(1)
        self.days_spin.setSuffix(self.tr(" days"))
        self.days_spin.setValue(policy.keep_days or 90)
        self.gb_box = QCheckBox(self.tr("Keep the database under"))
        self.gb_spin = QDoubleSpinBox()
        self.gb_spin.setRange(0.01, 100_000)
        self.gb_spin.setDecimals(2)
        self.gb_spin.setSuffix(self.tr(" GB"))
        self.gb_spin.setValue(policy.keep_gb or 5)
        grid = QGridLayout()
        rows = (
            (self.events_box, self.events_spin, policy.keep_events),
            (self.days_box, self.days_spin, policy.keep_days),
            (self.gb_box, self.gb_spin, policy.keep_gb),
        )
        for row, (box, spin, value) in enumerate(rows):
            box.setChecked(value is not None)
            spin.setEnabled(value is not None)
            box.toggled.connect(spin.setEnabled)
            grid.addWidget(box, row, 0)
            grid.addWidget(spin, row, 1)
        note = QLabel(
            self.tr(
                "The oldest events past any checked limit are deleted in the background, a few "
                "hundred at a time, without holding up capture; payment state is rebuilt from "
                "the events that remain. Freed space is reused; File ▸ Compact database gives it "
                "back to the disk."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        if from_config:
            pinned = QLabel(self.tr("Set by [retention] in the config file: change it there."))
            pinned.setStyleSheet(text_style(Tone.WARNING))
            layout.addWidget(pinned)
            for widget in (self.events_box, self.events_spin, self.days_box, self.days_spin):
                widget.setEnabled(False)
            self.gb_box.setEnabled(False)
            self.gb_spin.setEnabled(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not from_config)
        layout.addWidget(buttons)

    def policy(self) -> RetentionPolicy:
        return RetentionPolicy(
            keep_events=self.events_spin.value() if self.events_box.isChecked() else None,
            keep_days=self.days_spin.value() if self.days_box.isChecked() else None,
            keep_gb=self.gb_spin.value() if self.gb_box.isChecked() else None,
        )
