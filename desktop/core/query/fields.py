"""The field names the filter language knows, and what kind of value each takes.

This is the whitelist: a name that is not here is a syntax error, never a column.
Which column a field reads is the store's business (`desktop.store.filter_sql`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

Kind: TypeAlias = Literal["text", "number", "size", "flag", "date", "duration"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: Kind
    help: str
    aliases: tuple[str, ...] = ()


_SPECS = (
    FieldSpec("method", "text", "HTTP method, e.g. method:POST"),
    FieldSpec("path", "text", "request path, e.g. path:/juno*"),
    FieldSpec("query", "text", "raw query string"),
    FieldSpec("provider", "text", "recognised provider, e.g. provider:juno"),
    FieldSpec("type", "text", "provider event type, e.g. type:CHARGE_STATUS_CHANGED", ("eventtype",)),
    FieldSpec("status", "text", "payment status, e.g. status:PAID"),
    FieldSpec(
        "category", "text", "payments: confirmed, pending, failed, refunded or other, e.g. category:confirmed"
    ),
    FieldSpec("signature", "text", "valid, invalid, stale, missing, unsigned or unverified", ("sig",)),
    FieldSpec("code", "number", "HTTP status the app answered, e.g. code:>=400"),
    FieldSpec("entity", "text", "provider entity id, e.g. entity:chr_*"),
    FieldSpec("entitytype", "text", "entity type, e.g. entitytype:CHARGE"),
    FieldSpec("eventid", "text", "the provider's id of the delivery"),
    FieldSpec("ref", "text", "merchant reference, e.g. ref:pedido-1001", ("reference",)),
    FieldSpec("payer", "text", "who paid"),
    FieldSpec("amount", "number", "amount, e.g. amount:>100"),
    FieldSpec("currency", "text", "currency code"),
    FieldSpec("size", "size", "body size, e.g. size:>1mb"),
    FieldSpec("dup", "flag", "a duplicate delivery: dup:yes", ("duplicate",)),
    FieldSpec("ooo", "flag", "arrived out of order: ooo:yes", ("outoforder",)),
    FieldSpec("rejected", "flag", "refused by the listener: rejected:yes"),
    FieldSpec("imported", "flag", "came from an imported file, not over the wire: imported:yes"),
    FieldSpec("endpoint", "text", "configured endpoint that received it"),
    FieldSpec("ip", "text", "sender address", ("remote",)),
    FieldSpec("id", "number", "row id, e.g. id:>1000"),
    FieldSpec("after", "date", 'received on or after, e.g. after:2026-11-01 or after:"2026-11-27 18:00"'),
    FieldSpec("before", "date", "received before, e.g. before:2026-11-27"),
    FieldSpec("on", "date", "received on that day, e.g. on:2026-11-27"),
    FieldSpec("since", "duration", "received in the last s/m/h/d/w, e.g. since:15m"),
)

FIELDS: dict[str, FieldSpec] = {spec.name: spec for spec in _SPECS}

# Every accepted spelling (lower case) -> canonical name.
FIELD_NAMES: dict[str, str] = {alias: spec.name for spec in _SPECS for alias in (spec.name, *spec.aliases)}

# Prefixes that take a name or path after the dot.
HEADER_PREFIX = "header."
BODY_PREFIX = "body"

# Bare words with a meaning of their own.
KEYWORDS = ("AND", "OR", "NOT")
TODAY = "today"
