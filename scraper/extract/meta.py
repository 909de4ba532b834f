"""Layer 4: <title>, OpenGraph, Twitter and <meta name=...> tags, canonical link, <html lang>."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scraper.extract.dates import to_utc_iso
from scraper.extract.fields import in_page_alt, set_field, set_lead_image
from scraper.extract.index import page_index
from scraper.html_blocks import normalize_image_url
from scraper.model import LeadImage
from scraper.text import clean
from scraper.urls import absolute_url, is_web_url

if TYPE_CHECKING:
    from scraper.extract.document import Document
    from scraper.model import Article

LAYER = "meta"
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|/)\s+")


def strip_site_suffix(title: str, site_name: str | None = None, host: str | None = None) -> str:
    """``"Headline | Site"`` -> ``"Headline"``; other separators only before the site name."""
    title = clean(title)
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    seps = _SEPARATORS.findall(title)
    tail = clean(parts[-1]).lower()
    known = {s.lower() for s in (site_name, host) if s}
    if host:
        known.add(host.lower().removeprefix("www."))
    squashed = tail.replace(" ", "")
    is_site = tail in known or any(squashed == k.replace(" ", "").split(".")[0] for k in known)
    if is_site or seps[-1].strip() == "|":
        head = title[: title.rfind(seps[-1])]
        return clean(head) or title
    return title


def _split_list(value: str) -> list[str]:
    return [clean(v) for v in re.split(r"[,;]", value) if clean(v)]


def site_name_of(doc: Document) -> str | None:
    idx = page_index(doc)
    return (
        clean(idx.first("og:site_name", "application-name", "apple-mobile-web-app-title")) or None
    )


def canonical_of(doc: Document) -> str | None:
    idx = page_index(doc)
    base = idx.base_href or doc.base_url
    for cand in (idx.canonical, idx.first("og:url")):
        url = absolute_url(cand, base) if cand else None
        if url and is_web_url(url):  # never a file:// URL from a saved page's relative link
            return url
    return None


def fill(doc: Document, article: Article) -> None:
    idx = page_index(doc)
    from urllib.parse import urlsplit

    site = site_name_of(doc)
    set_field(doc, article, "site_name", site, LAYER)
    set_field(doc, article, "canonical_url", canonical_of(doc), LAYER)
    try:
        host = urlsplit(article.canonical_url or doc.url).hostname
    except ValueError:  # "http://[::1" as the page URL
        host = None

    title = idx.first("og:title", "twitter:title", "title", "headline")
    if title:
        title = strip_site_suffix(title, site, host)
    elif idx.title:
        title = strip_site_suffix(idx.title, site, host)
    set_field(doc, article, "title", clean(title) or None, LAYER)
    description = clean(idx.first("description", "og:description", "twitter:description"))
    if description:  # a last-resort subtitle only (it is the SEO description, not the dek)
        doc.cache.setdefault("descriptions", []).append((LAYER, description))

    authors: list[str] = []
    for value in idx.all(
        "author", "article:author", "parsely-author", "sailthru.author", "dc.creator"
    ):
        if "://" in value or value.startswith("@"):
            continue
        for name in _split_list(value):
            if name not in authors:
                authors.append(name)
    set_field(doc, article, "authors", authors, LAYER)

    published = idx.first(
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date",
        "dc.date.issued",
        "date",
    )
    set_field(doc, article, "published_at", to_utc_iso(published), LAYER)
    updated = idx.first("article:modified_time", "og:updated_time", "datemodified", "last-modified")
    set_field(doc, article, "updated_at", to_utc_iso(updated), LAYER)

    set_field(doc, article, "section", clean(idx.first("article:section")) or None, LAYER)
    tags = [clean(t) for t in idx.all("article:tag") if clean(t)]
    if not tags:
        kw = idx.first("news_keywords", "keywords")
        tags = _split_list(kw) if kw else []
    set_field(doc, article, "tags", list(dict.fromkeys(tags)), LAYER)

    lang = idx.lang or idx.first("content-language", "og:locale", "language")
    if lang:
        lang = lang.replace("_", "-").split(",")[0].strip()
    set_field(doc, article, "language", lang or None, LAYER)

    image = idx.first(
        "og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"
    )
    url = normalize_image_url(image, idx.base_href or doc.base_url) if image else None
    if url:
        alt = in_page_alt(doc.tree, url, idx.base_href or doc.base_url)
        alt = alt or clean(idx.first("og:image:alt", "twitter:image:alt")) or None
        set_lead_image(doc, article, LeadImage(url=url, alt=alt), LAYER, merge=True)
