"""The one error the filter language raises for anything it cannot accept."""

from __future__ import annotations


class QuerySyntaxError(ValueError):
    """A query the user typed cannot be used.

    `position` is a 0-based character offset into the text (it may equal the text's
    length when something is missing at the end), so the filter bar can point at it.
    """

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at position {position})")
        self.message = message
        self.position = position
