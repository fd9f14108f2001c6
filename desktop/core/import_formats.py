"""Reading exported events back: JSONL lines and HAR entries -> captured requests.

The inverse of `export_formats` for what was received (method, path, query, headers in
original case and order, the body byte-exact, when, from where, what was answered). The
derived fields in a file are not trusted: the importing app recognises each request again
with its own endpoints and secrets.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop.core.model import CapturedRequest


class ImportFormatError(ValueError):
    """The file is not an export this app can read; the message says where and why."""


@dataclass(frozen=True, slots=True)
class ImportedEvent:
    request: CapturedRequest
    response_status: int
    rejected: str = ""
    size: int | None = None  # as received; differs from len(body) for a body refused as too large
    response: str | None = None  # the custom answer's record (JSON text), as the export gave it


def read_events(path: Path) -> Iterator[ImportedEvent]:
    """The events of a JSONL or HAR export, in file order (HAR: a `.har` name or a `log` object)."""
    with path.open("r", encoding="utf-8") as handle:
        first = handle.read(64).lstrip()
    if path.suffix.lower() == ".har" or first.startswith('{"log"'):
        yield from _har_events(path)
    else:
        yield from _jsonl_events(path)


def _timestamp(text: str, where: str) -> float:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except (AttributeError, ValueError):
        raise ImportFormatError(f"{where}: not an ISO 8601 time: {text!r}") from None


def _headers(pairs: Any, where: str) -> list[tuple[str, str]]:
    try:
        return [(str(name), str(value)) for name, value in pairs]
    except (TypeError, ValueError):
        raise ImportFormatError(f"{where}: headers must be [[name, value], ...]") from None


def _jsonl_events(path: Path) -> Iterator[ImportedEvent]:
    with path.open("r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path.name} line {number}"
            try:
                record = json.loads(line)
                body = base64.b64decode(record.get("body_base64") or "", validate=True)
                request = CapturedRequest(
                    method=str(record["method"]),
                    path=str(record["path"]),
                    query=str(record.get("query") or ""),
                    headers=_headers(record.get("headers") or [], where),
                    body=body,
                    received_at=_timestamp(record["received_at"], where),
                    remote_addr=str(record.get("remote_addr") or ""),
                )
                status = int(record.get("response_status") or 200)
            except ImportFormatError:
                raise
            except (KeyError, TypeError, ValueError) as exc:
                raise ImportFormatError(f"{where}: not an exported event ({exc})") from None
            size = record.get("size")
            answered = record.get("response")
            yield ImportedEvent(
                request,
                status,
                str(record.get("rejected") or ""),
                int(size) if size is not None else None,
                json.dumps(answered, ensure_ascii=False) if isinstance(answered, dict) else None,
            )


def _har_events(path: Path) -> Iterator[ImportedEvent]:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["log"]["entries"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ImportFormatError(f"{path.name}: not a HAR file ({exc})") from None
    for number, entry in enumerate(entries, 1):
        where = f"{path.name} entry {number}"
        try:
            har = entry["request"]
            url = urlsplit(har["url"])
            post = har.get("postData") or {}
            text = str(post.get("text") or "")
            body = (
                base64.b64decode(text, validate=True) if post.get("encoding") == "base64" else text.encode()
            )
            version = str(har.get("httpVersion") or "HTTP/1.1").removeprefix("HTTP/")
            request = CapturedRequest(
                method=str(har["method"]),
                path=url.path or "/",
                query=url.query,
                headers=_headers([(h["name"], h["value"]) for h in har.get("headers") or []], where),
                body=body,
                received_at=_timestamp(entry["startedDateTime"], where),
                http_version=version,
            )
            status = int((entry.get("response") or {}).get("status") or 200)
        except ImportFormatError:
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise ImportFormatError(f"{where}: not a HAR request ({exc})") from None
        yield ImportedEvent(request, status)
