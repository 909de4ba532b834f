"""robots.txt: fetched once per host (Protego), obeyed by default, Crawl-delay honoured.

Status handling follows RFC 9309 (:mod:`scraper.robots`, shared with discovery): any 2xx is
parsed (an empty 204 means no rules); 4xx and redirects that lead nowhere mean no rules; 5xx, 429
or an unreachable server after the retries means "disallow everything" for this run. The file is
read under a 512 KiB cap (the RFC's minimum parse limit); anything past it is ignored.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from scraper.batch.politeness import origin_of
from scraper.robots import ROBOTS_MAX_BYTES, RobotsRules, rules_for_failure, rules_for_status

if TYPE_CHECKING:
    import httpx


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


class RobotsCache:
    """One robots.txt per origin, fetched once even when many requests ask at the same time."""

    def __init__(self, load: Callable[[str], Awaitable[RobotsRules]]) -> None:
        self._load = load
        self._rules: dict[str, asyncio.Future[RobotsRules]] = {}

    async def rules_for(self, url: str) -> RobotsRules:
        origin = origin_of(url)
        fut = self._rules.get(origin)
        if fut is None:
            fut = asyncio.get_running_loop().create_future()
            self._rules[origin] = fut
            try:
                fut.set_result(await self._load(origin + "/robots.txt"))
            except BaseException as exc:
                del self._rules[origin]
                fut.set_exception(exc)
                fut.exception()  # mark retrieved; waiters get it too
                raise
        return await asyncio.shield(fut)
