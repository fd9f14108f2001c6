"""Everything the inspector shows of a body, computed away from the UI thread. Pure (no Qt).

`render_steps` yields one `RenderedBody`, or two for a big JSON body: first a laid-out preview
(in proportion to the preview's size), then the parsed document the tree and the diff need.
Bodies up to SYNC_LIMIT render on the UI thread (a few milliseconds); bigger ones in the body
process (desktop/core/body_worker.py says why a process).

Hostile but valid JSON (100,000 nested arrays, a 100,000-digit integer, 1e999999999) is shown
as the text it is with a note saying why, never as a wrong number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from desktop.core.body_view import (
    _INT_DIGITS,
    PREVIEW_LIMIT,
    BodyKind,
    _cut,
    _finite_float,
    _looks_json,
    _OutOfRange,
    hexdump,
)
from desktop.core.form_parts import Part, form_fields, multipart_parts
from desktop.core.json_preview import Cancelled, decode_utf8, never, reindent
from desktop.core.model import CapturedRequest
from desktop.core.xml_pretty import looks_xml, pretty_xml

# Bodies up to this size render on the UI thread (a few ms); bigger ones in the body process.
SYNC_LIMIT = 256 * 1024
HEX_LIMIT = 64 * 1024  # the Hex tab's preview; "Save body as…" writes every byte
XML_LIMIT = 2 * 1024 * 1024  # expat parses in one call, holding the GIL: past this, plain text


class _Absent(Enum):
    NO_JSON = "no-json"  # an enum member: still itself after crossing to the body process


NO_JSON = _Absent.NO_JSON  # `RenderedBody.document` when the body is not (valid, layable) JSON

_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"RIFF", "image/webp"),  # checked with "WEBP" at offset 8 below
    (b"BM", "image/bmp"),
)


@dataclass(frozen=True, slots=True)
class RenderedBody:
    kind: BodyKind
    text: str  # the Body tab's text (a preview when `truncated`)
    note: str
    truncated: bool = False
    final: bool = True  # False: a first, quick view; the full one follows
    document: Any = NO_JSON  # the parsed JSON, for the tree and the diff
    fields: list[tuple[str, str]] = field(default_factory=list)  # form fields
    parts: list[Part] | None = None  # multipart parts
    image_type: str = ""  # "image/png"... when the body is a picture
    hex_text: str = ""  # the Hex tab


def render(request: CapturedRequest, cancelled: Cancelled = never) -> RenderedBody:
    """The final rendering (every step run, the last kept)."""
    last = None
    for last in render_steps(request, cancelled):  # noqa: B007 - only the last one matters
        pass
    assert last is not None
    return last


def render_steps(request: CapturedRequest, cancelled: Cancelled = never) -> Iterator[RenderedBody]:
    hex_text = hexdump(request.body, HEX_LIMIT)
    for step in _steps(request, cancelled):
        yield replace(step, hex_text=hex_text)


def _steps(request: CapturedRequest, cancelled: Cancelled) -> Iterator[RenderedBody]:
    body = request.body
    if not body:
        yield RenderedBody(BodyKind.EMPTY, "", "no body")
        return
    big = len(body) > SYNC_LIMIT
    truncated = len(body) > PREVIEW_LIMIT
    parts = multipart_parts(body, request.content_type)
    if parts is not None:
        files = sum(1 for part in parts if part.is_file)
        note = f"multipart: {len(parts)} parts, {files} {'file' if files == 1 else 'files'}"
        text = body[:PREVIEW_LIMIT].decode("utf-8", errors="replace")
        yield RenderedBody(BodyKind.MULTIPART, text, note, truncated, parts=parts)
        return
    image = image_type(body)
    if image:
        note = f"{image}: {len(body)} bytes"
        yield RenderedBody(
            BodyKind.IMAGE, hexdump(body, HEX_LIMIT), note, len(body) > HEX_LIMIT, image_type=image
        )
        return
    try:
        text = decode_utf8(body, cancelled) if big else body.decode("utf-8")
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        note = f"binary: {len(body)} bytes, shown as hex"
        yield RenderedBody(BodyKind.BINARY, hexdump(body), note, truncated)
        return
    if _looks_json(request, text):
        yield from _json_steps(text, big, truncated, cancelled)
        return
    if "x-www-form-urlencoded" in request.content_type.lower():
        fields = form_fields(text)
        pretty = "\n".join(f"{name} = {value}" for name, value in fields)
        yield RenderedBody(
            BodyKind.FORM, pretty[:PREVIEW_LIMIT], "form fields (decoded)", truncated, fields=fields
        )
        return
    if looks_xml(request.content_type, text):
        laid_out, why = pretty_xml(text) if len(body) <= XML_LIMIT else (None, "too big to lay out")
        if laid_out is not None:
            cut = len(laid_out) > PREVIEW_LIMIT
            yield RenderedBody(BodyKind.XML, laid_out[:PREVIEW_LIMIT], "XML", cut)
            return
        yield RenderedBody(BodyKind.TEXT, text[:PREVIEW_LIMIT], f"XML shown as text: {why}", truncated)
        return
    yield RenderedBody(BodyKind.TEXT, text[:PREVIEW_LIMIT], "text", truncated)


def _json_steps(text: str, big: bool, truncated: bool, cancelled: Cancelled) -> Iterator[RenderedBody]:
    if big:
        preview, cut = reindent(text, PREVIEW_LIMIT)
        yield RenderedBody(BodyKind.JSON, preview, "JSON — reading the whole body…", cut, final=False)
    # Hostile but valid JSON cannot always be laid out: 100,000 nested arrays exhaust the
    # parser's recursion, a 100,000-digit integer exceeds Python's int conversion limit.
    try:
        document = json.loads(text, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        note = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        yield RenderedBody(BodyKind.INVALID_JSON, text[:PREVIEW_LIMIT], note, truncated)
        return
    except _OutOfRange as exc:
        note = f"JSON with a number out of range ({_cut(str(exc))}): shown as text, digits as sent"
        yield RenderedBody(BodyKind.TEXT, text[:PREVIEW_LIMIT], note, truncated)
        return
    except RecursionError:
        note = "JSON nested too deeply to lay out: shown as text"
        yield RenderedBody(BodyKind.TEXT, text[:PREVIEW_LIMIT], note, truncated)
        return
    except ValueError:  # int too long to convert (the limit guards against slow parsing)
        note = f"JSON with a number too long to lay out (over {_INT_DIGITS} digits): shown as text"
        yield RenderedBody(BodyKind.TEXT, text[:PREVIEW_LIMIT], note, truncated)
        return
    if big:
        # The preview keeps the values as sent; json.dumps of 20 MB would take seconds.
        pretty, cut = preview, cut
    else:
        pretty = json.dumps(document, indent=2, ensure_ascii=False)
        cut = len(pretty) > PREVIEW_LIMIT
    yield RenderedBody(BodyKind.JSON, pretty[:PREVIEW_LIMIT], "JSON", cut, document=document)


def image_type(body: bytes) -> str:
    """The picture's type from its first bytes (a Content-Type may lie or be absent, so it is
    not trusted: an `image/*` body of anything else is shown as the bytes it is)."""
    for magic, kind in _IMAGE_MAGIC:
        if body.startswith(magic) and (kind != "image/webp" or body[8:12] == b"WEBP"):
            return kind
    return ""


def image_complete(body: bytes, kind: str) -> bool:
    """Whether a picture is whole enough to hand to a decoder.

    Qt's decoders warn (through Qt's log) on damaged data, and a webhook body may be anything
    that starts like a picture. So only a structurally whole one is decoded: its header, and
    its end marker or declared size.
    """
    if kind == "image/png":
        return body[12:16] == b"IHDR" and body.endswith(b"IEND\xaeB`\x82")
    if kind == "image/gif":
        return len(body) > 13 and body.endswith(b";")
    if kind == "image/webp":
        return int.from_bytes(body[4:8], "little") + 8 == len(body)
    if kind == "image/bmp":
        return int.from_bytes(body[2:6], "little") == len(body)
    if kind == "image/jpeg":
        return body.endswith(b"\xff\xd9") and _jpeg_has_frame(body)
    return False


def _jpeg_has_frame(body: bytes) -> bool:
    """Walk the JPEG segments from SOI to a frame header (SOFn), each length in bounds."""
    at = 2
    while at + 4 <= len(body):
        if body[at] != 0xFF:
            return False
        marker = body[at + 1]
        length = int.from_bytes(body[at + 2 : at + 4], "big")
        if length < 2 or at + 2 + length > len(body):
            return False
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return length >= 8  # precision, height, width, components
        at += 2 + length
    return False
