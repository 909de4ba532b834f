"""Dates from any layer -> ISO 8601 in UTC, seconds precision, written with "+00:00"."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

_EPOCH_MS_MIN = 10**11  # below this a number is taken as epoch seconds
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
    if isinstance(value, int | float):
        return _from_epoch(float(value)) if value > 0 else None
    if isinstance(value, datetime):
        dt = value
    else:
        text = str(value).strip()
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


def _parse_text(text: str) -> datetime | None:
    from dateutil import parser as dateparser

    text = re.sub(
        r"^(?:published|updated|posted|last updated|on)\s*(?:on|at)?\s*:?\s*", "", text, flags=re.I
    )
    text = text.replace("\u00a0", " ").strip()
    if not text or not re.search(r"\d", text):
        return None
    try:
        return dateparser.parse(text, fuzzy=True)
    except (ValueError, OverflowError, TypeError):
        return None


def to_utc_iso(value: Any) -> str | None:
    """``"2025-05-20T06:41:00+00:00"`` for any accepted input, else None."""
    dt = parse_date(value)
    if dt is None:
        return None
    try:
        return dt.astimezone(UTC).replace(microsecond=0).isoformat()
    except (OverflowError, ValueError):
        return None


def is_timeago_title(text: str) -> bool:
    return bool(_TITLE_FORM.match(text.strip()))
