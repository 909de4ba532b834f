"""A small Quintype-like site for the discovery tests, served by pytest-httpserver on 127.0.0.1.

Not a test module: imported by tests/test_discover_*.py. Dates are chosen so that the order is
decided by news-sitemap publication dates, feed dates and daily-sitemap lastmods together.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scraper.discover import DiscoveryOptions
from scraper.discover.engine import discover
from scraper.discover.http import make_discovery_client
from scraper.discover.model import DiscoveredURL
from scraper.discover.report import DiscoveryStats

SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'

# (path, lastmod) per daily sitemap, plus the index lastmod of each day.
DAYS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "2025-05-20": (
        "2025-05-20T12:00:00Z",
        [
            ("/world/new-story-on-talks", "2025-05-20T12:00:00Z"),
            ("/business/markets-rally-after-call", "2025-05-20T08:00:00Z"),
        ],
    ),
    "2025-05-19": (
        "2025-05-20T06:41:00Z",
        [
            ("/world/putin-hails-very-useful-call", "2025-05-20T06:41:00Z"),
            ("/india/monsoon-arrives-early-in-kerala", "2025-05-19T10:00:00Z"),
            ("/amp/story/world/putin-hails-very-useful-call", "2025-05-20T06:41:00Z"),
        ],
    ),
    "2025-05-18": (
        "2025-05-18T15:00:00Z",
        [
            ("/india/old-story-about-elections", "2025-05-18T09:00:00Z"),
            ("/topic/vladimir-putin", "2025-05-18T16:00:00Z"),
            ("/world/older-story-on-sanctions", "2025-05-18T15:00:00Z"),
        ],
    ),
}
GZIPPED_DAY = "2025-05-19"  # served gzipped under a plain .xml name: detected by magic bytes

# Expected order of everything: newest first by publication date, else lastmod.
ALL_IN_ORDER = [
    "/world/feed-only-story-on-ceasefire",  # feed pubDate 2025-05-20T13:00
    "/world/new-story-on-talks",  # news sitemap publication 2025-05-20T11:00
    "/business/markets-rally-after-call",  # feed pubDate 2025-05-20T07:59
    "/world/putin-hails-very-useful-call",  # news sitemap publication 2025-05-19T21:12
    "/india/monsoon-arrives-early-in-kerala",  # lastmod 2025-05-19T10:00
    "/world/older-story-on-sanctions",  # lastmod 2025-05-18T15:00
    "/india/old-story-about-elections",  # lastmod 2025-05-18T09:00
]


def urlset(base: str, rows: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<url><loc>{base}{path}</loc><lastmod>{lastmod}</lastmod></url>\n"
        for path, lastmod in rows
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {SM}>\n{items}</urlset>\n'


def sitemap_index(base: str, rows: list[tuple[str, str | None]]) -> str:
    items = "".join(
        f"<sitemap><loc>{base}{path}</loc>"
        + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
        + "</sitemap>\n"
        for path, lastmod in rows
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex {SM}>\n{items}</sitemapindex>\n'


def news_sitemap(base: str) -> str:
    rows = [
        ("/world/new-story-on-talks", "2025-05-20T16:30:00+05:30", "New Story on Talks"),
        ("/world/putin-hails-very-useful-call", "2025-05-19T21:12:00Z", "Putin Hails Call"),
    ]
    items = "".join(
        f"<url><loc>{base}{path}</loc><news:news><news:publication><news:name>Interbellum News"
        f"</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{when}</news:publication_date><news:title>{title}</news:title>"
        f"</news:news></url>\n"
        for path, when, title in rows
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {SM} {NEWS_NS}>\n{items}</urlset>\n'


def rss(base: str) -> str:
    items = [
        ("/world/feed-only-story-on-ceasefire", "Tue, 20 May 2025 13:00:00 GMT", "World"),
        ("/business/markets-rally-after-call", "Tue, 20 May 2025 07:59:00 GMT", "Business"),
    ]
    body = "".join(
        f"<item><title>t</title><link>{base}{path}</link><category>{cat}</category>"
        f"<pubDate>{when}</pubDate></item>\n"
        for path, when, cat in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>IN</title>'
        f"<link>{base}/</link>\n{body}</channel></rss>\n"
    )


def serve_site(server: HTTPServer, *, robots_extra: str = "") -> str:
    """Register the whole site; returns its base URL (http://127.0.0.1:PORT)."""
    server.no_handler_status_code = 404
    base = server.url_for("/").rstrip("/")
    server.expect_request("/robots.txt").respond_with_data(
        f"User-agent: *\nDisallow: /search\n{robots_extra}\n"
        f"Sitemap: {base}/sitemap.xml\nSitemap: {base}/news_sitemap.xml\n",
        content_type="text/plain",
    )
    index_rows: list[tuple[str, str | None]] = []
    for day, (day_lastmod, rows) in DAYS.items():
        path = f"/sitemap/sitemap-daily-{day}.xml"
        index_rows.append((path, day_lastmod))
        data: Any = urlset(base, rows)
        if day == GZIPPED_DAY:
            data = gzip.compress(data.encode())
        server.expect_request(path).respond_with_data(data, content_type="application/xml")
    server.expect_request("/sitemap.xml").respond_with_data(
        sitemap_index(base, index_rows), content_type="application/xml"
    )
    server.expect_request("/news_sitemap.xml").respond_with_data(
        news_sitemap(base), content_type="application/xml"
    )
    server.expect_request("/stories.rss").respond_with_data(
        rss(base), content_type="application/rss+xml"
    )
    return base


def collect(opts: DiscoveryOptions) -> tuple[list[DiscoveredURL], DiscoveryStats]:
    """Run discover() to the end on a fresh client; returns the items and the stats."""

    async def go() -> tuple[list[DiscoveredURL], DiscoveryStats]:
        stats = DiscoveryStats()
        async with make_discovery_client(None, 10.0) as client:
            items = [item async for item in discover(opts, client, stats=stats)]
        return items, stats

    return asyncio.run(go())


def paths(items: list[DiscoveredURL], base: str) -> list[str]:
    return [item.url.removeprefix(base) for item in items]


def requested(server: HTTPServer) -> list[str]:
    return [request.path for request, _ in server.log]


# -- the samples of samples/interbellumnews/site/, served with their host rewritten --------------

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples" / "interbellumnews"
SITE_DIR = SAMPLES_DIR / "site"
LIVE = "https://interbellumnews.com"


@dataclass
class SampleSite:
    """The discovery samples and article pages, as path -> (body, content type), mutable."""

    base: str
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def handler(self, request: Request) -> Response:
        found = self.files.get(request.path)
        if found is None:
            return Response("not found", status=404, content_type="text/plain")
        body, ctype = found
        return Response(body, status=200, content_type=ctype)

    def text(self, path: str) -> str:
        body = self.files[path][0]
        if body.startswith(b"\x1f\x8b"):
            body = gzip.decompress(body)
        return body.decode("utf-8")

    def put_text(self, path: str, text: str, ctype: str = "application/xml") -> None:
        data = text.encode("utf-8")
        if path.endswith(".gz"):
            data = gzip.compress(data, mtime=0)
            ctype = "application/gzip"
        self.files[path] = (data, ctype)


def golden_stories() -> list[dict[str, Any]]:
    """(golden JSON + its sample name) of every article sample listed in urls.txt."""
    wanted = {u.strip() for u in (SAMPLES_DIR / "urls.txt").read_text().splitlines() if u.strip()}
    stories = []
    for path in sorted(SAMPLES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("url") in wanted:
            stories.append({**data, "_name": path.stem})
    return stories


def serve_samples(server: HTTPServer) -> SampleSite:
    """Serve samples/interbellumnews/site/* and every article page at its URL's path."""
    base = server.url_for("/").rstrip("/")
    site = SampleSite(base)
    types = {".xml": "application/xml", ".rss": "application/rss+xml", ".txt": "text/plain"}
    for path in SITE_DIR.rglob("*"):
        if not path.is_file() or path.suffix == ".py":
            continue
        rel = "/" + path.relative_to(SITE_DIR).as_posix()
        data = path.read_bytes()
        if data.startswith(b"\x1f\x8b"):
            data = gzip.decompress(data)
        site.put_text(rel, data.decode("utf-8").replace(LIVE, base), types.get(path.suffix, ""))
    for story in golden_stories():
        html = (SAMPLES_DIR / f"{story['_name']}.html").read_bytes()
        site.files[story["url"].removeprefix(LIVE)] = (html, "text/html; charset=utf-8")
    server.expect_request(re.compile(".*")).respond_with_handler(site.handler)
    return site
