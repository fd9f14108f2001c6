"""Light and dark: the theme setting, and status colours derived from the palette in use.

Every colour that says something (a verdict, a payment status, a delivery outcome) is a
*tone* (good, warning, bad...), turned into a colour for the palette in use: the tone's hue,
its lightness moved away from the table's background until the WCAG contrast ratio is at least
4.5:1 (AA for normal text) against both the base and the alternate row colour. So the same
code reads on a white table and on a near-black one; fixed hex colours tuned for white were
1.4:1 on a dark palette.

The theme setting (`ui/theme` in the data directory's settings.ini: system | light | dark) is
applied at start by `apply_theme`; "system" leaves the platform's style and palette alone. A
`-style` given on the command line is Qt's and wins over ours.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEME_KEY = "ui/theme"
THEMES = ("system", "light", "dark")
MIN_CONTRAST = 4.5  # WCAG 2.x AA for normal-size text
# Aim a little higher than the minimum, so rounding to 8-bit channels never lands below it.
_TARGET = MIN_CONTRAST + 0.1


class Tone(StrEnum):
    GOOD = "good"  # confirmed, valid, delivered
    WARNING = "warning"  # pending, stale, retrying, unverified
    BAD = "bad"  # failed, invalid, refused
    REFUNDED = "refunded"  # money that went back
    NEUTRAL = "neutral"  # statuses that are not about money; muted text
    INFO = "info"  # headings, links


# Hue (degrees) and saturation of each tone; lightness is what the palette decides.
_HUES: dict[Tone, tuple[float, float]] = {
    Tone.GOOD: (140, 0.65),
    Tone.WARNING: (33, 0.95),
    Tone.BAD: (5, 0.75),
    Tone.REFUNDED: (268, 0.5),
    Tone.NEUTRAL: (210, 0.12),
    Tone.INFO: (218, 0.7),
}

# Signature verdicts that deserve a colour (unsigned/unverified stay plain text).
VERDICT_TONES: dict[str, Tone] = {
    "valid": Tone.GOOD,
    "invalid": Tone.BAD,
    "stale": Tone.WARNING,
    "missing": Tone.WARNING,
}


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0 black .. 1 white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (same) .. 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def is_dark(palette: QPalette) -> bool:
    return relative_luminance(palette.color(QPalette.ColorRole.Base)) < 0.25


def readable(tone: Tone, backgrounds: Sequence[QColor], minimum: float = _TARGET) -> QColor:
    """The tone's colour, as saturated as it can stay, with `minimum` contrast on every background.

    Lightness moves away from the backgrounds (darker on light ones, lighter on dark ones) in
    small steps; black or white is the last resort and always passes on a single background.
    """
    hue, saturation = _HUES[tone]
    darkest = min(relative_luminance(colour) for colour in backgrounds)
    go_dark = darkest > 0.18  # light backgrounds: darken the text
    lightness = 0.5
    for _ in range(60):
        colour = QColor.fromHslF(hue / 360, saturation, lightness)
        if all(contrast_ratio(colour, background) >= minimum for background in backgrounds):
            return colour
        lightness += -0.01 if go_dark else 0.01
        if not 0.0 <= lightness <= 1.0:
            break
    return QColor("black") if go_dark else QColor("white")


def tint(tone: Tone, palette: QPalette) -> QColor:
    """A quiet background in the tone's hue, for a status cell (near the base's lightness)."""
    hue, saturation = _HUES[tone]
    if is_dark(palette):
        return QColor.fromHslF(hue / 360, min(saturation, 0.4), 0.22)
    return QColor.fromHslF(hue / 360, min(saturation, 0.55), 0.92)


_cache: dict[tuple[Tone, int, int, int], QColor] = {}


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def tone_colour(tone: Tone, palette: QPalette | None = None) -> QColor:
    """Text in this tone on the palette's table rows (base and alternate base)."""
    return _cached(tone, _palette(palette), on_tint=False)


def tone_on_tint(tone: Tone, palette: QPalette | None = None) -> QColor:
    """Text in this tone on its own `tint` (a status cell), readable on the bare rows too."""
    return _cached(tone, _palette(palette), on_tint=True)


def window_tone(tone: Tone, palette: QPalette | None = None) -> QColor:
    """Text in this tone on the window's background (labels outside tables)."""
    chosen = _palette(palette)
    return readable(tone, [chosen.color(QPalette.ColorRole.Window)])


def text_style(tone: Tone) -> str:
    """A style sheet for a label outside a table: its text in this tone, on the window."""
    return f"color: {window_tone(tone).name()};"


def note_style(tone: Tone, palette: QPalette | None = None) -> str:
    """A style sheet for a banner label: its tone's quiet tint as background, readable text in
    the tone on it, and a border in the tone (on a dark palette too, unlike fixed light hexes)."""
    chosen = _palette(palette)
    background = tint(tone, chosen)
    text = readable(tone, [background])
    border = QColor.fromHslF(_HUES[tone][0] / 360, 0.45, 0.35 if is_dark(chosen) else 0.6)
    return (
        f"QLabel {{ background: {background.name()}; color: {text.name()}; "
        f"border: 1px solid {border.name()}; padding: 4px; }}"
    )


def verdict_colour(verdict: str | None, palette: QPalette | None = None) -> QColor | None:
    tone = VERDICT_TONES.get(verdict or "")
    return tone_colour(tone, palette) if tone is not None else None


def _cached(tone: Tone, palette: QPalette, *, on_tint: bool) -> QColor:
    base = palette.color(QPalette.ColorRole.Base)
    alternate = palette.color(QPalette.ColorRole.AlternateBase)
    key = (tone, base.rgba(), alternate.rgba(), int(on_tint))
    found = _cache.get(key)
    if found is None:
        backgrounds = [base, alternate, tint(tone, palette)] if on_tint else [base, alternate]
        found = _cache[key] = readable(tone, backgrounds)
    return QColor(found)


# -- the theme setting --------------------------------------------------------------------------


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (Fusion draws with the palette; native styles may not)."""
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2b2d30",
        roles.WindowText: "#e8e8e8",
        roles.Base: "#1e1f22",
        roles.AlternateBase: "#26282b",
        roles.ToolTipBase: "#3c3f41",
        roles.ToolTipText: "#f0f0f0",
        roles.PlaceholderText: "#8c8f94",
        roles.Text: "#e8e8e8",
        roles.Button: "#35373b",
        roles.ButtonText: "#e8e8e8",
        roles.BrightText: "#ff6b6b",
        roles.Light: "#4a4d52",
        roles.Midlight: "#3d4044",
        roles.Mid: "#2f3134",
        roles.Dark: "#191a1c",
        roles.Shadow: "#000000",
        roles.Highlight: "#2f65ca",
        roles.HighlightedText: "#ffffff",
        roles.Link: "#7cacf8",
        roles.LinkVisited: "#c39bf2",
    }
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7b7e83"))
    palette.setColor(disabled, roles.Base, QColor("#26282b"))
    return palette


class ThemeSwitcher:
    """Applies a theme to the running application, and can go back to the platform's look."""

    def __init__(self, app: QApplication, style_from_command_line: bool = False) -> None:
        self.app = app
        self._system_style = app.style().name()
        self._system_palette = QPalette(app.palette())
        self._keep_style = style_from_command_line
        self.current = "system"

    def apply(self, theme: str) -> None:
        if theme not in THEMES:
            theme = "system"
        if theme == "system":
            if not self._keep_style:
                self.app.setStyle(self._system_style)
            self.app.setPalette(self._system_palette)
        else:
            if not self._keep_style:
                self.app.setStyle(QStyleFactory.create("Fusion"))
            self.app.setPalette(dark_palette() if theme == "dark" else self.app.style().standardPalette())
        _cache.clear()
        self.current = theme


def saved_theme(settings: QSettings) -> str:
    value = str(settings.value(THEME_KEY, "system"))
    return value if value in THEMES else "system"


def apply_theme(app: QApplication, settings: QSettings, qt_options: Sequence[str] = ()) -> ThemeSwitcher:
    """At start: the saved theme, unless Qt's own `-style` option asked for a style."""
    switcher = ThemeSwitcher(app, style_from_command_line=_names_style(qt_options))
    switcher.apply(saved_theme(settings))
    return switcher


def _names_style(qt_options: Sequence[str]) -> bool:
    return any(
        option in ("-style", "--style") or option.startswith(("-style=", "--style=")) for option in qt_options
    )
