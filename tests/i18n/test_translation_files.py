"""The .ts sources cover every string in the code, and the committed .qm files are current."""

from __future__ import annotations

from tools import translations


def test_lupdate_leaves_no_unfinished_entry_and_the_qm_files_match_their_ts() -> None:
    # Runs the real pyside6-lupdate over desktop/ into copies of the .ts, then lrelease.
    assert translations.check() == []


def test_english_plural_forms_come_from_the_source() -> None:
    assert translations.english_plural("%n event(s)") == ("%n event", "%n events")
    assert translations.english_plural("%n match(es)") == ("%n match", "%n matches")
    # No plural word: the same text for one and many (the totals, '%n out of order').
    assert translations.english_plural("%n out of order") == ("%n out of order", "%n out of order")
