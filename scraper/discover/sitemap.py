"""Sitemaps: indexes, url sets (with Google News extensions), plain-text lists, gzipped or not.

:func:`parse_document` turns the bytes of one fetched discovery document into a
:class:`ParsedDoc`: child sitemaps to follow (from an index) and/or article entries. RSS and Atom
documents given as a sitemap are handed to :mod:`scraper.discover.feed`, so ``--sitemap`` and
``--feed`` both accept either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from scraper.discover.dates import parse_date
from scraper.discover.model import DiscoveredURL
from scraper.discover.xmlsafe import (
    DiscoveryError,
    child_text,
    gunzip_capped,
    local_name,
    parse_xml,
)
from scraper.urls import absolute_url, is_web_url

_FEED_ROOTS = {"rss", "feed", "rdf"}
_CLOSED_URL = re.compile(rb"</(?:[\w.-]+:)?url\s*>")
_CLOSED_SITEMAP = re.compile(rb"</(?:[\w.-]+:)?sitemap\s*>")


@dataclass(slots=True)
class ChildRef:
    """A sitemap listed in a sitemap index."""

    url: str
    lastmod: datetime | None = None


@dataclass(slots=True)
class ParsedDoc:
    kind: str  # "index", "urlset", "feed" or "text"
    children: list[ChildRef] = field(default_factory=list)
    entries: list[DiscoveredURL] = field(default_factory=list)
    problem: str | None = None  # malformed but partly recovered: reported, entries still used


def _looks_like_html(head: bytes) -> bool:
    head = head[:1024].lower()
    return b"<!doctype html" in head or b"<html" in head


def parse_document(data: bytes, url: str, *, max_bytes: int) -> ParsedDoc:
    """Parse a sitemap, sitemap index, text sitemap, RSS or Atom document.

    Raises :class:`DiscoveryError` (one clear line) when it is none of these or is unsafe.
    """
    data = gunzip_capped(data, max_bytes)
    if len(data) > max_bytes:
        raise DiscoveryError(f"too large: over {max_bytes} bytes")
    body = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not body:
        raise DiscoveryError("empty document")
    if _looks_like_html(body):
        raise DiscoveryError("not a sitemap or feed: the server sent an HTML page")
    if not body.startswith(b"<"):
        return _parse_text(body, url)
    root, problem = parse_xml(body, max_bytes)
    name = local_name(root)
    if name == "sitemapindex":
        doc = ParsedDoc("index", children=_index_children(root, url))
    elif name == "urlset":
        doc = ParsedDoc("urlset", entries=_urlset_entries(root, url))
    elif name in _FEED_ROOTS:
        from scraper.discover.feed import parse_feed

        doc = ParsedDoc("feed", entries=parse_feed(body, url))
    else:
        raise DiscoveryError(
            problem or f"not a sitemap or feed: the root element is <{name or '?'}>"
        )
    if problem:
        # Keep only elements closed in the source: a cut-off <loc> would be a wrong URL.
        doc.children = doc.children[: len(_CLOSED_SITEMAP.findall(body))]
        if doc.kind != "feed":
            doc.entries = doc.entries[: len(_CLOSED_URL.findall(body))]
        found = len(doc.children) + len(doc.entries)
        if not found:
            raise DiscoveryError(problem)
        doc.problem = f"{problem}; recovered {found} {'sitemaps' if doc.children else 'URLs'}"
    return doc


def _resolve(loc: str | None, base: str) -> str | None:
    if not loc:
        return None
    url = absolute_url(loc.strip(), base)
    return url if url and is_web_url(url) else None


def _index_children(root: object, base: str) -> list[ChildRef]:
    children: list[ChildRef] = []
    for element in root:  # type: ignore[attr-defined]
        if local_name(element) != "sitemap":
            continue
        url = _resolve(child_text(element, "loc"), base)
        if url:
            children.append(ChildRef(url, parse_date(child_text(element, "lastmod"))))
    return children


def _urlset_entries(root: object, base: str) -> list[DiscoveredURL]:
    entries: list[DiscoveredURL] = []
    for element in root:  # type: ignore[attr-defined]
        if local_name(element) != "url":
            continue
        url = _resolve(child_text(element, "loc"), base)
        if not url:
            continue
        entries.append(
            DiscoveredURL(
                url=url,
                lastmod=parse_date(child_text(element, "lastmod")),
                published=parse_date(child_text(element, "news", "publication_date")),
                title=child_text(element, "news", "title"),
                source=base,
            )
        )
    return entries


def _parse_text(body: bytes, base: str) -> ParsedDoc:
    """A plain-text sitemap: one absolute URL per line."""
    text = body.decode("utf-8", errors="replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not is_web_url(lines[0]):
        raise DiscoveryError("not a sitemap or feed: neither XML nor a list of URLs")
    entries = [DiscoveredURL(url=line, source=base) for line in lines if is_web_url(line)]
    return ParsedDoc("text", entries=entries)
