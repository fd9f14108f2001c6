"""QT_TRANSLATE_NOOP without Qt, for texts defined below the window (issue 13).

A provider's note or a credential's label lives in desktop/subscriptions, which must not import
Qt; the window shows it translated. Marking it here, in its own module, gives lupdate the
context the window looks it up under (`QCoreApplication.translate(context, text)`), so the
English text and its translation cannot drift apart.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for lupdate in `context`; returns it untranslated (the caller translates)."""
    return text
