"""Named filters the user keeps, in `saved_filters.json` in the data directory."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

FILENAME = "saved_filters.json"


@dataclass(frozen=True, slots=True)
class SavedFilter:
    name: str
    query: str


# What a new user finds in the list: the questions finance and developers ask most.
# English names: the window shows them in its language (ui/payments/labels.py,
# `saved_filter_name`); a name the user types is kept and shown as typed.
DEFAULTS = (
    # The status bar's "Confirmed today", row for row (Payments tab; store/totals.py).
    SavedFilter("Confirmed today", "category:confirmed today"),
    SavedFilter("Invalid signature", "signature:invalid OR signature:missing"),
    SavedFilter("Duplicates", "dup:yes"),
    SavedFilter("Juno · last hour", "provider:juno since:1h"),
    SavedFilter("Errors (code ≥ 400)", "code:>=400"),
)


class SavedFilters:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILENAME

    def load(self) -> list[SavedFilter]:
        if not self.path.exists():
            return list(DEFAULTS)
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [SavedFilter(str(item["name"]), str(item["query"])) for item in raw]
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged file must not stop the app; keep it for the user and start over.
            self.path.replace(self.path.with_suffix(".json.damaged"))
            return list(DEFAULTS)

    def save(self, filters: list[SavedFilter]) -> None:
        tmp = self.path.with_suffix(".json.tmp")
        tmp.write_text(
            json.dumps([asdict(f) for f in filters], ensure_ascii=False, indent=2), encoding="utf-8"
        )
        os.chmod(tmp, 0o600)  # data directory files are the user's only
        os.replace(tmp, self.path)  # atomic: a crash never leaves half a file

    def add(self, name: str, query: str) -> list[SavedFilter]:
        filters = [f for f in self.load() if f.name != name]
        filters.append(SavedFilter(name, query))
        self.save(filters)
        return filters

    def remove(self, name: str) -> list[SavedFilter]:
        filters = [f for f in self.load() if f.name != name]
        self.save(filters)
        return filters
