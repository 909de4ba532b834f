"""Layer 3: schema.org JSON-LD (Article, NewsArticle, BlogPosting, ... incl. @graph and lists).

Quintype's SEO library replaces ``<`` and ``>`` in the JSON with ``&lt;``/``&gt;``, so
``articleBody`` arrives as ``&lt;p&gt;...``; it is unescaped once and parsed as HTML.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from scraper.extract.dates import to_utc_iso
from scraper.extract.fields import set_field, set_lead_image
from scraper.extract.index import page_index
from scraper.extract.jsontext import loads, unwrap
from scraper.html_blocks import fragment_inline, fragment_to_blocks, normalize_image_url
from scraper.model import LeadImage
from scraper.render import md_escape
from scraper.text import clean

if TYPE_CHECKING:
    from scraper.extract.document import Document
    from scraper.model import Article, Block

LAYER = "jsonld"
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
    }
)
_PUNCT_ONLY = re.compile(r"^[\W_]*$")


def _loads(text: str) -> Any:
    text = unwrap(text)
    value = loads(text)
    if value is None and "&" in text:
        value = loads(html.unescape(text))
    return value


_MAX_DEPTH = 20  # lists in lists, @graph in @graph: deeper than this is not real JSON-LD


def _walk(node: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            _walk(item, out, depth + 1)
    elif isinstance(node, dict):
        out.append(node)
        if "@graph" in node:
            _walk(node["@graph"], out, depth + 1)


def _types(item: dict[str, Any]) -> set[str]:
    value = item.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def ld_items(doc: Document) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, @graph members and list items flattened."""
    cached = doc.cache.get("ld_items")
    if isinstance(cached, list):
        return cached
    items: list[dict[str, Any]] = []
    for text in page_index(doc).ld_json:
        data = _loads(text)
        if data is not None:
            _walk(data, items)
    doc.cache["ld_items"] = items
    return items


def article_item(doc: Document) -> dict[str, Any] | None:
    """The first Article-like object (NewsArticle and Article carry the same fields)."""
    for item in ld_items(doc):
        if _types(item) & ARTICLE_TYPES:
            return item
    return None


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    if not isinstance(value, str):
        return ""
    value = html.unescape(value) if "&" in value else value
    return fragment_inline(value, None)[0] if "<" in value else clean(value)


def _names(value: Any, *, people_only: bool = True) -> list[str]:
    out: list[str] = []
    values = value if isinstance(value, list) else [value]
    for v in values:
        if isinstance(v, str):
            name = clean(v)
        elif isinstance(v, dict):
            if people_only and _types(v) & {"organization", "newsmediaorganization"}:
                continue
            name = _text(v.get("name"))
        else:
            continue
        if name and "://" not in name and name not in out:
            out.append(name)
    return out


def _image(value: Any, base: str, depth: int = 0) -> LeadImage | None:
    if isinstance(value, list):
        if depth > _MAX_DEPTH:
            return None
        for v in value:
            img = _image(v, base, depth + 1)
            if img:
                return img
        return None
    if isinstance(value, str):
        url = normalize_image_url(value, base)
        return LeadImage(url=url) if url else None
    if isinstance(value, dict):
        url = normalize_image_url(value.get("url") or value.get("contentUrl"), base)
        if not url:
            return None
        caption = _text(value.get("caption")) or None
        credit = _text(value.get("creditText")) or None
        return LeadImage(url=url, caption=caption, credit=credit)
    return None


def body_blocks(body: str, base: str) -> list[Block]:
    """``articleBody`` (HTML, escaped HTML or plain text) -> blocks; stray "." joiners dropped."""
    if "&lt;" in body or "&gt;" in body:
        body = html.unescape(body)
    if "<" in body:
        blocks = fragment_to_blocks(body, base)
    else:
        paras = [clean(p) for p in re.split(r"\n\s*\n|\r\n\r\n|\n", body)]
        blocks = [{"type": "paragraph", "text": p, "markdown": md_escape(p)} for p in paras if p]
    return [
        b
        for b in blocks
        if not (b["type"] == "paragraph" and _PUNCT_ONLY.match(b.get("text") or ""))
    ]


def fill(doc: Document, article: Article) -> None:
    item = article_item(doc)
    if item is None:
        return
    base = doc.base_url
    set_field(doc, article, "title", _text(item.get("headline") or item.get("name")) or None, LAYER)
    description = _text(item.get("description"))
    if description:  # a last-resort subtitle only (it is the SEO description, not the dek)
        doc.cache.setdefault("descriptions", []).append((LAYER, description))
    set_field(doc, article, "authors", _names(item.get("author") or item.get("creator")), LAYER)
    set_field(doc, article, "published_at", to_utc_iso(item.get("datePublished")), LAYER)
    updated = item.get("dateModified") or item.get("dateUpdated")
    set_field(doc, article, "updated_at", to_utc_iso(updated), LAYER)
    section = item.get("articleSection")
    set_field(doc, article, "section", _text(section) or None, LAYER)
    keywords = item.get("keywords")
    if isinstance(keywords, str):
        tags = [clean(k) for k in keywords.split(",") if clean(k)]
    elif isinstance(keywords, list):
        tags = [_text(k) for k in keywords if _text(k)]
    else:
        tags = []
    set_field(doc, article, "tags", list(dict.fromkeys(tags)), LAYER)
    lang = item.get("inLanguage")
    if isinstance(lang, str):
        set_field(doc, article, "language", lang.strip() or None, LAYER)
    publisher = item.get("publisher")
    if isinstance(publisher, dict):
        set_field(doc, article, "site_name", _text(publisher.get("name")) or None, LAYER)
    set_lead_image(doc, article, _image(item.get("image") or item.get("thumbnailUrl"), base), LAYER)
    body = item.get("articleBody")
    if isinstance(body, str) and body.strip() and not article.blocks:
        set_field(doc, article, "blocks", body_blocks(body, base), LAYER)


def canonical_of(doc: Document) -> str | None:
    item = article_item(doc)
    if item is None:
        return None
    main = item.get("mainEntityOfPage")
    if isinstance(main, dict):
        main = main.get("@id") or main.get("url")
    for cand in (item.get("url"), main):
        if isinstance(cand, str) and cand.startswith(("http://", "https://")):
            return cand.strip()
    return None
