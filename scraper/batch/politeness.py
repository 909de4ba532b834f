"""Per-host politeness: a concurrency limit and a minimum interval between request starts.

One :class:`HostGate` per ``scheme://host:port``. A request holds a gate slot for its whole
exchange; the interval is measured between the starts of successive requests to the host.
``defer`` pushes the next start later (a server's Retry-After applies to the whole host).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
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


class Lookahead:
    """Jobs set aside because their host already has ``per_host`` workers on it.

    Without it, a list sorted by host would put every worker in the queue of one slow host while
    the next host waits. A worker that draws a URL for a busy host parks it and draws again (up to
    ``limit`` parked URLs, so memory stays bounded); workers take ready parked URLs first.
    """

    def __init__(self, per_host: int, limit: int = 1000) -> None:
        from collections import Counter, deque

        self.per_host = max(1, per_host)
        self.limit = limit
        self.busy: Counter[str] = Counter()
        self._deque = deque
        self.parked: dict[str, Any] = {}
        self.total = 0

    def has_room(self, host: str) -> bool:
        return self.busy[host] < self.per_host

    def park(self, host: str, job: Any) -> bool:
        if self.total >= self.limit:
            return False
        self.parked.setdefault(host, self._deque()).append(job)
        self.total += 1
        return True

    def _pop(self, host: str) -> Any:
        queue = self.parked[host]
        job = queue.popleft()
        if not queue:
            del self.parked[host]
        self.total -= 1
        return job

    def take_ready(self) -> Any | None:
        for host in self.parked:
            if self.busy[host] < self.per_host:
                return self._pop(host)
        return None

    def take_any(self) -> Any | None:
        for host in self.parked:
            return self._pop(host)
        return None

    def acquire(self, host: str) -> None:
        self.busy[host] += 1

    def release(self, host: str) -> None:
        self.busy[host] -= 1
        if self.busy[host] <= 0:
            del self.busy[host]
