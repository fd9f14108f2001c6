"""Custom responses: what an endpoint answers once a request is stored.

The contract (README, ../shared/DESIGN.md) is `response = { status = 200, body = "ok",
headers = { "X-Ack" = "1" }, delay_ms = 0 }` in `[[endpoints]]`, plus two testing aids:
`timeout = true` (never answer: the sender's own timeout fires) and `fail_next = N` with
`fail_status` (the next N requests get that status, to exercise a provider's retries).

The body is a Jinja2 template over the request's fields, rendered in a
SandboxedEnvironment: a template typed in the window cannot reach Python's internals. The
record of what was sent (`ResponseRecord.to_json`) is stored with the event.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from desktop.core.model import CapturedRequest

DEFAULT_FAIL_STATUS = 500
MAX_DELAY_MS = 600_000  # ten minutes, like the timeout answer's cap
MAX_BODY_CHARS = 1_000_000  # a rendered body past this is cut (a loop in a template)
# Kinds of answer, as recorded with the event.
KIND_CUSTOM = "custom"
KIND_FAIL = "fail"
KIND_TIMEOUT = "timeout"
# The status recorded when nothing was answered (as HAR does for an aborted request).
NO_ANSWER = 0

_ENV = SandboxedEnvironment(autoescape=False, keep_trailing_newline=True)


class ResponseSpecError(ValueError):
    """A `response` table that cannot be used; the message says which key and why."""


@dataclass(frozen=True, slots=True)
class ResponseSpec:
    """An endpoint's answer. `body` None means the default `{"ok": true, "id": N}`."""

    status: int = 200
    body: str | None = None
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    delay_ms: int = 0
    timeout: bool = False
    fail_next: int = 0  # the config's starting count; the live counter is the listener's
    fail_status: int = DEFAULT_FAIL_STATUS

    def to_dict(self) -> dict[str, Any]:
        """The TOML/JSON form (what `response_spec` reads back)."""
        data: dict[str, Any] = {"status": self.status, "delay_ms": self.delay_ms}
        if self.body is not None:
            data["body"] = self.body
        if self.headers:
            data["headers"] = dict(self.headers)
        if self.timeout:
            data["timeout"] = True
        if self.fail_next:
            data["fail_next"] = self.fail_next
        if self.fail_status != DEFAULT_FAIL_STATUS:
            data["fail_status"] = self.fail_status
        return data


def _status(value: object, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 200 <= value <= 599:
        raise ResponseSpecError(f"response.{key} must be an HTTP status from 200 to 599")
    return value


def response_spec(raw: object) -> ResponseSpec:
    """Read a `response` table (config file or endpoints.json); ResponseSpecError if unusable."""
    if not isinstance(raw, Mapping):
        raise ResponseSpecError('response must be a table, e.g. { status = 200, body = "ok" }')
    known = {"status", "body", "headers", "delay_ms", "timeout", "fail_next", "fail_status"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ResponseSpecError(f"response has unknown key(s): {', '.join(map(str, unknown))}")
    status = _status(raw.get("status", 200), "status")
    body = raw.get("body")
    if body is not None and not isinstance(body, str):
        raise ResponseSpecError("response.body must be a string (a template)")
    if body is not None:
        check_template(body)
    headers = raw.get("headers", {})
    if not isinstance(headers, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
    ):
        raise ResponseSpecError('response.headers must be a table of strings, e.g. { "X-Ack" = "1" }')
    for name, value in headers.items():
        if not name or any(c in name for c in ":\r\n ") or "\r" in value or "\n" in value:
            raise ResponseSpecError(f"response.headers: {name!r} is not a usable header")
    delay = raw.get("delay_ms", 0)
    if isinstance(delay, bool) or not isinstance(delay, int) or not 0 <= delay <= MAX_DELAY_MS:
        raise ResponseSpecError(f"response.delay_ms must be a whole number from 0 to {MAX_DELAY_MS}")
    timeout = raw.get("timeout", False)
    if not isinstance(timeout, bool):
        raise ResponseSpecError("response.timeout must be true or false")
    fail_next = raw.get("fail_next", 0)
    if isinstance(fail_next, bool) or not isinstance(fail_next, int) or fail_next < 0:
        raise ResponseSpecError("response.fail_next must be a whole number, 0 or more")
    return ResponseSpec(
        status=status,
        body=body,
        headers=tuple(headers.items()),
        delay_ms=delay,
        timeout=timeout,
        fail_next=fail_next,
        fail_status=_status(raw.get("fail_status", DEFAULT_FAIL_STATUS), "fail_status"),
    )


def check_template(text: str) -> None:
    """ResponseSpecError when the body template does not parse (said at load, not per request)."""
    try:
        _ENV.parse(text)
    except TemplateError as exc:
        raise ResponseSpecError(f"response.body is not a valid template: {exc}") from None


def template_fields(request: CapturedRequest, event_id: int) -> dict[str, Any]:
    """What a body template can use: {{ id }}, {{ method }}, {{ path }}, {{ query }},
    {{ headers["X-Name"] }} (first value, any case), {{ body }} (text), {{ json.field }}."""
    text = request.body.decode("utf-8", errors="replace")
    try:
        parsed: Any = json.loads(text) if text.strip() else None
    except ValueError:
        parsed = None
    headers: dict[str, str] = {}
    for name, value in request.headers:
        headers.setdefault(name, value)
        headers.setdefault(name.lower(), value)
    return {
        "id": event_id,
        "method": request.method,
        "path": request.path,
        "query": request.query,
        "headers": headers,
        "body": text,
        "json": parsed,
        "received_at": datetime.fromtimestamp(request.received_at, UTC).isoformat(),
    }


def render_body(template: str, request: CapturedRequest, event_id: int) -> str:
    """The rendered body; on a template error, the error in words (so the sender sees why)."""
    try:
        text = _ENV.from_string(template).render(template_fields(request, event_id))
    except Exception as exc:  # a template must never cost the capture or the answer
        return f"template error: {type(exc).__name__}: {exc}"
    return text[:MAX_BODY_CHARS]


@dataclass(frozen=True, slots=True)
class ResponseRecord:
    """What was answered, as stored with the event (`events.response`)."""

    kind: str
    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: str = ""
    delay_ms: int = 0

    def to_json(self) -> str:
        return json.dumps(
            {
                "kind": self.kind,
                "status": self.status,
                "headers": [list(pair) for pair in self.headers],
                "body": self.body,
                "delay_ms": self.delay_ms,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str | None) -> ResponseRecord | None:
        """The stored record, or None (the default answer, or text this version cannot read)."""
        try:
            data = json.loads(text or "null")
            if not isinstance(data, dict):
                return None
            return cls(
                kind=str(data.get("kind", KIND_CUSTOM)),
                status=int(data.get("status", 200)),
                headers=tuple((str(k), str(v)) for k, v in data.get("headers") or []),
                body=str(data.get("body", "")),
                delay_ms=int(data.get("delay_ms", 0)),
            )
        except (TypeError, ValueError):
            return None


def describe_answer(status: int, record_json: str | None) -> str:
    """The inspector's "response" line: the status, and what kind of custom answer it was."""
    record = ResponseRecord.from_json(record_json)
    if record is None:
        return str(status)
    if record.kind == KIND_TIMEOUT:
        return "none (timeout answer: held until the sender gave up)"
    kind = "failed on purpose (fail next N)" if record.kind == KIND_FAIL else "custom response"
    delay = f", after {record.delay_ms} ms" if record.delay_ms else ""
    return f"{status} — {kind}{delay}"


def fail_record(status: int, event_id: int) -> ResponseRecord:
    """The answer to a request failed on purpose (fail-next-N)."""
    body = json.dumps({"ok": False, "id": event_id, "error": "failed on purpose (fail next N)"})
    return ResponseRecord(KIND_FAIL, status, (("Content-Type", "application/json"),), body)


def custom_record(spec: ResponseSpec, request: CapturedRequest, event_id: int) -> ResponseRecord:
    """The answer an endpoint's custom response gives this request."""
    if spec.timeout:
        return ResponseRecord(KIND_TIMEOUT, NO_ANSWER)
    if spec.body is None:
        body = json.dumps({"ok": True, "id": event_id})
        headers = (("Content-Type", "application/json"), *spec.headers)
    else:
        body = render_body(spec.body, request, event_id)
        headers = spec.headers
    return ResponseRecord(KIND_CUSTOM, spec.status, tuple(headers), body, spec.delay_ms)
