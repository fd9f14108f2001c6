"""One Settings dialog (Edit ▸ Settings…): appearance and language, the listener, the finance
day's time zone, notifications and retention, each on its own tab.

It edits what already exists rather than keeping a second copy: the finance zone is the key
`main.py totals` reads (core/finance_day.py), notifications are the Notifier's own settings
(the same as the Notificações menu and the Actions tab's built-in rules), retention opens the
existing retention dialog. Appearance applies at once; language and the listener's address at
the next start (the dialog says so).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.finance_day import SETTINGS_KEY as ZONE_KEY
from desktop.core.finance_day import UnknownTimezoneError, zone
from desktop.runtime import Services
from desktop.ui.locale_format import format_number
from desktop.ui.payments.finance_zone import COMMON_ZONES
from desktop.ui.settings.listener_overrides import KEYS, saved_overrides
from desktop.ui.theme import THEME_KEY, Tone, saved_theme, window_tone

LANGUAGE_KEY = "ui/language"  # read at start by the translations (system | pt_BR | en)
LANGUAGES = ("system", "pt_BR", "en")


class SettingsDialog(QDialog):
    """Signals:
    theme_chosen(name): system | light | dark, to apply now (already saved).
    zone_chosen(name): the finance day's new zone (already saved).
    port_now(port): listen on this port now (the running listener moves).
    retention_requested(): open the retention dialog.
    """

    theme_chosen = Signal(str)
    zone_chosen = Signal(str)
    port_now = Signal(int)
    retention_requested = Signal()

    def __init__(
        self,
        settings_ini: QSettings,
        services: Services,
        *,
        finance_zone: str,
        notifications: Sequence[QAction],
        pinned: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.settings_ini = settings_ini
        self.services = services
        self.pinned = pinned or {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._appearance_tab(), self.tr("Appearance"))
        self.tabs.addTab(self._listener_tab(), self.tr("Listener"))
        self.tabs.addTab(self._finance_tab(finance_zone), self.tr("Finance"))
        self.tabs.addTab(self._notifications_tab(notifications), self.tr("Notifications"))
        self.tabs.addTab(self._retention_tab(), self.tr("Retention"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(620, 440)

    # -- tabs ---------------------------------------------------------------------------------

    def _note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {window_tone(Tone.NEUTRAL).name()}")
        return label

    def _appearance_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.theme = QComboBox()
        for name, label in zip(
            ("system", "light", "dark"),
            (self.tr("Follow the system"), self.tr("Light"), self.tr("Dark")),
            strict=True,
        ):
            self.theme.addItem(label, name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(saved_theme(self.settings_ini))))
        self.theme.currentIndexChanged.connect(self._keep_theme)
        form.addRow(self.tr("Theme:"), self.theme)
        self.language = QComboBox()
        for name, label in zip(
            LANGUAGES, (self.tr("Follow the system"), "Português (Brasil)", "English"), strict=True
        ):
            self.language.addItem(label, name)
        current = str(self.settings_ini.value(LANGUAGE_KEY, "system"))
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.language.currentIndexChanged.connect(self._keep_language)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self._note(self.tr("The language applies after a restart; the theme at once.")))
        return page

    def _listener_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        settings = self.services.settings
        saved = saved_overrides(self.settings_ini)
        self.host = QLineEdit(saved.get("host", settings.host))
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setValue(int(saved.get("port", self.services.listener.port or settings.port)))
        self.body_limit = QDoubleSpinBox()
        self.body_limit.setRange(0.01, 10_000)
        self.body_limit.setSuffix(" MB")
        self.body_limit.setValue(float(saved.get("max_body_mb", settings.max_body_mb)))
        self.token_env = QLineEdit(saved.get("token_env", settings.listener.token_env or ""))
        self.token_env.setPlaceholderText(self.tr("none: no token needed on this computer"))
        rows = (
            ("host", self.tr("Address:"), self.host),
            ("port", self.tr("Port:"), self.port),
            ("max_body_mb", self.tr("Body limit:"), self.body_limit),
            ("token_env", self.tr("Token variable:"), self.token_env),
        )
        for key, label, widget in rows:
            source = self.pinned.get(key)
            if source:
                widget.setEnabled(False)
                where = (
                    self.tr("set by the command line")
                    if source == "command line"
                    else self.tr("set by [listener] in the config file")
                )
                widget.setToolTip(where)
                label = f"{label} ({where})"
            form.addRow(label, widget)
        self.save_listener = QPushButton(self.tr("Save for the next start"))
        self.save_listener.clicked.connect(self.keep_listener)
        self.listen_now = QPushButton(self.tr("Listen on this port now"))
        self.listen_now.clicked.connect(lambda: self.port_now.emit(self.port.value()))
        form.addRow(self.save_listener)
        form.addRow(self.listen_now)
        self.listener_saved = QLabel()
        form.addRow(self.listener_saved)
        form.addRow(
            self._note(
                self.tr(
                    "Which wins: the command line (--host, --port), then the config file's "
                    "[listener], then what is saved here, then the defaults. Saved values apply at "
                    "the next start; the token variable names an environment variable holding the "
                    "token, never the token itself."
                )
            )
        )
        return page

    def _finance_tab(self, current: str) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.addItems(list(dict.fromkeys((current, *COMMON_ZONES))))
        self.zone.setCurrentText(current)
        configured = self.services.settings.finance_timezone
        form.addRow(self.tr("Finance day's time zone:"), self.zone)
        self.zone_problem = QLabel()
        self.zone_problem.setWordWrap(True)
        form.addRow(self.zone_problem)
        if configured:
            self.zone.setEnabled(False)
            form.addRow(self._note(self.tr("Set by [finance] timezone in the config file: change it there.")))
        else:
            self.zone.activated.connect(lambda _index: self.keep_zone())
            edit = self.zone.lineEdit()
            if edit is not None:
                edit.editingFinished.connect(self.keep_zone)
            form.addRow(
                self._note(
                    self.tr(
                        '"Today" in the totals, the filter and the exports is a calendar day in this '
                        "zone. `main.py totals` and `main.py payments` use it too."
                    )
                )
            )
        return page

    def _notifications_tab(self, notifications: Sequence[QAction]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.notification_boxes: list[QCheckBox] = []
        # The window's Notificações menu actions: the menu, the Actions tab and this tab stay in
        # step. Connected to the boxes (QObjects), so closing the dialog disconnects them.
        for action in notifications:
            box = QCheckBox(action.text())
            box.setChecked(action.isChecked())
            box.toggled.connect(action.setChecked)
            action.toggled.connect(box.setChecked)
            layout.addWidget(box)
            self.notification_boxes.append(box)
        layout.addWidget(
            self._note(
                self.tr("The same settings as the Notifications menu and the Actions tab's built-in rules.")
            )
        )
        layout.addStretch(1)
        return page

    def _days_text(self, days: float) -> str:
        """'1 day', '30 days'; retention.json may hold a fraction ('1.5 days', always plural)."""
        if days == int(days):
            return self.tr("%n day(s)", "", int(days))
        return self.tr("%1 days").replace("%1", QLocale().toString(days, "g", 6))

    def _retention_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        if self.services.team_mode:
            layout.addWidget(self._note(self.tr("Retention applies to this computer's SQLite store only.")))
        else:
            policy = self.services.retention_policy()
            limits = []
            if policy.keep_events is not None:
                limits.append(
                    self.tr("the newest %1 events").replace("%1", format_number(policy.keep_events))
                )
            if policy.keep_days is not None:
                limits.append(self._days_text(policy.keep_days))
            if policy.keep_gb is not None:
                limits.append(
                    self.tr("under %1 GB").replace("%1", QLocale().toString(policy.keep_gb, "g", 6))
                )
            summary = (
                self.tr("Keeping: %1.").replace("%1", ", ".join(limits))
                if limits
                else self.tr("Keeping every event (no limit).")
            )
            layout.addWidget(QLabel(summary))
            self.retention_button = QPushButton(self.tr("Change retention…"))
            self.retention_button.clicked.connect(self.retention_requested.emit)
            layout.addWidget(self.retention_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    # -- keeping choices ------------------------------------------------------------------------

    def _keep_theme(self, _index: int) -> None:
        name = str(self.theme.currentData())
        self.settings_ini.setValue(THEME_KEY, name)
        self.settings_ini.sync()
        self.theme_chosen.emit(name)

    def _keep_language(self, _index: int) -> None:
        self.settings_ini.setValue(LANGUAGE_KEY, str(self.language.currentData()))
        self.settings_ini.sync()

    def keep_listener(self) -> None:
        values = {
            "host": self.host.text().strip(),
            "port": str(self.port.value()),
            "max_body_mb": f"{self.body_limit.value():g}",
            "token_env": self.token_env.text().strip(),
        }
        for ini_key, key in KEYS.items():
            if key in self.pinned:
                continue
            if values[key]:
                self.settings_ini.setValue(ini_key, values[key])
            else:
                self.settings_ini.remove(ini_key)
        self.settings_ini.sync()
        self.listener_saved.setText(self.tr("Saved: applies at the next start."))

    def keep_zone(self) -> None:
        name = self.zone.currentText().strip()
        if name == str(self.settings_ini.value(ZONE_KEY, "")):
            return
        try:
            zone(name)
        except UnknownTimezoneError as exc:
            self.zone_problem.setText(str(exc))
            self.zone_problem.setStyleSheet(f"color: {window_tone(Tone.BAD).name()}")
            return
        self.zone_problem.setText("")
        self.settings_ini.setValue(ZONE_KEY, name)
        self.settings_ini.sync()
        self.zone_chosen.emit(name)
