"""The window's setting for the finance day's time zone.

`[finance] timezone` in the config file wins (the dialog says so and changes nothing);
otherwise the choice is kept in the data directory's settings.ini, where `main.py totals`
and `main.py payments` read it too (core/finance_day.py, `chosen_timezone`), so the window
and the commands count the same day.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
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
            parent.tr("Dia financeiro"),
            parent.tr(
                "O fuso horário do dia financeiro vem do arquivo de configuração "
                '([finance] timezone = "{zone}"). Mude-o lá.'
            ).format(zone=configured),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.finished.connect(box.deleteLater)
        box.open()
        return box
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(parent.tr("Dia financeiro"))
    dialog.setLabelText(
        parent.tr(
            'Fuso horário do dia financeiro ("hoje" nos totais, no filtro e nas exportações).\n'
            "Um nome da base IANA, por exemplo America/Sao_Paulo:"
        )
    )
    dialog.setComboBoxItems(list(dict.fromkeys((current, *COMMON_ZONES))))
    dialog.setComboBoxEditable(True)
    dialog.setTextValue(current)

    def keep(name: str) -> None:
        name = name.strip()
        try:
            zone(name)
        except UnknownTimezoneError as exc:
            warning = QMessageBox(
                QMessageBox.Icon.Warning, parent.tr("Dia financeiro"), str(exc), parent=parent
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
