"""JSON work on big bodies that never holds the GIL for long. Pure functions (no Qt).

The C parser (`json.loads`) holds the GIL for the whole document: 20 MB took 0.4-2.1 s here,
and a worker thread running it freezes the window just as surely as the UI thread would. So
big bodies are parsed by the standard library's pure-Python scanner (the interpreter switches
threads every 5 ms inside it; it is ~5x slower, which a background thread can afford) and
decoded in 1 MB steps. Both check a cancel flag, so a superseded render stops early.

`reindent` lays out a JSON *prefix* without parsing the whole: the preview appears in
proportion to its own size, long before the full parse (which the tree needs) is done.

The cyclic garbage collector is the other freezer: a 20 MB document is ~1.5 million objects,
and a full collection walks them all holding the GIL (0.3-0.6 s here), several times while
they are created and again now and then for as long as they live. So the parse runs with the
collector paused and ends with `gc.freeze()`: the document (JSON has no cycles; reference
counting frees it) and whatever else lived then are never walked again. The price: cyclic
garbage that existed at that moment is never collected. `dismantle` frees a big document a
piece at a time, because freeing it in one `del` is one long C call as well.
"""

from __future__ import annotations

import codecs
import gc
import json
import json.scanner
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

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


_pause_lock = threading.Lock()
_pauses = 0


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside; what was made meanwhile is frozen at the end (see above)."""
    global _pauses
    with _pause_lock:
        _pauses += 1
        gc.disable()
    try:
        yield
    finally:
        with _pause_lock:
            gc.freeze()
            _pauses -= 1
            if _pauses == 0:
                gc.enable()


def dismantle(document: Any, cancelled: Cancelled = never) -> None:
    """Free a parsed document container by container (each step short, so threads switch)."""
    stack = [document]
    del document
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(value for value in item.values() if isinstance(value, dict | list))
            item.clear()
        elif isinstance(item, list):
            stack.extend(value for value in item if isinstance(value, dict | list))
            item.clear()


def parse_gently(text: str, cancelled: Cancelled = never, parse_float: Callable[[str], Any] = float) -> Any:
    """json.loads with the pure-Python scanner; raises what json.loads raises, or RenderCancelled.

    Call it inside `collector_paused()`.
    """

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if cancelled():
            raise RenderCancelled
        return dict(items)

    decoder = json.JSONDecoder(object_pairs_hook=pairs, parse_float=parse_float)
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)


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
