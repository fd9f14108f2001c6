"""The PostgreSQL engine of the store (team mode: `[store] url` or `--store URL`).

It stands beside the SQLite engine behind the same interface (`desktop/store/interface.py`):
its own schema and migrations (`schema.py`), a group-commit writer on the listener's loop
(`writer.py`), payment state (`entities.py`), the filter language as PostgreSQL SQL
(`filter_pg.py`) and the reads (`reads.py`, `entity_reads.py`), gathered by `store.PgStore`.
"""

from __future__ import annotations


def is_postgres_url(url: str | None) -> bool:
    """Whether a store URL names a PostgreSQL database (anything else is not accepted)."""
    return bool(url) and str(url).startswith(("postgresql://", "postgres://"))
