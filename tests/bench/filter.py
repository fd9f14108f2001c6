"""Benchmark: time to the first page of a filtered event list on 1,000,000 events.

    .venv/bin/python tests/bench/filter.py                 # 1,000,000 events in a temp dir
    .venv/bin/python tests/bench/filter.py --events 100000 --db /tmp/f.sqlite3 --keep

Fills a database with realistic Juno deliveries (~1 KB JSON bodies, a mix of event
types, statuses, references and signatures, plus some Stripe, Asaas and GitHub),
builds the full-text index and the filter indexes, then for each query prints the
median of 5 runs of "first 100 rows, newest first" (translation with its density probes
included, as a caller passing `Density(conn)` pays them). It also measures what the
filter indexes cost the ingest path. Targets: < 100 ms for every filter in the table
(issue 8; it was < 200 ms for field and full-text filters, < 1 s for JSON paths).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.query import parse
from desktop.store.filter_density import Density
from desktop.store.filter_sql import FILTER_INDEXES, LOOKUP_INDEXES, ensure_filter_indexes, to_sql
from desktop.store.fts import catch_up, ensure_fts
from desktop.store.schema import EVENT_COLUMNS, migrate

BATCH = 20_000
START = 1_793_000_000.0  # 2026-10-26 UTC; events are spread over 30 days after it
SPAN = 30 * 86400

FIRST_NAMES = [
    "Ana",
    "Bruno",
    "Carla",
    "Diego",
    "Elisa",
    "Fábio",
    "Gabriela",
    "Hugo",
    "Íris",
    "João",
    "Lúcia",
]
LAST_NAMES = ["Silva", "Souza", "Oliveira", "Santos", "Pereira", "Lima", "Carvalho", "Gonçalves", "Araújo"]
CITIES = ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Porto Alegre", "Recife", "Salvador"]
CHARGE_STATUS = ["ACTIVE"] * 2 + ["PAID"] * 5 + ["CANCELLED", "MANUAL_RECONCILIATION", "PARTIALLY_PAID"]
PAYMENT_STATUS = ["CONFIRMED"] * 8 + ["DECLINED", "CUSTOMER_PAID_BACK", "BANK_PAID_BACK"]
TRANSFER_STATUS = ["REQUESTED", "EXECUTED", "EXECUTED", "REJECTED"]

# The columns this script fills: all but `derived`, which keeps its default (1: recognised).
# Columns this generator fills; the rest keep their defaults (derived, the sale link, trust).
COLUMNS = tuple(name for name in EVENT_COLUMNS if name not in ("derived", "sale_id", "endpoint_trusted"))
ALL_INDEXES = {**FILTER_INDEXES, **LOOKUP_INDEXES}
INSERT_EVENT = f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def _hex(rng: random.Random, chars: int) -> str:
    return f"{rng.getrandbits(chars * 4):0{chars}X}"


def _juno(rng: random.Random, order: int, at: float) -> tuple[dict[str, Any], dict[str, Any]]:
    """One Juno v2 delivery: (body, derived columns)."""
    kind = rng.random()
    amount = f"{rng.randint(500, 500_000) / 100:.2f}"
    reference = f"pedido-{order}"
    payer_name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    cpf = f"{rng.randint(0, 99_999_999_999):011d}"
    charge_id = f"chr_{_hex(random.Random(order), 32)}"  # the same order keeps its charge id
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000-03:00", time.gmtime(at - 3 * 3600))
    payer = {
        "name": payer_name,
        "document": cpf,
        "email": f"{payer_name.split()[0].lower()}.{order}@example.com.br",
        "phone": f"+55119{rng.randint(10_000_000, 99_999_999)}",
        "address": {
            "street": "Rua das Flores",
            "number": str(rng.randint(1, 3000)),
            "city": rng.choice(CITIES),
            "state": "SP",
            "postCode": f"{rng.randint(10_000_000, 99_999_999)}",
        },
    }
    if kind < 0.30:
        event_type, entity_type, entity_id, status = "CHARGE_CREATED", "CHARGE", charge_id, "ACTIVE"
    elif kind < 0.65:
        event_type, entity_type, entity_id = "CHARGE_STATUS_CHANGED", "CHARGE", charge_id
        status = rng.choice(CHARGE_STATUS)
    elif kind < 0.92:
        event_type, entity_type, status = "PAYMENT_NOTIFICATION", "PAYMENT", rng.choice(PAYMENT_STATUS)
        entity_id = f"pay_{_hex(rng, 24)}"
    else:
        event_type, entity_type, status = "TRANSFER_STATUS_CHANGED", "TRANSFER", rng.choice(TRANSFER_STATUS)
        entity_id = f"trf_{_hex(rng, 16)}"
    attributes: dict[str, Any] = {
        "amount": amount,
        "code": 240_000_000 + order,
        "digitalAccountId": "dac_9F8E7D6C5B4A3210",
        "dueDate": time.strftime("%Y-%m-%d", time.gmtime(at + 7 * 86400)),
        "reference": reference,
        "status": status,
        "description": f"Pedido {order} - loja virtual",
        "installments": rng.choice([1, 1, 1, 2, 3, 6, 12]),
        "paymentTypes": rng.choice([["BOLETO", "CREDIT_CARD"], ["PIX"], ["CREDIT_CARD"]]),
        "payer": payer,
        "checkoutUrl": f"https://pay.juno.com.br/checkout/{_hex(rng, 20)}",
        "pix": {"qrcodeInBase64": _hex(rng, 160), "txid": _hex(rng, 26)},
    }
    if entity_type == "PAYMENT":
        attributes["fee"] = f"{float(amount) * 0.0299:.2f}"
        attributes["charge"] = {"id": charge_id, "code": 240_000_000 + order}
    body = {
        "eventId": f"{_hex(rng, 8)}-{_hex(rng, 4)}-{_hex(rng, 4)}-{_hex(rng, 4)}-{_hex(rng, 12)}".lower(),
        "eventType": event_type,
        "timestamp": stamp,
        "data": [{"entityId": entity_id, "entityType": entity_type, "attributes": attributes}],
    }
    derived = {
        "provider": "juno",
        "event_type": event_type,
        "event_id": body["eventId"],
        "entity_type": entity_type,
        "entity_id": entity_id,
        "status": status,
        "amount": amount,
        "currency": "BRL",
        "payer": payer_name,
        "reference": reference,
        "path": "/juno",
    }
    return body, derived


def _other(rng: random.Random, order: int) -> tuple[dict[str, Any], dict[str, Any]]:
    provider = rng.choice(["stripe", "asaas", "github"])
    if provider == "stripe":
        intent = f"pi_{_hex(rng, 14)}"
        status = rng.choice(["succeeded", "succeeded", "processing", "requires_payment_method"])
        body = {
            "id": f"evt_{_hex(rng, 14)}",
            "object": "event",
            "type": f"payment_intent.{status}",
            "data": {
                "object": {
                    "id": intent,
                    "amount": rng.randint(500, 500_000),
                    "currency": "brl",
                    "status": status,
                    "metadata": {"order": f"pedido-{order}"},
                    "description": "x" * 400,
                }
            },
        }
        return body, {
            "provider": "stripe",
            "event_type": body["type"],
            "entity_type": "payment_intent",
            "entity_id": intent,
            "status": status,
            "reference": f"pedido-{order}",
            "path": "/stripe",
        }
    if provider == "asaas":
        payment = f"pay_{rng.randint(10**11, 10**12 - 1)}"
        body = {
            "id": f"evt_{_hex(rng, 32)}",
            "event": "PAYMENT_RECEIVED",
            "dateCreated": "2026-11-27 14:10:00",
            "payment": {
                "object": "payment",
                "id": payment,
                "value": rng.randint(100, 90_000) / 100,
                "billingType": "PIX",
                "status": "RECEIVED",
                "externalReference": f"pedido-{order}",
                "description": "y" * 500,
            },
        }
        return body, {
            "provider": "asaas",
            "event_type": "PAYMENT_RECEIVED",
            "entity_type": "payment",
            "entity_id": payment,
            "status": "RECEIVED",
            "reference": f"pedido-{order}",
            "path": "/asaas",
        }
    github: dict[str, Any] = {"action": "opened", "number": order, "repository": {"full_name": "acme/shop"}}
    github["body"] = "z" * 700
    return github, {"provider": "github", "event_type": "pull_request", "path": "/github"}


def generate(count: int, seed: int = 1) -> Iterator[tuple[tuple[Any, ...], bytes]]:
    """Rows for `events` (in COLUMNS order, ids from 1) and their bodies."""
    rng = random.Random(seed)
    for event_id in range(1, count + 1):
        at = START + SPAN * event_id / count
        order = rng.randint(1000, 1000 + count // 3)
        body, derived = _juno(rng, order, at) if rng.random() < 0.9 else _other(rng, order)
        raw = json.dumps(body, ensure_ascii=rng.random() < 0.5, separators=(",", ":")).encode()
        roll = rng.random()
        signature = "valid" if roll < 0.95 else "invalid" if roll < 0.97 else "missing"
        headers = [
            ["Host", "localhost:8080"],
            ["User-Agent", "Juno-Webhook/2.0"],
            ["Content-Type", "application/json"],
            ["Content-Length", str(len(raw))],
        ]
        if signature != "missing":
            headers.append(["X-Signature", _hex(rng, 64).lower()])
        row = {
            "id": event_id,
            "received_at": at,
            "remote_addr": f"177.71.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            "method": "POST",
            "path": derived.pop("path"),
            "query": "",
            "http_version": "1.1",
            "headers": json.dumps(headers),
            "content_type": "application/json",
            "size": len(raw),
            "response_status": 200 if rng.random() < 0.98 else 500,
            "rejected": "",
            "event_time": at - rng.random(),
            "signature": signature,
            "signature_reason": "" if signature == "valid" else f"signature {signature}",
            "signature_detail": "{}",
            "endpoint": "juno",
            "duplicate_of": event_id - 1 if rng.random() < 0.02 and event_id > 1 else None,
            "out_of_order": 1 if rng.random() < 0.01 else 0,
            **derived,
        }
        yield tuple(row.get(column) for column in COLUMNS), raw


def fill(conn: sqlite3.Connection, count: int, first_id: int = 1, per_transaction: int = BATCH) -> float:
    """Insert `count` generated events; returns seconds taken."""
    started = time.perf_counter()
    rows = generate(count, seed=first_id)
    offset = first_id - 1
    done = 0
    while done < count:
        take = min(per_transaction, count - done)
        events, bodies = [], []
        for _ in range(take):
            row, raw = next(rows)
            row = (row[0] + offset, *row[1:])
            events.append(row)
            bodies.append((row[0], raw))
        with conn:
            conn.executemany(INSERT_EVENT, events)
            conn.executemany("INSERT INTO bodies (event_id, body) VALUES (?, ?)", bodies)
        done += take
    return time.perf_counter() - started


def time_query(conn: sqlite3.Connection, text: str, now: float, runs: int = 5) -> tuple[float, int]:
    """Median time of translating (with the density probes) and running the query."""
    query = parse(text)
    timings = []
    found = 0
    for _ in range(runs):
        started = time.perf_counter()
        where, params = to_sql(query, now, density=Density(conn))
        sql = f"SELECT {', '.join(COLUMNS)} FROM events WHERE ({where}) ORDER BY id DESC LIMIT 100"
        found = len(conn.execute(sql, params).fetchall())
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, found


def ingest_rates(conn: sqlite3.Connection, first_id: int, count: int = 20_000, rounds: int = 3) -> list[str]:
    """Insert rate without the filter indexes, with the status one, and with all, in the
    writer's shape (100-event transactions) on the full database; rows are generated
    beforehand so only SQLite is timed, and the set-ups alternate so drift hits all."""
    rows = [((row[0] + first_id - 1, *row[1:]), raw) for row, raw in generate(count, seed=first_id)]
    setups = {"no filter indexes": {}, "status and duplicates": FILTER_INDEXES, "all": ALL_INDEXES}
    rates: dict[str, list[float]] = {label: [] for label in setups}
    for _ in range(rounds):
        for label, wanted in setups.items():
            with conn:
                for name, definition in ALL_INDEXES.items():
                    if name in wanted:
                        conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")
                    else:
                        conn.execute(f"DROP INDEX IF EXISTS {name}")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            started = time.perf_counter()
            for at in range(0, count, 100):
                chunk = rows[at : at + 100]
                with conn:
                    conn.executemany(INSERT_EVENT, [row for row, _ in chunk])
                    conn.executemany(
                        "INSERT INTO bodies (event_id, body) VALUES (?, ?)",
                        [(row[0], raw) for row, raw in chunk],
                    )
            rates[label].append(count / (time.perf_counter() - started))
            with conn:
                conn.execute("DELETE FROM bodies WHERE event_id >= ?", (first_id,))
                conn.execute("DELETE FROM events WHERE id >= ?", (first_id,))
    ensure_filter_indexes(conn)
    conn.execute("ANALYZE")  # the dropped indexes took their statistics with them
    conn.commit()
    return [f"{label} {statistics.median(values):,.0f} events/s" for label, values in rates.items()]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="database file (reused if it exists)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    parser.add_argument("--no-ingest", action="store_true", help="time the queries only")
    args = parser.parse_args()

    workdir = None
    if args.db is None:
        workdir = Path(tempfile.mkdtemp(prefix="filter-bench-"))
        args.db = workdir / "events.sqlite3"
    fresh = not args.db.exists()
    conn = sqlite3.connect(args.db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    migrate(conn)
    ensure_fts(conn)
    try:
        if fresh:
            seconds = fill(conn, args.events)
            print(f"insert {args.events:,} events: {seconds:.1f} s ({args.events / seconds:,.0f}/s)")
            started = time.perf_counter()
            indexed = catch_up(conn)
            seconds = time.perf_counter() - started
            print(f"full-text index of {indexed:,} events: {seconds:.1f} s ({indexed / seconds:,.0f}/s)")
            started = time.perf_counter()
            ensure_filter_indexes(conn)
            conn.execute("ANALYZE")
            conn.commit()
            print(f"filter indexes {', '.join(ALL_INDEXES)}: {time.perf_counter() - started:.1f} s")
        size = args.db.stat().st_size
        print(f"database: {size / 2**20:,.0f} MiB")

        total = conn.execute("SELECT max(id) FROM events").fetchone()[0]
        now = START + SPAN + 60
        sample = conn.execute(
            "SELECT reference, entity_id FROM events WHERE id = ?", (total // 2,)
        ).fetchone()
        queries = [
            "status:PAID",
            f"{sample[0]}",
            "body.data[0].attributes.status:PAID",
            "provider:juno status:PAID amount:>100 -signature:invalid",
            f"ref:{sample[0]}",
            f"entity:{sample[1]}",
            "CREDIT_CARD",
            f"{sample[1][:10]}*",
            "status:PAID OR status:CONFIRMED",
            "-status:PAID",
            "status:BANK_PAID_BACK",
            "header.x-signature:*",
            "since:1h",
            "code:>=500 dup:yes",
            'payer:"Nobody Here"',
            f"body.data[0].attributes.reference:{sample[0]}",
            "body.data[0].attributes.payer.name:Nobody",
            "header.content-type:application/json",
            "header.x-signature:0123abcd",
            "status:PAI*",
            f"ref:{sample[0][:-1]}*",
            "ref:pedido-*",
            "-CREDIT_CARD",
        ]
        for text in queries:
            ms, found = time_query(conn, text, now)
            print(f"{ms:8.1f} ms  {found:3d} rows  {text}")

        if not args.no_ingest:
            print(
                "ingest (median of 3 x 20,000 events in 100-event transactions): "
                + "; ".join(ingest_rates(conn, total + 1))
            )
    finally:
        conn.close()
        if workdir is not None and not args.keep:
            shutil.rmtree(workdir)
        elif workdir is not None:
            print(f"kept {args.db}")


if __name__ == "__main__":
    main()
