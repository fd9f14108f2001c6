"""One HTTP call to a provider, with every failure turned into words.

Shared by the clients so a timeout, a refused connection or an error body reads the same for
every provider. Credentials are redacted from anything that came from outside before it is
put into a message (an echoing proxy, or a provider that quotes the header back).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx

from desktop.subscriptions.base import DEFAULT_TIMEOUT_S, SubscriptionError, redact

# Reads a provider's error body; returns its message as it came, or '' when it has none.
ErrorReader = Callable[[Any], str]


async def call(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    provider_label: str,
    read_error: ErrorReader,
    secrets: Sequence[str],
    headers: Mapping[str, str] | None = None,
    json_body: object = None,
    form: Mapping[str, Any] | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> httpx.Response:
    """Send the request; return the response if its status is below 400, else raise
    SubscriptionError carrying the provider's message (and its status)."""
    host = urlsplit(url).netloc
    try:
        response = await client.request(
            method,
            url,
            headers=dict(headers or {}),
            json=json_body if json_body is not None else None,
            data=form,
            timeout=timeout_s,
        )
    except httpx.TimeoutException:
        raise SubscriptionError(
            f"{provider_label} did not answer within {timeout_s:g} s ({method} {host}). "
            "The service may be slow or unreachable; nothing was changed on this side, try again."
        ) from None
    except httpx.ConnectError as exc:
        reason = redact(str(exc) or type(exc).__name__, secrets)
        raise SubscriptionError(
            f"could not connect to {provider_label} at {host}: {reason}. "
            "Check the network connection (and api_base in [providers], if set)."
        ) from None
    except httpx.HTTPError as exc:
        reason = redact(str(exc) or type(exc).__name__, secrets)
        raise SubscriptionError(f"the request to {provider_label} ({host}) failed: {reason}") from None
    if response.status_code < 400:
        return response
    try:
        message = read_error(response.json())
    except (ValueError, TypeError, KeyError, AttributeError):
        message = ""
    if not message:
        text = response.text.strip()[:300]
        message = text or response.reason_phrase
    message = redact(message, secrets)
    raise SubscriptionError(
        f"{provider_label} refused {method} {urlsplit(url).path} (HTTP {response.status_code}): {message}",
        response.status_code,
    )


def json_of(response: httpx.Response, provider_label: str) -> Any:
    """The body as JSON, or a SubscriptionError saying the answer was not what an API sends."""
    try:
        return response.json()
    except (ValueError, json.JSONDecodeError):
        raise SubscriptionError(
            f"{provider_label} answered HTTP {response.status_code} with something that is not JSON "
            f"({response.headers.get('content-type', 'no content type')}); is api_base right?"
        ) from None
