"""The store's interface: what the window, delivery and the CLI may ask of it.

Callers hand in a parsed `Query` (from `desktop.core.query`) and get records back: events
(`StoredEvent`), attempts, targets, jobs and rules (`desktop.core.records`/`core.targets`),
and for the Payments view plain rows keyed by column name. No SQL text, connection or
cursor crosses this line, and errors arrive as `desktop.core.storage.StorageError`.

The SQLite engine (`events.Store`, reads in `reads.SqliteReads`, delivery tables in
`delivery_store.DeliveryStore`) implements all of it; so does the PostgreSQL engine
(`postgres.store.PgStore`, team mode; delivery tables in `postgres.delivery_store`), whose
follower only polls for new and recognised rows (see postgres/follow.py). Delivery does not
import this module (it sits below the store): it states the little it needs as its own
protocols (`QueueStore`, `HubStore`, `FilterChecker`, `AttemptSink`), which these engines
satisfy.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from desktop.core.actions import ActionJob, ActionRule, ActionRun
from desktop.core.model import Derived, StoredEvent
from desktop.core.overview import QueueCounts, Traffic
from desktop.core.query import Query
from desktop.core.records import Attempt, ForwardRule, JobState, QueueJob
from desktop.core.targets import Target
from desktop.core.totals import CategoryTotal, Totals
from desktop.store.entities_query import Changed, Key
from desktop.store.follow import OnNews, StoreNews

__all__ = [
    "BackgroundReads",
    "Changed",
    "DeliveryTables",
    "EventStore",
    "FilterTarget",
    "Follower",
    "Key",
    "OnNews",
    "Row",
    "Selection",
    "StoreNews",
    "StoreReads",
    "Totals",
]

T = TypeVar("T")
Row = dict[str, Any]
FilterTarget = Literal["events", "entities", "sales"]


@dataclass(frozen=True, slots=True)
class Selection:
    """A filter as a view applied it: the parsed query (None: everything), the moment its
    relative times (`since:15m`) count back from, and whether events still waiting for
    recognition are left out (a filtered events view judges an event once it is recognised)."""

    query: Query | None = None
    now: float | None = None
    recognised_only: bool = False
    tz: tzinfo | None = None  # the zone `today` and dates are read in: the finance day's

    def args(self) -> dict[str, Any]:
        """Keyword arguments for `event_ids`, `newest_ids` and `iter_events`."""
        return {"query": self.query, "now": self.now, "recognised_only": self.recognised_only, "tz": self.tz}


class StoreReads(Protocol):
    """Reads, on the calling thread's connection or inside a `BackgroundReads` job."""

    def check_query(self, query: Query | None, target: FilterTarget = "events") -> None:
        """Raise QuerySyntaxError if the store cannot answer `query` (before running it)."""
        ...

    def count(self) -> int: ...
    def event_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        after_id: int = 0,
        before_id: int | None = None,
        tz: tzinfo | None = None,
    ) -> array[int]: ...
    def newest_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        limit: int = 256,
        tz: tzinfo | None = None,
    ) -> array[int]: ...
    def matching_ids(
        self, query: Query | None, ids: Collection[int], *, now: float | None = None, tz: tzinfo | None = None
    ) -> set[int]: ...
    def summaries(self, ids: Iterable[int]) -> dict[int, Row]: ...
    def event(self, event_id: int, with_body: bool = True) -> StoredEvent | None: ...
    def body(self, event_id: int) -> bytes: ...
    def iter_events(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        recognised_only: bool = False,
        tz: tzinfo | None = None,
    ) -> Iterator[StoredEvent]: ...

    def high_water(self) -> int: ...
    def entity_event_ids(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        newest: int | None = None,
        before: int | None = None,
        tz: tzinfo | None = None,
    ) -> array[int]: ...
    def changed_entities(
        self,
        after_event: int,
        query: Query | None = None,
        *,
        now: float | None = None,
        tz: tzinfo | None = None,
    ) -> list[Changed]: ...
    def entity_keys(
        self, query: Query | None = None, *, now: float | None = None, tz: tzinfo | None = None
    ) -> list[Key]: ...
    def entity_shown_as(self, key: Key, after_event: int) -> frozenset[int]: ...
    def entity_rows(self, keys: Iterable[Key]) -> dict[Key, Row]: ...
    def entity_rows_by_event(self, event_ids: Iterable[int]) -> dict[int, Row]: ...
    def timeline(self, provider: str, entity_id: str) -> list[Row]: ...
    def notable_events(self, ids: Sequence[int]) -> list[tuple[int, Derived]]: ...
    def unverified_paths(self) -> list[str]: ...
    def iter_sales(
        self,
        query: Query | None = None,
        *,
        now: float | None = None,
        tz: tzinfo | None = None,
        start: float | None = None,
        end: float | None = None,
        include_unverified: bool = False,
    ) -> Iterator[Row]: ...
    def totals(self, start: float, end: float) -> Totals: ...

    # The Overview tab (store/overview.py): each one grouped query, run on a background reader.
    def events_per_minute(self, start: float, minutes: int) -> list[int]:
        """Events received in each minute from `start` on (index 0 is [start, start + 60))."""
        ...

    def traffic(self, start: float, end: float) -> Traffic:
        """Events received in [start, end): per provider, failed signatures, duplicates."""
        ...

    def confirmed_per_day(self, bounds: Sequence[float]) -> list[CategoryTotal]:
        """Confirmed sales per finance day, as the totals count them: one total for each
        [bounds[i], bounds[i + 1]) (day boundaries computed in the finance zone)."""
        ...

    def queue_counts(self) -> QueueCounts:
        """The forwarding and actions queues now (both engines have them)."""
        ...


class BackgroundReads(Protocol):
    """A reader thread of its own: slow queries run there, a newer one interrupts them."""

    def submit(self, fn: Callable[[StoreReads], T]) -> Future[T]: ...
    def interrupt(self) -> None:
        """Stop the running job's query; its future fails with QueryInterrupted."""
        ...

    def close(self) -> None: ...


class ActionTables(Protocol):
    """Action rules (issue 11), their per-rule queue (claimed with a lease) and their runs."""

    def list_rules(self, *, enabled_only: bool = False) -> list[ActionRule]: ...
    def get_rule(self, rule_id: int) -> ActionRule | None: ...
    def save_rule(self, rule: ActionRule) -> int:
        """Insert (id None) or update; returns the id. StorageError when the name is taken."""
        ...

    def set_enabled(self, rule_id: int, enabled: bool) -> None: ...
    def delete_rule(self, rule_id: int) -> None: ...
    def claim_due_jobs(
        self, now: float, owner: str, lease_s: Callable[[int], float], limit: int
    ) -> list[ActionJob]:
        """Claim up to `limit` due jobs for `owner`, at most one per rule over all processes."""
        ...

    def next_due_at(self) -> float | None: ...
    def release_claims(self, owner: str) -> int: ...
    def release_dead_claims(self, host: str, alive: Callable[[int], bool]) -> int: ...
    def mark_done(self, job_id: int, *, owner: str | None = None) -> None: ...
    def mark_retry(self, job_id: int, next_at: float, error: str, *, owner: str | None = None) -> None: ...
    def mark_failed(self, job_id: int, error: str, *, owner: str | None = None) -> None: ...
    def run_again(self, rule_id: int, event_id: int, now: float) -> int: ...
    def retry_failed(self, job_ids: Iterable[int], now: float) -> int: ...
    def jobs(self, rule_id: int | None = None, limit: int = 500) -> list[ActionJob]: ...
    def queue_counts(self) -> dict[int, dict[str, int]]: ...
    def record_run(self, run: ActionRun) -> int: ...
    def runs(self, rule_id: int | None = None, limit: int = 500) -> list[ActionRun]: ...
    def runs_for_event(self, event_id: int) -> list[ActionRun]: ...


class DeliveryTables(Protocol):
    """Targets, attempts, forward rules and the forward queue, on one connection."""

    def save_target(self, target: Target) -> Target:
        """Insert or update; TargetError when invalid or the name is taken."""
        ...

    def list_targets(self) -> list[Target]: ...
    def get_target(self, target_id: int) -> Target | None: ...
    def delete_target(self, target_id: int) -> None: ...
    def record_attempt(self, attempt: Attempt, job_id: int | None = None) -> int: ...
    def record_attempts(self, batch: Iterable[Attempt]) -> None: ...
    def attempts_for_event(self, event_id: int) -> list[Attempt]: ...
    def save_rule(self, rule: ForwardRule) -> ForwardRule: ...
    def list_rules(self, enabled_only: bool = False) -> list[ForwardRule]: ...
    def delete_rule(self, rule_id: int) -> None: ...
    def enqueue(
        self,
        event_ids: Iterable[int],
        target_id: int,
        now: float,
        *,
        ordered: bool = False,
        rule_id: int | None = None,
    ) -> list[int]:
        """With a `rule_id`, an event is queued for a target once, whichever process is first."""
        ...

    def due_jobs(self, now: float, limit: int = 100, exclude: Collection[int] = ()) -> list[QueueJob]: ...
    def claim_due_jobs(
        self, now: float, limit: int, owner: str, lease_s: float, exclude: Collection[int] = ()
    ) -> list[QueueJob]:
        """Claim up to `limit` due jobs for `owner` with a lease (no two processes claim one)."""
        ...

    def release_claims(self, owner: str) -> int:
        """Give back the waiting jobs `owner` holds (it stops)."""
        ...

    def next_due_at(self, exclude: Collection[int] = ()) -> float | None: ...
    def get_job(self, job_id: int) -> QueueJob | None: ...
    def list_jobs(self, state: JobState | None = None, limit: int = 1000) -> list[QueueJob]: ...
    def mark_delivered(self, job_id: int, *, owner: str | None = None) -> None: ...
    def mark_retry(self, job_id: int, next_at: float, error: str, *, owner: str | None = None) -> None: ...
    def mark_failed(
        self, job_id: int, error: str, *, count_attempt: bool = True, owner: str | None = None
    ) -> None: ...
    def retry_failed(self, job_ids: Iterable[int], now: float) -> int: ...
    def purge_delivered(self, before: float) -> int: ...
    def queue_counts(self) -> dict[JobState, int]: ...
    def actions(self) -> ActionTables:
        """The action tables on this same connection."""
        ...

    def close(self) -> None: ...


class Follower(Protocol):
    """A thread that reports what any process commits to the store (see store/follow.py)."""

    def start(self) -> None: ...
    def stop(self) -> None: ...


class EventStore(StoreReads, Protocol):
    """The whole store as the window and the CLI use it (reads as in StoreReads)."""

    data_dir: Path

    def background_reader(self) -> BackgroundReads: ...
    def open_delivery(self) -> DeliveryTables:
        """The delivery tables on a connection of the calling thread (the caller closes it)."""
        ...

    def follower(self, on_news: OnNews) -> Follower:
        """Reports, on a thread of its own, what any process commits (the caller starts and
        stops it): new rows, recognition, deletes, clears and re-verifications."""
        ...

    def apply_config_rules(self, rules: Sequence[tuple[str, str, str]]) -> None:
        """Make the config file's `[[forward]]` rules (name, url, filter each) the store's."""
        ...

    def delete(self, ids: Sequence[int]) -> Future[int]: ...
    def clear(self) -> Future[int]: ...
    def settled(self) -> Future[None]:
        """Resolves once every write submitted before it is committed."""
        ...

    def close(self) -> None: ...
