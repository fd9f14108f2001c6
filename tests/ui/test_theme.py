"""Light and dark: every colour that says something reads at 4.5:1 (WCAG AA) on both palettes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from desktop.core.payments import StatusCategory
from desktop.ui.payments.status_colors import look_of, unverified_look
from desktop.ui.theme import (
    MIN_CONTRAST,
    VERDICT_TONES,
    ThemeSwitcher,
    Tone,
    apply_theme,
    contrast_ratio,
    dark_palette,
    is_dark,
    note_style,
    tint,
    tone_colour,
    tone_on_tint,
    verdict_colour,
    window_tone,
)

ROLE = QPalette.ColorRole


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    assert style is not None
    return style.standardPalette()


PALETTES = {"light": light_palette, "dark": dark_palette}


@pytest.fixture(params=sorted(PALETTES))
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> QPalette:
    return PALETTES[request.param]()


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[None]:
    """Tests that switch the application's theme put the platform's look back."""
    style, colours = qapp.style().name(), QPalette(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setPalette(colours)


def test_the_wcag_formula_gives_the_reference_ratios(qapp: QApplication) -> None:
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    # The WebAIM reference: #777 on white is 4.48:1, just short of AA.
    assert contrast_ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


def test_the_two_palettes_are_what_they_claim(palette: QPalette) -> None:
    assert is_dark(palette) == (palette.color(ROLE.Base).lightness() < 128)


def test_every_tone_reads_on_table_rows_and_on_the_window(palette: QPalette) -> None:
    for tone in Tone:
        for role in (ROLE.Base, ROLE.AlternateBase):
            assert contrast_ratio(tone_colour(tone, palette), palette.color(role)) >= MIN_CONTRAST, (
                tone,
                role,
            )
        assert contrast_ratio(window_tone(tone, palette), palette.color(ROLE.Window)) >= MIN_CONTRAST, tone


def test_every_payment_status_reads_on_its_cell_and_the_bare_rows(palette: QPalette) -> None:
    looks = [look_of(category, palette) for category in StatusCategory] + [unverified_look(palette)]
    for look in looks:
        for background in (look.background, palette.color(ROLE.Base), palette.color(ROLE.AlternateBase)):
            assert contrast_ratio(look.foreground, background) >= MIN_CONTRAST, (
                look.label,
                background.name(),
            )


def test_every_signature_verdict_colour_reads_on_the_events_table(palette: QPalette) -> None:
    for verdict in VERDICT_TONES:
        colour = verdict_colour(verdict, palette)
        assert colour is not None
        assert contrast_ratio(colour, palette.color(ROLE.Base)) >= MIN_CONTRAST, verdict
    assert verdict_colour("unsigned", palette) is None  # plain text, the palette's own


def test_a_status_keeps_its_hue_in_both_themes(qapp: QApplication) -> None:
    """Green stays green and red stays red: only the lightness moves."""
    for tone, (low, high) in {Tone.GOOD: (100, 180), Tone.BAD: (0, 20), Tone.REFUNDED: (250, 290)}.items():
        for palette in (light_palette(), dark_palette()):
            assert low <= tone_colour(tone, palette).hslHue() <= high, tone
            assert low <= tint(tone, palette).hslHue() <= high, tone


def test_the_old_fixed_red_was_unreadable_on_dark_and_the_derived_one_is_not(qapp: QApplication) -> None:
    dark = dark_palette()
    assert contrast_ratio(QColor("#c0392b"), dark.color(ROLE.Base)) < MIN_CONTRAST
    assert contrast_ratio(tone_on_tint(Tone.BAD, dark), dark.color(ROLE.Base)) >= MIN_CONTRAST


@pytest.mark.usefixtures("restore_look")
def test_dark_is_fusion_with_a_dark_palette_and_system_gives_the_platform_look_back(
    qapp: QApplication,
) -> None:
    before_style, before_base = qapp.style().name(), qapp.palette().color(ROLE.Base)
    switcher = ThemeSwitcher(qapp)
    switcher.apply("dark")
    assert qapp.style().name().lower() == "fusion"
    assert is_dark(qapp.palette())
    assert contrast_ratio(tone_colour(Tone.GOOD), qapp.palette().color(ROLE.Base)) >= MIN_CONTRAST
    switcher.apply("light")
    assert not is_dark(qapp.palette())
    switcher.apply("system")
    assert qapp.style().name() == before_style
    assert qapp.palette().color(ROLE.Base) == before_base


@pytest.mark.usefixtures("restore_look")
def test_the_saved_theme_applies_at_start_but_a_style_on_the_command_line_wins(
    qapp: QApplication, tmp_path
) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/theme", "dark")
    style = qapp.style().name()
    switcher = apply_theme(qapp, settings, ["-style", "windows"])
    assert switcher.current == "dark"
    assert is_dark(qapp.palette())
    assert qapp.style().name() == style  # Qt's own -style option is the user's word
    switcher.apply("system")


def test_a_note_banner_reads_on_its_own_background_in_both_themes(palette: QPalette) -> None:
    # The read-only banner was #1c3d6e on #e8f0fb whatever the theme: a light slab on dark.
    style = note_style(Tone.INFO, palette)
    colours = dict(re.findall(r"(background|color): (#[0-9a-f]{6})", style))
    background, text = QColor(colours["background"]), QColor(colours["color"])
    assert background.name() == tint(Tone.INFO, palette).name()
    assert (background.lightness() < 128) == is_dark(palette)
    assert contrast_ratio(text, background) >= MIN_CONTRAST
