"""A fake Asaas `/v3/webhooks` (../shared/SUBSCRIPTIONS.md section 3), a real server.

`access_token` header and a User-Agent, the save fields (name, url, email, enabled,
interrupted, sendType, events; authToken 32-255 characters), `hasAuthToken` instead of the
token, at most 10 webhooks, PUT to update, errors as `{"errors": [{code, description}]}`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.subscriptions.fake_server import ThreadedServer

API_KEY = "$aact_fake_0123456789abcdef"
REQUIRED = ("name", "url", "email", "enabled", "interrupted", "sendType", "events")


@dataclass
class FakeAsaas:
    webhooks: dict[str, dict[str, Any]] = field(default_factory=dict)
    server: ThreadedServer | None = None

    def start(self) -> FakeAsaas:
        app = web.Application()
        app.router.add_get("/v3/webhooks", self.list_webhooks)
        app.router.add_post("/v3/webhooks", self.create)
        app.router.add_put("/v3/webhooks/{id}", self.update)
        app.router.add_delete("/v3/webhooks/{id}", self.delete)
        self.server = ThreadedServer(app).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()

    @property
    def api_base(self) -> str:
        assert self.server is not None
        return f"{self.server.url}/v3"

    @staticmethod
    def error(status: int, code: str, description: str) -> web.Response:
        return web.json_response({"errors": [{"code": code, "description": description}]}, status=status)

    def _refused(self, request: web.Request) -> web.Response | None:
        if request.headers.get("access_token") != API_KEY:
            return web.Response(status=401)  # Asaas answers an unknown key with an empty 401
        if not request.headers.get("User-Agent"):
            return self.error(400, "invalid_user_agent", "O header User-Agent é obrigatório")
        return None

    @staticmethod
    def _public(hook: dict[str, Any]) -> dict[str, Any]:
        shown = {k: v for k, v in hook.items() if k != "authToken"}
        shown["hasAuthToken"] = bool(hook.get("authToken"))
        return shown

    async def list_webhooks(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        data = [self._public(h) for h in self.webhooks.values()]
        return web.json_response(
            {
                "object": "list",
                "hasMore": False,
                "totalCount": len(data),
                "limit": 10,
                "offset": 0,
                "data": data,
            }
        )

    async def create(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        body = await request.json()
        missing = [name for name in REQUIRED if name not in body]
        if missing:
            return self.error(400, "invalid_object", f"O campo {missing[0]} deve ser informado.")
        token = body.get("authToken")
        if token is not None and not 32 <= len(token) <= 255:
            return self.error(400, "invalid_authToken", "O authToken deve ter entre 32 e 255 caracteres.")
        if len(self.webhooks) >= 10:
            return self.error(400, "invalid_action", "Limite de 10 webhooks atingido.")
        hook = {
            "id": str(uuid.uuid4()),
            "name": body["name"],
            "url": body["url"],
            "email": body["email"],
            "enabled": body["enabled"],
            "interrupted": body["interrupted"],
            "apiVersion": body.get("apiVersion", 3),
            "authToken": token,
            "sendType": body["sendType"],
            "penalizedRequestsCount": 0,
            "events": list(body["events"]),
        }
        self.webhooks[hook["id"]] = hook
        return web.json_response(self._public(hook))

    async def update(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        hook = self.webhooks.get(request.match_info["id"])
        if hook is None:
            return self.error(404, "not_found", "Webhook não encontrado.")
        body = await request.json()
        for key in ("url", "enabled", "interrupted", "events", "email", "name", "sendType"):
            if key in body:
                hook[key] = body[key]
        return web.json_response(self._public(hook))

    async def delete(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        if self.webhooks.pop(request.match_info["id"], None) is None:
            return self.error(404, "not_found", "Webhook não encontrado.")
        return web.json_response({"deleted": True, "id": request.match_info["id"]})
