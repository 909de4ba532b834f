"""Discovery: find a site's article URLs from its sitemaps, feeds and robots.txt.

Public API::

    from scraper.discover import DiscoveryOptions, run_discovery, discover
    run_discovery(DiscoveryOptions(sites=["interbellumnews.com"], list_only=True))

``discover(opts, client)`` is an async iterator of :class:`DiscoveredURL` (``.url``,
``.lastmod``, ``.published``, ``.title``, ``.section``, ``.source``) that yields newest first while
it is still reading sitemaps, so that the batch engine can start scraping before discovery ends.

Heavy modules (httpx, lxml, feedparser) are imported lazily: ``scraper.cli`` imports this package
at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scraper.discover.model import DiscoveredURL

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    import httpx

    from scraper.discover.report import DiscoveryStats

__all__ = ["DiscoveredURL", "DiscoveryOptions", "discover", "parse_when", "run_discovery"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit (uncompressed)


@dataclass(slots=True)
class DiscoveryOptions:
    """What to discover and what to do with it (the CLI fills this from its options)."""

    sitemaps: list[str] = field(default_factory=list)  # --sitemap URL (repeatable)
    feeds: list[str] = field(default_factory=list)  # --feed URL (repeatable)
    sites: list[str] = field(default_factory=list)  # --site HOST (repeatable)
    section: str | None = None  # --section NAME (slug or display name)
    since: str | datetime | None = None  # --since: ISO date/datetime or "7d", "12h", "2w"
    until: str | datetime | None = None  # --until: same forms
    limit: int | None = None  # --limit N: at most N URLs, the newest
    list_only: bool = False  # --list: print URLs, fetch no article
    verbose: bool = False  # -v: a line per dropped URL (with the reason) and per document
    quiet: bool = False  # -q: no diagnostics at all
    debug: bool = False  # --debug: tracebacks for unexpected errors
    ignore_robots: bool = False  # --ignore-robots
    user_agent: str | None = None
    timeout: float = 30.0  # seconds, per discovery document
    max_bytes: int | None = None  # byte cap per discovery document (also after gunzip)
    batch: Any = None  # a scraper.batch.BatchOptions, used when not list_only


def parse_when(
    value: str | datetime | None, *, now: datetime | None = None, end_of_day: bool = False
) -> datetime | None:
    """An aware UTC datetime from ``--since``/``--until`` (ISO date, datetime, or "7d" duration).

    With ``end_of_day`` (for ``--until``) a bare date means the last second of that day.

    Raises :class:`scraper.errors.InvalidInput` with a readable message on a bad value.
    """
    from scraper.discover.dates import parse_when as _parse_when

    return _parse_when(value, now=now, end_of_day=end_of_day)


def discover(
    opts: DiscoveryOptions,
    client: httpx.AsyncClient,
    *,
    stats: DiscoveryStats | None = None,
    known: dict[str, datetime] | None = None,
) -> AsyncIterator[DiscoveredURL]:
    """Discovered article URLs, newest first, streamed while discovery goes on.

    ``stats`` (a :class:`scraper.discover.report.DiscoveryStats`) is filled as it goes; ``known``
    maps child sitemaps read by an earlier complete run to their lastmod (skipped if unchanged).
    """
    from scraper.discover.engine import discover as _discover

    return _discover(opts, client, stats=stats, known=known)


def run_discovery(opts: DiscoveryOptions) -> int:
    """Run discovery: print the URLs (``list_only``) or feed them to the batch engine.

    Returns the process exit code.
    """
    from scraper.discover.run import run_discovery as _run

    return _run(opts)
