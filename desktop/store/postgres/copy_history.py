"""Moving a data directory's SQLite history into PostgreSQL (`main.py migrate-store --to URL`).

Events keep their ids (so `duplicate_of` still points at the right one), bodies their bytes,
headers their order and case; recognised fields and payment state are copied as they are
(events still waiting for recognition are recognised by the first receiver that starts).
Everything happens in ONE PostgreSQL transaction: an interrupted copy leaves the database
as it was, and the command can simply run again. A database that already holds events is
refused, so a history is never mixed into another or copied twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from desktop.store.database import StoreError, database_path, open_database
from desktop.store.entities import ENTITY_COLUMNS
from desktop.store.postgres import search
from desktop.store.postgres.database import connect
from desktop.store.postgres.database import open_database as open_pg_database
from desktop.store.postgres.notify import announce_reset
from desktop.store.postgres.rows import text_safe
from desktop.store.rows import EXTRA_COLUMNS
from desktop.store.sales import SALE_COLUMNS
from desktop.store.schema import EVENT_COLUMNS

CHUNK = 500  # events (with bodies) read and indexed at a time

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Copied:
    events: int
    entities: int


def copy_history(data_dir: Path, url: str, progress: Progress | None = None) -> Copied:
    """Copy the SQLite history of `data_dir` into the PostgreSQL database at `url`."""
    if not database_path(data_dir).exists():
        raise StoreError(f"there is no SQLite history in {data_dir} to copy")
    source = open_database(data_dir)  # migrated to today's schema first, if it is older
    try:
        open_pg_database(url)
        with connect(url) as target:
            try:
                return _copy(source, target, progress)
            except (psycopg.Error, sqlite3.Error) as exc:
                raise StoreError(f"copying into PostgreSQL failed, nothing was copied: {exc}") from exc
    finally:
        source.close()


def _copy(source: sqlite3.Connection, target: psycopg.Connection, progress: Progress | None) -> Copied:
    with target.transaction():
        held = target.execute("SELECT count(*) FROM events").fetchone()
        if held and held[0]:
            raise StoreError(
                f"the PostgreSQL database already holds {held[0]} event(s); "
                "copy a history only into an empty one"
            )
        # With the custom answer sent and the import mark (SQLite schema 8, PostgreSQL 2).
        event_columns = (*EVENT_COLUMNS, *EXTRA_COLUMNS)
        columns = ", ".join(event_columns)
        source_columns = ", ".join(f"events.{name}" for name in event_columns)
        copied, last = 0, 0
        while rows := source.execute(
            f"SELECT {source_columns}, bodies.body FROM events "
            "LEFT JOIN bodies ON bodies.event_id = events.id "
            f"WHERE events.id > ? ORDER BY events.id LIMIT {CHUNK}",
            (last,),
        ).fetchall():
            with target.cursor() as cursor:
                with cursor.copy(f"COPY events ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([text_safe(value) for value in row[:-1]])
                with cursor.copy("COPY bodies (event_id, body) FROM STDIN (FORMAT BINARY)") as copy:
                    copy.set_types(["int8", "bytea"])
                    for row in rows:
                        if row[-1] is not None:
                            copy.write_row((row[0], bytes(row[-1])))
            search.index_events(target, [row[0] for row in rows])
            copied += len(rows)
            last = int(rows[-1][0])
            if progress is not None:
                progress(copied)
        entity_columns = ", ".join(ENTITY_COLUMNS)
        entities = 0
        with target.cursor() as cursor, cursor.copy(f"COPY entities ({entity_columns}) FROM STDIN") as copy:
            for row in source.execute(f"SELECT {entity_columns} FROM entities"):
                copy.write_row([text_safe(value) for value in row])
                entities += 1
        # The sales lines too (derived from entities, as they stand in SQLite).
        sale_columns = ", ".join(SALE_COLUMNS)
        with target.cursor() as cursor, cursor.copy(f"COPY sales ({sale_columns}) FROM STDIN") as copy:
            for row in source.execute(f"SELECT {sale_columns} FROM sales"):
                copy.write_row([text_safe(value) for value in row])
        # New events continue after the copied ids.
        target.execute(
            "SELECT setval(pg_get_serial_sequence('events', 'id'), GREATEST(max(id), 1)) FROM events"
        )
        announce_reset(target)  # windows open on this database reload, on commit
    with target.transaction():
        # Statistics for the copied rows at once: the filters ask the planner how common a
        # value is (filter_density_pg.py), and autovacuum would only get to it later.
        target.execute("ANALYZE events, bodies, events_search")
    return Copied(copied, entities)
