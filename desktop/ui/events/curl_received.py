"""The window's side of "Copy as cURL, as it arrived": build the command, put it on the clipboard."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from desktop.core.model import StoredEvent
from desktop.delivery.curl_received import INLINE_LIMIT, curl_as_received


def copy_as_received(event: StoredEvent, base_url: str) -> tuple[str, str]:
    """Copy the command for `event`, sent to `base_url`; returns it and a note to show."""
    body = event.request.body
    if len(body) > INLINE_LIMIT:
        # A new file only this user can read (bodies carry payment and personal data), never a
        # predictable name another user could have planted as a symlink.
        fd, name = tempfile.mkstemp(prefix=f"webhook-event-{event.id}-", suffix=".bin")
        with os.fdopen(fd, "wb") as out:
            out.write(body)
        path = Path(name)
        command = curl_as_received(event.request, base_url, body_file=path)
        note = QCoreApplication.translate(
            "CurlAsReceived", "Copied. The body is large, so it was saved to {path}; the command reads it."
        ).format(path=path)
    else:
        command = curl_as_received(event.request, base_url)
        note = QCoreApplication.translate(
            "CurlAsReceived", "Copied the cURL command that sends event #{id} as it arrived."
        ).format(id=event.id)
    QGuiApplication.clipboard().setText(command)
    return command, note
