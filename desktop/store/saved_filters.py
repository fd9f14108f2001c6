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

# The defaults were once written in Portuguese, and a saved_filters.json from then still holds
# those names: shown as typed, they would read as the user's own and stay untranslated. Renamed
# on load only where name and query are both the old default's (a filter the user made or
# edited keeps its name).
_OLD_DEFAULT_NAMES = {
    ("Confirmados hoje", "category:confirmed today"): "Confirmed today",
    ("Confirmados hoje", "(status:CONFIRMED OR status:PAID) today"): "Confirmed today",
    ("Assinatura inválida", "signature:invalid OR signature:missing"): "Invalid signature",
    ("Duplicados", "dup:yes"): "Duplicates",
    ("Juno · última hora", "provider:juno since:1h"): "Juno · last hour",
    ("Erros (código ≥ 400)", "code:>=400"): "Errors (code ≥ 400)",
}


class SavedFilters:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILENAME

    def load(self) -> list[SavedFilter]:
        if not self.path.exists():
            return list(DEFAULTS)
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return _current_names([SavedFilter(str(item["name"]), str(item["query"])) for item in raw])
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


def _current_names(filters: list[SavedFilter]) -> list[SavedFilter]:
    """Old Portuguese default names as today's English ones; a renamed default whose new name
    the list already has is dropped (names are unique: `add` and `remove` go by name)."""
    renamed: list[SavedFilter] = []
    for item in filters:
        name = _OLD_DEFAULT_NAMES.get((item.name, item.query), item.name)
        if name != item.name and any(kept.name == name for kept in [*filters, *renamed]):
            continue
        renamed.append(SavedFilter(name, item.query))
    return renamed
