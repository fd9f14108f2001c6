"""Command-line mode: argument parsing, the headless listener, export and the other commands."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from desktop.core.config import ConfigError, Settings, load_settings
from desktop.listener.server import Answered, ListenerError
from desktop.store.database import StoreError

log = logging.getLogger("webhook-monitor")


def build_parser() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    shared.add_argument("--port", type=int, help="port to listen on (default 8080; 0 picks a free one)")
    shared.add_argument("--data-dir", type=Path, help="where the events database lives")
    shared.add_argument("--config", type=Path, help="TOML config file ([listener], [[endpoints]])")

    parser = argparse.ArgumentParser(
        prog="main.py",
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
    return parser


def resolve_settings(args: argparse.Namespace) -> Settings:
    """The config file's settings, overridden by any command-line options given."""
    settings = load_settings(args.config)
    if args.host:
        settings = replace(settings, host=args.host)
    if args.port is not None:
        settings = replace(settings, port=args.port)
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
        if args.command == "export":
            from desktop.export import run_export

            return run_export(settings, data_dir, args.format, args.output, args.filter)
        if args.command == "simulate":
            from desktop.simulate import run_simulate

            return run_simulate(settings, args.url, args.provider, args.secret, args.count)
        if args.command == "resend":
            from desktop.delivery.cli_resend import run_resend

            return run_resend(data_dir, args.event_id, args.to)
        if args.headless:
            return run_headless(settings, data_dir)
    except (ConfigError, ListenerError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from desktop.ui.app import run

    return run(settings, data_dir)


class RequestLog:
    """One line per request on stdout, flushed within 50 ms rather than per line.

    Called on the listener's loop; a flush per line cost a system call per request.
    """

    FLUSH_AFTER = 0.05

    def __init__(self) -> None:
        self._flush_pending = False

    def __call__(self, answered: Answered) -> None:
        ident = f"#{answered.event_id}" if answered.event_id is not None else "-"
        line = f"{answered.status} {answered.method} {answered.path} {answered.size}B"
        with contextlib.suppress(BrokenPipeError):  # the log reader went away; keep serving
            sys.stdout.write(f"{line} from {answered.remote_addr} {ident}\n")
        if not self._flush_pending:
            self._flush_pending = True
            asyncio.get_running_loop().call_later(self.FLUSH_AFTER, self._flush)

    def _flush(self) -> None:
        self._flush_pending = False
        with contextlib.suppress(BrokenPipeError):
            sys.stdout.flush()


def run_headless(settings: Settings, data_dir: Path) -> int:
    """Listen until Ctrl+C or SIGTERM, printing one line per request."""
    from desktop.delivery.headless_relay import HeadlessRelay
    from desktop.runtime import build_services

    services = build_services(settings, data_dir, on_answered=RequestLog())
    try:
        services.start_listener()
    except ListenerError:
        services.store.close()
        raise
    relay = HeadlessRelay(services.store)
    rules = relay.start()
    stop = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    print(f"listening on {services.listener.url} (data: {data_dir})", flush=True)
    if not services.secrets.uses_keyring:
        print(f"secrets: {services.secrets.backend_description}", file=sys.stderr, flush=True)
    if rules:
        print(f"forwarding: {rules} rule(s) enabled", file=sys.stderr, flush=True)
    try:
        while not stop.wait(3600):
            pass
    finally:
        services.listener.stop()
        relay.stop()  # before the store: queued jobs stay queued for the next start
        services.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        print("stopped", flush=True)
    return 0
