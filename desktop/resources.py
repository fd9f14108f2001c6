"""Finding the files under `resources/` (icons, style sheets, sample payloads)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource_path(relative: str) -> Path:
    return RESOURCES / relative
