"""What the Overview shows, read in one background job, and the filter behind each figure.

No Qt here: `load_figures` runs on a store reader thread (store/background.py), and the filter
texts are the filter language (core/query), typed into the Events or Payments tab on a click.
"Today" is the finance day (core/finance_day.py), for events as for money.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from desktop.core.finance_day import day_bounds, day_of
from desktop.core.overview import FAILED_SIGNATURES_FILTER, QueueCounts, Traffic
from desktop.core.payments import StatusCategory
from desktop.core.query.values import print_datetime
from desktop.core.totals import CategoryTotal, Totals, filter_for
from desktop.store.interface import StoreReads

MINUTES = 60  # the events chart: the last hour, per minute
DAYS = 30  # the money chart: confirmed R$ per finance day
# The days before today are read again at most this often: they change only when a late event
# moves an older sale (a refund), and reading a month of sales is the refresh's dearest query
# (tests/bench/overview.py). Today's bar is the finance day's confirmed total, read every time.
PAST_DAYS_EVERY_S = 60.0


@dataclass(frozen=True, slots=True)
class Figures:
    """One refresh's worth of figures."""

    now: float = 0.0
    day: date = date(1970, 1, 1)
    day_start: float = 0.0
    day_end: float = 0.0
    minute_start: float = 0.0  # the first minute of `per_minute`
    per_minute: list[int] = field(default_factory=list)
    traffic: Traffic = field(default_factory=Traffic)
    totals: Totals = field(default_factory=Totals)
    days: list[date] = field(default_factory=list)  # oldest first, the last one is today
    per_day: list[CategoryTotal] = field(default_factory=list)
    queues: QueueCounts = field(default_factory=QueueCounts)
    past_read_at: float = 0.0  # when the days before today were read (see PAST_DAYS_EVERY_S)


def load_figures(reads: StoreReads, now: float, tz: ZoneInfo, previous: Figures | None = None) -> Figures:
    """Every figure of the tab, one grouped query each (none per minute or per day).

    With `previous` (the last refresh's figures, same zone, nothing deleted since) the days
    before today are taken from it while they are younger than PAST_DAYS_EVERY_S."""
    today = day_of(now, tz)
    start, end = day_bounds(today, tz)
    # Whole minutes, the current one last, so a bar never changes which minute it is.
    minute_start = (now // 60) * 60 - (MINUTES - 1) * 60
    days = [today - timedelta(days=back) for back in range(DAYS - 1, -1, -1)]
    totals = reads.totals(start, end)
    if (
        previous is not None
        and previous.days == days
        and 0 <= now - previous.past_read_at < PAST_DAYS_EVERY_S
    ):
        past, past_read_at = previous.per_day[:-1], previous.past_read_at
    else:
        bounds = [day_bounds(day, tz)[0] for day in days]  # the days before today: [bounds[i], bounds[i+1])
        past, past_read_at = reads.confirmed_per_day(bounds), now
    return Figures(
        now=now,
        day=today,
        day_start=start,
        day_end=end,
        minute_start=minute_start,
        per_minute=reads.events_per_minute(minute_start, MINUTES),
        traffic=reads.traffic(start, end),
        totals=totals,
        days=days,
        # Today's bar is the status bar's confirmed total: the same definition, already read.
        per_day=[*past, totals.of(StatusCategory.CONFIRMED)],
        queues=reads.queue_counts(),
        past_read_at=past_read_at,
    )


# -- the rows behind each figure (filters) --------------------------------------------------------


def _moment(timestamp: float, tz: ZoneInfo) -> str:
    """A moment the filter language reads the same in any machine's zone: with its offset."""
    return '"' + print_datetime(datetime.fromtimestamp(timestamp, tz).replace(microsecond=0)) + '"'


def between(start: float, end: float, tz: ZoneInfo) -> str:
    """`after:… before:…` for [start, end), written in the finance zone with its offset: the
    Events tab reads `today` in the machine's zone, which is not the finance day on a UTC server."""
    return f"after:{_moment(start, tz)} before:{_moment(end, tz)}"


def events_today(figures: Figures, tz: ZoneInfo, condition: str = "") -> str:
    """The Events tab's filter for today's events (finance day), optionally narrowed."""
    span = between(figures.day_start, figures.day_end, tz)
    return f"{condition} {span}" if condition else span


def signature_failures_filter(figures: Figures, tz: ZoneInfo) -> str:
    return events_today(figures, tz, FAILED_SIGNATURES_FILTER)


def duplicates_filter(figures: Figures, tz: ZoneInfo) -> str:
    return events_today(figures, tz, "dup:yes")


def provider_filter(provider: str, figures: Figures, tz: ZoneInfo) -> str:
    """'' is events no provider recognised."""
    condition = f"provider:{provider}" if provider else "-provider:*"
    return events_today(figures, tz, condition)


def minute_filter(index: int, figures: Figures, tz: ZoneInfo) -> str:
    start = figures.minute_start + index * 60
    return between(start, start + 60, tz)


def last_hour_filter() -> str:
    return "since:1h"


def sales_filter(category: StatusCategory) -> str:
    """The Payments tab's filter of a money figure: the status bar's own (core/totals.py)."""
    return filter_for(category)


def confirmed_on_filter(day: date) -> str:
    """A bar of the 30-day chart: that finance day's confirmed sales (Payments reads `on:` in
    the finance zone, like `today`)."""
    return f"category:{StatusCategory.CONFIRMED} on:{day.isoformat()}"
