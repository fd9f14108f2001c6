"""The command line: parse arguments and hand over to one command module each (or the window)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from desktop.core.config import ConfigError, Settings, check_store_url, load_settings
from desktop.listener.server import ListenerError
from desktop.store.database import StoreError

log = logging.getLogger("webhook-monitor")

# Commands that work on the data directory's SQLite only, so far (see README, Team mode).
SQLITE_ONLY_COMMANDS = frozenset({"import", "maintain", "resend"})


def build_parser() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    shared.add_argument("--port", type=int, help="port to listen on (default 8080; 0 picks a free one)")
    shared.add_argument("--data-dir", type=Path, help="where the events database lives")
    shared.add_argument("--config", type=Path, help="TOML config file ([listener], [[endpoints]])")
    shared.add_argument(
        "--store",
        metavar="URL",
        help="a PostgreSQL database (postgresql://...) instead of SQLite (team mode)",
    )

    parser = argparse.ArgumentParser(
        description="Webhook monitor: capture, inspect, verify and re-send webhooks locally.",
        parents=[shared],
    )
    parser.add_argument("--headless", action="store_true", help="run the listener only, with no window")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    export = commands.add_parser("export", parents=[shared], help="write stored events to stdout or a file")
    export.add_argument("--format", choices=("jsonl", "csv", "har"), default="jsonl")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    export.add_argument("--filter", default="", help="only events matching this query (see README)")

    simulate = commands.add_parser("simulate", parents=[shared], help="send realistic signed events to a URL")
    simulate.add_argument("--url", help="where to send (default: this app's listener)")
    simulate.add_argument("--provider", default="juno", help="provider whose events to send")
    simulate.add_argument("--secret", help="secret to sign with (default: the endpoint's or a test secret)")
    simulate.add_argument("--count", type=int, default=10, help="how many events")

    resend = commands.add_parser("resend", parents=[shared], help="re-send a stored event to a URL")
    resend.add_argument("--id", type=int, required=True, dest="event_id", help="event id")
    resend.add_argument("--to", required=True, help="target URL")

    importing = commands.add_parser(
        "import", parents=[shared], help="read events back from a JSONL or HAR export (no duplicates)"
    )
    importing.add_argument("file", type=Path, help="an export: FILE.jsonl or FILE.har")

    migrating = commands.add_parser(
        "migrate-store",
        parents=[shared],
        help="copy this data directory's SQLite history into an empty PostgreSQL database",
    )
    migrating.add_argument(
        "--to", required=True, metavar="URL", help="the PostgreSQL database (postgresql://...)"
    )

    commands.add_parser(
        "maintain",
        parents=[shared],
        help="compact the events database: optimise the full-text index, ANALYZE, VACUUM",
    )
    return parser


def resolve_settings(args: argparse.Namespace) -> Settings:
    """The config file's settings, overridden by any command-line options given."""
    settings = load_settings(args.config)
    if args.host:
        settings = replace(settings, host=args.host)
    if args.port is not None:
        settings = replace(settings, port=args.port)
    if getattr(args, "store", None):
        settings = replace(settings, store_url=check_store_url(args.store))
    return settings


def resolve_data_dir(args: argparse.Namespace) -> Path:
    from desktop.runtime import default_data_dir

    return args.data_dir if args.data_dir else default_data_dir()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    # Our own lines are the log; the HTTP client's per-request lines would only repeat them.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = resolve_settings(args)
        data_dir = resolve_data_dir(args)
        if settings.store_url and args.command in SQLITE_ONLY_COMMANDS:
            # Better refused than run on the data directory's SQLite while the URL names another store.
            print(f"error: `{args.command}` does not work with a PostgreSQL store yet", file=sys.stderr)
            return 2
        if args.command == "export":
            from desktop.cli.export import run_export

            return run_export(settings, data_dir, args.format, args.output, args.filter)
        if args.command == "simulate":
            from desktop.cli.simulate import run_simulate

            return run_simulate(settings, args.url, args.provider, args.secret, args.count)
        if args.command == "resend":
            from desktop.cli.resend import run_resend

            return run_resend(data_dir, args.event_id, args.to)
        if args.command == "import":
            from desktop.cli.import_events import run_import

            return run_import(settings, data_dir, args.file)
        if args.command == "migrate-store":
            from desktop.cli.migrate_store import run_migrate_store

            return run_migrate_store(data_dir, check_store_url(args.to, "--to"))
        if args.command == "maintain":
            from desktop.cli.maintain import run_maintain

            return run_maintain(data_dir)
        if args.headless:
            from desktop.cli.headless import run_headless

            return run_headless(settings, data_dir)
    except (ConfigError, ListenerError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from desktop.ui.app import run

    return run(settings, data_dir)
