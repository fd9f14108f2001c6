"""Forward-job claims on PostgreSQL (team mode): how fast N claimants drain one queue, and
that each job was claimed exactly once.

Each claimant is a thread with its own connection doing what a receiver's forwarder does per
job: claim a batch (`FOR UPDATE SKIP LOCKED` + lease, one statement), then mark each job
delivered (one statement each). No HTTP: this measures the store's side of forwarding.
A throwaway PostgreSQL 16 comes from the `pgserver` test dependency.

    .venv/bin/python tests/bench/pg_claims.py [--jobs 5000] [--claimants 1 2 4] [--batch 8]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.store.postgres.database import connect, open_database
from desktop.store.postgres.delivery_store import PgDeliveryStore


def drain(url: str, jobs: int, claimants: int, batch: int) -> tuple[float, bool]:
    """Seconds to claim and settle `jobs` jobs with `claimants` threads; whether each was once."""
    setup = PgDeliveryStore(connect(url, autocommit=True))
    setup.conn.execute("TRUNCATE forward_queue")
    expected = setup.enqueue(range(1, jobs + 1), target_id=1, now=0.0)
    seen: list[list[int]] = [[] for _ in range(claimants)]
    start = threading.Barrier(claimants + 1)

    def work(index: int) -> None:
        store = PgDeliveryStore(connect(url, autocommit=True))
        start.wait()
        while claimed := store.claim_due_jobs(1.0, batch, f"bench:{index}:{uuid.uuid4().hex[:6]}", 60.0):
            for job in claimed:
                seen[index].append(job.id)
                store.mark_delivered(job.id)
        store.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(claimants)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    setup.close()
    return elapsed, sorted(i for mine in seen for i in mine) == expected


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--claimants", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--batch", type=int, default=8, help="jobs per claim (the forwarder's concurrency)")
    args = parser.parse_args()
    import pgserver

    parent = Path(tempfile.mkdtemp(prefix="wm-bench-pg-"))
    parent.chmod(0o755)  # as root, PostgreSQL runs as its own user and must reach its files
    server = pgserver.get_server(parent / "data", cleanup_mode="delete")
    try:
        server.psql("CREATE DATABASE bench;")
        url = server.get_uri("bench")
        open_database(url)
        for claimants in args.claimants:
            elapsed, once = drain(url, args.jobs, claimants, args.batch)
            rate = args.jobs / elapsed
            print(
                f"{claimants} claimant(s): {args.jobs} jobs in {elapsed:.2f} s = {rate:,.0f} jobs/s;"
                f" each claimed once: {'yes' if once else 'NO'}"
            )
    finally:
        server.cleanup()
        shutil.rmtree(parent, ignore_errors=True)


if __name__ == "__main__":
    main()
