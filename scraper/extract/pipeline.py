"""Run the extraction layers over one parsed page, then finalise and validate the Article."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from types import ModuleType

from scraper.errors import NotArticle
from scraper.extract.document import Document
from scraper.extract.fields import LOCKED
from scraper.extract.jsontext import fix_strings, fix_text, loads
from scraper.model import Article, RelatedLink
from scraper.text import clean
from scraper.urls import absolute_url, is_web_url, same_page

Fill = Callable[[Document, Article], None]
SITE_LAYERS = ("quintype_json", "arrow_dom")
_NOT_FOUND = re.compile(
    r"\b404\b|\bpage not found\b|^\s*not found\b|\bno longer (?:available|exists)\b", re.I
)


def _site_layers() -> list[tuple[str, Fill]]:
    from scraper.extract import arrow_dom, jsonld, meta, quintype_json

    return [
        ("quintype_json", quintype_json.fill),
        ("arrow_dom", arrow_dom.fill),
        ("jsonld", jsonld.fill),
        ("meta", meta.fill),
    ]


def _generic() -> ModuleType | None:
    try:
        from scraper.extract import generic
    except ImportError:
        return None
    return generic if hasattr(generic, "fill") else None


def _input_text(html: str | bytes) -> str:
    """The page as clean text: bytes decoded as fetched pages are (BOM, <meta>, detection);
    control characters dropped (never text; NUL is the line-break sentinel of html_blocks, and
    lxml refuses the others in any string set on a tree), a form feed made a space; lone
    surrogates (no UTF-8 parser accepts them) made U+FFFD."""
    if isinstance(html, bytes):
        from scraper.charset import decode_html

        html = decode_html(html)[0]
    return fix_text(html)


def _raw_json(html: str | bytes) -> object | None:
    """A JSON document given in place of HTML (route-data.json, the story API)."""
    head = html[:64] if isinstance(html, str) else html[:64].decode("latin-1")
    if not head.lstrip("\ufeff\xef\xbb\xbf \t\r\n").startswith("{"):
        return None
    try:
        if isinstance(html, bytes):
            html = html.decode("utf-8-sig")
    except ValueError:
        return None
    return loads(html.lstrip("\ufeff"))


def _base_url(doc: Document, url: str, base_url: str | None) -> str:
    if base_url:
        return base_url
    from scraper.extract.index import page_index

    idx = page_index(doc)
    if idx.base_href and is_web_url(idx.base_href):
        return idx.base_href
    if is_web_url(url):
        return url
    for cand in (idx.canonical, idx.first("og:url")):
        if cand and is_web_url(cand.strip()):
            return cand.strip()
    return url


def run_pipeline(html: str | bytes, url: str, *, base_url: str | None = None) -> Article:
    html = _input_text(html)
    raw = _raw_json(html)
    if raw is not None:
        doc = Document.parse("<html><body></body></html>", url, base_url)
        doc.cache["raw_json"] = raw
        doc.html = None
        if not base_url and not is_web_url(url):
            from scraper.extract.quintype_json import _site_base, parse_state

            state = parse_state(raw)
            if state is not None:
                doc.base_url = _site_base(state, url)
    else:
        doc = Document.parse(html, url, base_url)
        doc.base_url = _base_url(doc, url, base_url)
    article = Article(url=url)
    for _name, fill in _site_layers():
        fill(doc, article)
    _run_generic(doc, article)
    _fallback_subtitle(doc, article)
    finalise(doc, article)
    return article


def _run_generic(doc: Document, article: Article) -> None:
    """The generic layer runs when the site's layers did not supply both title and body."""
    if article.extractor in SITE_LAYERS and article.title:
        return
    generic = _generic()
    if generic is None:
        return
    locked = doc.cache.get(LOCKED, set())
    saved = {name: getattr(article, name) for name in locked}
    had_blocks = bool(article.blocks)
    # Pathological nesting (markup or JSON) too deep for the layer: it found nothing.
    with contextlib.suppress(RecursionError):
        generic.fill(doc, article)  # it also replaces a truncated JSON-LD articleBody
    for name, value in saved.items():  # fields settled by the story JSON stay as they were
        if getattr(article, name) != value:
            setattr(article, name, value)
            article.sources.pop(name, None)
    if article.blocks and not had_blocks and article.extractor is None:
        article.extractor = "generic"
        article.sources.setdefault("blocks", "generic")


def _fallback_subtitle(doc: Document, article: Article) -> None:
    """Without the site's own dek, the JSON-LD/meta description stands in as the subtitle."""
    if article.subtitle or article.extractor in SITE_LAYERS:
        return
    if "subtitle" in doc.cache.get(LOCKED, set()):
        return
    for layer, description in doc.cache.get("descriptions", []):
        if description and description != article.title:
            article.subtitle = description
            article.sources["subtitle"] = layer
            return


def _final_related(article: Article, base: str) -> list[RelatedLink]:
    seen: set[str] = set()
    out: list[RelatedLink] = []
    for link in article.related:
        url = absolute_url(link.url, base)
        title = clean(link.title)
        if not url or not title:
            continue
        if same_page(url, article.url) or same_page(url, article.canonical_url):
            continue
        key = url.rstrip("/")
        if key in seen:
            continue
        seen.add(key)
        out.append(RelatedLink(title=title, url=url))
    return out


_TEXT_FIELDS = (
    "url", "canonical_url", "site_name", "title", "subtitle", "published_at", "updated_at",
    "section", "language",
)  # fmt: skip


def _scrub(article: Article) -> None:
    """No lone surrogate reaches the output (a UTF-8 writer would fail on it), whatever layer
    or caller supplied the string."""
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str):
            setattr(article, name, fix_text(value))
    article.authors = [fix_text(a) for a in article.authors]
    article.tags = [fix_text(t) for t in article.tags]
    article.blocks = [fix_strings(b) for b in article.blocks]
    for link in article.related:
        link.title, link.url = fix_text(link.title), fix_text(link.url)
    image = article.lead_image
    if image is not None:
        image.url = fix_text(image.url)
        for attr in ("caption", "credit", "alt"):
            value = getattr(image, attr)
            if isinstance(value, str):
                setattr(image, attr, fix_text(value))


def finalise(doc: Document, article: Article) -> None:
    """Related de-duplicated and absolute; NotArticle when there is no title or no body."""
    _scrub(article)
    if article.canonical_url and not is_web_url(article.canonical_url):
        article.canonical_url = None  # a saved page's relative link resolved to file://
    article.related = _final_related(article, doc.base_url)
    if article.title:
        article.title = clean(article.title)
    if article.subtitle and article.subtitle == article.title:
        article.subtitle = None
    if article.authors:
        article.authors = list(dict.fromkeys(a for a in (clean(x) for x in article.authors) if a))
    if not article.title:
        raise NotArticle("no article title found on the page", url=article.url)
    if not any(b.get("type") == "paragraph" for b in article.blocks):
        raise NotArticle("no article body found on the page", url=article.url)
    if (
        article.extractor == "generic"
        and _NOT_FOUND.search(article.title)
        and article.word_count < 80
    ):
        raise NotArticle("the page is a 'not found' page", url=article.url)
