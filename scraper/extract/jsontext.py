"""JSON embedded in pages (story state, JSON-LD), parsed defensively.

Pages are written by anyone: the JSON may be cut off, nested without end, or hold ``"\\ud800"``
escapes that decode to lone surrogates (which no UTF-8 writer, lxml included, accepts).
"""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def fix_text(text: str) -> str:
    """``text`` with surrogate pairs joined and lone surrogates replaced by U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def fix_strings(value: Any) -> Any:
    """Every string (and key) in a JSON value passed through :func:`fix_text`."""
    if isinstance(value, str):
        return fix_text(value)
    if isinstance(value, list):
        return [fix_strings(v) for v in value]
    if isinstance(value, dict):
        return {fix_text(k): fix_strings(v) for k, v in value.items()}
    return value


def loads(text: str) -> Any | None:
    """The parsed JSON, or None when the text is not JSON (or nested too deeply to parse)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if _SURROGATE_ESCAPE.search(text) or _SURROGATE.search(text):
        try:
            value = fix_strings(value)
        except RecursionError:
            return None
    return value
