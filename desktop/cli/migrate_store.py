"""`main.py migrate-store --to postgresql://...`: this data directory's SQLite history into
PostgreSQL; `main.py migrate-schema --store postgresql://...`: the schema, as its owner."""

from __future__ import annotations

import sys
from pathlib import Path


def run_migrate_store(data_dir: Path, url: str) -> int:
    from desktop.runtime import copy_history_to_postgres

    def progress(count: int) -> None:
        print(f"copied {count} event(s)...", file=sys.stderr, flush=True)

    events, payments = copy_history_to_postgres(data_dir, url, progress)
    print(f"copied {events} event(s) and {payments} payment(s) from {data_dir} into PostgreSQL")
    # The URL is not echoed: it may hold a password.
    print("start receivers and windows with --store and the same URL (or [store] url in the config)")
    return 0


def run_migrate_schema(url: str | None) -> int:
    from desktop.runtime import upgrade_postgres_schema

    if not url:
        print("error: migrate-schema needs a PostgreSQL store: --store postgresql://...", file=sys.stderr)
        return 2
    version = upgrade_postgres_schema(url)
    print(f"the PostgreSQL store is at schema version {version}")
    return 0
