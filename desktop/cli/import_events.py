"""`python main.py import FILE.jsonl|FILE.har`: events back in, recognised, without duplicates."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.core.config import Settings


def run_import(settings: Settings, data_dir: Path, source: Path) -> int:
    from desktop.core.import_formats import ImportFormatError, read_events
    from desktop.runtime import build_services, import_into

    try:
        result = import_into(settings.store_url, data_dir, read_events(source))
    except ImportFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot read {source}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    # The composition root as for export: starting the store's writer recognises the imported
    # rows (with this directory's endpoints and secrets), updates payments and the index; in
    # team mode it also queues them for the database's forward and action rules.
    services = build_services(settings, data_dir)
    try:
        services.store.settled().result()
    finally:
        services.store.close()
    print(f"imported {result.added} event(s), skipped {result.skipped} already stored")
    return 0
