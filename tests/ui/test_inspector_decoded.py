"""The hook for a decoded view: the tabs render (and copy) the decoded bytes; Save keeps the raw."""

from __future__ import annotations

import gzip
import json

from desktop.core.model import CapturedRequest
from desktop.ui.events.inspector import Inspector
from tests.ui.inspector_helpers import clipboard_bytes, event

DOCUMENT = {"status": "PAID", "items": list(range(5))}


def gunzip(request: CapturedRequest) -> bytes | None:
    """A stand-in for the listener's bounded decoder."""
    if request.header("content-encoding") != "gzip":
        return None
    return gzip.decompress(request.body)


def test_a_gzip_body_is_shown_decoded_and_copied_as_received(qtbot) -> None:
    raw = gzip.compress(json.dumps(DOCUMENT).encode())
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.bodies.decode_body = gunzip
    inspector.show_event(event(1, raw, headers=[("Content-Encoding", "gzip")]))
    pane = inspector._body
    assert pane.note.text() == (
        f"Decoded view of a gzip body of {len(raw)} bytes (Save body as… writes those bytes): JSON"
    )
    assert json.loads(pane.text.toPlainText()) == DOCUMENT
    assert inspector.isTabVisible(inspector.indexOf(inspector.bodies.tree))
    assert inspector.bodies.hex.text.toPlainText().startswith("00000000  1f 8b")  # the bytes received
    pane.copy_button.click()
    assert clipboard_bytes() == json.dumps(DOCUMENT).encode()  # the text, not compressed bytes
    assert inspector.bodies.request is not None and inspector.bodies.request.body == raw  # what Save writes


def test_without_a_decoder_or_an_encoding_the_body_is_shown_as_received(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.bodies.decode_body = gunzip
    inspector.show_event(event(1, json.dumps(DOCUMENT).encode()))
    assert inspector._body.note.text() == "JSON"
