"""What keeping `sales` up to date costs: replay the same events with and without it.

    .venv/bin/python tests/bench/sales_upkeep.py [--sales 6000]

Stores the money-truth scenario (tests/money_truth_scenario.py: Juno sales with duplicates,
forgeries, refunds...) once, then rebuilds entities from events several times, alternating
with the sales upkeep on and off, and prints the CPU time per replayed event (process time,
so a busy machine moves it less than wall time).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.config import load_settings  # noqa: E402
from desktop.runtime import Deriver  # noqa: E402
from desktop.store import entities  # noqa: E402
from desktop.store.entities import (  # noqa: E402
    enrich_event,
    rebuild_entities,
    refresh_sales,
)
from desktop.store.events import open_store  # noqa: E402
from tests.money_truth_scenario import SECRET, SECRET_ENV, build, write_config  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    os.environ[SECRET_ENV] = SECRET
    scenario = build(count=args.sales)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "data", Deriver(load_settings(write_config(Path(tmp)))), enrich_event)
        for request in scenario.requests:
            store.writer.submit(request)
        store.writer.call(lambda _conn: None).result(600)
        count = len(scenario.requests)
        for _ in range(args.runs):
            for label, upkeep in (
                ("with sales", refresh_sales),
                ("without sales", lambda _conn, _keys: None),
            ):
                entities.refresh_sales = upkeep  # type: ignore[assignment]
                started = time.process_time()
                store.writer.call(rebuild_entities).result(600)
                spent = time.process_time() - started
                print(f"{label:>13}: {count:,} events replayed, {spent / count * 1e6:.0f} µs CPU per event")
        entities.refresh_sales = refresh_sales
        store.close()


if __name__ == "__main__":
    main()
