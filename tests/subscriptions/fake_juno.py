"""A fake Juno API v2 that follows ../shared/SUBSCRIPTIONS.md section 1, as a real HTTP server.

Token endpoint (Basic client credentials, or the form fields [jetimob] sends), the headers every
call needs (bearer, X-Api-Version: 2, X-Resource-Token on webhooks), HAL envelopes (an empty
list leaves `_embedded` out), webhook ids `wbh_` + 16 uppercase hex, 64-hex secrets repeated in
every response, PATCH of status and eventTypes, 204 on delete, and the error shape
`{timestamp, status, error, details: [{field, message, errorCode}], path}`. Routes answer with
and without the `/api-integration` prefix (which form production uses is unconfirmed).
Where the real status is unconfirmed (non-HTTPS URL, duplicate subscription, unknown id) the
fake answers 400/400/404, and the error texts are the fake's own.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
import uuid
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from aiohttp import web

from tests.subscriptions.fake_server import ThreadedServer

# SUBSCRIPTIONS.md 1.5 (names and ids); the labels are the fake's Portuguese wording.
EVENT_TYPES = (
    ("evt_DC2E7E8848B08C62", "DOCUMENT_STATUS_CHANGED", "Alteração de status de documento"),
    ("evt_4B3A979C94349E9E", "DIGITAL_ACCOUNT_STATUS_CHANGED", "Alteração de status da conta digital"),
    ("evt_DC82C7B04A3050D4", "DIGITAL_ACCOUNT_CREATED", "Conta digital criada"),
    ("evt_DD8056B9AF3A0CD9", "TRANSFER_STATUS_CHANGED", "Alteração de status de transferência"),
    ("evt_8C42A83724B3E52F", "P2P_TRANSFER_STATUS_CHANGED", "Alteração de status de transferência P2P"),
    ("evt_CFCECF82F4BBED68", "CHARGE_STATUS_CHANGED", "Alteração de situação da cobrança"),
    ("evt_19E15A89466B7E46", "CHARGE_CREATED", "Cobrança criada"),
    ("evt_8C4AD03A5B2A03FC", "CHARGE_READ_CONFIRMATION", "Confirmação de leitura da cobrança"),
    ("evt_3891C9EEE7F6CC9A", "PAYMENT_NOTIFICATION", "Notificação de pagamento"),
    ("evt_D48AFD95E13CA227", "BILL_PAYMENT_STATUS_CHANGED", "Alteração de status de pagamento de contas"),
)
BY_NAME = {name: (eid, name, label) for eid, name, label in EVENT_TYPES}

CLIENT_ID = "fake-client-id"
CLIENT_SECRET = "fake-client-secret-0123456789"
RESOURCE_TOKEN = "FAKE-RESOURCE-TOKEN-ABCDEF0123456789"


@dataclass
class FakeWebhook:
    id: str
    url: str
    secret: str
    status: str
    events: list[str]


@dataclass
class FakeJuno:
    token_lifetime_s: int = 86399  # the sandbox fixture's expires_in [ngueno]
    webhooks: dict[str, FakeWebhook] = field(default_factory=dict)
    tokens: dict[str, float] = field(default_factory=dict)  # token -> expiry (time.monotonic)
    tokens_issued: int = 0
    fail_delete: bool = False  # makes DELETE answer 500 (the rollback-failed path)
    server: ThreadedServer | None = None

    # -- driving the fake from a test ------------------------------------------------------

    def start(self) -> FakeJuno:
        app = web.Application()
        for prefix in ("", "/api-integration"):
            app.router.add_get(f"{prefix}/notifications/event-types", self.event_types)
            app.router.add_get(f"{prefix}/notifications/webhooks", self.list_webhooks)
            app.router.add_post(f"{prefix}/notifications/webhooks", self.create)
            app.router.add_get(f"{prefix}/notifications/webhooks/{{id}}", self.get_one)
            app.router.add_patch(f"{prefix}/notifications/webhooks/{{id}}", self.update)
            app.router.add_delete(f"{prefix}/notifications/webhooks/{{id}}", self.delete)
        app.router.add_post("/authorization-server/oauth/token", self.token)
        self.server = ThreadedServer(app).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()

    @property
    def api_base(self) -> str:
        assert self.server is not None
        return f"{self.server.url}/api-integration"

    @property
    def auth_base(self) -> str:
        assert self.server is not None
        return f"{self.server.url}/authorization-server"

    def expire_tokens(self) -> None:
        """Every token issued so far stops working (as if its lifetime had passed)."""
        self.tokens = {token: 0.0 for token in self.tokens}

    def delivery(self, webhook_id: str, event_type: str = "PAYMENT_NOTIFICATION") -> tuple[bytes, str]:
        """A notification body as Juno sends it (1.5) and its X-Signature, signed with the secret."""
        body = json.dumps(
            {
                "eventId": str(uuid.uuid4()),
                "eventType": event_type,
                "timestamp": dt.datetime.now(dt.timezone(dt.timedelta(hours=-3))).isoformat(
                    timespec="milliseconds"
                ),
                "data": [
                    {
                        "entityId": "pay_5DB0D9C6CE4A2D8E",
                        "entityType": "PAYMENT",
                        "attributes": {
                            "amount": "50.00",
                            "status": "CONFIRMED",
                            "charge": {"id": "chr_2A1E8A5A1C9E5B4F", "amount": "50.00"},
                        },
                    }
                ],
            }
        ).encode()
        secret = self.webhooks[webhook_id].secret
        return body, hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()

    # -- shapes -----------------------------------------------------------------------------

    def _href(self, request: web.Request, path: str) -> dict[str, Any]:
        return {"self": {"href": f"{request.scheme}://{request.host}/api-integration{path}"}}

    def _resource(self, request: web.Request, hook: FakeWebhook) -> dict[str, Any]:
        # Not in request order (1.3: do not rely on it): reversed on purpose.
        events = [
            {"id": BY_NAME[n][0], "name": n, "label": BY_NAME[n][2], "status": "ENABLED"}
            for n in reversed(hook.events)
        ]
        return {
            "id": hook.id,
            "url": hook.url,
            "secret": hook.secret,
            "status": hook.status,
            "eventTypes": events,
            "_links": self._href(request, f"/notifications/webhooks/{hook.id}"),
        }

    @staticmethod
    def error(request: web.Request, status: int, message: str, field_name: str | None = None) -> web.Response:
        body = {
            "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            "status": status,  # a number here; a webhook's status is a string (1.4)
            "error": HTTPStatus(status).phrase,
            "details": [{"field": field_name, "message": message, "errorCode": f"{status}000"}],
            "path": request.path,
        }
        return web.json_response(body, status=status)

    # -- the authorization server ----------------------------------------------------------

    async def token(self, request: web.Request) -> web.Response:
        if not request.content_type.startswith("application/x-www-form-urlencoded"):
            return web.json_response({"error": "invalid_request"}, status=400)
        form = await request.post()
        if form.get("grant_type") != "client_credentials":
            return web.json_response({"error": "unsupported_grant_type"}, status=400)
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            decoded = base64.b64decode(auth[6:]).decode()
            client_id, _, client_secret = decoded.partition(":")
        if client_id != CLIENT_ID or client_secret != CLIENT_SECRET:
            return web.json_response(
                {"error": "unauthorized", "error_description": "Bad credentials"}, status=401
            )
        token = secrets.token_urlsafe(24)
        self.tokens[token] = time.monotonic() + self.token_lifetime_s
        self.tokens_issued += 1
        return web.json_response(
            {
                "access_token": token,
                "token_type": "bearer",
                "expires_in": self.token_lifetime_s,
                "scope": "all",
                "user_name": "fake@example.com",
                "jti": str(uuid.uuid4()),
            }
        )

    # -- the resource server ------------------------------------------------------------------

    def _refused(self, request: web.Request, *, needs_account: bool = True) -> web.Response | None:
        """The 1.2 headers, checked on every call; None when they are right."""
        auth = request.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        if self.tokens.get(token, 0.0) <= time.monotonic():
            return self.error(request, 401, "Token de acesso inválido ou expirado")
        if request.headers.get("X-Api-Version") != "2":
            return self.error(request, 400, "Cabeçalho X-Api-Version ausente ou inválido", "X-Api-Version")
        if needs_account and request.headers.get("X-Resource-Token") != RESOURCE_TOKEN:
            return self.error(request, 401, "X-Resource-Token inválido", "X-Resource-Token")
        if request.method in ("POST", "PATCH") and request.content_type != "application/json":
            return self.error(request, 415, "Content-Type deve ser application/json")
        return None

    async def event_types(self, request: web.Request) -> web.Response:
        refused = self._refused(request, needs_account=False)  # optional there (1.2)
        if refused:
            return refused
        items = [{"id": i, "name": n, "label": label, "status": "ENABLED"} for i, n, label in EVENT_TYPES]
        return web.json_response(
            {"_embedded": {"eventTypes": items}, "_links": self._href(request, "/notifications/event-types")}
        )

    async def list_webhooks(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        body: dict[str, Any] = {"_links": self._href(request, "/notifications/webhooks")}
        if self.webhooks:
            body["_embedded"] = {"webhooks": [self._resource(request, h) for h in self.webhooks.values()]}
        return web.json_response(body)

    def _event_problem(self, request: web.Request, events: object, skip: str = "") -> web.Response | None:
        if not isinstance(events, list) or not events:
            return self.error(request, 400, "Informe ao menos um tipo de evento", "eventTypes")
        unknown = [e for e in events if e not in BY_NAME]
        if unknown:
            return self.error(request, 400, f"Tipo de evento inválido: {unknown[0]}", "eventTypes")
        for other in self.webhooks.values():
            taken = set(events) & set(other.events)
            if other.id != skip and other.status == "ACTIVE" and taken:
                return self.error(
                    request,
                    400,
                    f"Já existe um webhook ativo inscrito no evento {sorted(taken)[0]}",
                    "eventTypes",
                )
        return None

    async def create(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        body = await request.json()
        url = body.get("url")
        if not isinstance(url, str) or not url.startswith("https://"):
            return self.error(request, 400, "A URL do webhook deve usar HTTPS", "url")
        if len(url) > 255:
            return self.error(request, 400, "A URL deve ter no máximo 255 caracteres", "url")
        problem = self._event_problem(request, body.get("eventTypes"))
        if problem:
            return problem
        hook = FakeWebhook(
            id="wbh_" + secrets.token_hex(8).upper(),
            url=url,
            secret=secrets.token_hex(32),
            status="ACTIVE",
            events=list(body["eventTypes"]),
        )
        self.webhooks[hook.id] = hook
        return web.json_response(self._resource(request, hook))  # 200 (inferred, 1.3)

    def _find(self, request: web.Request) -> FakeWebhook | web.Response:
        hook = self.webhooks.get(request.match_info["id"])
        if hook is None:
            return self.error(request, 404, f"Webhook não encontrado: {request.match_info['id']}")
        return hook

    async def get_one(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        hook = self._find(request)
        return hook if isinstance(hook, web.Response) else web.json_response(self._resource(request, hook))

    async def update(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        hook = self._find(request)
        if isinstance(hook, web.Response):
            return hook
        body = await request.json()
        if "url" in body:
            return self.error(request, 400, "A URL de um webhook não pode ser alterada", "url")
        status = body.get("status", hook.status)
        if status not in ("ACTIVE", "INACTIVE"):
            return self.error(request, 400, f"Status inválido: {status}", "status")
        events = body.get("eventTypes", hook.events)
        problem = self._event_problem(request, events, skip=hook.id) if status == "ACTIVE" else None
        if problem:
            return problem
        hook.status, hook.events = status, list(events)
        return web.json_response(self._resource(request, hook))

    async def delete(self, request: web.Request) -> web.Response:
        refused = self._refused(request)
        if refused:
            return refused
        if self.fail_delete:
            return self.error(request, 500, "Erro interno, tente novamente")
        hook = self._find(request)
        if isinstance(hook, web.Response):
            return hook
        del self.webhooks[hook.id]
        return web.Response(status=204)
