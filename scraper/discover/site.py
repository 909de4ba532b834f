"""``--site HOST``: where a site publishes its sitemaps and feeds.

The robots.txt ``Sitemap:`` lines come first; then the usual paths, which Quintype sites
(site-notes §5: ``/sitemap.xml``, ``/news_sitemap.xml``, ``/stories.rss``, ``/feed``,
``/rss-feed``) and most other CMSs (``/sitemap_index.xml``, ``/feed.xml``, ``/rss.xml``,
``/atom.xml``) serve. A probed path that is missing (4xx) or is not a sitemap/feed is not an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from scraper.discover.http import origin_of
from scraper.urls import normalize_url

SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/news_sitemap.xml")
FEED_PATHS = ("/stories.rss", "/feed", "/rss-feed", "/feed.xml", "/rss.xml", "/atom.xml")


@dataclass(frozen=True, slots=True)
class SiteDocument:
    url: str
    what: str  # "sitemap" or "feed"
    probed: bool  # a guessed path, not announced by the site


def candidate_origins(site: str) -> list[str]:
    """Origins to try for ``--site``: as given with a scheme, else https then http.

    Raises ValueError with a readable message for something that is not a host.
    """
    text = site.strip()
    if "://" in text:
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("not an http(s) site")
        return [origin_of(text)]
    host = text.split("/", 1)[0]
    if not host or not urlsplit(f"http://{host}").hostname:
        raise ValueError("no host name")
    return [origin_of(f"https://{host}"), origin_of(f"http://{host}")]


def site_documents(origin: str, announced: list[str]) -> list[SiteDocument]:
    """robots.txt's sitemaps, then the usual sitemap and feed paths not already announced."""
    docs = [SiteDocument(url, "sitemap", probed=False) for url in announced]
    listed = {normalize_url(url) for url in announced}
    docs += [
        SiteDocument(origin + path, "sitemap", probed=True)
        for path in SITEMAP_PATHS
        if normalize_url(origin + path) not in listed
    ]
    docs += [
        SiteDocument(origin + path, "feed", probed=True)
        for path in FEED_PATHS
        if normalize_url(origin + path) not in listed
    ]
    return docs
