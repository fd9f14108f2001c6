"""The Response column of the events table: what was answered, and "—" when nothing was."""

from __future__ import annotations

from desktop.ui.events.model import _DISPLAY, Col, EventsModel


def test_a_timeout_answer_shows_a_dash_with_the_reason_not_a_zero(qapp) -> None:
    held = {"response_status": 0, "rejected": ""}
    assert _DISPLAY[Col.RESPONSE](held) == "—"
    tip = EventsModel._tooltip(Col.RESPONSE, held)
    assert tip is not None and "timeout answer" in tip


def test_an_answered_request_shows_its_status() -> None:
    answered = {"response_status": 202, "rejected": ""}
    assert _DISPLAY[Col.RESPONSE](answered) == "202"
    assert "timeout" not in (EventsModel._tooltip(Col.RESPONSE, answered) or "")
