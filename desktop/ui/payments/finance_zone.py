"""The window's setting for the finance day's time zone.

`[finance] timezone` in the config file wins (the dialog says so and changes nothing);
otherwise the choice is kept in the data directory's settings.ini, where `main.py totals`
and `main.py payments` read it too (core/finance_day.py, `chosen_timezone`), so the window
and the commands count the same day.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop.core.finance_day import SETTINGS_KEY, UnknownTimezoneError, zone

# Brazil's zones first (finance staff are there), then a few a server might be set to.
COMMON_ZONES = (
    "America/Sao_Paulo",
    "America/Manaus",
    "America/Cuiaba",
    "America/Belem",
    "America/Fortaleza",
    "America/Recife",
    "America/Bahia",
    "America/Rio_Branco",
    "America/Noronha",
    "UTC",
)


def ask_timezone(
    parent: QWidget,
    current: str,
    configured: str | None,
    settings: QSettings,
    chosen: Callable[[str], None],
) -> QWidget:
    """Open the dialog (never exec()); `chosen(name)` runs after a valid zone is saved."""
    if configured:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("FinanceZone", "Finance day"),
            QCoreApplication.translate(
                "FinanceZone",
                "The finance day's time zone comes from the configuration file "
                '([finance] timezone = "{zone}"). Change it there.',
            ).format(zone=configured),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.finished.connect(box.deleteLater)
        box.open()
        return box
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("FinanceZone", "Finance day"))
    dialog.setLabelText(
        QCoreApplication.translate(
            "FinanceZone",
            'Time zone of the finance day ("today" in the totals, the filter and the exports).\n'
            "A name from the IANA database, for example America/Sao_Paulo:",
        )
    )
    dialog.setComboBoxItems(list(dict.fromkeys((current, *COMMON_ZONES))))
    dialog.setComboBoxEditable(True)
    dialog.setTextValue(current)

    def keep(name: str) -> None:
        name = name.strip()
        try:
            zone(name)
        except UnknownTimezoneError:
            # core's message is English only: the window says it in its own language.
            text = QCoreApplication.translate(
                "FinanceZone", "Unknown time zone: {zone}. Use a name such as America/Sao_Paulo."
            ).format(zone=name)
            warning = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("FinanceZone", "Finance day"),
                text,
                parent=parent,
            )
            warning.finished.connect(warning.deleteLater)
            warning.open()
            return
        settings.setValue(SETTINGS_KEY, name)
        settings.sync()
        chosen(name)

    dialog.textValueSelected.connect(keep)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
