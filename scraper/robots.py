"""robots.txt rules of one origin (Protego), shared by the batch engine and discovery, and the
RFC 9309 reading of a fetch's outcome: 2xx is the file; 4xx (but 429) and redirects that lead
nowhere mean no rules; 5xx, 429 and an unreachable server mean everything is disallowed.
Both fetch it with :func:`fetch_robots`; retrying lives with each caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

    from scraper.errors import ScrapeError

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


def rules_for_status(status: int, text: str = "") -> RobotsRules:
    """The rules an HTTP answer to ``/robots.txt`` gives (its body ``text`` for a 2xx)."""
    if 200 <= status < 300:  # any 2xx: an empty 204 means no rules
        return rules_from_text(text)
    if 400 <= status < 500 and status != 429:
        return RobotsRules(note=f"robots.txt: HTTP {status}, no rules")
    return RobotsRules(allow_all=False, note=f"robots.txt unavailable (HTTP {status})")


def rules_for_failure(error: ScrapeError) -> RobotsRules:
    """The rules when fetching ``/robots.txt`` got no answer to read: redirects that lead
    nowhere (a loop, too many, a non-HTTP target) make it unavailable, so no rules; any other
    failure (connection, timeout) makes the server unreachable, so everything is disallowed."""
    from scraper.errors import RedirectError

    if isinstance(error, RedirectError):
        return RobotsRules(note=f"robots.txt: {error.message}, no rules")
    return RobotsRules(
        allow_all=False, reachable=False, note=f"cannot fetch robots.txt: {error.message}"
    )


def worth_retrying(rules: RobotsRules) -> bool:
    """A disallow-all that a later attempt may lift (5xx, 429, unreachable), not a final answer."""
    return rules.parser is None and not rules.allow_all


async def fetch_robots(client: httpx.AsyncClient, url: str, timeout: float) -> RobotsRules:
    """GET robots.txt through the shared fetcher (redirects followed, the first 512 KiB kept) and
    read the outcome by RFC 9309 (:func:`scraper.robots.rules_for_status` and
    :func:`~scraper.robots.rules_for_failure`)."""
    from scraper.errors import HTTPStatusError, ScrapeError
    from scraper.fetch import fetch_page

    try:
        page = await fetch_page(
            client,
            url,
            max_bytes=ROBOTS_MAX_BYTES,
            timeout=timeout,
            decode=False,
            html_only=False,
            truncate=True,
        )
    except HTTPStatusError as exc:
        return rules_for_status(exc.status or 599)
    except ScrapeError as exc:
        return rules_for_failure(exc)
    return rules_for_status(page.status, page.content.decode("utf-8", "replace"))
