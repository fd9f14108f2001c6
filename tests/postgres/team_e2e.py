"""Team mode end to end without containers: the layout of deploy/compose.yaml on one machine.

PostgreSQL (pgserver), an SQLite history moved into it with `migrate-store`, the schema
migrated by the owner (`migrate-schema`), deploy/roles.sql applied with psql, two headless
receivers logged in as `webhook_receiver` members, and Caddy (deploy/Caddyfile, `tls
internal`) terminating TLS in front of them. Signed Juno deliveries go over HTTPS through
Caddy; a `webhook_viewer` login then reads them back (export, payments, totals).

Run by hand (it prints each step with the time it took; the README quotes a run):
    deploy/try-team-mode.sh        or    .venv/bin/python -m tests.postgres.team_e2e
tests/postgres/test_team_e2e.py runs the same function where the caddy binary exists.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

from tests.polling import wait_for
from tests.postgres.stories import juno_story, signed

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SECRET = "team-e2e-juno-secret"
SECRET_ENV = "TEAM_E2E_JUNO_SECRET"
HISTORY_SALES = 1  # in the SQLite history moved over with migrate-store
HTTPS_SALES = 4  # sent over HTTPS through Caddy (three deliveries each)
SENDER = "127.0.0.2"  # the HTTPS client's address (Caddy and the receivers are on 127.0.0.1)

Log = Callable[[str], None]


@dataclass
class Outcome:
    """What the run saw, for the test's assertions and the README."""

    copied: str = ""
    schema: str = ""
    issuer: str = ""
    statuses: list[int] = field(default_factory=list)
    forwarded_for: list[str] = field(default_factory=list)
    remote_addrs: list[str] = field(default_factory=list)
    per_receiver: list[int] = field(default_factory=list)
    stored: int = 0
    recognised: int = 0
    exported: int = 0
    payments: int = 0
    totals: str = ""
    viewer_delete_refused: bool = False
    receivers_exit: list[int] = field(default_factory=list)


class Process:
    """A child process whose output is drained into lists by threads (pipes never fill up)."""

    def __init__(self, name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
        )
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, lines in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._drain, args=(stream, lines), daemon=True).start()

    @staticmethod
    def _drain(stream: object, lines: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.append(line.rstrip("\n"))

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def as_role(owner_url: str, role: str) -> str:
    """pgserver's URL for another login (its local connections are trusted)."""
    assert owner_url.startswith("postgresql://postgres:@"), owner_url
    return owner_url.replace("postgresql://postgres:@", f"postgresql://{role}:@", 1)


def main_py(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "main.py"), *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    if done.returncode != 0:
        raise AssertionError(f"main.py {' '.join(args[:1])} failed: {done.stderr}")
    return done


def send_sales(port: int, count: int, seed: int, https_client: httpx.Client | None = None) -> list[int]:
    """Signed Juno sales (charge created, payment confirmed, charge paid); the HTTP statuses."""
    statuses = []
    client = https_client or httpx.Client(base_url=f"http://127.0.0.1:{port}")
    for n in range(count):
        for delivery in juno_story(random.Random(seed + n)):
            headers = dict(signed(delivery, SECRET))
            statuses.append(client.post("/juno", content=delivery.body, headers=headers).status_code)
    if https_client is None:
        client.close()
    return statuses


def start_receiver(
    name: str, store_url: str | None, data_dir: Path, config: Path, env: dict[str, str]
) -> tuple[Process, int]:
    args = ["--headless", "--host", "127.0.0.1", "--port", "0", "--config", str(config)]
    args += ["--data-dir", str(data_dir)] + (["--store", store_url] if store_url else [])
    receiver = Process(name, [sys.executable, str(ROOT / "main.py"), *args], env)
    wait_for(lambda: receiver.out or receiver.proc.poll() is not None, 60, f"{name} to start")
    first = receiver.out[0] if receiver.out else ""
    if not first.startswith("listening on http://127.0.0.1:"):
        receiver.stop()
        raise AssertionError(f"{name} did not start: {first} {receiver.err}")
    return receiver, int(first.split()[2].rstrip("/").rsplit(":", 1)[1])


def tls_ready(port: int, context: ssl.SSLContext) -> str:
    """The issuer of the certificate Caddy presents for localhost ('' while not ready yet)."""
    try:
        with (
            socket.create_connection(("127.0.0.1", port), timeout=2) as raw,
            context.wrap_socket(raw, server_hostname="localhost") as tls,
        ):
            cert = tls.getpeercert() or {}
    except (OSError, ssl.SSLError):
        return ""
    issuer = dict(item[0] for item in cert.get("issuer", ()))  # type: ignore[misc]
    return str(issuer.get("commonName", "?"))


def run(owner_url: str, work: Path, caddy: str, log: Log) -> Outcome:
    """The whole walk-through against the (empty) database at `owner_url` (a superuser's)."""
    outcome = Outcome()
    env = dict(os.environ, **{SECRET_ENV: SECRET})
    config = work / "config.toml"
    # Caddy (on 127.0.0.1) is the receivers' trusted proxy: they record the sender it names.
    config.write_text(
        '[listener]\ntrusted_proxies = ["127.0.0.1"]\n'
        f'[[endpoints]]\npath = "/juno"\nprovider = "juno"\nsecret_env = "{SECRET_ENV}"\n'
    )

    # 1. An SQLite history (a receiver that ran before team mode), moved over in one command.
    history = work / "history"
    receiver, port = start_receiver("sqlite receiver", None, history, config, env)
    statuses = send_sales(port, HISTORY_SALES, seed=100)
    assert receiver.stop() == 0 and set(statuses) == {200}, receiver.err
    outcome.copied = main_py(
        "migrate-store", "--to", owner_url, "--data-dir", str(history)
    ).stdout.splitlines()[0]
    log(f"migrate-store: {outcome.copied}")

    # 2. The owner migrates (a no-op here: migrate-store created the schema); roles with psql.
    outcome.schema = main_py("migrate-schema", "--store", owner_url).stdout.strip()
    log(f"migrate-schema (owner): {outcome.schema}")
    psql = shutil.which("psql") or str(_pgserver_bin() / "psql")
    for _ in range(2):  # idempotent: a second run changes nothing
        subprocess.run(
            [psql, owner_url, "-q", "-v", "ON_ERROR_STOP=1", "-f", str(DEPLOY / "roles.sql")],
            check=True,
            capture_output=True,
            text=True,
        )
    with psycopg.connect(owner_url, autocommit=True) as conn:
        for login, group in (
            ("receiver_a", "webhook_receiver"),
            ("receiver_b", "webhook_receiver"),
            ("finance", "webhook_viewer"),
        ):
            conn.execute(f"DROP ROLE IF EXISTS {login}")
            conn.execute(f"CREATE ROLE {login} LOGIN IN ROLE {group}")
    log(
        "deploy/roles.sql applied twice with psql; logins receiver_a, receiver_b "
        "(webhook_receiver), finance (webhook_viewer)"
    )

    # 3. Two receivers as webhook_receiver members, Caddy with its local CA in front.
    receivers = []
    caddy_proc: Process | None = None
    try:
        for login in ("receiver_a", "receiver_b"):
            receivers.append(start_receiver(login, as_role(owner_url, login), work / login, config, env))
        https_port, http_port = free_port(), free_port()
        caddy_env = dict(
            os.environ,
            XDG_DATA_HOME=str(work / "caddy-data"),
            XDG_CONFIG_HOME=str(work / "caddy-config"),
            SITE_ADDRESS="localhost",
            TLS="internal",
            RECEIVERS=" ".join(f"127.0.0.1:{port}" for _, port in receivers),
            HTTPS_PORT=str(https_port),
            HTTP_PORT=str(http_port),
            CADDY_ADMIN="off",
        )
        started = time.monotonic()
        caddy_proc = Process(
            "caddy",
            [caddy, "run", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
            caddy_env,
        )
        root = work / "caddy-data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
        wait_for(lambda: root.exists() or caddy_proc.proc.poll() is not None, 60, "Caddy's local CA")
        assert caddy_proc.proc.poll() is None, "\n".join(caddy_proc.err)
        context = ssl.create_default_context(cafile=str(root))
        wait_for(lambda: tls_ready(https_port, context), 60, "Caddy serving TLS")
        outcome.issuer = tls_ready(https_port, context)
        log(
            f"caddy on https://localhost:{https_port} in {time.monotonic() - started:.1f} s, "
            f"certificate issued by {outcome.issuer!r} "
            "(root: $XDG_DATA_HOME/caddy/pki/authorities/local/root.crt)"
        )

        # 4. Deliveries over HTTPS, verified against Caddy's root only, sent from 127.0.0.2 (a
        # loopback address other than Caddy's) so the sender's address can be told apart.
        started = time.monotonic()
        transport = httpx.HTTPTransport(verify=context, local_address=SENDER)
        with httpx.Client(base_url=f"https://localhost:{https_port}", transport=transport) as client:
            outcome.statuses = send_sales(https_port, HTTPS_SALES, seed=200, https_client=client)
        log(
            f"{len(outcome.statuses)} signed Juno deliveries over HTTPS: "
            f"statuses {sorted(set(outcome.statuses))} in {time.monotonic() - started:.2f} s"
        )
        total = 3 * (HISTORY_SALES + HTTPS_SALES)
        viewer = as_role(owner_url, "finance")

        def counts() -> tuple[int, int]:
            with psycopg.connect(viewer) as conn:
                row = conn.execute(
                    "SELECT count(*), count(*) FILTER (WHERE derived = 1 AND provider = 'juno') FROM events"
                ).fetchone()
            assert row is not None
            return int(row[0]), int(row[1])

        wait_for(lambda: counts() == (total, total), 30, "every event stored and recognised")
        outcome.stored, outcome.recognised = counts()
        outcome.per_receiver = [sum(" POST /juno" in line for line in r.out) for r, _ in receivers]
        with psycopg.connect(viewer) as conn:
            rows = conn.execute(
                "SELECT headers, remote_addr FROM events WHERE id > %s ORDER BY id", (3 * HISTORY_SALES,)
            ).fetchall()
        outcome.forwarded_for = sorted(
            {
                value
                for text, _ in rows
                for name, value in json.loads(text)
                if name.lower() == "x-forwarded-for"
            }
        )
        outcome.remote_addrs = sorted({str(remote) for _, remote in rows})
        log(
            f"stored and recognised (read as finance): {outcome.stored}/{total}; "
            f"requests per receiver {outcome.per_receiver}; "
            f"X-Forwarded-For kept in the headers: {outcome.forwarded_for}; "
            f"sender recorded (Caddy trusted as proxy): {outcome.remote_addrs}"
        )
    finally:
        if caddy_proc is not None:
            caddy_proc.stop()
        outcome.receivers_exit = [r.stop() for r, _ in receivers]
    log(f"caddy and receivers stopped (receivers' exit codes {outcome.receivers_exit})")

    # 5. What finance sees, as the viewer: the events, the sales, the day's totals.
    viewer_dir = str(work / "finance")
    exported = main_py("export", "--store", viewer, "--data-dir", viewer_dir, env=env).stdout
    outcome.exported = len(exported.splitlines())
    payments = main_py(
        "payments", "--format", "jsonl", "--store", viewer, "--data-dir", viewer_dir, env=env
    ).stdout
    outcome.payments = len(payments.splitlines())
    outcome.totals = main_py("totals", "--store", viewer, "--data-dir", viewer_dir, env=env).stdout.strip()
    with psycopg.connect(viewer) as conn:
        try:
            conn.execute("DELETE FROM events")
        except psycopg.errors.InsufficientPrivilege:
            outcome.viewer_delete_refused = True
    log(
        f"as finance (webhook_viewer): export {outcome.exported} events, "
        f"payments {outcome.payments} sales, delete refused: {outcome.viewer_delete_refused}"
    )
    log("totals: " + outcome.totals.replace("\n", " | "))
    return outcome


def _pgserver_bin() -> Path:
    import pgserver

    return Path(pgserver.__file__).parent / "pginstall" / "bin"


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A local PostgreSQL 16 (pgserver) with an empty `webhooks` database, removed afterwards."""
    import pgserver

    parent = Path(tempfile.mkdtemp(prefix="wm-team-"))
    parent.chmod(0o755)  # as root, pgserver runs PostgreSQL as its own user
    server = pgserver.get_server(parent / "data", cleanup_mode="stop")
    try:
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE webhooks")
        yield server.get_uri("webhooks")
    finally:
        server.cleanup()
        shutil.rmtree(parent, ignore_errors=True)


def main() -> int:
    caddy = shutil.which("caddy")
    if caddy is None:
        print("caddy is not installed (Debian: apt-get install caddy)", file=sys.stderr)
        return 2
    started = time.monotonic()

    def log(line: str) -> None:
        print(f"[{time.monotonic() - started:6.2f} s] {line}", flush=True)

    version = subprocess.run([caddy, "version"], capture_output=True, text=True).stdout.split()[0]
    log(f"caddy {version}; starting a throwaway PostgreSQL (pgserver)")
    with throwaway_postgres() as url, tempfile.TemporaryDirectory(prefix="wm-team-work-") as work:
        log("PostgreSQL up, empty database `webhooks`")
        outcome = run(url, Path(work), caddy, log)
    ok = (
        set(outcome.statuses) == {200}
        and outcome.stored == outcome.recognised == outcome.exported
        and all(outcome.per_receiver)
        and outcome.remote_addrs == [SENDER]
        and outcome.viewer_delete_refused
    )
    log("OK: team mode works end to end" if ok else f"FAILED: {outcome}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
