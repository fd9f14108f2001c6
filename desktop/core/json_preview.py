"""Helpers for big JSON bodies that cost in proportion to what is shown. Pure (no Qt).

`reindent` lays out a JSON *prefix* without parsing the whole: the preview of a 20 MB body
appears in proportion to the preview's own size, long before the full parse is done.
`decode_utf8` decodes in 1 MB steps and checks a cancel flag between them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

Cancelled = Callable[[], bool]
DECODE_STEP = 1024 * 1024


class RenderCancelled(Exception):
    """The render was superseded (another event was selected)."""


def never() -> bool:
    return False


def decode_utf8(data: bytes, cancelled: Cancelled = never) -> str:
    """Strict UTF-8 in steps (raises UnicodeDecodeError like bytes.decode)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    pieces = []
    for start in range(0, len(data), DECODE_STEP):
        if cancelled():
            raise RenderCancelled
        pieces.append(decoder.decode(data[start : start + DECODE_STEP]))
    pieces.append(decoder.decode(b"", final=True))
    return "".join(pieces)


# A string (escapes kept as sent), a structural character, or a run of anything else
# (numbers, literals: kept exactly as sent, so 1e999999999 never becomes "Infinity").
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[{}\[\],:]|[^\s{}\[\],:"]+')


def reindent(text: str, limit: int, indent: str = "  ") -> tuple[str, bool]:
    """JSON laid out like json.dumps(indent=2), values as sent, at most `limit` characters.

    Works on invalid or partial JSON too (it only reads tokens). Returns the text and whether
    it was cut.
    """
    out: list[str] = []
    size = 0
    depth = 0
    pending_open = ""  # "{" or "[" just written: an empty container stays "{}"/"[]"
    for match in _TOKEN.finditer(text):
        token = match.group()
        if pending_open:
            if token in "}]" and len(token) == 1:
                piece = token
                depth -= 1
                pending_open = ""
                out.append(piece)
                size += 1
                continue
            piece = "\n" + indent * depth
            out.append(piece)
            size += len(piece)
            pending_open = ""
        if token in ("{", "["):
            piece = token
            depth += 1
            pending_open = token
        elif token in ("}", "]"):
            depth = max(0, depth - 1)
            piece = "\n" + indent * depth + token
        elif token == ",":
            piece = ",\n" + indent * depth
        elif token == ":":
            piece = ": "
        else:
            piece = token
        out.append(piece)
        size += len(piece)
        if size >= limit:
            return "".join(out)[:limit], True
    return "".join(out), False
