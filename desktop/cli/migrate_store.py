"""`main.py migrate-store --to postgresql://...`: this data directory's SQLite history into PostgreSQL."""

from __future__ import annotations

import sys
from pathlib import Path


def run_migrate_store(data_dir: Path, url: str) -> int:
    from desktop.store.postgres.copy_history import copy_history

    def progress(count: int) -> None:
        print(f"copied {count} event(s)...", file=sys.stderr, flush=True)

    copied = copy_history(data_dir, url, progress)
    print(f"copied {copied.events} event(s) and {copied.entities} payment(s) from {data_dir} into PostgreSQL")
    # The URL is not echoed: it may hold a password.
    print("start receivers and windows with --store and the same URL (or [store] url in the config)")
    return 0
