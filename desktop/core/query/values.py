"""Reading and printing typed values: numbers, sizes, durations, dates, JSON paths.

Readers return None when the text is not of the kind; the parser turns that into a
positioned `QuerySyntaxError`. Printers produce text the readers accept again.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

# Digits are bounded so that Decimal arithmetic (28 significant digits) stays exact,
# sizes included (a 15-digit number of gigabytes still fits).
_NUMERIC = r"[+-]?(?:\d{1,15}(?:\.\d{0,9})?|\.\d{1,9})"
_NUMBER = re.compile(_NUMERIC)
_SIZE = re.compile(rf"(?P<n>{_NUMERIC})\s*(?P<unit>b|kb|mb|gb|k|m|g)?", re.IGNORECASE)
_DURATION = re.compile(r"(?P<n>\d{1,12})\s*(?P<unit>s|m|h|d|w)", re.IGNORECASE)
_DATE = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
# JSON keys are kept to characters that need no quoting anywhere: a path is text the
# user typed and it goes to SQLite only as a bound parameter, but keeping it plain
# also keeps the printed form unambiguous.
_JSON_STEP = re.compile(r"\.(?P<key>[A-Za-z0-9_$@-]+)|\[(?P<index>-?\d{1,9})\]")

_SIZE_UNITS = {"b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}
_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def read_number(text: str) -> Decimal | None:
    if not _NUMBER.fullmatch(text):
        return None
    return Decimal(text)


def print_number(value: Decimal) -> str:
    # Values come from read_number or from code, never with an exponent we did not
    # write; "f" formatting keeps a huge Decimal from printing as 1E+3.
    return format(value, "f")


def read_size(text: str) -> Decimal | None:
    """Bytes; `kb`, `mb`, `gb` are binary (1 mb = 1 MiB), as the index's 1 MiB cut."""
    match = _SIZE.fullmatch(text)
    if match is None:
        return None
    unit = (match["unit"] or "b").lower()
    return Decimal(match["n"]) * _SIZE_UNITS[unit]


def print_size(value: Decimal) -> str:
    if value != value.to_integral_value():
        return print_number(value)
    whole = int(value)
    for unit in ("gb", "mb", "kb"):
        scale = _SIZE_UNITS[unit]
        if whole and whole % scale == 0:
            return f"{whole // scale}{unit}"
    return str(whole)


def read_duration(text: str) -> int | None:
    match = _DURATION.fullmatch(text)
    if match is None:
        return None
    return int(match["n"]) * _DURATION_UNITS[match["unit"].lower()]


def print_duration(seconds: int) -> str:
    for unit in ("w", "d", "h", "m"):
        scale = _DURATION_UNITS[unit]
        if seconds and seconds % scale == 0:
            return f"{seconds // scale}{unit}"
    return f"{seconds}s"


def read_datetime(text: str) -> datetime | None:
    """`2026-11-27`, `2026-11-27 18:00[:05]`, `T` instead of the space, and an optional
    `Z` / `+03:00` after a time. Without an offset the result is naive: local time."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    tz = None
    if match["tz"]:
        offset = match["tz"].upper()
        if offset == "Z":
            tz = UTC
        else:
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:])
            if hours > 23 or minutes > 59:
                return None
            tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return datetime(
            int(match["y"]),
            int(match["mo"]),
            int(match["d"]),
            int(match["h"] or 0),
            int(match["mi"] or 0),
            int(match["s"] or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None


def print_datetime(value: datetime) -> str:
    text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    offset = value.utcoffset()
    if (value.hour, value.minute, value.second) == (0, 0, 0) and offset is None:
        return text
    text += f" {value.hour:02d}:{value.minute:02d}"
    if value.second:
        text += f":{value.second:02d}"
    if offset is not None:
        if offset == timedelta(0):
            return text + "Z"
        sign = "-" if offset < timedelta(0) else "+"
        minutes = abs(offset) // timedelta(minutes=1)
        text += f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return text


def read_json_path(text: str) -> tuple[str | int, ...] | None:
    """The part after `body`: `.data[0].attributes.status` -> ("data", 0, "attributes", "status")."""
    steps: list[str | int] = []
    at = 0
    while at < len(text):
        match = _JSON_STEP.match(text, at)
        if match is None:
            return None
        steps.append(match["key"] if match["key"] is not None else int(match["index"]))
        at = match.end()
    return tuple(steps) if steps else None


def print_json_path(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)
