"""robots.txt in the batch engine: fetched once per host, even when many requests ask at once.

Fetching and the RFC 9309 reading (any 2xx is parsed, the first 512 KiB; 4xx and redirects that
lead nowhere mean no rules; 5xx, 429 or an unreachable server after the retries mean "disallow
everything" for this run) are :mod:`scraper.robots`, shared with discovery.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from scraper.batch.politeness import origin_of
from scraper.robots import RobotsRules


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
