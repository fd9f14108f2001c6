"""Form bodies as fields, multipart bodies as parts. Pure functions (no Qt).

A part keeps its exact bytes (a file is saved as sent, nothing re-encoded). The multipart
reader follows RFC 7578 closely enough for webhooks (boundary from the Content-Type, CRLF or
bare LF line ends, a preamble and an epilogue ignored) and never raises: a body it cannot
split gives no parts, and the inspector falls back to text and hex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from urllib.parse import parse_qsl

MAX_PARTS = 10_000  # a hostile body of empty parts stops here


@dataclass(frozen=True, slots=True)
class Part:
    name: str  # the form field's name ('' when absent)
    filename: str | None  # set for file uploads
    content_type: str
    headers: list[tuple[str, str]]
    data: bytes

    @property
    def is_file(self) -> bool:
        return self.filename is not None

    def text(self, limit: int = 2000) -> str:
        """The value as text (a file's is not shown: it may be anything)."""
        return self.data[:limit].decode("utf-8", errors="replace")


def form_fields(text: str) -> list[tuple[str, str]]:
    return parse_qsl(text, keep_blank_values=True)


def boundary_of(content_type: str) -> str | None:
    """The `boundary` parameter of a multipart Content-Type, quotes removed."""
    if not content_type.lower().lstrip().startswith("multipart/"):
        return None
    message = Message()
    message["content-type"] = content_type
    boundary = message.get_param("boundary")
    return boundary if isinstance(boundary, str) and boundary else None


_HEADER_END = re.compile(rb"\r?\n\r?\n")


def multipart_parts(body: bytes, content_type: str) -> list[Part] | None:
    """The parts, in order; None when this is not a multipart body that can be split."""
    boundary = boundary_of(content_type)
    if boundary is None:
        return None
    delimiter = b"--" + boundary.encode("latin-1", errors="replace")
    pieces = body.split(delimiter)
    if len(pieces) < 3:  # a preamble, at least one part, the closing "--" epilogue
        return None
    parts: list[Part] = []
    for piece in pieces[1 : MAX_PARTS + 1]:
        if piece.startswith(b"--"):  # the closing delimiter
            break
        parts.append(_part(_strip_line_ends(piece)))
    return parts


def _strip_line_ends(piece: bytes) -> bytes:
    """A part sits between CRLF + delimiter and the line end after the previous delimiter."""
    for start in (b"\r\n", b"\n"):
        if piece.startswith(start):
            piece = piece[len(start) :]
            break
    for end in (b"\r\n", b"\n"):
        if piece.endswith(end):
            return piece[: -len(end)]
    return piece


def _part(piece: bytes) -> Part:
    match = _HEADER_END.search(piece)
    if piece.startswith((b"\r\n", b"\n")):  # no headers at all
        head, data = b"", piece.split(b"\n", 1)[1]
    elif match is None:
        head, data = piece, b""
    else:
        head, data = piece[: match.start()], piece[match.end() :]
    headers = []
    for line in head.decode("utf-8", errors="replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            headers.append((name.strip(), value.strip()))
    message = Message()
    for name, value in headers:
        message[name] = value
    disposition = message.get("content-disposition", "")
    name_param = message.get_param("name", header="content-disposition") if disposition else None
    filename = message.get_param("filename", header="content-disposition") if disposition else None
    return Part(
        name=name_param if isinstance(name_param, str) else "",
        filename=filename if isinstance(filename, str) else None,
        content_type=message.get_content_type() if message.get("content-type") else "text/plain",
        headers=headers,
        data=data,
    )
