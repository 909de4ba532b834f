"""What discovery yields: one article URL with what the sitemap or feed said about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(slots=True)
class DiscoveredURL:
    """An article URL found in a sitemap or feed.

    ``lastmod`` is when the page last changed according to the source (sitemap ``<lastmod>``, feed
    entry ``updated``); the batch engine compares it with its state database to decide whether a
    page it already has must be fetched again. ``published`` is the publication date (news sitemap,
    feed entry). Both are aware UTC datetimes or None.
    """

    url: str
    lastmod: datetime | None = None
    published: datetime | None = None
    title: str | None = None
    section: str | None = None  # news sitemap / feed category, if the source gave one
    source: str | None = None  # the sitemap or feed URL it came from

    @property
    def date(self) -> datetime | None:
        """The date used for ordering and --since/--until: publication date, else lastmod."""
        return self.published or self.lastmod
