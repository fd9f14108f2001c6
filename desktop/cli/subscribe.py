"""`subscribe PROVIDER --url URL --events A,B`: create the webhook, store its secret in the
keyring (or the secrets file), and map the URL's path to the provider, so the app's next
capture there verifies. Same steps as the window (desktop/subscriptions/provision.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.provider_client import with_client
from desktop.core.config import Settings
from desktop.store.endpoints import EndpointStore
from desktop.subscriptions import provision
from desktop.subscriptions.base import SubscriptionClient, SubscriptionError


def run_subscribe(
    settings: Settings,
    data_dir: Path,
    provider: str,
    url: str | None,
    events: list[str],
    environment: str | None,
) -> int:
    if not url:
        if not settings.public_url:
            print(
                "error: give --url https://… or set public_url in [listener] of the config file",
                file=sys.stderr,
            )
            return 2
        url = f"{settings.public_url}/{provider}"

    async def work(client: SubscriptionClient, endpoints: EndpointStore) -> provision.Provisioned:
        known = {t.name for t in await client.event_types()}
        unknown = [e for e in events if e not in known]
        if unknown:
            raise SubscriptionError(
                f"unknown event type(s) for {provider}: {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}"
            )
        return await provision.subscribe(client, url or "", events, endpoints)

    try:
        result = with_client(settings, data_dir, provider, environment, work)
    except provision.ProvisionIncomplete as exc:
        print(f"error: {exc}", file=sys.stderr)
        # The one place the secret is shown: the user needs it, and it may exist nowhere else.
        print(f"webhook {exc.webhook.id} secret (store it now): {exc.secret}", file=sys.stderr)
        return 2
    except SubscriptionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    hook = result.webhook
    print(f"created {hook.id} for {hook.url} ({', '.join(hook.events)})")
    print(f"secret stored ({result.location}) for endpoint {result.path}")
    if result.endpoint_added:
        print(f"endpoint {result.path} -> {provider} added; restart a running app to pick it up")
    if result.warning:
        print(f"warning: {result.warning}", file=sys.stderr)
    return 0
