"""Retry policy: exponential backoff with jitter, ``Retry-After`` honoured but capped.

Retryable: timeouts, connection errors, HTTP 408, 429 and 5xx. Everything else (other 4xx, not
HTML, too large, not an article, robots) is final on the first attempt.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scraper.errors import (
    FetchTimeout,
    HTTPStatusError,
    NetworkError,
    RedirectError,
    ScrapeError,
)

RETRY_STATUSES = frozenset({408, 429})  # plus every 5xx


def is_retryable(exc: BaseException) -> bool:
    if isinstance(exc, FetchTimeout):
        return True
    if isinstance(exc, RedirectError):
        return False  # a loop, too many, an invalid or non-HTTP target: the same again next time
    if isinstance(exc, NetworkError):
        # Transport failures (refused, reset, DNS, mid-body) carry the httpx error as their cause.
        return exc.__cause__ is not None
    if isinstance(exc, HTTPStatusError):
        status = exc.status or 0
        return status in RETRY_STATUSES or 500 <= status <= 599
    return False


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


@dataclass(slots=True)
class RetryPolicy:
    retries: int = 3  # extra attempts after the first
    base: float = 0.5  # first backoff, seconds
    cap: float = 30.0  # longest backoff, seconds
    retry_after_cap: float = 60.0  # longest Retry-After we are willing to wait

    @property
    def max_attempts(self) -> int:
        return 1 + max(0, self.retries)

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based).

        "Equal jitter": half the exponential delay fixed, half random, so retries of many URLs
        spread out but never come back immediately. A server's Retry-After (capped) wins when it
        asks for longer.
        """
        exp = min(self.cap, self.base * (2 ** max(0, attempt - 1)))
        delay = exp / 2 + random.uniform(0, exp / 2)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.retry_after_cap))
        return delay


def retry_after_of(exc: ScrapeError) -> float | None:
    """The Retry-After carried by an HTTP status error, if the fetch layer attached headers."""
    headers = getattr(exc, "headers", None)
    if not headers:
        return None
    try:
        value = headers.get("retry-after")
    except AttributeError:
        return None
    return parse_retry_after(value)
