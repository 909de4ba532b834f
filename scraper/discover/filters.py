"""Which discovered URLs are articles, and which match --section/--since/--until.

:func:`reject_reason` returns why a URL is not an article page (shown under ``-v``), or None.
The rules are URL-only, tuned on Quintype sites (``/<section>/<story-slug>``, tags under
``/topic/``, authors under ``/author/``, AMP under ``/amp/``) and generic enough for other sites.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from urllib.parse import parse_qs, unquote, urlsplit

from scraper.discover.model import DiscoveredURL

# fmt: off
ASSET_EXTENSIONS = frozenset({
    "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "ico", "bmp", "tif", "tiff", "css", "js",
    "mjs", "map", "json", "xml", "rss", "atom", "txt", "csv", "pdf", "doc", "docx", "xls", "xlsx",
    "ppt", "pptx", "zip", "gz", "tgz", "rar", "7z", "mp3", "mp4", "m4a", "m4v", "wav", "ogg",
    "webm", "mov", "avi", "woff", "woff2", "ttf", "otf", "eot",
})
# fmt: on
TAG_SEGMENTS = frozenset({"topic", "topics", "tag", "tags"})
AUTHOR_SEGMENTS = frozenset({"author", "authors", "writer", "contributor", "contributors"})
# fmt: off
LISTING_SEGMENTS = frozenset({
    "section", "sections", "category", "categories", "collection", "collections", "search",
    "page", "archive", "archives", "api", "feed", "feeds", "rss", "sitemap", "sitemaps", "static",
    "login", "logout", "signup", "subscribe", "subscription", "newsletter", "newsletters",
    "account", "profile", "user", "users", "video-gallery", "photo-gallery", "about", "about-us",
    "contact", "contact-us", "privacy", "privacy-policy", "terms", "terms-of-use",
    "terms-and-conditions", "cookie-policy", "advertise", "careers",
})
# fmt: on
_PAGINATION = re.compile(r"^(?:page|p)$", re.IGNORECASE)
_SLUG_WORD = re.compile(r"[a-z0-9\u00c0-\uffff]+", re.IGNORECASE)


def reject_reason(url: str) -> str | None:
    """Why ``url`` is not an article page, or None when it may well be one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not a web URL"
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if not segments:
        return "home page"
    last = segments[-1].lower()
    if "." in last:
        ext = last.rsplit(".", 1)[-1]
        if ext in ASSET_EXTENSIONS:
            return f"asset (.{ext})"
    lowered = [s.lower() for s in segments]
    if "amp" in lowered or lowered[-1].endswith(".amp") or "amp" in parse_qs(parts.query):
        return "AMP page"
    if lowered[0] in TAG_SEGMENTS:
        return "tag page"
    if lowered[0] in AUTHOR_SEGMENTS:
        return "author page"
    if lowered[0] in LISTING_SEGMENTS:
        return "listing or static page"
    if len(lowered) >= 2 and _PAGINATION.match(lowered[-2]) and lowered[-1].isdigit():
        return "listing page (pagination)"
    if "page" in parse_qs(parts.query):
        return "listing page (pagination)"
    if len(segments) == 1:
        words = _SLUG_WORD.findall(last)
        if len(words) <= 2 and not any(ch.isdigit() for ch in last):
            return "section or listing page"
    return None


def slugify(name: str) -> str:
    """ "World News" -> "world-news", as Quintype section slugs are written."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def url_section(url: str) -> str | None:
    """The first path segment: the section slug on Quintype sites."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return unquote(segments[0]).lower() if len(segments) >= 2 else None


def matches_section(item: DiscoveredURL, section: str | None) -> bool:
    """True when the URL's first path segment or the source's category is ``section``."""
    if not section:
        return True
    wanted = slugify(section)
    if not wanted:
        return True
    if url_section(item.url) == wanted:
        return True
    return bool(item.section) and slugify(item.section or "") == wanted


def in_date_range(item: DiscoveredURL, since: datetime | None, until: datetime | None) -> bool:
    """``since <= date <= until`` on the publication date (else lastmod); undated URLs fail."""
    if since is None and until is None:
        return True
    date = item.date
    if date is None:
        return False
    if since is not None and date < since:
        return False
    return not (until is not None and date > until)
