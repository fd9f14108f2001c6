"""How long one retention slice holds the store thread (and the write lock).

Fills a data directory with N Juno-like events (tests/bench/fill.py), indexes them for
full-text search, then prunes toward half and reports, per slice of PRUNE_SLICE events,
the time to find them (on the pruner's thread) and the time to delete them (on the store
thread, holding the write lock: FTS deletes, bodies, rows, entity replay, commit).

    .venv/bin/python tests/bench/retention.py [--events 200000] [--slices 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from fill import fill  # noqa: E402

from desktop.core.retention import RetentionPolicy  # noqa: E402
from desktop.store import fts  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.retention import PRUNE_SLICE, _doomed, delete_events  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--slices", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        fill(data_dir, args.events, 400)
        conn = open_database(data_dir)
        while fts.catch_up_some(conn, batch=20_000):
            conn.commit()
        conn.commit()
        policy = RetentionPolicy(keep_events=args.events // 2)
        finding, deleting = [], []
        for _ in range(args.slices):
            started = time.perf_counter()
            ids = _doomed(conn, policy, time.time(), PRUNE_SLICE)
            found = time.perf_counter()
            with conn:
                deleted = delete_events(conn, ids)
            finding.append((found - started) * 1000)
            deleting.append((time.perf_counter() - found) * 1000)
            assert deleted == PRUNE_SLICE
        print(
            f"{args.events:,} events, slices of {PRUNE_SLICE}: finding median "
            f"{statistics.median(finding):.1f} ms (pruner thread), deleting median "
            f"{statistics.median(deleting):.1f} ms, max {max(deleting):.1f} ms (store thread), "
            f"{args.slices} slices"
        )


if __name__ == "__main__":
    main()
