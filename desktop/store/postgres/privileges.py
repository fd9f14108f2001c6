"""What the connecting role may do with the events (least-privilege roles: deploy/roles.sql).

A finance window connects as a role that can only read (`webhook_viewer`); a receiver as one
that can store and recognise but not delete (`webhook_receiver`). The store asks PostgreSQL
once, at open, rather than finding out from a refused write: the window then opens read-only
(nothing offered that would be refused) and does not try to recognise or receive.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg


@dataclass(frozen=True, slots=True)
class RoleAccess:
    role: str  # the role this store connects as (current_user)
    can_store: bool  # INSERT and UPDATE on events: receive requests and recognise them
    can_delete: bool  # DELETE on events: the window's delete and clear

    @property
    def read_only(self) -> bool:
        """True when the window's own writes (store, recognise, re-verify, delete, clear)
        would be refused: it is then a viewer only."""
        return not (self.can_store and self.can_delete)


def role_access(conn: psycopg.Connection) -> RoleAccess:
    """Asked with has_table_privilege, which counts what the role inherits from its groups."""
    row = conn.execute(
        "SELECT current_user,"
        " has_table_privilege('events', 'INSERT') AND has_table_privilege('events', 'UPDATE'),"
        " has_table_privilege('events', 'DELETE')"
    ).fetchone()
    assert row is not None
    return RoleAccess(role=str(row[0]), can_store=bool(row[1]), can_delete=bool(row[2]))
