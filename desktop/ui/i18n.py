"""Which language the window speaks, and installing its translations (issue 13).

Source strings are English (`self.tr("...")`); `resources/translations/*.ts` hold the
translations and `desktop/resources/translations/*.qm` their compiled form (see
tools/translations.py). The choice is the QSettings key `ui/language` in the data directory's
settings.ini: `system` (the default) follows the system locale, `pt_BR` and `en` force one.
The environment variable WEBHOOK_MONITOR_LANGUAGE overrides the setting (for a developer who
wants English on a Portuguese machine, or a screenshot script). A change applies on restart:
translators must be installed before any widget is built, since widgets read their texts once.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from desktop.core.translation_marks import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP
from desktop.resources import resource_path

LANGUAGES = ("pt_BR", "en")
SETTING_KEY = "ui/language"
SYSTEM = "system"
ENV_VAR = "WEBHOOK_MONITOR_LANGUAGE"


def system_language(locale: QLocale | None = None) -> str:
    """pt_BR when the system locale is Portuguese (any country: Portugal reads it too), else en."""
    locale = locale or QLocale.system()
    return "pt_BR" if locale.language() == QLocale.Language.Portuguese else "en"


def choose_language(settings: QSettings | None, environ: dict[str, str] | None = None) -> str:
    """The language to start in: the env override, else the setting, else the system locale.

    An unknown value (a typo in settings.ini) falls back to the system's rather than failing.
    """
    env = os.environ if environ is None else environ
    wanted = env.get(ENV_VAR, "").strip()
    if not wanted and settings is not None:
        wanted = str(settings.value(SETTING_KEY, SYSTEM) or SYSTEM)
    return wanted if wanted in LANGUAGES else system_language()


def qm_path(language: str) -> str:
    """Our compiled translation for `language` (package data, so an installed app has it)."""
    return str(resource_path(f"translations/webhook_monitor_{language}.qm"))


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our translation and Qt's own (standard dialogs' buttons) for `language`, and make
    its locale the default one (numbers, dates, amounts: locale_format.py). Returns the
    translators, for `remove_translators` (tests switch languages in one process)."""
    QLocale.setDefault(QLocale(language))
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(qm_path(language)):
        app.installTranslator(ours)
        installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    # English needs none of Qt's: its sources are English. qtbase_en does not exist.
    if language != "en" and qtbase.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qtbase)
        installed.append(qtbase)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator], locale: QLocale) -> None:
    """Undo `install_translators`: English sources again, and `locale` as the default."""
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(locale)
