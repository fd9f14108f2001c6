"""Copy as cURL: a POSIX shell command that sends exactly the same request."""

from __future__ import annotations

import shlex
from pathlib import Path
from urllib.parse import urlsplit

from desktop.delivery.request_spec import OutgoingRequest

# curl adds these on its own; an empty `-H 'Name:'` removes them, so a request that
# arrived without them is replayed without them.
_CURL_DEFAULTS = ("User-Agent", "Accept")
# Older curls add "Expect: 100-continue" to bodies over 1 KiB (newer ones over 1 MiB).
_EXPECT_THRESHOLD = 1024
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def needs_body_file(body: bytes) -> bool:
    """True when the body cannot travel inside a pasted command: not UTF-8, a NUL, or
    control characters (other than tab and line breaks) a terminal would act on."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return any((ord(ch) < 0x20 and ch not in "\t\n\r") or ord(ch) == 0x7F for ch in text)


def write_body_file(req: OutgoingRequest, path: str | Path) -> str:
    """Write the body for `--data-binary @file`; returns the path as given to `to_curl`."""
    Path(path).write_bytes(req.body)
    return str(path)


def to_curl(req: OutgoingRequest, body_file: str | None = None) -> str:
    """A command that replays `req` byte for byte.

    With `body_file`, the body is read from that file (write it with `write_body_file`).
    Without it, the body goes inline; a body that needs a file raises ValueError rather
    than produce a command that would send something else.
    """
    args = ["curl"]
    parts = urlsplit(req.url)
    if any(ch in req.url for ch in "[]{}"):
        args.append("--globoff")  # otherwise curl expands [1-3] and {a,b} in the URL
    if "/." in parts.path:
        args.append("--path-as-is")  # otherwise curl resolves /../ and /./ itself
    args += ["--head"] if req.method == "HEAD" else ["-X", req.method]
    args.append(req.url)

    names = {name.lower() for name, _ in req.headers}
    lines = [" ".join(shlex.quote(arg) for arg in args)]
    for name, value in req.headers:
        # `-H 'Name:'` would remove the header; `Name;` is curl's way to send it empty.
        lines.append(_opt("-H", f"{name}: {value}" if value else f"{name};"))
    lines += [_opt("-H", f"{name}:") for name in _CURL_DEFAULTS if name.lower() not in names]

    sends_body = bool(req.body) or body_file is not None or req.method in _BODY_METHODS
    if sends_body and "content-type" not in names:
        lines.append(_opt("-H", "Content-Type:"))  # curl would say form-urlencoded
    if len(req.body) > _EXPECT_THRESHOLD and "expect" not in names:
        lines.append(_opt("-H", "Expect:"))
    if body_file is not None:
        lines.append(_opt("--data-binary", "@" + body_file))
    elif req.body:
        if needs_body_file(req.body):
            raise ValueError("the body is binary: write it to a file and pass body_file")
        text = req.body.decode("utf-8")
        # --data-binary reads a file when the value starts with "@"; --data-raw never does.
        lines.append(_opt("--data-raw" if text.startswith("@") else "--data-binary", text))
    elif sends_body:
        lines.append(_opt("--data-binary", ""))  # an empty body still has Content-Length: 0
    return " \\\n  ".join(lines)


def _opt(flag: str, value: str) -> str:
    return f"{flag} {shlex.quote(value)}"
