"""Dates from any layer -> ISO 8601 in UTC, seconds precision, written with "+00:00"."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

_EPOCH_MS_MIN = 10**11  # below this a number is taken as epoch seconds
_EPOCH_MIN, _EPOCH_MAX = 10**8, 10**14  # plausible epoch numbers (the digits of _NUMERIC)
_YEARS = (1800, 2200)  # publication dates outside these are placeholders or garbage
_NUMERIC = re.compile(r"^\d{9,14}(?:\.\d+)?$")
_TITLE_FORM = re.compile(
    r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$"
)  # react-timeago title="2024-04-10 05:00"


def _from_epoch(value: float) -> datetime | None:
    seconds = value / 1000.0 if value >= _EPOCH_MS_MIN else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_date(value: Any) -> datetime | None:
    """A timezone-aware datetime from epoch ms/s, ISO 8601 or free text (naive -> UTC)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):  # 1e8 s is 1973; 1e14 ms is the year 5138
        return _from_epoch(float(value)) if _EPOCH_MIN <= value < _EPOCH_MAX else None
    if isinstance(value, datetime):
        dt = value
    elif not isinstance(value, str):  # a list or object where a date belongs
        return None
    else:
        text = value.strip()
        if not text:
            return None
        if _NUMERIC.match(text):
            return _from_epoch(float(text))
        if text.endswith("Z") or text.endswith("z"):
            text = text[:-1] + "+00:00"
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            dt = _parse_text(text)
            if dt is None:
                return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt


_H = 3600
TZINFOS = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": _H, "CET": _H, "WEST": _H, "CEST": 2 * _H,
    "EET": 2 * _H, "EEST": 3 * _H, "MSK": 3 * _H, "IST": 19800, "JST": 9 * _H, "AEST": 10 * _H,
    "EST": -5 * _H, "EDT": -4 * _H, "CST": -6 * _H, "CDT": -5 * _H, "MST": -7 * _H,
    "MDT": -6 * _H, "PST": -8 * _H, "PDT": -7 * _H,
}  # fmt: skip


def _parse_text(text: str) -> datetime | None:
    import warnings

    from dateutil import parser as dateparser

    text = re.sub(
        r"^(?:published|updated|posted|last updated|on)\s*(?:on|at)?\s*:?\s*", "", text, flags=re.I
    )
    text = text.replace("\u00a0", " ").strip()
    if not text or len(text) > 100 or not re.search(r"\d{4}", text):
        return None  # no year ("5", "Page 2", "3 hours ago"): fuzzy parsing would invent one
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return dateparser.parse(text, fuzzy=True, tzinfos=TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return None


def to_utc_iso(value: Any) -> str | None:
    """``"2025-05-20T06:41:00+00:00"`` for any accepted input, else None."""
    dt = parse_date(value)
    if dt is None:
        return None
    try:
        utc = dt.astimezone(UTC).replace(microsecond=0)
    except (OverflowError, ValueError):
        return None
    if not _YEARS[0] <= utc.year <= _YEARS[1]:  # "0001-01-01" is a CMS's "no date"
        return None
    return utc.isoformat()


def is_timeago_title(text: str) -> bool:
    return bool(_TITLE_FORM.match(text.strip()))
