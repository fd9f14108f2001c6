"""Re-verifying stored events after an endpoint's secret or mapping changed (PostgreSQL).

As store/reverify.py: every event under the given endpoint paths is derived again from its
stored request, at its receipt time, and the entities it touches (before and after) are
replayed. Which paths an endpoint owns is decided in Python (`Endpoint.matches`, the
Deriver's own rule); rows are read in id-ordered chunks, bodies only for those that match.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import psycopg

from desktop.core.config import Endpoint, match_key
from desktop.store.postgres.entities import rebuild_entities
from desktop.store.postgres.rows import SELECT_EVENT_SQL_COLUMNS, UPDATE_DERIVED_SQL, pg_row_to_event
from desktop.store.reverify import EndpointDeriver
from desktop.store.rows import derived_values

log = logging.getLogger(__name__)

BATCH_SIZE = 500


def reverify_paths(
    conn: psycopg.Connection, deriver: EndpointDeriver, prefixes: Sequence[str], batch_size: int = BATCH_SIZE
) -> int:
    """Re-derive every event under any of `prefixes`, then rebuild their entities; returns how many."""
    if not prefixes:
        return 0
    everything = any(match_key(prefix) == "/" for prefix in prefixes)
    owners = [Endpoint(path=prefix, provider="") for prefix in prefixes]
    names = {name for prefix in prefixes for name in (prefix, prefix.rstrip("/"))}
    count, last_id = 0, 0
    touched: set[tuple[str, str]] = set()
    while rows := conn.execute(
        "SELECT id, path, endpoint FROM events WHERE id > %s ORDER BY id LIMIT %s", (last_id, batch_size)
    ).fetchall():
        last_id = int(rows[-1][0])
        wanted = [
            int(event_id)
            for event_id, path, endpoint in rows
            if everything or endpoint in names or any(owner.matches(path) for owner in owners)
        ]
        if not wanted:
            continue
        events = conn.execute(
            f"SELECT {SELECT_EVENT_SQL_COLUMNS}, bodies.body FROM events LEFT JOIN bodies "
            "ON bodies.event_id = events.id WHERE events.id = ANY(%s) ORDER BY events.id",
            (wanted,),
        ).fetchall()
        for row in events:
            body = row[-1]
            event = pg_row_to_event(row[:-1], bytes(body) if body is not None else b"")
            try:
                derived = deriver(event.request, now=event.request.received_at)
            except Exception:  # keep the old conclusions rather than abort the whole run
                log.exception("re-verifying event %d failed", event.id)
                continue
            if event.derived.provider and event.derived.entity_id:
                touched.add((event.derived.provider, event.derived.entity_id))
            if derived.provider and derived.entity_id:
                touched.add((derived.provider, derived.entity_id))
            # Fresh conclusions carry no duplicate/out-of-order flags: the rebuild sets them.
            conn.execute(UPDATE_DERIVED_SQL, (*derived_values(derived), event.id))
            count += 1
    rebuild_entities(conn, touched)
    return count
