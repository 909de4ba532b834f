"""Text normalisation shared by every layer: whitespace, Unicode NFC, entities, word counts."""

from __future__ import annotations

import html
import re
import unicodedata

_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def clean(text: str | None) -> str:
    """Collapse whitespace, unescape stray entities, NFC-normalise; keep typography."""
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(text)
    text = _ZERO_WIDTH.sub("", text)
    text = _WS.sub(" ", text).strip()
    return unicodedata.normalize("NFC", text)


def clean_or_none(text: str | None) -> str | None:
    value = clean(text)
    return value or None


def count_words(text: str) -> int:
    return len(_WORD.findall(text))
