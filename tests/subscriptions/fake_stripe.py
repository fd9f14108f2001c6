"""A fake Stripe `/v1/webhook_endpoints` (../shared/SUBSCRIPTIONS.md section 2), a real server.

Bearer or Basic secret key, form-encoded bodies with `enabled_events[]`, the `whsec_` secret in
the creation response only, `disabled` to pause, `deleted: true` on delete, errors as
`{"error": {type, message, param}}`.
"""

from __future__ import annotations

import base64
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.subscriptions.fake_server import ThreadedServer

API_KEY = "sk_test_fake0123456789abcdef"


@dataclass
class FakeStripe:
    endpoints: dict[str, dict[str, Any]] = field(default_factory=dict)
    server: ThreadedServer | None = None

    def start(self) -> FakeStripe:
        app = web.Application()
        app.router.add_get("/v1/webhook_endpoints", self.list_endpoints)
        app.router.add_post("/v1/webhook_endpoints", self.create)
        app.router.add_post("/v1/webhook_endpoints/{id}", self.update)
        app.router.add_delete("/v1/webhook_endpoints/{id}", self.delete)
        self.server = ThreadedServer(app).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()

    @property
    def api_base(self) -> str:
        assert self.server is not None
        return self.server.url

    @staticmethod
    def error(
        status: int, message: str, param: str | None = None, kind: str = "invalid_request_error"
    ) -> web.Response:
        return web.json_response({"error": {"type": kind, "message": message, "param": param}}, status=status)

    def _refused(self, request: web.Request) -> web.Response | None:
        auth = request.headers.get("Authorization", "")
        key = auth[7:] if auth.startswith("Bearer ") else ""
        if auth.startswith("Basic "):
            key = base64.b64decode(auth[6:]).decode().partition(":")[0]
        if key != API_KEY:
            return self.error(401, "Invalid API Key provided: sk_test_****")
        return None

    async def _form(self, request: web.Request) -> tuple[dict[str, str], list[str]] | web.Response:
        if not request.content_type.startswith("application/x-www-form-urlencoded"):
            return self.error(400, "Stripe bodies are form-encoded")
        form = await request.post()
        return {k: str(v) for k, v in form.items()}, [str(v) for v in form.getall("enabled_events[]", [])]

    @staticmethod
    def _public(endpoint: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in endpoint.items() if k != "secret"}

    async def list_endpoints(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        data = [self._public(e) for e in self.endpoints.values()]
        return web.json_response({"object": "list", "data": data, "has_more": False, "url": request.path})

    async def create(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        parsed = await self._form(request)
        if isinstance(parsed, web.Response):
            return parsed
        form, events = parsed
        if not form.get("url", "").startswith("https://"):
            return self.error(400, "Invalid URL: must be a publicly accessible HTTPS URL", "url")
        if not events:
            return self.error(400, "Missing required param: enabled_events.", "enabled_events")
        endpoint = {
            "id": "we_" + secrets.token_hex(12),
            "object": "webhook_endpoint",
            "api_version": None,
            "application": None,
            "created": int(time.time()),
            "description": form.get("description"),
            "enabled_events": events,
            "livemode": False,
            "metadata": {},
            "secret": "whsec_" + secrets.token_hex(16),
            "status": "enabled",
            "url": form["url"],
        }
        self.endpoints[endpoint["id"]] = endpoint
        return web.json_response(endpoint)  # the only response that carries the secret

    async def update(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        endpoint = self.endpoints.get(request.match_info["id"])
        if endpoint is None:
            return self.error(404, f"No such webhook endpoint: '{request.match_info['id']}'", "id")
        parsed = await self._form(request)
        if isinstance(parsed, web.Response):
            return parsed
        form, events = parsed
        if "disabled" in form:
            endpoint["status"] = "disabled" if form["disabled"] == "true" else "enabled"
        if events:
            endpoint["enabled_events"] = events
        return web.json_response(self._public(endpoint))

    async def delete(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        if self.endpoints.pop(request.match_info["id"], None) is None:
            return self.error(404, f"No such webhook endpoint: '{request.match_info['id']}'", "id")
        return web.json_response(
            {"id": request.match_info["id"], "object": "webhook_endpoint", "deleted": True}
        )
