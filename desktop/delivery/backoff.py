"""When to try again: exponential backoff with full jitter, and Retry-After.

Full jitter (a uniform delay between 0 and the exponential cap) spreads out the retries of
many queued events that failed together, so a target coming back up is not hit by all of
them in the same instant.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from desktop.core.records import Attempt, ErrorKind

RETRYABLE_STATUS = frozenset({429}) | frozenset(range(500, 600))


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard the forwarder tries before it marks a job failed.

    `max_attempts` counts the first send too. `retry_after_cap_s` keeps a target that asks
    for a very long pause (Retry-After: 86400) from parking a job for a day.
    """

    max_attempts: int = 8
    base_s: float = 1.0
    max_s: float = 300.0
    jitter: bool = True
    retry_after_cap_s: float = 3600.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base_s < 0 or self.max_s < 0 or self.retry_after_cap_s < 0:
            raise ValueError("delays must not be negative")

    def cap(self, attempt: int) -> float:
        """The longest wait after the `attempt`-th failed send (1-based)."""
        # min() before the power would still overflow for large attempt numbers.
        exponent = min(max(attempt - 1, 0), 62)
        return min(self.max_s, self.base_s * (2**exponent))

    def delay(self, attempt: int, rng: Callable[[], float] = random.random) -> float:
        """Seconds to wait after the `attempt`-th failed send; `rng` returns [0, 1)."""
        cap = self.cap(attempt)
        return cap * rng() if self.jitter else cap

    def next_delay(
        self, attempt: Attempt, attempts_so_far: int, now: float, rng: Callable[[], float] = random.random
    ) -> float | None:
        """Seconds until the next try, or None when the job should be marked failed."""
        if attempts_so_far >= self.max_attempts or not retryable(attempt.status_code, attempt.error_kind):
            return None
        asked = parse_retry_after(attempt.response_header("retry-after"), now)
        if asked is not None:
            # The target said when it can take more; sooner would only earn another 429/503.
            return min(asked, self.retry_after_cap_s)
        return self.delay(attempts_so_far, rng)


def retryable(status_code: int | None, error_kind: ErrorKind = ErrorKind.NONE) -> bool:
    """Could sending the same request again succeed? 5xx and 429 yes; other answers no;
    network failures yes unless the request itself is the problem (invalid URL, too big)."""
    if status_code is not None:
        return status_code in RETRYABLE_STATUS
    return error_kind != ErrorKind.NONE and not error_kind.permanent


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:  # RFC 9110 dates are always GMT
        return None
    return max(0.0, when.timestamp() - now)
