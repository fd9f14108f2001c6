"""Which language the window starts in, and what installing it changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from desktop.ui.i18n import ENV_VAR, SETTING_KEY, choose_language, install_translators, remove_translators


def settings_with(tmp_path: Path, value: str | None) -> QSettings:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    if value is not None:
        settings.setValue(SETTING_KEY, value)
    return settings


def test_the_setting_picks_the_language(tmp_path: Path) -> None:
    assert choose_language(settings_with(tmp_path, "pt_BR"), environ={}) == "pt_BR"
    assert choose_language(settings_with(tmp_path, "en"), environ={}) == "en"


def test_system_follows_the_system_locale(tmp_path: Path) -> None:
    expected = "pt_BR" if QLocale.system().language() == QLocale.Language.Portuguese else "en"
    assert choose_language(settings_with(tmp_path, None), environ={}) == expected
    assert choose_language(settings_with(tmp_path, "system"), environ={}) == expected
    assert choose_language(settings_with(tmp_path, "klingon"), environ={}) == expected


def test_the_environment_variable_overrides_the_setting(tmp_path: Path) -> None:
    assert choose_language(settings_with(tmp_path, "pt_BR"), environ={ENV_VAR: "en"}) == "en"
    assert choose_language(settings_with(tmp_path, "en"), environ={ENV_VAR: "pt_BR"}) == "pt_BR"


def test_installing_pt_br_translates_our_strings_qt_s_buttons_and_the_locale(qapp) -> None:
    before = QLocale()
    translators = install_translators(qapp, "pt_BR")
    try:
        assert QCoreApplication.translate("MainWindow", "Events") == "Eventos"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"
        assert QLocale().name() == "pt_BR"
    finally:
        remove_translators(qapp, translators, before)
    assert QCoreApplication.translate("MainWindow", "Events") == "Events"
    assert QLocale().name() == before.name()


def test_plurals_are_right_in_both_languages(qapp) -> None:
    def count(n: int) -> str:
        return QCoreApplication.translate("MainWindow", "%Ln event(s)", "", n)

    before = QLocale()
    translators = install_translators(qapp, "en")
    try:
        assert (count(1), count(1234)) == ("1 event", "1,234 events")
    finally:
        remove_translators(qapp, translators, before)
    translators = install_translators(qapp, "pt_BR")
    try:
        assert (count(1), count(1234)) == ("1 evento", "1.234 eventos")
    finally:
        remove_translators(qapp, translators, before)
