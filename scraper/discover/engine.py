"""The discovery engine: read sitemaps and feeds, yield article URLs newest first, streaming.

Roots (``--sitemap``, ``--feed``, and for ``--site`` the robots.txt ``Sitemap:`` lines plus the
usual paths) are read first. Sitemap indexes add child sitemaps to a queue ordered by their
``<lastmod>``, newest first. A child's lastmod bounds the dates of what it lists, so every buffered
URL dated at or after the newest unread child can be yielded at once: the batch engine starts
scraping after the first daily sitemap while the rest are still being read, and the output is
still newest first (exactly so when the site's lastmods are honest). URLs without a date come last,
in document order. With ``--since``, children last modified before it are not even fetched; with
``--limit N`` reading stops after N URLs.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from scraper.discover.dates import parse_when
from scraper.discover.filters import in_date_range, matches_section, reject_reason
from scraper.discover.http import Robots, fetch_bytes, load_robots, origin_of, robots_agent
from scraper.discover.model import DiscoveredURL
from scraper.discover.report import DiscoveryStats, Reporter
from scraper.discover.site import candidate_origins, site_documents
from scraper.discover.sitemap import ParsedDoc, parse_document
from scraper.discover.xmlsafe import DiscoveryError
from scraper.errors import HTTPStatusError, ScrapeError
from scraper.urls import normalize_url

if TYPE_CHECKING:
    import httpx

    from scraper.discover import DiscoveryOptions

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 5  # sitemap index nesting below a root
MAX_DOCUMENTS = 20_000  # sitemaps + feeds read in one run
PREFETCH = 2  # child sitemaps fetched ahead
CONCURRENT_FETCHES = 2  # discovery requests in flight at once (the batch engine fetches too)


@dataclass(slots=True)
class _Node:
    """One discovery document to read."""

    url: str
    what: str  # "sitemap" or "feed" (for messages; the content decides how it is parsed)
    depth: int = 0
    ancestors: frozenset[str] = frozenset()
    bound: datetime | None = None  # lastmod from the parent index: nothing inside is newer
    probed: bool = False  # a guessed path (--site): absence is not an error
    seq: int = 0

    def order(self) -> tuple[int, float, int]:
        if self.bound is None:
            return (0, 0.0, self.seq)  # unbounded children are read first: they block output
        return (1, -self.bound.timestamp(), self.seq)


@dataclass(slots=True)
class _Loaded:
    node: _Node
    doc: ParsedDoc | None = None
    error: str | None = None
    quiet_error: bool = False  # a probed path that is simply not there


def _doc_key(url: str) -> str:
    return normalize_url(url)


def _url_key(url: str) -> str:
    return normalize_url(url).rstrip("/")


def _date_key(item: DiscoveredURL) -> float:
    date = item.date
    return -date.timestamp() if date else 0.0


@dataclass
class _Buffer:
    """Discovered URLs not yet yielded: dated ones in a heap (newest first), undated in order."""

    items: dict[str, DiscoveredURL] = field(default_factory=dict)
    dated: list[tuple[float, int, str]] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    counter: itertools.count[int] = field(default_factory=itertools.count)

    def add(self, key: str, item: DiscoveredURL) -> None:
        old = self.items.get(key)
        if old is not None:
            before = old.date
            if item.lastmod and (old.lastmod is None or item.lastmod > old.lastmod):
                old.lastmod = item.lastmod
            old.published = old.published or item.published
            old.title = old.title or item.title
            old.section = old.section or item.section
            if old.date != before and old.date is not None:
                heapq.heappush(self.dated, (_date_key(old), next(self.counter), key))
            return
        self.items[key] = item
        if item.date is None:
            self.undated.append(key)
        else:
            heapq.heappush(self.dated, (_date_key(item), next(self.counter), key))

    def pop_ready(self, bound: datetime | None, unbounded: bool) -> list[DiscoveredURL]:
        """Dated items at least as new as ``bound`` (all of them when there is nothing left)."""
        if unbounded:
            return []
        out: list[DiscoveredURL] = []
        limit = -bound.timestamp() if bound is not None else None
        while self.dated:
            neg, _, key = self.dated[0]
            item = self.items.get(key)
            if item is None or item.date is None or _date_key(item) != neg:
                heapq.heappop(self.dated)  # stale entry (yielded, or re-dated by a merge)
                continue
            if limit is not None and neg > limit:
                break
            heapq.heappop(self.dated)
            out.append(self.items.pop(key))
        return out

    def pop_undated(self) -> list[DiscoveredURL]:
        out = []
        for key in self.undated:
            item = self.items.get(key)
            if item is not None and item.date is None:
                out.append(self.items.pop(key))
        self.undated.clear()
        return out


class _Discovery:
    def __init__(
        self,
        opts: DiscoveryOptions,
        client: httpx.AsyncClient,
        stats: DiscoveryStats,
        known: dict[str, datetime] | None = None,
    ) -> None:
        self.opts = opts
        self.client = client
        self.stats = stats
        self.report = Reporter(stats, verbose=opts.verbose, quiet=opts.quiet)
        self.max_bytes = opts.max_bytes or DEFAULT_MAX_BYTES
        self.timeout = opts.timeout or 30.0
        self.agent = robots_agent(opts.user_agent)
        self.since = parse_when(opts.since)
        self.until = parse_when(opts.until, end_of_day=True)
        self.limit = opts.limit
        self.section = opts.section
        self.seq = itertools.count()
        self.seen_docs: set[str] = set()
        self.seen_urls: set[str] = set()  # every article URL key met (buffered or yielded)
        self.rejected: set[str] = set()
        self.buffer = _Buffer()
        self.pending: list[tuple[tuple[int, float, int], _Node]] = []
        self.tasks: dict[int, asyncio.Task[_Loaded]] = {}
        self.robots: dict[str, Robots] = {}
        self.robots_locks: dict[str, asyncio.Lock] = {}
        self.fetch_slots = asyncio.Semaphore(CONCURRENT_FETCHES)
        self.too_many_reported = False
        self.known = known or {}  # child sitemap -> lastmod read by the last complete run
        self.pace_locks: dict[str, asyncio.Lock] = {}
        self.last_request: dict[str, float] = {}

    # -- documents -------------------------------------------------------------------------

    def _node(self, url: str, what: str, **kw: object) -> _Node:
        return _Node(url=url, what=what, seq=next(self.seq), **kw)  # type: ignore[arg-type]

    async def _robots_for(self, url: str) -> Robots:
        origin = origin_of(url)
        if origin in self.robots:
            return self.robots[origin]
        lock = self.robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self.robots:
                robots = await load_robots(self.client, origin, timeout=self.timeout)
                if robots.note:
                    self.report.info(robots.note)
                self.robots[origin] = robots
        return self.robots[origin]

    async def _pace(self, url: str) -> None:
        """Honour robots.txt Crawl-delay between discovery requests to one origin."""
        origin = origin_of(url)
        robots = self.robots.get(origin)
        delay = (
            min(robots.crawl_delay(self.agent) or 0.0, 30.0)
            if robots and not self.opts.ignore_robots
            else 0.0
        )
        if delay <= 0:
            return
        loop = asyncio.get_running_loop()
        async with self.pace_locks.setdefault(origin, asyncio.Lock()):
            wait = self.last_request.get(origin, -1e9) + delay - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.last_request[origin] = loop.time()

    async def _load(self, node: _Node) -> _Loaded:
        if not self.opts.ignore_robots:
            robots = await self._robots_for(node.url)
            if not robots.reachable:
                return _Loaded(node, error=f"server unreachable ({robots.note})")
            if not robots.allowed(node.url, self.agent):
                why = "robots.txt disallows it" + (f" ({robots.note})" if robots.note else "")
                return _Loaded(node, error=why, quiet_error=node.probed)
        try:
            async with self.fetch_slots:
                await self._pace(node.url)
                fetched = await fetch_bytes(
                    self.client, node.url, max_bytes=self.max_bytes, timeout=self.timeout
                )
            doc = await asyncio.to_thread(
                parse_document, fetched.content, fetched.final_url, max_bytes=self.max_bytes
            )
        except HTTPStatusError as exc:
            quiet = node.probed and exc.status is not None and 400 <= exc.status < 500
            return _Loaded(node, error=exc.message, quiet_error=quiet)
        except ScrapeError as exc:
            return _Loaded(node, error=f"{exc.kind}: {exc.message}")
        except DiscoveryError as exc:
            quiet = node.probed and str(exc).startswith("not a sitemap or feed")
            return _Loaded(node, error=str(exc), quiet_error=quiet)
        except (ValueError, LookupError, OSError, RuntimeError) as exc:  # a library surprise
            if self.opts.debug:
                import traceback

                traceback.print_exc()
            return _Loaded(node, error=f"unexpected error: {type(exc).__name__}: {exc}")
        return _Loaded(node, doc=doc)

    def _ingest(self, loaded: _Loaded) -> None:
        node = loaded.node
        if loaded.doc is None:
            if loaded.quiet_error:
                self.report.info(f"no {node.what} at {node.url} ({loaded.error})")
            else:
                self.report.error(node.what, node.url, loaded.error or "unusable")
            return
        doc = loaded.doc
        self.stats.documents_read += 1
        if doc.problem:
            self.report.error(node.what, node.url, doc.problem)
        elif node.depth > 0 and node.bound is not None:
            self.stats.sitemaps_read[_doc_key(node.url)] = node.bound
        if doc.kind == "index":
            self.report.info(f"read sitemap index {node.url}: {len(doc.children)} sitemaps")
            self._add_children(node, doc)
        else:
            self.report.info(f"read {doc.kind} {node.url}: {len(doc.entries)} URLs")
        for entry in doc.entries:
            self._add_url(entry)

    def _add_children(self, parent: _Node, doc: ParsedDoc) -> None:
        lineage = parent.ancestors | {_doc_key(parent.url)}
        for child in doc.children:
            key = _doc_key(child.url)
            if key in lineage:
                self.report.error(
                    "sitemap",
                    parent.url,
                    f"sitemap loop: it lists {child.url}, which leads back to it; not followed",
                )
                continue
            if key in self.seen_docs:
                self.report.info(f"duplicate sitemap {child.url} (already read): skipped")
                continue
            if parent.depth + 1 > MAX_DEPTH:
                self.report.error(
                    "sitemap", child.url, f"nested deeper than {MAX_DEPTH} levels: not followed"
                )
                continue
            if len(self.seen_docs) >= MAX_DOCUMENTS:
                if not self.too_many_reported:
                    self.too_many_reported = True
                    self.report.error(
                        "sitemap", parent.url, f"more than {MAX_DOCUMENTS} documents: stopping"
                    )
                continue
            if self.since and child.lastmod and child.lastmod < self.since:
                self.report.info(f"sitemap {child.url} last changed before --since: skipped")
                continue
            previous = self.known.get(key)
            if child.lastmod and previous and child.lastmod <= previous:
                self.seen_docs.add(key)
                self.stats.sitemaps_read[key] = previous
                self.stats.sitemaps_unchanged += 1
                self.report.info(f"sitemap {child.url} unchanged since the last run: skipped")
                continue
            self.seen_docs.add(key)
            node = self._node(
                child.url,
                "sitemap",
                depth=parent.depth + 1,
                ancestors=lineage,
                bound=child.lastmod,
            )
            heapq.heappush(self.pending, (node.order(), node))

    def _add_url(self, entry: DiscoveredURL) -> None:
        key = _url_key(entry.url)
        if key in self.rejected:
            return
        if key not in self.seen_urls:
            reason = reject_reason(entry.url)
            if reason:
                self.rejected.add(key)
                self.report.drop(entry.url, reason)
                return
            self.seen_urls.add(key)
            self.stats.found += 1
        elif key not in self.buffer.items:
            return  # already yielded
        self.buffer.add(key, entry)

    # -- roots -----------------------------------------------------------------------------

    async def _site_roots(self, site: str) -> list[_Node]:
        origin = await self._site_origin(site)
        if origin is None:
            return []
        robots = await self._robots_for(origin + "/")
        if robots.sitemaps:
            self.report.info(f"{origin}/robots.txt lists {len(robots.sitemaps)} sitemaps")
        return [
            self._node(doc.url, doc.what, probed=doc.probed)
            for doc in site_documents(origin, robots.sitemaps)
        ]

    async def _site_origin(self, site: str) -> str | None:
        """The origin of ``--site``: for a bare host, https unless only plain HTTP answers."""
        try:
            origins = candidate_origins(site)
        except ValueError as exc:
            self.report.error("site", site, str(exc))
            return None
        if len(origins) == 1:
            return origins[0]
        last = ""
        for origin in origins:
            if origin in self.robots:
                return origin
            robots = await load_robots(self.client, origin, timeout=self.timeout, retries=0)
            if robots.reachable:
                if robots.note:
                    self.report.info(robots.note)
                self.robots[origin] = robots
                return origin
            last = robots.note
            self.report.info(f"{origin} does not answer ({robots.note})")
        self.report.error("site", site, f"unreachable over https and http ({last})")
        return None

    async def _roots(self) -> list[_Node]:
        nodes = [self._node(u, "sitemap") for u in self.opts.sitemaps]
        nodes += [self._node(u, "feed") for u in self.opts.feeds]
        for site in self.opts.sites:
            nodes += await self._site_roots(site)
        unique: list[_Node] = []
        for node in nodes:
            key = _doc_key(node.url)
            if key not in self.seen_docs:
                self.seen_docs.add(key)
                unique.append(node)
        return unique

    # -- the main loop ---------------------------------------------------------------------

    def _start(self, node: _Node) -> asyncio.Task[_Loaded]:
        task = self.tasks.get(node.seq)
        if task is None:
            task = asyncio.create_task(self._load(node))
            self.tasks[node.seq] = task
        return task

    def _accept(self, item: DiscoveredURL) -> bool:
        if not matches_section(item, self.section):
            self.stats.dropped["not in --section"] += 1
            return False
        if not in_date_range(item, self.since, self.until):
            self.stats.dropped["outside --since/--until"] += 1
            return False
        return True

    async def run(self) -> AsyncIterator[DiscoveredURL]:
        try:
            roots = await self._roots()
            loaded = await asyncio.gather(*(self._load(node) for node in roots))
            for result in loaded:
                self._ingest(result)
            while True:
                if self.pending:
                    top = self.pending[0][1]
                    ready = self.buffer.pop_ready(top.bound, unbounded=top.bound is None)
                else:
                    ready = self.buffer.pop_ready(None, unbounded=False)
                    ready += self.buffer.pop_undated()
                for item in ready:
                    if not self._accept(item):
                        continue
                    self.stats.emitted += 1
                    yield item
                    if self.limit is not None and self.stats.emitted >= self.limit:
                        return
                if not self.pending:
                    self.stats.complete = True
                    return
                for _, node in heapq.nsmallest(PREFETCH, self.pending):
                    self._start(node)
                _, node = heapq.heappop(self.pending)
                result = await self._start(node)
                del self.tasks[node.seq]
                self._ingest(result)
        finally:
            for task in self.tasks.values():
                task.cancel()
            self.tasks.clear()
            if self.stats.dropped:
                summary = ", ".join(f"{n} {r}" for r, n in self.stats.dropped.most_common())
                self.report.info(f"dropped: {summary}")
            self.report.info(
                f"{self.stats.emitted} URLs from {self.stats.documents_read} documents"
                f" ({self.stats.sitemaps_unchanged} sitemaps unchanged since the last run,"
                f" {self.stats.errors} errors)"
            )


async def discover(
    opts: DiscoveryOptions,
    client: httpx.AsyncClient,
    *,
    stats: DiscoveryStats | None = None,
    known: dict[str, datetime] | None = None,
) -> AsyncIterator[DiscoveredURL]:
    """Article URLs from the sitemaps, feeds and sites of ``opts``, newest first, streamed.

    ``known`` (child sitemap URL -> lastmod, from :mod:`scraper.discover.memory`) lists sitemaps
    read by the last complete run: those whose lastmod has not moved are not fetched again.
    """
    engine = _Discovery(opts, client, stats if stats is not None else DiscoveryStats(), known)
    if opts.limit is not None and opts.limit <= 0:
        return
    async for item in engine.run():
        yield item
