"""Per-host politeness: a concurrency limit and a minimum interval between request starts.

One :class:`HostGate` per ``scheme://host:port``. A request holds a gate slot for its whole
exchange; the interval is measured between the starts of successive requests to the host.
``defer`` pushes the next start later (a server's Retry-After applies to the whole host).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class HostGate:
    def __init__(self, per_host: int, interval: float) -> None:
        self._sem = asyncio.Semaphore(max(1, per_host))
        self._lock = asyncio.Lock()
        self.interval = max(0.0, interval)
        self._next_start = 0.0

    def defer(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        self._next_start = max(self._next_start, loop.time() + seconds)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        async with self._sem:
            async with self._lock:  # starts are serialised so the interval holds between them
                while (wait := self._next_start - loop.time()) > 0:
                    await asyncio.sleep(wait)
                self._next_start = loop.time() + self.interval
            yield


class Politeness:
    """The gates of every host seen so far."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host = per_host
        self.delay = delay
        self._gates: dict[str, HostGate] = {}

    def gate(self, url: str) -> HostGate:
        key = origin_of(url)
        gate = self._gates.get(key)
        if gate is None:
            gate = self._gates[key] = HostGate(self.per_host, self.delay)
        return gate

    def set_crawl_delay(self, url: str, seconds: float) -> None:
        """robots.txt Crawl-delay: never go faster than the site asks."""
        gate = self.gate(url)
        gate.interval = max(gate.interval, seconds)
