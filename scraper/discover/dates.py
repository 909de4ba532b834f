"""Dates in sitemaps, feeds and on the command line, all turned into aware UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from scraper.errors import InvalidInput

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])", re.IGNORECASE)
_DURATION_FULL = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*[smhdw]\s*)+$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DATE_ONLY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def to_utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC; everything is converted to UTC, microseconds dropped."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0)


def parse_date(text: str | None) -> datetime | None:
    """A W3C datetime / ISO 8601 / RFC 822 date from a sitemap or feed; None if unparseable."""
    if not text:
        return None
    text = text.strip()
    if not text:
        return None
    try:
        return to_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        from dateutil import parser as dateparser

        return to_utc(dateparser.parse(text))
    except (ValueError, OverflowError, TypeError):
        return None


def parse_when(
    value: str | datetime | None, *, now: datetime | None = None, end_of_day: bool = False
) -> datetime | None:
    """``--since``/``--until``: an ISO date or datetime, or a duration ago ("7d", "12h", "1w2d").

    A date alone means the start of that day (UTC), or with ``end_of_day`` its last second, so
    that ``--until 2025-05-20`` includes all of the 20th.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, date):
        value = value.isoformat()
    text = value.strip()
    if not text:
        return None
    if _DURATION_FULL.match(text):
        seconds = sum(float(n) * _UNITS[u.lower()] for n, u in _DURATION.findall(text))
        return to_utc((now or datetime.now(UTC)) - timedelta(seconds=seconds))
    if _DATE_ONLY.match(text):
        try:
            day = date.fromisoformat(text)
        except ValueError as exc:
            raise InvalidInput(f"not a valid date: {text!r} ({exc})") from None
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        return start + timedelta(days=1, seconds=-1) if end_of_day else start
    try:
        return to_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        raise InvalidInput(
            f"not a date or duration: {text!r} (use e.g. 2025-05-20, 2025-05-20T06:00:00Z or 7d)"
        ) from None


def iso(value: datetime | None) -> str | None:
    """The contract's ISO form: seconds precision, "+00:00"."""
    return to_utc(value).isoformat() if value else None
