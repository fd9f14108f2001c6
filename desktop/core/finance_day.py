"""The finance day: a calendar day in a configured time zone, never the machine's.

On a UTC server the machine's day starts at 21:00 Brasília time the evening before, so
"today" there counted the previous evening's sales. Every total, the `today` filter word on
the Payments tab and the exports take their day from here. `zoneinfo` reads the system zone
database, or the `tzdata` package where there is none (Windows).
"""

from __future__ import annotations

import configparser
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "America/Sao_Paulo"
# The window keeps the user's choice here (QSettings' INI format), in the data directory.
SETTINGS_FILE = "settings.ini"
SETTINGS_KEY = "finance/timezone"


class UnknownTimezoneError(ValueError):
    """The name is not a zone of the IANA database (e.g. 'America/Sao_Paulo')."""


def zone(name: str | None) -> ZoneInfo:
    """The zone of that name; None or '' gives the default."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimezoneError(
            f"unknown time zone {name!r} (expected e.g. {DEFAULT_TIMEZONE!r})"
        ) from exc


def chosen_timezone(configured: str | None, data_dir: Path | None) -> str:
    """The finance zone: the config file's `[finance] timezone`, else the one chosen in the
    window (kept in the data directory, so the commands agree with the window), else the default."""
    if configured:
        return configured
    if data_dir is not None:
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(data_dir / SETTINGS_FILE, encoding="utf-8")
            saved = parser.get("finance", "timezone", fallback="").strip()
            if saved:
                zone(saved)
                return saved
        except (configparser.Error, UnknownTimezoneError, UnicodeDecodeError):
            pass  # a damaged or foreign value: the default, rather than no totals at all
    return DEFAULT_TIMEZONE


def day_of(timestamp: float, tz: ZoneInfo) -> date:
    """The finance day a moment (Unix seconds) falls on."""
    return datetime.fromtimestamp(timestamp, tz).date()


def day_bounds(day: date, tz: ZoneInfo) -> tuple[float, float]:
    """[start, end) of a finance day in Unix seconds (23 or 25 hours across a DST change)."""
    start = datetime.combine(day, time(0), tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tz)
    return start.timestamp(), end.timestamp()


def parse_day(text: str) -> date:
    """'2026-11-28' -> date; ValueError with a readable message otherwise."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a day: {text!r} (expected YYYY-MM-DD)") from None


def local_text(timestamp: float | None, tz: ZoneInfo, pattern: str = "%d/%m/%Y %H:%M:%S") -> str:
    """A moment as wall-clock time in the finance zone ('' for None)."""
    if timestamp is None:
        return ""
    return datetime.fromtimestamp(timestamp, tz).strftime(pattern)


def local_iso(timestamp: float | None, tz: ZoneInfo) -> str | None:
    """ISO 8601 with the zone's offset: '2026-11-28T10:15:00-03:00'."""
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, tz).isoformat(timespec="seconds")
