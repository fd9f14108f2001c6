"""How to show a body: pretty JSON, text, form fields or hex. Pure functions (no Qt)."""

from __future__ import annotations

import codecs
import json
import sys
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qsl

from desktop.core.model import CapturedRequest

# Past this, the inspector shows the start and says so; copying still takes every byte.
PREVIEW_LIMIT = 512 * 1024
_INT_DIGITS = sys.get_int_max_str_digits() or 4300


class BodyKind(StrEnum):
    EMPTY = "empty"
    JSON = "json"
    INVALID_JSON = "invalid-json"
    FORM = "form"
    TEXT = "text"
    BINARY = "binary"
    XML = "xml"
    MULTIPART = "multipart"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class BodyView:
    kind: BodyKind
    text: str  # what to show
    note: str = ""  # e.g. the JSON parse error, or that the preview is cut
    truncated: bool = False


def hexdump(data: bytes, limit: int = PREVIEW_LIMIT) -> str:
    """Classic 16-bytes-a-line dump: offset, hex, and printable ASCII."""
    lines = []
    for offset in range(0, min(len(data), limit), 16):
        chunk = data[offset : offset + 16]
        hexes = " ".join(f"{b:02x}" for b in chunk)
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{offset:08x}  {hexes:<47}  {text}")
    return "\n".join(lines)


class _OutOfRange(ValueError):
    """A JSON number that a float cannot hold: laid out, it would read 'Infinity' or 0."""


def _finite_float(literal: str) -> float:
    value = float(literal)
    mantissa = literal.lower().partition("e")[0]
    if value in (float("inf"), float("-inf")) or (value == 0 and any(c in "123456789" for c in mantissa)):
        raise _OutOfRange(literal)
    return value


def _cut(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _looks_json(request: CapturedRequest, text: str) -> bool:
    content_type = request.content_type.lower()
    if "json" in content_type:
        return True
    stripped = text.lstrip()
    return stripped[:1] in ("{", "[")


def describe_body(request: CapturedRequest) -> BodyView:
    body = request.body
    if not body:
        return BodyView(BodyKind.EMPTY, "", "no body")
    truncated = len(body) > PREVIEW_LIMIT
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        note = f"binary: {len(body)} bytes, shown as hex"
        return BodyView(BodyKind.BINARY, hexdump(body), note, truncated)
    if "\x00" in text:
        return BodyView(BodyKind.BINARY, hexdump(body), f"binary: {len(body)} bytes, shown as hex", truncated)
    if _looks_json(request, text):
        # Hostile but valid JSON cannot always be laid out: 100,000 nested arrays exhaust the
        # parser's recursion, a 100,000-digit integer exceeds Python's int conversion limit.
        # Those bodies are shown as the text they are, with a note saying why.
        try:
            parsed = json.loads(text, parse_float=_finite_float)
            pretty = json.dumps(parsed, indent=2, ensure_ascii=False)
        except json.JSONDecodeError as exc:
            note = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            return BodyView(BodyKind.INVALID_JSON, text[:PREVIEW_LIMIT], note, truncated)
        except _OutOfRange as exc:
            note = f"JSON with a number out of range ({_cut(str(exc))}): shown as text, digits as sent"
            return BodyView(BodyKind.TEXT, text[:PREVIEW_LIMIT], note, truncated)
        except RecursionError:
            note = "JSON nested too deeply to lay out: shown as text"
            return BodyView(BodyKind.TEXT, text[:PREVIEW_LIMIT], note, truncated)
        except ValueError:  # int too long to convert (the limit guards against slow parsing)
            note = f"JSON with a number too long to lay out (over {_INT_DIGITS} digits): shown as text"
            return BodyView(BodyKind.TEXT, text[:PREVIEW_LIMIT], note, truncated)
        return BodyView(BodyKind.JSON, pretty[:PREVIEW_LIMIT], "JSON", len(pretty) > PREVIEW_LIMIT)
    if "x-www-form-urlencoded" in request.content_type.lower():
        fields = parse_qsl(text, keep_blank_values=True)
        pretty = "\n".join(f"{name} = {value}" for name, value in fields)
        return BodyView(BodyKind.FORM, pretty[:PREVIEW_LIMIT], "form fields (decoded)", truncated)
    return BodyView(BodyKind.TEXT, text[:PREVIEW_LIMIT], "text", truncated)


def raw_request_text(request: CapturedRequest) -> str:
    """The request as it came over the wire (binary bodies as a hex dump)."""
    target = request.path + (f"?{request.query}" if request.query else "")
    lines = [f"{request.method} {target} HTTP/{request.http_version}"]
    lines += [f"{name}: {value}" for name, value in request.headers]
    head = "\r\n".join(lines) + "\r\n\r\n"
    # Only the preview is looked at: a 20 MB body is never decoded (or parsed) here.
    preview = request.body[:PREVIEW_LIMIT]
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(preview)  # a cut character is fine
    except UnicodeDecodeError:
        return head + hexdump(preview)
    return head + (hexdump(preview) if "\x00" in text else text)
