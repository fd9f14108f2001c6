"""Events to show in the inspector, built in memory (the store is not what these tests test)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from desktop.core.model import CapturedRequest, Derived, StoredEvent


def event(
    event_id: int,
    body: bytes,
    content_type: str = "application/json",
    headers: list[tuple[str, str]] | None = None,
) -> StoredEvent:
    request = CapturedRequest(
        "POST",
        "/hook",
        "",
        [("Content-Type", content_type), *(headers or [])],
        body,
        1_764_300_000.0 + event_id,
    )
    return StoredEvent(event_id, request, Derived(), 200)


def clipboard_bytes() -> bytes:
    """What a paste would get, as UTF-8 (the inspector puts text bodies there as bytes)."""
    return QGuiApplication.clipboard().text().encode()
