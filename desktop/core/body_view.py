"""How to show a body: pretty JSON, text, form fields or hex. Pure functions (no Qt)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qsl

from desktop.core.model import CapturedRequest

# Past this, the inspector shows the start and says so; copying still takes every byte.
PREVIEW_LIMIT = 512 * 1024


class BodyKind(StrEnum):
    EMPTY = "empty"
    JSON = "json"
    INVALID_JSON = "invalid-json"
    FORM = "form"
    TEXT = "text"
    BINARY = "binary"


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
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            note = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            return BodyView(BodyKind.INVALID_JSON, text[:PREVIEW_LIMIT], note, truncated)
        pretty = json.dumps(parsed, indent=2, ensure_ascii=False)
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
    view = describe_body(request)
    if view.kind == BodyKind.BINARY:
        return head + view.text
    return head + request.body[:PREVIEW_LIMIT].decode("utf-8", errors="replace")
