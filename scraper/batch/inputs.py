"""URL list parsing: one URL per line, blank lines and ``#`` comments skipped.

URLs are normalised (:func:`scraper.urls.normalize_url`) and de-duplicated in input order. A bad
line (not http/https, no host) becomes an :class:`BadLine` with its line number; it is never fatal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from scraper.urls import normalize_url


@dataclass(slots=True, frozen=True)
class InputURL:
    url: str  # normalised
    line: int | None = None  # 1-based line number in the input file, None for arguments
    lastmod: str | None = None  # from discovery: ISO 8601 last-modified, if known


@dataclass(slots=True, frozen=True)
class BadLine:
    text: str
    line: int | None
    reason: str

    @property
    def message(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.reason}: {self.text!r}"


def check_url(raw: str) -> str:
    """The normalised URL, or ValueError with the reason it cannot be fetched."""
    text = raw.strip()
    if any(c.isspace() for c in text) or "\x00" in text:
        raise ValueError("not a URL (contains whitespace or NUL)")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        _ = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        raise ValueError(f"not a URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("not an http(s) URL")
    if not host:
        raise ValueError("URL has no host")
    return normalize_url(text)


def parse_line(text: str, line: int | None) -> InputURL | BadLine | None:
    """One input line: None for blank lines and comments."""
    stripped = text.strip().lstrip("\ufeff")
    if not stripped or stripped.startswith("#"):
        return None
    try:
        return InputURL(check_url(stripped), line)
    except ValueError as exc:
        return BadLine(stripped, line, str(exc))


class Deduper:
    """Remembers URLs already seen (in order of first appearance)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def first_time(self, url: str) -> bool:
        if url in self._seen:
            return False
        self._seen.add(url)
        return True


def parse_lines(
    lines: Iterable[str], *, start: int = 1, dedup: Deduper | None = None
) -> Iterator[InputURL | BadLine]:
    """Parse lines lazily; duplicates (after normalisation) are dropped."""
    dedup = dedup or Deduper()
    for number, text in enumerate(lines, start):
        item = parse_line(text, number)
        if item is None:
            continue
        if isinstance(item, InputURL) and not dedup.first_time(item.url):
            continue
        yield item


def parse_args(
    urls: Iterable[str], *, dedup: Deduper | None = None
) -> Iterator[InputURL | BadLine]:
    """URL arguments: like lines, but without line numbers (a '#' argument is still skipped)."""
    dedup = dedup or Deduper()
    for text in urls:
        item = parse_line(text, None)
        if item is None:
            continue
        if isinstance(item, InputURL) and not dedup.first_time(item.url):
            continue
        yield item
