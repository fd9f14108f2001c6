"""Fill a data directory with N realistic stored events, fast (for the table and filter benchmarks).

Rows go straight into SQLite in large transactions, shaped exactly as the writer stores them
(derived fields filled as the Juno recogniser would), so the app opens them as its own.

    python tests/bench/fill.py DATA_DIR [--events 1000000] [--body-bytes 400]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from bench_payloads import juno_mixed_body  # noqa: E402

from desktop.core.payments import status_category  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.rows import INSERT_EVENT_SQL  # noqa: E402

BATCH = 20_000


def fill(data_dir: Path, events: int, body_bytes: int, seed: int = 7) -> float:
    """Append `events` rows; returns the seconds it took."""
    conn = open_database(data_dir)
    conn.execute("PRAGMA synchronous = OFF")  # a benchmark fixture, rebuilt at will
    rng = random.Random(seed)
    start = time.perf_counter()
    base_time = time.time() - events * 0.5  # spread over the last days, newest now
    headers = json.dumps(
        [["Host", "127.0.0.1:8080"], ["Content-Type", "application/json"], ["X-Signature", "0" * 64]]
    )
    first_id = (conn.execute("SELECT max(id) FROM events").fetchone()[0] or 0) + 1
    for batch_start in range(0, events, BATCH):
        rows, bodies = [], []
        for n in range(batch_start, min(events, batch_start + BATCH)):
            body, fields = juno_mixed_body(n, rng, pad_to=body_bytes)
            received = base_time + n * 0.5
            signature = "invalid" if rng.random() < 0.01 else "valid"
            rows.append(
                (
                    received, "127.0.0.1", "POST", "/juno", "", "1.1", headers, "application/json",
                    len(body), 200, "",
                    fields["provider"], fields["event_type"], fields["event_id"], received,
                    fields["entity_type"],
                    fields["entity_id"], fields["status"], fields["amount"], fields["currency"],
                    f"Cliente {n % 5000}", fields["reference"], signature,
                    "" if signature == "valid" else "signature mismatch", "{}", "/juno", None, 0, None, 0, 1,
                )
            )  # fmt: skip
            bodies.append((first_id + n, body))
        with conn:
            conn.executemany(INSERT_EVENT_SQL, rows)
            conn.executemany("INSERT INTO bodies (event_id, body) VALUES (?, ?)", bodies)
    # The payment state the writer would have derived: one entity per charge or payment.
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO entities (provider, entity_id, entity_type, status, amount, currency,"
            " reference, payer, first_seen, last_update, status_time, event_count, last_event)"
            " SELECT provider, entity_id, entity_type, status, amount, currency, reference, payer,"
            " received_at, received_at, event_time, 1, id FROM events WHERE id >= ?",
            (first_id,),
        )
    # And one sale per entity (nothing links them here), categorised as the core does.
    categories = {
        (provider, kind, status): str(status_category(provider, kind, status))
        for provider, kind, status in conn.execute(
            "SELECT DISTINCT provider, entity_type, status FROM entities"
        )
    }
    with conn:
        conn.execute("CREATE TEMP TABLE bench_categories (provider, entity_type, status, category)")
        conn.executemany(
            "INSERT INTO bench_categories VALUES (?, ?, ?, ?)", [(*key, c) for key, c in categories.items()]
        )
        conn.execute(
            "INSERT OR REPLACE INTO sales (provider, entity_id, entity_type, status, category, status_time,"
            " amount, currency, reference, payer, first_seen, last_update, event_count, last_event)"
            " SELECT e.provider, e.entity_id, e.entity_type, e.status, coalesce(c.category, 'other'),"
            " coalesce(e.status_time, e.last_update), e.amount, e.currency, e.reference, e.payer,"
            " e.first_seen, e.last_update, e.event_count, e.last_event FROM entities e"
            " LEFT JOIN bench_categories c ON c.provider IS e.provider AND c.entity_type IS e.entity_type"
            " AND c.status IS e.status WHERE e.last_event >= ?",
            (first_id,),
        )
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--body-bytes", type=int, default=400)
    args = parser.parse_args()
    seconds = fill(args.data_dir, args.events, args.body_bytes)
    print(f"filled {args.events:,} events in {seconds:.1f} s")


if __name__ == "__main__":
    main()
