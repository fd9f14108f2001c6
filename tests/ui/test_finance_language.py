"""The finance screens in the chosen language: amounts and times by QLocale, words by Qt's
translator (English sources; a translator installed at run time applies to the next paint)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from desktop.core.finance_day import SETTINGS_KEY
from desktop.ui import locale_format as fmt
from desktop.ui.payments.finance_zone import ask_timezone
from desktop.ui.payments.labels import category_label, saved_filter_name, signature_label
from desktop.ui.payments.status_colors import flags_text, sale_status_text

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
# 28/11/2026 14:05 in São Paulo (17:05 UTC): the finance zone's wall clock, whatever the machine's.
MOMENT = datetime(2026, 11, 28, 14, 5, 9, tzinfo=SAO_PAULO).timestamp()


@pytest.fixture
def locale(qapp: QApplication) -> Iterator[object]:
    before = QLocale()
    fmt.set_display_zone("America/Sao_Paulo")

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)
    fmt.set_display_zone(None)


_WORDS = {
    ("PaymentLabels", "Confirmed"): "Confirmado",
    ("PaymentLabels", "unverified"): "não verificado",
    ("PaymentLabels", "✔ valid"): "✔ válida",
    ("PaymentLabels", "Confirmed today"): "Confirmados hoje",
    ("PaymentsStatus", "%n invalid signature(s)"): "%n assinaturas inválidas",
}


class _Portuguese(QTranslator):
    """A stand-in for the .qm the lead builds: a few of this branch's pt-BR lines."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": an empty string would be taken as the translation and blank the text.
        text = _WORDS.get((context, source))
        return text.replace("%n", str(n)) if text is not None and n >= 0 else text


@pytest.fixture
def portuguese(qapp: QApplication) -> Iterator[None]:
    translator = _Portuguese()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_amounts_are_written_as_brazilians_write_them_in_pt_br(locale) -> None:
    locale("pt_BR")
    assert fmt.format_amount(Decimal("1234.56"), "BRL") == "R$ 1.234,56"
    assert fmt.format_amount("-10", "BRL") == "-R$ 10,00"
    assert fmt.format_amount(Decimal("5"), "USD") == "USD 5,00"


def test_amounts_follow_the_english_locale_without_losing_a_cent(locale) -> None:
    locale("en_US")
    assert fmt.format_amount(Decimal("1234.56"), "BRL") == "R$1,234.56"
    assert fmt.format_amount(Decimal("0.005"), "BRL") == "R$0.01"  # half up, never a float's 0.00
    assert fmt.format_amount(1000, "JPY") == "JPY 1,000"
    assert fmt.format_amount("not a number", "BRL") == "not a number (not a usable amount)"


def test_times_are_the_finance_zones_in_the_locales_short_format(locale) -> None:
    locale("pt_BR")
    assert fmt.format_moment(MOMENT, None) == "28/11/2026 14:05:09"
    locale("en_US")
    # Four-digit year ('26' is ambiguous in a record); CLDR puts a narrow no-break space before PM.
    assert fmt.format_moment(MOMENT, None) == "11/28/2026 2:05:09\u202fPM"
    assert fmt.format_moment(None, None) == ""


def test_the_c_locale_of_a_bare_machine_reads_as_english(locale) -> None:
    locale("C")
    assert fmt.format_amount(Decimal("1234.56"), "BRL") == "R$1,234.56"
    assert fmt.format_moment(MOMENT, None) == "11/28/2026 2:05:09\u202fPM"


def test_without_a_translator_the_finance_words_are_english(qapp: QApplication) -> None:
    row = {"claimed_status": "PAID", "status": None, "category": "other"}
    assert sale_status_text(row) == "⚠ PAID · unverified"
    assert category_label("confirmed") == "Confirmed"
    assert signature_label("valid") == "✔ valid"
    assert saved_filter_name("Confirmed today") == "Confirmed today"
    one = {"refused": 1, "unverified": 0, "out_of_order": 0, "redelivered": 1}
    assert flags_text(one) == "⚠ 1 invalid signature · ↻ 1 duplicate"  # English's singular, not "1 ...s"


def test_an_installed_translator_turns_the_codes_core_hands_out_into_portuguese(portuguese) -> None:
    assert sale_status_text({"status": "PAID", "category": "confirmed"}) == "✔ PAID · Confirmado"
    assert sale_status_text({"claimed_status": "PAID", "status": None}) == "⚠ PAID · não verificado"
    assert signature_label("valid") == "✔ válida"
    assert saved_filter_name("Confirmed today") == "Confirmados hoje"
    assert saved_filter_name("Só GitHub") == "Só GitHub"  # a name the user typed stays as typed
    flags = {"refused": 2, "unverified": 0, "out_of_order": 0, "redelivered": 0}
    assert flags_text(flags) == "⚠ 2 assinaturas inválidas"


# A real dialog: the offscreen platform warns it cannot size its window.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_an_unknown_finance_zone_is_refused_in_the_windows_language(qtbot, tmp_path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    chosen: list[str] = []
    dialog = ask_timezone(parent, "America/Sao_Paulo", None, settings, chosen.append)
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("Mars/Olympus")
    dialog.accept()
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox) is not None, timeout=2000)
    warning = parent.findChild(QMessageBox)
    assert warning.text() == "Unknown time zone: Mars/Olympus. Use a name such as America/Sao_Paulo."
    assert chosen == [] and settings.value(SETTINGS_KEY) is None
