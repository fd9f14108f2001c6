"""Retention: how many events to keep (the newest N, N days, N GB). Off by default.

Pure data and parsing; the pruning itself is desktop/store/retention.py. The same keys are
read from `[retention]` in the config file and from `retention.json` in the data directory
(what the window writes); the config file wins when it has the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

GB = 1024**3


class RetentionError(ValueError):
    """Retention settings that cannot be used; the message says which key and why."""


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """Each limit that is set prunes the oldest events past it; None means no such limit."""

    keep_events: int | None = None
    keep_days: float | None = None
    keep_gb: float | None = None

    @property
    def enabled(self) -> bool:
        return any(v is not None for v in (self.keep_events, self.keep_days, self.keep_gb))

    @property
    def max_bytes(self) -> int | None:
        return None if self.keep_gb is None else int(self.keep_gb * GB)

    def to_dict(self) -> dict[str, Any]:
        data = {"keep_events": self.keep_events, "keep_days": self.keep_days, "keep_gb": self.keep_gb}
        return {key: value for key, value in data.items() if value is not None}


def retention_policy(raw: object, where: str = "retention") -> RetentionPolicy:
    """Read `keep_events`, `keep_days`, `keep_gb` (each optional, positive); RetentionError if not."""
    if not isinstance(raw, Mapping):
        raise RetentionError(f"{where} must be a table")
    unknown = sorted(set(raw) - {"keep_events", "keep_days", "keep_gb"})
    if unknown:
        raise RetentionError(f"{where} has unknown key(s): {', '.join(map(str, unknown))}")
    events = raw.get("keep_events")
    if events is not None and (isinstance(events, bool) or not isinstance(events, int) or events < 1):
        raise RetentionError(f"{where}.keep_events must be a whole number, 1 or more")
    numbers: dict[str, float | None] = {}
    for key in ("keep_days", "keep_gb"):
        value = raw.get(key)
        bad = isinstance(value, bool) or not isinstance(value, int | float) or value <= 0
        if value is not None and bad:
            raise RetentionError(f"{where}.{key} must be a positive number")
        numbers[key] = None if value is None else float(value)
    return RetentionPolicy(keep_events=events, keep_days=numbers["keep_days"], keep_gb=numbers["keep_gb"])
