"""Fetching discovery documents (sitemaps, feeds, robots.txt) as raw bytes, and robots rules.

:func:`scraper.fetch.fetch_page` only accepts HTML, so discovery has its own small GET on the same
kind of client: streamed under a byte cap, under a total deadline, one retry for transient
failures, every failure a :class:`scraper.errors.ScrapeError` kind.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scraper.errors import FetchTimeout, HTTPStatusError, NetworkError, RedirectError
from scraper.robots import RobotsRules, fetch_robots, worth_retrying

if TYPE_CHECKING:
    import httpx

ACCEPT_XML = (
    "application/xml,text/xml;q=0.9,application/rss+xml,application/atom+xml,"
    "application/x-gzip;q=0.8,*/*;q=0.5"
)
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
RETRY_DELAY = 1.0
RETRY_AFTER_CAP = 10.0


@dataclass(slots=True)
class Fetched:
    url: str
    final_url: str
    status: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme.lower()}://{host}{port}"


async def _get_once(
    client: httpx.AsyncClient, url: str, *, max_bytes: int, timeout: float
) -> Fetched:
    """One GET through the project's fetcher (redirects, deadline, streamed size cap, error
    kinds), any content type."""
    from scraper.fetch import fetch_page

    page = await fetch_page(
        client,
        url,
        max_bytes=max_bytes,
        timeout=timeout,
        decode=False,
        html_only=False,
        headers={"Accept": ACCEPT_XML},
    )
    return Fetched(url, page.final_url, page.status, page.content, page.headers)


def _retry_after(error: HTTPStatusError) -> float:
    value = getattr(error, "headers", {}).get("retry-after", "")
    try:
        return min(RETRY_AFTER_CAP, max(0.0, float(value)))
    except ValueError:
        return RETRY_DELAY


async def fetch_bytes(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    retries: int = 1,
) -> Fetched:
    """GET ``url`` as bytes (any content type). Transient failures are retried ``retries`` times."""
    attempt = 0
    while True:
        attempt += 1
        try:
            return await _get_once(client, url, max_bytes=max_bytes, timeout=timeout)
        except HTTPStatusError as exc:
            if exc.status not in RETRY_STATUSES or attempt > retries:
                exc.attempts = attempt
                raise
            await asyncio.sleep(_retry_after(exc))
        except (FetchTimeout, NetworkError) as exc:
            if attempt > retries or isinstance(exc, RedirectError):  # redirects: final
                exc.attempts = attempt
                raise
            await asyncio.sleep(RETRY_DELAY)


Robots = RobotsRules  # what discovery calls the rules of one origin


async def load_robots(
    client: httpx.AsyncClient, origin: str, *, timeout: float, retries: int = 1
) -> Robots:
    """Fetch ``origin/robots.txt`` and read it by RFC 9309 with the batch engine's own
    :func:`scraper.robots.fetch_robots`: 2xx = its rules (the first 512 KiB), 4xx and redirects
    that lead nowhere = no rules, 429/5xx/unreachable = disallow all (after ``retries``)."""
    url = origin + "/robots.txt"
    for attempt in range(retries + 1):
        rules = await fetch_robots(client, url, timeout)
        if attempt == retries or not worth_retrying(rules):
            return rules
        await asyncio.sleep(RETRY_DELAY)
    raise AssertionError("unreachable")  # pragma: no cover


def make_discovery_client(user_agent: str | None, timeout: float) -> httpx.AsyncClient:
    """The project's shared client settings (scraper.fetch.make_client)."""
    from scraper.fetch import make_client

    return make_client(user_agent=user_agent, timeout=timeout, max_connections=8)


def robots_agent(user_agent: str | None) -> str:
    from scraper.fetch import USER_AGENT

    return user_agent or USER_AGENT
