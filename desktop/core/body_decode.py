"""A decoded view of a compressed body, bounded: the stored bytes stay as received.

The listener stores a `Content-Encoding: gzip` body as the gzip bytes (signatures are
computed over them, and re-send forwards them with their header). People still want to
read it: this inflates a copy, stopping at `limit` bytes so a gzip bomb (1 GiB from a few
kilobytes) costs at most `limit` of memory. Pure and blocking: callers run it off the UI
thread. `br` is decoded only when a Brotli module is installed.
"""

from __future__ import annotations

import importlib
import zlib
from dataclasses import dataclass
from typing import Any

DEFAULT_LIMIT = 8 * 1024 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Decoded:
    body: bytes  # what decoding gave, at most the limit
    encodings: tuple[str, ...]  # what was undone, in the order undone
    truncated: bool = False  # the limit was reached: there is more
    error: str = ""  # why decoding stopped (the body is then the input of the failed step)


def content_codings(headers: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> list[str]:
    """The Content-Encoding codings in the order they were applied (identity left out)."""
    codings: list[str] = []
    for name, value in headers:
        if name.lower() == "content-encoding":
            codings += [c.strip().lower() for c in value.split(",") if c.strip()]
    return [c for c in codings if c != "identity"]


def _inflate(data: bytes, wbits: int, limit: int) -> tuple[bytes, bool]:
    decompressor = zlib.decompressobj(wbits)
    out = bytearray()
    pending = data
    while pending and len(out) <= limit:
        out += decompressor.decompress(pending, limit + 1 - len(out))
        pending = decompressor.unconsumed_tail
        if decompressor.eof:
            break
    if len(out) <= limit and not decompressor.eof:
        out += decompressor.flush()
        if not decompressor.eof:
            raise zlib.error("the compressed data ends early")
    return bytes(out[:limit]), len(out) > limit


def _brotli() -> Any | None:
    for name in ("brotli", "brotlicffi"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


def _unbrotli(data: bytes, limit: int) -> tuple[bytes, bool]:
    module = _brotli()
    if module is None:
        raise LookupError("br needs the brotli package, which is not installed")
    decompressor = module.Decompressor()
    out = bytearray()
    for start in range(0, len(data), _CHUNK):
        out += decompressor.process(data[start : start + _CHUNK])
        if len(out) > limit:
            return bytes(out[:limit]), True
    return bytes(out), False


def _undo(coding: str, data: bytes, limit: int) -> tuple[bytes, bool]:
    if coding in ("gzip", "x-gzip"):
        return _inflate(data, 16 + zlib.MAX_WBITS, limit)
    if coding == "deflate":
        # RFC 9110 "deflate" is zlib-wrapped; some senders send raw deflate anyway.
        try:
            return _inflate(data, zlib.MAX_WBITS, limit)
        except zlib.error:
            return _inflate(data, -zlib.MAX_WBITS, limit)
    if coding == "br":
        return _unbrotli(data, limit)
    raise LookupError(f"{coding} is not a coding this app can decode")


def decode_body(body: bytes, codings: list[str], limit: int = DEFAULT_LIMIT) -> Decoded:
    """Undo `codings` (as applied, first to last) on a copy of `body`, up to `limit` bytes."""
    data = body
    undone: list[str] = []
    for coding in reversed(codings):
        try:
            data, truncated = _undo(coding, data, limit)
        except (zlib.error, LookupError, OSError) as exc:
            return Decoded(data, tuple(undone), error=f"{coding}: {exc}")
        except Exception as exc:  # a Brotli module raises its own error type
            return Decoded(data, tuple(undone), error=f"{coding}: {exc}")
        undone.append(coding)
        if truncated:
            # A cut stream cannot go through the next decoder meaningfully.
            return Decoded(data, tuple(undone), truncated=True)
    return Decoded(data, tuple(undone))
