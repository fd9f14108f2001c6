"""`main.py --headless [--workers N]`: receivers alone, one log line per request, until Ctrl+C
or SIGTERM.

With `--workers N` (N > 1) this process starts N receiver processes that listen on the same
port with SO_REUSEPORT (the kernel spreads incoming connections over them) and share the data
directory; recognition, payment state and forwarding are claimed in the store, so each event
is handled once whichever worker took it (desktop/store/writer.py, forward_claims.py). A
worker that dies is started again. Where the platform has no SO_REUSEPORT (Windows), it says
so and runs one receiver.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
import socket
import sys
import threading
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from desktop.core.config import Settings
from desktop.listener.access import is_loopback
from desktop.listener.server import (
    REUSE_PORT_AVAILABLE,
    Answered,
    ListenerError,
    PortInUseError,
    bind_socket,
)

WORKER_START_S = 60.0  # a worker that has not said "ready" by then is reported as failed


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


def _on_stop_signals(stop: threading.Event) -> dict[int, Any]:
    def request_stop(signum: int, _frame: object) -> None:
        stop.set()

    return {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}


def run_headless(settings: Settings, data_dir: Path, workers: int = 1) -> int:
    """Listen until Ctrl+C or SIGTERM, printing one line per request."""
    if workers > 1 and not REUSE_PORT_AVAILABLE:
        print(
            "--workers needs SO_REUSEPORT, which this platform does not have: running one receiver",
            file=sys.stderr,
            flush=True,
        )
        workers = 1
    if workers > 1:
        return _run_workers(settings, data_dir, workers)
    return _serve(settings, data_dir, announce=True)


def _serve(
    settings: Settings,
    data_dir: Path,
    *,
    announce: bool,
    reuse_port: bool = False,
    ready: Connection | None = None,
) -> int:
    """One receiver (with its forwarding) until a stop signal."""
    from desktop.delivery.headless_relay import HeadlessRelay
    from desktop.delivery.hub import DeliveryHub
    from desktop.runtime import build_services

    stop = threading.Event()
    previous = _on_stop_signals(stop)
    services = build_services(settings, data_dir, on_answered=RequestLog(), reuse_port=reuse_port)
    try:
        services.start_listener()
    except ListenerError:
        services.store.close()
        raise
    # This process's one forwarding pipeline and action runner, run on the store thread's loop
    # by the relay (either engine: on PostgreSQL, jobs are claimed with row locks).
    hub = DeliveryHub(services.store, smtp=services.settings.smtp, smtp_password=services.smtp_password())
    relay = HeadlessRelay(services.store, hub)
    rules = relay.start()
    warnings = services.missing_secret_warnings()  # unverified deliveries must not look fine
    if announce:
        print(f"listening on {services.listener.url} (data: {data_dir})", flush=True)
        if services.team_mode:
            print("store: PostgreSQL (team mode)", file=sys.stderr, flush=True)
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
        for warning in warnings:
            print(warning, file=sys.stderr, flush=True)
    if ready is not None:
        ready.send(("ready", (rules, warnings)))  # the parent of --workers says it once
    try:
        while not stop.wait(3600):
            pass
    finally:
        services.listener.stop()
        relay.stop()  # before the store: queued jobs stay queued for the next start
        services.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if announce:
            print("stopped", flush=True)
    return 0


def _worker_main(settings: Settings, data_dir: Path, ready: Connection) -> None:
    """A worker process: one receiver sharing the port (SO_REUSEPORT) and the data directory."""
    try:
        _serve(settings, data_dir, announce=False, reuse_port=True, ready=ready)
    except ListenerError as exc:
        ready.send(("error", str(exc)))
        sys.exit(2)


def _reserve_port(host: str, port: int) -> socket.socket:
    """Bind (not listen) a SO_REUSEPORT socket: fixes the port when 0 was asked for, and tells
    early when another program holds it. Kept open until the workers listen."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    if port and _answers(family, host, port):
        # SO_REUSEPORT would let us join another receiver group of this user on that port (and
        # split its traffic with a different data directory): refuse, as a plain bind would.
        raise PortInUseError(host, port)
    return bind_socket(host, port, reuse_port=True)


def _answers(family: socket.AddressFamily, host: str, port: int) -> bool:
    """Does something already accept connections on host:port?"""
    loopback = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((loopback, port)) == 0


class _Workers:
    """The worker processes: start, wait for "ready", restart one that dies, stop all."""

    def __init__(self, settings: Settings, data_dir: Path) -> None:
        self._context = multiprocessing.get_context("spawn")  # no fork of a process with threads
        self._settings = settings
        self._data_dir = data_dir
        self.processes: list[BaseProcess] = []

    def start_one(self, index: int | None = None) -> tuple[int, list[str]]:
        """Start a worker (or replace the one at `index`); returns its enabled rules count and
        its warnings (endpoints whose secret is missing)."""
        parent_end, child_end = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=_worker_main, args=(self._settings, self._data_dir, child_end), daemon=False
        )
        process.start()
        child_end.close()
        if index is None:
            self.processes.append(process)
        else:
            self.processes[index] = process
        if not parent_end.poll(WORKER_START_S):
            raise ListenerError("a worker did not start in time")
        try:
            kind, detail = parent_end.recv()
        except EOFError:
            raise ListenerError(f"a worker exited while starting (exit code {process.exitcode})") from None
        if kind != "ready":
            raise ListenerError(str(detail))
        rules, warnings = detail
        return int(rules), list(warnings)

    def stop(self) -> None:
        for process in self.processes:
            if process.is_alive() and process.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    process.terminate()  # SIGTERM: the worker stops cleanly
        for process in self.processes:
            process.join(20)
            if process.is_alive():
                process.kill()
                process.join()


def _run_workers(settings: Settings, data_dir: Path, count: int) -> int:
    # Migrate once, here, before several processes open the store at the same moment. A
    # PostgreSQL store migrates under an advisory lock itself, and its workers share
    # recognition by claims (store/postgres/claims.py): nothing to prepare.
    if not settings.store_url:
        from desktop.store.database import open_database

        open_database(data_dir).close()
    reserved = _reserve_port(settings.host, settings.port)
    port = int(reserved.getsockname()[1])
    shared = replace(settings, port=port)
    stop = threading.Event()
    previous = _on_stop_signals(stop)
    workers = _Workers(shared, data_dir)
    try:
        rules, warnings = 0, list[str]()
        for _ in range(count):
            rules, warnings = workers.start_one()
        reserved.close()
        host = f"[{settings.host}]" if ":" in settings.host else settings.host
        print(f"listening on http://{host}:{port}/ (data: {data_dir}, {count} workers)", flush=True)
        if not is_loopback(settings.host):
            print(
                f"warning: {settings.host} is reachable from other machines; "
                "every request needs the token (?token= or Authorization: Bearer)",
                file=sys.stderr,
                flush=True,
            )
        if rules:
            print(f"forwarding: {rules} rule(s) enabled", file=sys.stderr, flush=True)
        for warning in warnings:  # the same in every worker: said once
            print(warning, file=sys.stderr, flush=True)
        while not stop.wait(0.5):
            for index, process in enumerate(workers.processes):
                if not process.is_alive() and not stop.is_set():
                    print(
                        f"worker {process.pid} exited (code {process.exitcode}); starting another",
                        file=sys.stderr,
                        flush=True,
                    )
                    try:
                        workers.start_one(index)
                    except ListenerError as exc:  # tried again at the next look
                        print(f"could not start a worker: {exc}", file=sys.stderr, flush=True)
    finally:
        reserved.close()
        workers.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("stopped", flush=True)
    return 0
