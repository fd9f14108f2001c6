"""`main.py --headless`: the receiver alone, one log line per request, until Ctrl+C or SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
from pathlib import Path

from desktop.core.config import Settings
from desktop.listener.server import Answered, ListenerError


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
    # Forwarding keeps its queue in the delivery tables, which PostgreSQL does not have yet.
    relay = None if services.team_mode else HeadlessRelay(services.store)
    rules = relay.start() if relay is not None else 0
    stop = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    print(f"listening on {services.listener.url} (data: {data_dir})", flush=True)
    if services.team_mode:
        print(
            "store: PostgreSQL (team mode); forwarding rules do not run on it yet",
            file=sys.stderr,
            flush=True,
        )
    if services.listener.off_loopback:
        print(
            f"warning: {services.listener.host} is reachable from other machines; "
            "every request needs the token (?token= or Authorization: Bearer)",
            file=sys.stderr,
            flush=True,
        )
    if not services.secrets.uses_keyring:
        print(f"secrets: {services.secrets.backend_description}", file=sys.stderr, flush=True)
    if rules:
        print(f"forwarding: {rules} rule(s) enabled", file=sys.stderr, flush=True)
    for warning in services.missing_secret_warnings():  # unverified deliveries must not look fine
        print(warning, file=sys.stderr, flush=True)
    try:
        while not stop.wait(3600):
            pass
    finally:
        services.listener.stop()
        if relay is not None:
            relay.stop()  # before the store: queued jobs stay queued for the next start
        services.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        print("stopped", flush=True)
    return 0
