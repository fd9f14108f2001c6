"""`subscriptions PROVIDER list | delete ID | pause ID | resume ID | events`, and the parser
entries for it and for `subscribe` (desktop/cli/subscribe.py), kept here so main.py only
calls `add_commands` and `run`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.provider_client import with_client
from desktop.core.config import ENVIRONMENTS, Settings

PROVIDERS = ("juno", "stripe", "asaas")
ACTIONS = ("list", "delete", "pause", "resume", "events")


def add_commands(commands: argparse._SubParsersAction, shared: argparse.ArgumentParser) -> None:
    subscribe = commands.add_parser(
        "subscribe",
        parents=[shared],
        help="register this app's public URL with a provider (webhook)",
        description="Create a webhook at the provider for the public URL and the chosen event types;\n"
        "its secret goes straight to the keyring and the endpoint is set up, so deliveries verify.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subscribe.add_argument("provider", choices=PROVIDERS, help="the provider to subscribe with")
    subscribe.add_argument("--url", help="public HTTPS URL (default: [listener] public_url + /PROVIDER)")
    subscribe.add_argument("--events", required=True, help="event types, comma-separated")
    subscribe.add_argument("--environment", choices=ENVIRONMENTS, help="overrides [providers.X] environment")
    manage = commands.add_parser(
        "subscriptions",
        parents=[shared],
        help="list or delete registered webhooks",
        description="List the webhooks registered at the provider, delete, pause or resume one by id,\n"
        "or list the event types it offers (credentials from the environment or the keyring).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    manage.add_argument("provider", choices=PROVIDERS, help="the provider whose webhooks to manage")
    manage.add_argument("action", choices=ACTIONS, help="what to do")
    manage.add_argument("id", nargs="?", help="the webhook id (delete, pause, resume)")
    manage.add_argument("--environment", choices=ENVIRONMENTS, help="overrides [providers.X] environment")


def run(args: argparse.Namespace, settings: Settings, data_dir: Path) -> int | None:
    """Run `subscribe` or `subscriptions` if that is the command; None otherwise."""
    if args.command == "subscribe":
        from desktop.cli.subscribe import run_subscribe

        events = [e.strip() for e in args.events.split(",") if e.strip()]
        return run_subscribe(settings, data_dir, args.provider, args.url, events, args.environment)
    if args.command == "subscriptions":
        return run_manage(settings, data_dir, args.provider, args.action, args.id, args.environment)
    return None


def run_manage(
    settings: Settings,
    data_dir: Path,
    provider: str,
    action: str,
    webhook_id: str | None,
    environment: str | None,
) -> int:
    from desktop.subscriptions.base import SubscriptionClient, SubscriptionError

    if action in ("delete", "pause", "resume") and not webhook_id:
        print(f"error: subscriptions {provider} {action} needs the webhook id (see 'list')", file=sys.stderr)
        return 2

    async def work(client: SubscriptionClient, _endpoints: object) -> list[str]:
        if action == "events":
            return [f"{t.name}\t{t.label}" for t in await client.event_types()]
        if action == "list":
            return [
                f"{w.id}\t{w.status or ('active' if w.active else 'paused')}\t{w.url}\t{','.join(w.events)}"
                for w in await client.webhooks()
            ]
        if action == "delete":
            await client.delete(webhook_id or "")
            return [f"deleted {webhook_id}"]
        hook = next((w for w in await client.webhooks() if w.id == webhook_id), None)
        if hook is None:
            raise SubscriptionError(f"{provider} lists no webhook {webhook_id}")
        changed = await client.update(hook, active=action == "resume", events=hook.events)
        return [f"{changed.id}\t{changed.status}"]

    try:
        lines = with_client(settings, data_dir, provider, environment, work)
    except SubscriptionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 0
