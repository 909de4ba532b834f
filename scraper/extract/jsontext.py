"""JSON embedded in pages (story state, JSON-LD), parsed defensively.

Pages are written by anyone: the JSON may be cut off, nested without end, or hold ``"\\ud800"``
escapes that decode to lone surrogates (which no UTF-8 writer, lxml included, accepts) or
``"\\u0000"`` ones that decode to control characters.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BAD = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# "\ud800" or "\u001f" written as JSON escapes
_BAD_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F]|00[01]|[fF]{3}[eEfF])")


def fix_text(text: str) -> str:
    """``text`` with surrogate pairs joined, lone surrogates replaced by U+FFFD and control
    characters (never text; lxml refuses them) dropped, a form feed made a space."""
    if not _BAD.search(text):
        return text
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: " " if m.group() == "\x0c" else "", text)
    if _SURROGATE.search(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def fix_strings(value: Any) -> Any:
    """Every string (and key) in a JSON value passed through :func:`fix_text`."""
    if isinstance(value, str):
        return fix_text(value)
    if isinstance(value, list):
        return [fix_strings(v) for v in value]
    if isinstance(value, dict):
        return {fix_text(k): fix_strings(v) for k, v in value.items()}
    return value


def unwrap(text: str) -> str:
    """Script text without the ``<!-- -->`` or ``//<![CDATA[ //]]>`` wrappers old pages use."""
    text = text.strip()
    if text.startswith("<!--"):
        text = text.removeprefix("<!--").removesuffix("-->").strip()
    if text.startswith(("//<![CDATA[", "<![CDATA[")):
        text = text.removeprefix("//").removeprefix("<![CDATA[")
        text = text.rstrip().removesuffix("]]>").rstrip().removesuffix("//").strip()
    return text


def loads(text: str) -> Any | None:
    """The parsed JSON, or None when the text is not JSON (or nested too deeply to parse)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if _BAD_ESCAPE.search(text) or _BAD.search(text):
        try:
            value = fix_strings(value)
        except RecursionError:
            return None
    return value
