"""RSS and Atom feeds, parsed by feedparser from bytes we fetched ourselves (it never fetches)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from scraper.discover.model import DiscoveredURL
from scraper.discover.xmlsafe import DiscoveryError
from scraper.urls import absolute_url, is_web_url


def _when(parsed: time.struct_time | None) -> datetime | None:
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _link(entry: Any, base: str) -> str | None:
    candidates = [entry.get("link")]
    candidates += [
        link.get("href")
        for link in entry.get("links", [])
        if link.get("rel", "alternate") == "alternate"
    ]
    candidates.append(entry.get("id"))
    for href in candidates:
        url = absolute_url(href, base) if href else None
        if url and is_web_url(url):
            return url
    return None


def parse_feed(data: bytes, url: str) -> list[DiscoveredURL]:
    """The entries of an RSS/Atom feed, in feed order, with their dates and first category.

    The caller has already checked the bytes with :func:`scraper.discover.xmlsafe.parse_xml`
    (size, entities) when they are XML; feedparser gets bytes, so it never opens a URL or file.
    """
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        reason = parsed.get("bozo_exception")
        raise DiscoveryError(f"malformed feed: {reason}" if reason else "malformed feed")
    if not entries and not parsed.get("version"):
        raise DiscoveryError("not an RSS or Atom feed")
    found: list[DiscoveredURL] = []
    for entry in entries:
        link = _link(entry, url)
        if not link:
            continue
        published = _when(entry.get("published_parsed"))
        # dict.get: feedparser's own get() maps a missing "updated" to "published" (with a warning)
        updated = _when(dict.get(entry, "updated_parsed"))
        tags = entry.get("tags") or []
        category = next((t.get("term") for t in tags if t.get("term")), None)
        found.append(
            DiscoveredURL(
                url=link,
                lastmod=updated or published,
                published=published,
                title=(entry.get("title") or "").strip() or None,
                section=category,
                source=url,
            )
        )
    return found
