"""`python main.py maintain`: compact and re-analyse the events database (see store/maintenance.py)."""

from __future__ import annotations

from pathlib import Path


def run_maintain(data_dir: Path) -> int:
    from desktop.store.maintenance import maintain

    report = maintain(data_dir)
    before, after = report.bytes_before / 1e6, report.bytes_after / 1e6
    print(f"{report.events} events; database {before:.1f} MB -> {after:.1f} MB")
    return 0
