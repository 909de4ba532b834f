"""What discovery tells the user on stderr, and what it counts."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO


@dataclass(slots=True)
class DiscoveryStats:
    documents_read: int = 0  # sitemaps and feeds fetched and parsed
    errors: int = 0  # documents reported as broken, refused, unreachable, looping...
    found: int = 0  # distinct article URLs seen
    emitted: int = 0  # URLs yielded (after filters and --limit)
    dropped: Counter[str] = field(default_factory=Counter)  # reason -> count
    sitemaps_read: dict[str, datetime] = field(default_factory=dict)  # child sitemap -> lastmod
    sitemaps_unchanged: int = 0  # children not fetched: same lastmod as in the last run
    complete: bool = False  # every document read and every URL yielded (no --limit stop)


class Reporter:
    """One line per error (unless quiet), one line per detail under -v."""

    def __init__(
        self,
        stats: DiscoveryStats,
        *,
        verbose: bool = False,
        quiet: bool = False,
        stream: TextIO | None = None,
    ) -> None:
        self.stats = stats
        self.verbose = verbose and not quiet
        self.quiet = quiet
        self._stream = stream

    def _write(self, line: str) -> None:
        stream = self._stream or sys.stderr
        try:
            stream.write(line + "\n")
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass

    def error(self, what: str, url: str, message: str) -> None:
        """A document that could not be used: always counted, shown unless -q."""
        self.stats.errors += 1
        if not self.quiet:
            self._write(f"error: {what} {url}: {message}")

    def warn(self, message: str) -> None:
        if not self.quiet:
            self._write(f"warning: {message}")

    def info(self, message: str) -> None:
        if self.verbose:
            self._write(f"discover: {message}")

    def drop(self, url: str, reason: str) -> None:
        self.stats.dropped[reason] += 1
        if self.verbose:
            self._write(f"discover: skip {url} ({reason})")
