"""Re-verifying stored events after an endpoint's secret or mapping changed.

Every derived column of `events` can be recomputed from the stored request, so when a user sets
a secret (or maps a path to another provider), the events already captured are checked again:
the bytes are the same, only the conclusions change. Run on the writer thread, inside its
transaction:

    store.writer.call(lambda conn: reverify(conn, deriver, "/juno"))

Rows are read in id-ordered chunks (keyset paging), so 100k events with large bodies never sit
in memory together.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from typing import Any, Protocol

from desktop.core.config import Endpoint, match_key
from desktop.core.model import CapturedRequest, Derived
from desktop.store.entities import rebuild_entities
from desktop.store.follow import record_reset
from desktop.store.rows import UPDATE_DERIVED_SQL, derived_values

log = logging.getLogger(__name__)

BATCH_SIZE = 500

_ENTITY_OF = "SELECT provider, entity_id FROM events WHERE id = ? AND entity_id IS NOT NULL"
# Only what the request was: the old conclusions are not needed to draw new ones.
_REQUEST_COLUMNS = (
    "events.id, events.method, events.path, events.query, events.headers, events.received_at,"
    " events.remote_addr, events.http_version, bodies.body"
)


class EndpointDeriver(Protocol):
    """What reverify needs of `desktop.runtime.Deriver`: a check at a given time.

    Re-checked days later with 'now', every Stripe or Standard Webhooks event would be reported
    outside its replay window, which says nothing about the delivery; so the receipt time is used.
    """

    def __call__(self, request: CapturedRequest, now: float | None = None) -> Derived: ...


_OWNS = "webhook_monitor_path_owned"


def _path_owned(path: object, prefix: object) -> int:
    """SQL function: whether an endpoint path owns a request path, as the Deriver decides it
    (normalised and case-insensitive: see config.match_key), so `/JUNO` is re-verified too."""
    if not isinstance(path, str) or not isinstance(prefix, str):
        return 0
    return int(Endpoint(path=prefix, provider="").matches(path))


def _condition(conn: sqlite3.Connection, prefixes: Sequence[str]) -> tuple[str, list[Any]]:
    """Events that belong (or belonged) to any of these endpoint paths."""
    conn.create_function(_OWNS, 2, _path_owned, deterministic=True)
    clauses: list[str] = []
    params: list[Any] = []
    for prefix in prefixes:
        if match_key(prefix) == "/":
            return "1", []  # '/' owns every path
        clauses.append(f"(endpoint IN (?, ?) OR {_OWNS}(path, ?))")
        params += [prefix, prefix.rstrip("/"), prefix]
    return " OR ".join(clauses) or "0", params


def _request(row: Sequence[Any]) -> CapturedRequest:
    """The request as captured, from a row selected with _REQUEST_COLUMNS."""
    _, method, path, query, headers, received_at, remote_addr, http_version, body = row
    return CapturedRequest(
        method=method,
        path=path,
        query=query,
        headers=[(str(name), str(value)) for name, value in json.loads(headers)],
        body=bytes(body) if body is not None else b"",
        received_at=received_at,
        remote_addr=remote_addr,
        http_version=http_version,
    )


def reverify_paths(
    conn: sqlite3.Connection, deriver: EndpointDeriver, prefixes: Sequence[str], batch_size: int = BATCH_SIZE
) -> int:
    """Re-derive every event under any of `prefixes`, then rebuild entity state once.

    Returns how many events were re-verified.
    """
    if not prefixes:
        return 0
    where, params = _condition(conn, prefixes)
    sql = (
        f"SELECT {_REQUEST_COLUMNS} FROM events LEFT JOIN bodies ON bodies.event_id = events.id"
        f" WHERE events.id > ? AND ({where}) ORDER BY events.id LIMIT ?"
    )
    count = 0
    last_id = 0
    touched: set[tuple[str, str]] = set()  # entities before and after: both need replaying
    while True:
        rows = conn.execute(sql, (last_id, *params, batch_size)).fetchall()
        if not rows:
            break
        updates = []
        for row in rows:
            event_id = row[0]
            try:
                request = _request(row)
                derived = deriver(request, now=request.received_at)
            except Exception:  # keep the old conclusions rather than abort the whole run
                log.exception("re-verifying event %d failed", event_id)
                continue
            # Fresh conclusions carry no duplicate/out-of-order flags: the rebuild below sets them.
            updates.append((*derived_values(derived), event_id))
            touched.update(conn.execute(_ENTITY_OF, (event_id,)).fetchall())
            if derived.provider and derived.entity_id:
                touched.add((derived.provider, derived.entity_id))
        conn.executemany(UPDATE_DERIVED_SQL, updates)
        count += len(updates)
        last_id = rows[-1][0]
    # Verdicts decide what counts as a duplicate and what may move a payment's status.
    rebuild_entities(conn, touched)
    if count:
        record_reset(conn)  # windows following the store (any process) reload what changed
    return count


def reverify(
    conn: sqlite3.Connection, deriver: EndpointDeriver, path_prefix: str, batch_size: int = BATCH_SIZE
) -> int:
    """Re-derive the events of one endpoint path (see module docstring); returns how many."""
    return reverify_paths(conn, deriver, [path_prefix], batch_size)
