"""Backoff: full jitter under an exponential cap, what is retryable, Retry-After."""

from __future__ import annotations

from email.utils import formatdate

import pytest

from desktop.core.records import Attempt, ErrorKind
from desktop.delivery.backoff import RetryPolicy, parse_retry_after, retryable


def test_the_cap_doubles_per_attempt_up_to_the_maximum():
    policy = RetryPolicy(base_s=1.0, max_s=10.0, jitter=False)
    assert [policy.delay(n) for n in range(1, 7)] == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    assert policy.delay(10_000) == 10.0  # no overflow for absurd attempt numbers


def test_full_jitter_scales_the_cap_by_the_injected_random():
    policy = RetryPolicy(base_s=2.0, max_s=100.0)
    values = iter([0.0, 0.5, 0.25])
    assert [policy.delay(n, lambda: next(values)) for n in (1, 2, 3)] == [0.0, 2.0, 2.0]


@pytest.mark.parametrize(
    ("status", "kind", "expected"),
    [
        (503, ErrorKind.NONE, True),
        (500, ErrorKind.NONE, True),
        (429, ErrorKind.NONE, True),
        (404, ErrorKind.NONE, False),
        (400, ErrorKind.NONE, False),
        (301, ErrorKind.NONE, False),
        (None, ErrorKind.REFUSED, True),
        (None, ErrorKind.TIMEOUT, True),
        (None, ErrorKind.TLS, True),
        (None, ErrorKind.INVALID_URL, False),
        (None, ErrorKind.TOO_LARGE, False),
    ],
)
def test_what_is_worth_retrying(status, kind, expected):
    assert retryable(status, kind) is expected


def test_retry_after_in_seconds_and_as_a_date():
    now = 1_700_000_000.0
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after(formatdate(now + 30, usegmt=True), now) == 30.0
    assert parse_retry_after(formatdate(now - 30, usegmt=True), now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def _answer(status: int, headers: list[tuple[str, str]] | None = None) -> Attempt:
    return Attempt(
        url="http://x", method="POST", started_at=0.0, status_code=status, response_headers=headers or []
    )


def test_next_delay_honours_retry_after_over_backoff_and_stops_at_the_limit():
    policy = RetryPolicy(max_attempts=3, base_s=1.0, retry_after_cap_s=60)
    assert policy.next_delay(_answer(429, [("Retry-After", "7")]), 1, now=0.0, rng=lambda: 0.5) == 7.0
    assert policy.next_delay(_answer(503, [("retry-after", "9999")]), 1, now=0.0) == 60.0
    assert policy.next_delay(_answer(503), 2, now=0.0, rng=lambda: 0.5) == 1.0
    assert policy.next_delay(_answer(503), 3, now=0.0) is None  # third attempt was the last
    assert policy.next_delay(_answer(404), 1, now=0.0) is None
