"""Export records: JSONL lines, CSV rows and HAR entries built from stored events.

Pure functions over `StoredEvent`; the caller streams them to a file.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import IO, Any
from urllib.parse import parse_qsl, quote, urlsplit

from desktop.core import csv_dialects
from desktop.core.model import StoredEvent

CSV_COLUMNS = (
    "id",
    "received_at",
    "method",
    "path",
    "query",
    "remote_addr",
    "response_status",
    "size",
    "content_type",
    "provider",
    "event_type",
    "event_id",
    "entity_type",
    "entity_id",
    "status",
    "amount",
    "currency",
    "payer",
    "reference",
    "signature",
    "signature_reason",
    "duplicate_of",
    "out_of_order",
)


def iso_utc(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def event_record(event: StoredEvent) -> dict[str, Any]:
    """The JSONL record of an event: the fields the export contract names, and a few more."""
    request, derived = event.request, event.derived
    return {
        "id": event.id,
        "received_at": iso_utc(request.received_at),
        "method": request.method,
        "path": request.path,
        "query": request.query,
        "headers": [[name, value] for name, value in request.headers],
        "body_base64": base64.b64encode(request.body).decode("ascii"),
        "size": len(request.body),
        "remote_addr": request.remote_addr,
        "content_type": request.content_type,
        "response_status": event.response_status,
        "rejected": event.rejected or None,
        "provider": derived.provider,
        "event_type": derived.event_type,
        "event_id": derived.event_id,
        "entity_type": derived.entity_type,
        "entity_id": derived.entity_id,
        "status": derived.status,
        "amount": None if derived.amount is None else str(derived.amount),
        "currency": derived.currency,
        "payer": derived.payer,
        "reference": derived.reference,
        "signature": derived.signature.value,
        "signature_reason": derived.signature_reason,
        "endpoint": derived.endpoint,
        "duplicate_of": derived.duplicate_of,
        "out_of_order": derived.out_of_order,
        # What a custom response (or fail-next-N, or a timeout answer) sent; null: the default.
        "response": _response_record(event.response),
    }


def _response_record(text: str | None) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def jsonl_line(event: StoredEvent) -> str:
    return json.dumps(event_record(event), ensure_ascii=False) + "\n"


def csv_header() -> str:
    return _csv_line(CSV_COLUMNS)


def csv_line(event: StoredEvent) -> str:
    record = event_record(event)
    # The accountant's spreadsheet wants the amount as a plain decimal and a readable flag.
    record["out_of_order"] = "yes" if record["out_of_order"] else ""
    record["size"] = len(event.request.body)
    record["amount"] = event.derived.amount  # a Decimal: written as a number, never neutralised
    return _csv_line(["" if record.get(c) is None else record.get(c) for c in CSV_COLUMNS])


def _csv_line(values: Any) -> str:
    # Every cell goes through the formula-injection guard (a path or payer may start with '=').
    # The amount stays as written ('149.90'): a Decimal, not text a spreadsheet would run.
    return csv_dialects.line(list(values))


# Characters a URL may carry as they are (RFC 3986 unreserved, sub-delims, ":", "@", "/"
# and "%" for escapes already there); anything else in a stored target is percent-encoded.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "?"
_HOST = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$")


def har_url(path: str, query: str, host: str | None) -> str:
    """A valid absolute URL for any stored target: odd paths, absolute-form targets stored
    by older versions, raw bytes, and Host headers that are not a host."""
    if path.lower().startswith(("http://", "https://")):
        parts = urlsplit(path)
        path, host = parts.path, parts.netloc or host
        query = query or parts.query
    host = host.strip() if host else ""
    if not _HOST.match(host):
        host = "localhost"
    if not path.startswith("/"):
        path = "/" + path
    url = f"http://{host}{quote(path, safe=_PATH_SAFE)}"
    return f"{url}?{quote(query, safe=_QUERY_SAFE)}" if query else url


def har_entry(event: StoredEvent) -> dict[str, Any]:
    """A HAR 1.2 entry: the captured request and the answer the listener sent."""
    request = event.request
    url = har_url(request.path, request.query, request.header("host"))
    text: str
    encoding: str | None = None
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        text, encoding = base64.b64encode(request.body).decode("ascii"), "base64"
    post_data: dict[str, Any] = {"mimeType": request.content_type, "text": text}
    if encoding:
        post_data["encoding"] = encoding
    entry: dict[str, Any] = {
        "startedDateTime": iso_utc(request.received_at),
        "time": 0,
        "request": {
            "method": request.method,
            "url": url,
            "httpVersion": f"HTTP/{request.http_version}",
            "headers": [{"name": n, "value": v} for n, v in request.headers],
            "queryString": [
                {"name": n, "value": v} for n, v in parse_qsl(request.query, keep_blank_values=True)
            ],
            "cookies": [],
            "headersSize": -1,
            "bodySize": len(request.body),
        },
        "response": {
            "status": event.response_status,
            "statusText": "",
            "httpVersion": f"HTTP/{request.http_version}",
            "headers": [],
            "cookies": [],
            "content": {"size": 0, "mimeType": "application/json"},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
        },
        "cache": {},
        "timings": {"send": 0, "wait": 0, "receive": 0},
        "comment": f"event {event.id}",
    }
    if request.body:
        entry["request"]["postData"] = post_data
    return entry


def har_document_start() -> str:
    creator = {"name": "webhook-monitor", "version": "0.1"}
    return '{"log": {"version": "1.2", "creator": ' + json.dumps(creator) + ', "entries": [\n'


def har_document_end() -> str:
    return "\n]}}\n"


def write_events(events: Iterable[StoredEvent], out: IO[str], format: str) -> int:
    """Stream events to `out` as JSONL, CSV or HAR; returns how many were written.

    The window's export and `main.py export` both write through this.
    """
    count = 0
    if format == "csv":
        out.write(csv_header())
    elif format == "har":
        out.write(har_document_start())
    for event in events:
        if format == "jsonl":
            out.write(jsonl_line(event))
        elif format == "csv":
            out.write(csv_line(event))
        else:
            out.write((",\n" if count else "") + json.dumps(har_entry(event), ensure_ascii=False))
        count += 1
    if format == "har":
        out.write(har_document_end())
    return count
