"""Copy as cURL, "as it arrived": a command that sends the stored request again, as received.

The original method, path and query, every header in its order and case, and the body bytes
exactly, sent to a listener URL (this app's, by default), so the capture can be reproduced.
The body travels through `printf` with octal escapes into `--data-binary @-`: POSIX shells
print any byte that way (a NUL too, which `$'...'` quoting cannot carry), and nothing in the
body is ever read by the shell. A body over INLINE_LIMIT is written to a file instead.
"""

from __future__ import annotations

import shlex
import string
from pathlib import Path

from desktop.core.model import CapturedRequest

# curl frames the body itself: a copied Content-Length or Transfer-Encoding would disagree.
_FRAMING = frozenset({"content-length", "transfer-encoding"})
# curl adds these on its own; `-H 'Name:'` removes them, so the replay has only what arrived.
_CURL_DEFAULTS = ("User-Agent", "Accept", "Content-Type", "Expect")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
INLINE_LIMIT = 256 * 1024  # beyond this a pasted command is unwieldy: the body goes to a file
# Printed as themselves inside printf's format; every other byte becomes \ooo.
_PLAIN = frozenset((string.ascii_letters + string.digits + " !\"#$&'()*+,-./:;<=>?@[]^_`{|}~").encode())


def printf_format(body: bytes) -> str:
    """A printf format that prints exactly `body` (`%` doubled, everything unusual as \\ooo)."""
    parts = []
    for byte in body:
        if byte == 0x25:  # %
            parts.append("%%")
        elif byte in _PLAIN:
            parts.append(chr(byte))
        else:
            parts.append(f"\\{byte:03o}")
    return "".join(parts)


def received_url(request: CapturedRequest, base_url: str) -> str:
    """The listener's base URL with the request's own path and raw query."""
    base = base_url.rstrip("/")
    return base + request.path + (f"?{request.query}" if request.query else "")


def curl_as_received(request: CapturedRequest, base_url: str, body_file: str | Path | None = None) -> str:
    """The command (a POSIX shell line) that sends `request` to `base_url` as it arrived.

    With `body_file` the body is read from that file (written by the caller) instead of printf.
    """
    args = ["curl", "--globoff", "--path-as-is"]
    args += ["--head"] if request.method == "HEAD" else ["-X", request.method]
    args.append(received_url(request, base_url))
    lines = [" ".join(shlex.quote(arg) for arg in args)]
    names = {name.lower() for name, _ in request.headers}
    for name, value in request.headers:
        if name.lower() in _FRAMING:
            continue
        # `-H 'Name:'` would remove the header; `Name;` is curl's way to send it empty.
        lines.append(f"-H {shlex.quote(f'{name}: {value}' if value else f'{name};')}")
    lines += [f"-H {shlex.quote(name + ':')}" for name in _CURL_DEFAULTS if name.lower() not in names]
    body = request.body
    if body_file is not None:
        lines.append(f"--data-binary {shlex.quote('@' + str(body_file))}")
    elif body:
        lines.append("--data-binary @-")
    elif request.method in _BODY_METHODS or "content-length" in names:
        lines.append("--data-binary ''")  # an empty body still says Content-Length: 0
    command = " \\\n  ".join(lines)
    if body and body_file is None:
        command = f"printf {shlex.quote(printf_format(body))} | " + command
    return command
