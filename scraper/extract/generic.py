"""Generic layer: every contract field from any news page, by heuristics.

Runs last in the pipeline (after quintype_json, arrow_dom, jsonld and meta) and fills only the
fields still empty, recording ``article.sources[field] = "generic"``; it also works alone on a
fresh Article. Metadata comes from JSON-LD, meta tags and DOM heuristics (bylines, ``<time>``,
deks) in :mod:`scraper.extract.generic_meta`; the body from content scoring over an lxml tree
in :mod:`scraper.extract.generic_body`, converted to contract blocks by
:mod:`scraper.html_blocks`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scraper.extract.fields import same_image, set_lead_image
from scraper.model import Article, Block, RelatedLink

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

    from scraper.extract.document import Document

SOURCE = "generic"
_WORD = re.compile(r"\w+")


def lxml_root(doc: Document) -> Element:
    """An lxml parse of the page that the generic layer owns (it prunes it in place)."""
    from lxml import etree

    shared = doc.cache.pop("lxml_tree", None)
    if shared is not None:
        # the generic layer runs last: it takes over the read-only parse the page index made
        # (and removes it from the cache, so nobody else reads the pruned tree)
        return shared
    html = doc.html
    if html is None:
        html = str(doc.soup)
    parser = etree.HTMLParser(
        encoding=None if isinstance(html, bytes) else "utf-8", remove_comments=True, remove_pis=True
    )
    data = html if isinstance(html, bytes) else html.encode("utf-8", errors="replace")
    root = None
    if data.strip():
        try:
            root = etree.fromstring(data, parser=parser)
        except (etree.ParserError, ValueError):  # lxml gives up on some broken documents
            root = None
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", parser=parser)
    return root


def _set(article: Article, name: str, value: object) -> None:
    if value in (None, "", [], {}):
        return
    current = getattr(article, name)
    if current not in (None, "", []):
        return
    setattr(article, name, value)
    article.sources[name] = SOURCE


def fill(doc: Document, article: Article) -> None:
    """Fill every still-empty field of ``article`` that the heuristics can find."""
    from scraper.extract import generic_meta
    from scraper.extract.generic_body import find_body

    root = lxml_root(doc)
    raw = doc.html if isinstance(doc.html, str) else None
    meta = generic_meta.extract_meta(root, doc.base_url or doc.url, raw)
    for name in (
        "canonical_url",
        "site_name",
        "title",
        "subtitle",
        "authors",
        "published_at",
        "updated_at",
        "reading_time_minutes",
        "section",
        "tags",
        "language",
    ):
        _set(article, name, getattr(meta, name))
    # The same image found by an earlier layer (og:image) gains the figure's caption and credit.
    set_lead_image(doc, article, meta.lead_image, SOURCE, merge=True)

    jsonld_body = article.extractor == "jsonld" and bool(article.blocks)
    if article.blocks and article.related and not jsonld_body:
        return
    related = generic_meta.related_links(root, doc.base_url or doc.url, article.url)
    if not article.blocks or jsonld_body:
        body = find_body(root, article.title or meta.title, article.url)
        blocks = _body_blocks(body, doc, article, meta.dek) if body is not None else []
        if blocks and (not article.blocks or _truncated(article.blocks, blocks)):
            article.blocks = blocks
            article.extractor = SOURCE
            article.sources["blocks"] = SOURCE
    if not article.related and related:
        article.related = [RelatedLink(title=t, url=u) for t, u in related]
        article.sources["related"] = SOURCE


def _body_blocks(
    body: Element, doc: Document, article: Article, dek: str | None = None
) -> list[Block]:
    from scraper.extract.generic_body import to_html
    from scraper.html_blocks import dedupe_blocks, fragment_to_blocks

    try:
        blocks = fragment_to_blocks(to_html(body), doc.base_url or doc.url)
    except RecursionError:  # pathologically deep markup
        return []
    blocks = [b for b in blocks if not _is_markup_text(b)]
    blocks = _drop_lead_repeats(blocks, article, dek)
    blocks = dedupe_blocks(blocks)
    if any(b["type"] in ("paragraph", "quote", "list", "table") for b in blocks):
        return blocks
    return []


def _truncated(current: list[Block], found: list[Block]) -> bool:
    """Whether the body the page shows should replace the body from JSON-LD ``articleBody``:
    when articleBody is a truncated copy of it (teaser-length articleBody on paywalled or
    "read more" pages: the page's body contains nearly all of it and is much longer), or when
    both hold the same text and the page's copy keeps section headings that articleBody lost."""
    from collections import Counter

    from scraper.render import blocks_to_text

    have = Counter(_WORD.findall(blocks_to_text(current)))
    new = Counter(_WORD.findall(blocks_to_text(found)))
    n_have, n_new = sum(have.values()), sum(new.values())
    if not n_have or not n_new:
        return False
    common = sum((have & new).values())
    covers_jsonld = common / n_have
    if n_new >= 1.5 * n_have and covers_jsonld >= 0.9:
        return True
    # the same text, but articleBody lost section headings that the page shows
    headings = sum(1 for b in found if b["type"] == "heading")
    had = sum(1 for b in current if b["type"] == "heading")
    return headings > had and covers_jsonld >= 0.9 and common / n_new >= 0.95


def _is_markup_text(block: dict) -> bool:
    text = block.get("text") or ""
    return block["type"] == "paragraph" and text.startswith("<") and text.rstrip().endswith(">")


def _drop_lead_repeats(blocks: list, article: Article, dek: str | None = None) -> list:
    """Drop a leading heading/paragraph that repeats the title or the dek shown above the
    body, and the lead image when it opens the body. (A first paragraph that merely equals
    the meta description is body text: sites often use it as the description.)"""
    from scraper.extract.generic_body import _key

    keys = {_key(x) for x in (article.title, dek) if x}
    out = list(blocks)
    while out:
        first = out[0]
        if first["type"] in ("heading", "paragraph") and _key(first.get("text") or "") in keys:
            out.pop(0)
            continue
        if (
            first["type"] == "image"
            and article.lead_image is not None
            and same_image(first.get("url"), article.lead_image.url)
        ):
            out.pop(0)
            continue
        break
    return out
