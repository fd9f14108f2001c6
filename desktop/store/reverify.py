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
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from desktop.core import providers
from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest, Derived
from desktop.store.entities import rebuild_entities

log = logging.getLogger(__name__)

BATCH_SIZE = 500

_UPDATE = (
    "UPDATE events SET provider = ?, event_type = ?, event_id = ?, event_time = ?, entity_type = ?,"
    " entity_id = ?, status = ?, amount = ?, currency = ?, payer = ?, reference = ?, signature = ?,"
    " signature_reason = ?, signature_detail = ?, endpoint = ?,"
    # rebuild_entities recomputes these for events with a provider; one that lost its provider
    # must not keep a stale flag.
    " duplicate_of = NULL, out_of_order = 0"
    " WHERE id = ?"
)
# Only what the request was: the old conclusions are not needed to draw new ones.
_REQUEST_COLUMNS = (
    "events.id, events.method, events.path, events.query, events.headers, events.received_at,"
    " events.remote_addr, events.http_version, bodies.body"
)


class EndpointDeriver(Protocol):
    """What reverify needs of `desktop.runtime.Deriver`: its current endpoints and secrets."""

    settings: Settings
    secret_for: Callable[[Endpoint], str | None]


def derive_as_received(deriver: EndpointDeriver, request: CapturedRequest) -> Derived:
    """What the Deriver concludes, with timestamp tolerances judged at the time of receipt.

    The Deriver checks at 'now'; re-checked days later, every Stripe or Standard Webhooks
    event would be reported outside its replay window, which says nothing about the delivery.
    """
    endpoint = deriver.settings.endpoint_for(request.path)
    provider = endpoint.provider if endpoint else None
    secret = deriver.secret_for(endpoint) if endpoint else None
    derived = providers.derive(request, provider, secret, request.received_at)
    return derived.with_(endpoint=endpoint.path if endpoint else None)


def _condition(prefixes: Sequence[str]) -> tuple[str, list[Any]]:
    """Events that belong (or belonged) to any of these endpoint paths."""
    clauses: list[str] = []
    params: list[Any] = []
    for prefix in prefixes:
        base = prefix.rstrip("/")
        if not base:
            return "1", []  # '/' owns every path
        # substr instead of LIKE: a path may contain '%' or '_'.
        clauses.append("(endpoint IN (?, ?) OR path = ? OR substr(path, 1, ?) = ?)")
        params += [prefix, base, base, len(base) + 1, base + "/"]
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


def _values(derived: Derived, event_id: int) -> tuple[Any, ...]:
    """UPDATE parameters, encoded as `rows.event_values` encodes them."""
    return (
        derived.provider,
        derived.event_type,
        derived.event_id,
        derived.event_time,
        derived.entity_type,
        derived.entity_id,
        derived.status,
        None if derived.amount is None else str(derived.amount),
        derived.currency,
        derived.payer,
        derived.reference,
        derived.signature.value,
        derived.signature_reason,
        json.dumps(derived.signature_detail, ensure_ascii=False),
        derived.endpoint,
        event_id,
    )


def reverify_paths(
    conn: sqlite3.Connection, deriver: EndpointDeriver, prefixes: Sequence[str], batch_size: int = BATCH_SIZE
) -> int:
    """Re-derive every event under any of `prefixes`, then rebuild entity state once.

    Returns how many events were re-verified.
    """
    if not prefixes:
        return 0
    where, params = _condition(prefixes)
    sql = (
        f"SELECT {_REQUEST_COLUMNS} FROM events LEFT JOIN bodies ON bodies.event_id = events.id"
        f" WHERE events.id > ? AND ({where}) ORDER BY events.id LIMIT ?"
    )
    count = 0
    last_id = 0
    while True:
        rows = conn.execute(sql, (last_id, *params, batch_size)).fetchall()
        if not rows:
            break
        updates = []
        for row in rows:
            event_id = row[0]
            try:
                derived = derive_as_received(deriver, _request(row))
            except Exception:  # keep the old conclusions rather than abort the whole run
                log.exception("re-verifying event %d failed", event_id)
                continue
            updates.append(_values(derived, event_id))
        conn.executemany(_UPDATE, updates)
        count += len(updates)
        last_id = rows[-1][0]
    # Verdicts decide what counts as a duplicate and what may move a payment's status.
    rebuild_entities(conn)
    return count


def reverify(
    conn: sqlite3.Connection, deriver: EndpointDeriver, path_prefix: str, batch_size: int = BATCH_SIZE
) -> int:
    """Re-derive the events of one endpoint path (see module docstring); returns how many."""
    return reverify_paths(conn, deriver, [path_prefix], batch_size)
