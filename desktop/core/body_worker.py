"""The body process: parses and lays out big bodies for the inspector, in a process of its own.

Why a process and not a thread: a CPU-bound Python thread makes every Python callback of the
UI thread (a model's data(), a highlighter's block, a timer's slot) wait for the GIL, up to
the 5 ms switch interval each. With a 20 MB parse running in a thread, the inspector froze
for 0.1-0.6 s at a time (measured: tests/bench/inspector.py); with the parse here it does
not. The parsed document stays here too, and the UI asks for tree pages and values by path.

Run as `python -m desktop.core.body_worker`: requests come on stdin, replies go on stdout,
each a length-prefixed pickle. Only the UI's own pipes talk to it (pickle is trusted here).
Requests (tuples, first the kind):

    ("render", ticket, CapturedRequest)  -> ("rendered", ticket, RenderedBody, has_tree) per step
    ("page", ticket, token, path|None, start, count) -> ("page", ticket, token, [TreeRow])
    ("value", ticket, token, path)       -> ("value", ticket, token, bytes)
    ("count", ticket, token, needle)     -> ("count", ticket, token, matches in the whole body)
    ("compare", ticket, a, b)            -> ("compared", ticket, Comparison)

A failure becomes ("failed", ticket, text); the process keeps serving. It exits at EOF.
"""

from __future__ import annotations

import dataclasses
import pickle
import struct
import sys
from typing import IO, Any

from desktop.core.body_diff import compare
from desktop.core.body_render import NO_JSON, render_steps
from desktop.core.json_tree import page, value_bytes
from desktop.core.model import CapturedRequest

_LENGTHS = struct.Struct("!QQ")


def write_message(stream: IO[bytes], message: tuple[Any, ...]) -> None:
    """A request's body travels beside the pickle, not in it: pickling 20 MB copies them while
    holding the GIL; a plain write releases it."""
    payload = b""
    if message[0] == "render":
        request: CapturedRequest = message[2]
        payload = request.body
        message = (*message[:2], dataclasses.replace(request, body=b""), *message[3:])
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTHS.pack(len(data), len(payload)))
    stream.write(data)
    if payload:
        stream.write(memoryview(payload))
    stream.flush()


def read_message(stream: IO[bytes]) -> Any:
    """The next message, or None at EOF."""
    head = stream.read(_LENGTHS.size)
    if len(head) < _LENGTHS.size:
        return None
    size, payload_size = _LENGTHS.unpack(head)
    data = stream.read(size)
    payload = stream.read(payload_size) if payload_size else b""
    if len(data) < size or len(payload) < payload_size:
        return None
    message = pickle.loads(data)
    if payload_size:
        message = (*message[:2], dataclasses.replace(message[2], body=payload), *message[3:])
    return message


class Worker:
    """Serves requests; keeps the last rendered document for tree pages and values."""

    def __init__(self) -> None:
        self.ticket = -1
        self.document: Any = NO_JSON
        self.body = b""
        self._folded: str | None = None  # the body as lower-case text, made on the first count

    def count(self, needle: str) -> int:
        """Case-insensitive matches in the whole body as received (not just its preview)."""
        if self._folded is None:
            self._folded = self.body.decode("utf-8", errors="replace").lower()
        return self._folded.count(needle.lower()) if needle else 0

    def handle(self, request: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        kind, ticket = request[0], request[1]
        try:
            return list(self._handle(kind, ticket, request[2:]))
        except Exception as exc:  # a bad request must not end the process
            return [("failed", ticket, f"{type(exc).__name__}: {exc}")]

    def _handle(self, kind: str, ticket: int, args: tuple[Any, ...]) -> Any:
        if kind == "render":
            self.ticket, self.document = ticket, NO_JSON
            self.body, self._folded = args[0].body, None
            for step in render_steps(args[0]):
                if step.final:
                    self.document = step.document
                has_tree = step.document is not NO_JSON
                yield ("rendered", ticket, dataclasses.replace(step, document=NO_JSON), has_tree)
        elif kind == "page":
            token, path, start, count = args
            rows = page(self.document, path, start, count) if ticket == self.ticket else []
            yield ("page", ticket, token, rows)
        elif kind == "value":
            token, path = args
            data = value_bytes(self.document, path) if ticket == self.ticket else b""
            yield ("value", ticket, token, data)
        elif kind == "count":
            token, needle = args
            yield ("count", ticket, token, self.count(needle) if ticket == self.ticket else 0)
        elif kind == "compare":
            yield ("compared", ticket, compare(args[0], args[1]))
        else:
            raise ValueError(f"unknown request {kind!r}")


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    worker = Worker()
    while (request := read_message(requests)) is not None:
        for reply in worker.handle(request):
            write_message(replies, reply)


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
