"""robots.txt rules of one origin (Protego), shared by the batch engine and discovery.

Fetching and the RFC 9309 status rules (4xx: no rules; 5xx, 429, unreachable: disallow all)
live with each caller; this module only holds what the file says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309's minimum parse limit; the rest is ignored


@dataclass(slots=True)
class RobotsRules:
    parser: Any | None = None  # protego.Protego, or None when a blanket rule applies
    allow_all: bool = True
    note: str = ""
    sitemaps: list[str] = field(default_factory=list)  # its Sitemap: lines
    reachable: bool = True  # False: the server did not answer at all (connection, timeout)

    def allowed(self, url: str, user_agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        """Seconds between requests asked by Crawl-delay / Request-rate, or None."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        rate = self.parser.request_rate(user_agent)
        seconds = float(delay) if delay is not None else None
        if rate is not None and rate.requests:
            per = rate.seconds / rate.requests
            seconds = max(seconds or 0.0, per)
        return seconds


def rules_from_text(text: str) -> RobotsRules:
    """Parse a robots.txt body that was fetched with status 200."""
    from protego import Protego

    parser = Protego.parse(text)
    return RobotsRules(parser, sitemaps=list(parser.sitemaps))
