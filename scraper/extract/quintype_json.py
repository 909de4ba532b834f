"""Layer 1: the embedded Quintype story JSON.

Sources, in order: ``<script type="application/json" id="static-page">`` (the serialized Redux
state: ``qt.pageType``, ``qt.data.story``, ``qt.config``), or a JSON document given in place of
HTML: ``/route-data.json`` (``{pageType, data: {story}, config}``) or the story API
(``{story: {...}}``). Timestamps are epoch milliseconds; image URLs are built from
``config["cdn-image"]`` and the S3 key exactly as arrow writes them.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from scraper.errors import NotArticle
from scraper.extract.dates import to_utc_iso
from scraper.extract.fields import add_related, lock, set_field, set_lead_image
from scraper.extract.index import page_index
from scraper.extract.jsontext import loads, unwrap
from scraper.html_blocks import (
    FragmentParser,
    add_block,
    blocks_to_quote,
    embed_block,
    embed_from_url,
    fragment_inline,
    fragment_to_blocks,
    image_block,
    tweet_status_url,
)
from scraper.model import LeadImage, RelatedLink
from scraper.render import md_escape, md_escape_inline, md_link
from scraper.text import clean
from scraper.urls import absolute_url

if TYPE_CHECKING:
    from scraper.extract.document import Document
    from scraper.model import Article, Block

LAYER = "quintype_json"
DEFAULT_CDN = "media.assettype.com"
STORY_PAGE = "story-page"
MAX_READ_TIME = 10_000  # minutes; a larger "read-time" is garbage


@dataclass
class QuintypeState:
    page_type: str | None
    story: dict[str, Any] | None
    config: dict[str, Any]
    data: dict[str, Any]


def parse_state(raw: Any) -> QuintypeState | None:
    """Normalise the three JSON shapes (Redux state, route-data, story API) to one record."""
    if not isinstance(raw, dict):
        return None
    root = raw.get("qt") if isinstance(raw.get("qt"), dict) else raw
    data = root.get("data") if isinstance(root.get("data"), dict) else {}
    config = root.get("config") if isinstance(root.get("config"), dict) else {}
    story = data.get("story") if isinstance(data.get("story"), dict) else None
    if story is None and isinstance(root.get("story"), dict):
        story = root["story"]
    page_type = root.get("pageType") or root.get("page-type")
    if not isinstance(page_type, str):
        page_type = None
    if story is None and page_type is None:
        return None
    return QuintypeState(page_type=page_type, story=story, config=config, data=data)


def load_state(doc: Document) -> QuintypeState | None:
    if "qt_state" in doc.cache:
        return doc.cache["qt_state"]
    raw: Any = doc.cache.get("raw_json")
    shell = False
    if raw is None:
        idx = page_index(doc)
        text, shell = idx.state_json, idx.state_is_shell
        if text and text.strip():
            raw = loads(text)
            if raw is None:  # wrapped in a comment or CDATA section
                text = unwrap(text)
                raw = loads(text)
            if raw is None and "&quot;" in text:  # HTML-escaped state
                raw = loads(unescape(text))
    state = parse_state(raw)
    if state is not None and shell:
        state.page_type = None  # a service-worker shell says nothing about the page
    doc.cache["qt_state"] = state
    return state


# --------------------------------------------------------------------------- helpers


def cdn_host(config: dict[str, Any]) -> str:
    host = config.get("cdn-image") or config.get("cdn-name") or DEFAULT_CDN
    if not isinstance(host, str) or not host.strip():
        host = DEFAULT_CDN
    host = host.strip().removeprefix("https://").removeprefix("http://").strip("/")
    return host or DEFAULT_CDN


def image_url_from_key(key: Any, config: dict[str, Any]) -> str | None:
    """``https://<cdn-image>/<s3 key with "/" as %2F>`` (encodeURIComponent, as arrow does)."""
    if not isinstance(key, str) or not key.strip():
        return None
    key = key.strip()
    if key.startswith(("http://", "https://", "//")):
        from scraper.html_blocks import normalize_image_url

        return normalize_image_url(key)
    encoded = quote(key, safe="!~*'()")
    return f"https://{cdn_host(config)}/{encoded}"


def _list(value: Any) -> list[Any]:
    """``value`` when it is a list, else an empty list (JSON of the wrong shape is ignored)."""
    return value if isinstance(value, list) else []


def _strip(value: Any) -> str:
    """Plain text of a JSON string that may hold HTML."""
    if not isinstance(value, str):
        return ""
    return fragment_inline(value, None)[0] if "<" in value or "&" in value else clean(value)


def _site_base(state: QuintypeState, fallback: str) -> str:
    host = state.config.get("sketches-host")
    return host.rstrip("/") + "/" if isinstance(host, str) and host.startswith("http") else fallback


def _story_url(story: dict[str, Any], base: str) -> str | None:
    url = story.get("url")
    if isinstance(url, str) and url.strip():
        return absolute_url(url, base)
    slug = story.get("slug")
    if isinstance(slug, str) and slug.strip():
        return absolute_url(slug.lstrip("/"), base)
    return None


def _decode_embed(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    if "<" in value:
        return value
    try:
        return base64.b64decode(value + "=" * (-len(value) % 4)).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return None


def _as_paragraphs(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if b["type"] in ("heading", "quote"):
            out.append(
                {
                    "type": "paragraph",
                    "text": b["text"],
                    "markdown": b.get("markdown") or md_escape(b["text"]),
                }
            )
        else:
            out.append(b)
    return out


def quote_from_html(
    content: str | None, attribution: Any, base: str, parser: FragmentParser | None = None
) -> Block | None:
    """One quote block from an HTML quote body (paragraphs joined with a line break)."""
    attribution = _strip(attribution).lstrip("—–- ").strip() or None
    return blocks_to_quote(fragment_to_blocks(content or "", base, parser=parser), attribution)


def _question(text: str) -> Block | None:
    text = clean(text)
    return (
        {"type": "paragraph", "text": text, "markdown": f"**{md_escape_inline(text)}**"}
        if text
        else None
    )


# --------------------------------------------------------------------------- elements


def _fragments(cards: Any) -> list[str]:
    """Every HTML string of the story elements, for one batched parse."""
    out: list[str] = []

    def visit(el: Any) -> None:
        if not isinstance(el, dict):
            return
        text = el.get("text")
        if isinstance(text, str) and "<" in text:
            out.append(text)
        meta = el.get("metadata")
        if isinstance(meta, dict):
            out.extend(
                v
                for k, v in meta.items()
                if k in ("content", "answer") and isinstance(v, str) and "<" in v
            )
        for sub in _list(el.get("story-elements")):
            visit(sub)

    for card in cards if isinstance(cards, list) else []:
        if isinstance(card, dict):
            for el in _list(card.get("story-elements")):
                visit(el)
    return out


class _Body:
    def __init__(self, state: QuintypeState, base: str) -> None:
        self.state = state
        self.base = base
        self.config = state.config
        self.blocks: list[Block] = []
        self.related: list[RelatedLink] = []
        story = state.story or {}
        linked = story.get("linked-stories")
        self.linked: dict[str, Any] = linked if isinstance(linked, dict) else {}
        self.parser = FragmentParser(_fragments(story.get("cards")))

    def frag(self, html: str | None) -> list[Block]:
        return fragment_to_blocks(html, self.base, parser=self.parser)

    def extend(self, blocks: list[Block]) -> None:
        for b in blocks:
            add_block(self.blocks, b)

    def element(self, el: dict[str, Any]) -> None:
        kind = el.get("type").lower() if isinstance(el.get("type"), str) else ""
        subtype = el.get("subtype").lower() if isinstance(el.get("subtype"), str) else ""
        meta = el.get("metadata") if isinstance(el.get("metadata"), dict) else {}
        text = el.get("text") if isinstance(el.get("text"), str) else ""
        if kind == "text":
            self.text_element(subtype, text, meta, el)
        elif kind == "title":
            title = _strip(text)
            if title:
                add_block(self.blocks, {"type": "heading", "level": 2, "text": title})
        elif kind == "image":
            self.image(el)
        elif kind == "image-gallery" or (kind == "composite" and subtype in ("image-gallery", "")):
            for sub in _list(el.get("story-elements")):
                if isinstance(sub, dict):
                    self.element(sub)
        elif kind in ("youtube-video", "youtube") or subtype == "youtube-video":
            url = el.get("url") or el.get("embed-url") or meta.get("video-url") or meta.get("url")
            add_block(self.blocks, embed_from_url(url if isinstance(url, str) else None))
        elif kind in ("jsembed", "tweet") or subtype in ("tweet", "instagram"):
            self.jsembed(subtype or kind, el, meta)
        elif kind == "attachment" or subtype == "attachment":
            url = el.get("url") if isinstance(el.get("url"), str) else None
            name = el.get("file-name") or el.get("title")
            add_block(
                self.blocks, embed_block("attachment", absolute_url(url, self.base), _strip(name))
            )
        elif kind == "composite":
            for sub in _list(el.get("story-elements")):
                if isinstance(sub, dict):
                    self.element(sub)

    def text_element(
        self, subtype: str, text: str, meta: dict[str, Any], el: dict[str, Any]
    ) -> None:
        base = self.base
        if subtype == "also-read":
            self.also_read(text, meta)
        elif subtype in ("quote", "blockquote", "pull-quote"):
            content = meta.get("content") if isinstance(meta.get("content"), str) else None
            add_block(
                self.blocks,
                quote_from_html(content or text, meta.get("attribution"), base, self.parser),
            )
        elif subtype == "blurb":
            content = text or (meta.get("content") if isinstance(meta.get("content"), str) else "")
            add_block(
                self.blocks, quote_from_html(content, meta.get("attribution"), base, self.parser)
            )
        elif subtype in ("summary", "bigfact"):
            blocks = self.frag(text)
            if not blocks and subtype == "bigfact":
                for key in ("content", "attribution"):
                    blocks.extend(
                        self.frag(meta.get(key) if isinstance(meta.get(key), str) else "")
                    )
            self.extend(_as_paragraphs(blocks))
        elif subtype == "q-and-a":
            self.qa(text, meta)
        elif subtype == "question":
            add_block(self.blocks, _question(_strip(text)))
        elif subtype == "answer":
            self.extend(_as_paragraphs(self.frag(text)))
        elif subtype == "cta":
            title = _strip(meta.get("cta-title")) or _strip(text)
            url = (
                absolute_url(meta.get("cta-url"), base)
                if isinstance(meta.get("cta-url"), str)
                else None
            )
            if title:
                md = md_link(md_escape_inline(title), url) if url else md_escape(title)
                add_block(self.blocks, {"type": "paragraph", "text": title, "markdown": md})
        elif subtype == "references":
            self.references(meta)
        else:
            self.extend(self.frag(text))

    def qa(self, text: str, meta: dict[str, Any]) -> None:
        q, a = meta.get("question"), meta.get("answer")
        if isinstance(q, str) or isinstance(a, str):
            add_block(self.blocks, _question(_strip(q)))
            self.extend(_as_paragraphs(self.frag(a if isinstance(a, str) else "")))
            return
        from scraper.html_blocks import element_to_blocks, parse_fragment

        soup = parse_fragment(text)
        found = False
        for node in soup.find_all(True, class_=True):
            classes = " ".join(node.get("class") or []).lower()
            if "question" in classes:
                add_block(self.blocks, _question(node.get_text(" ")))
                found = True
            elif "answer" in classes:
                self.extend(_as_paragraphs(element_to_blocks(node, self.base)))
                found = True
        if not found:
            self.extend(_as_paragraphs(self.frag(text)))

    def references(self, meta: dict[str, Any]) -> None:
        items: list[str] = []
        items_md: list[str] = []
        for ref in _list(meta.get("references")):
            if not isinstance(ref, dict):
                continue
            name = _strip(ref.get("name"))
            desc = _strip(ref.get("description"))
            url = (
                absolute_url(ref.get("url"), self.base) if isinstance(ref.get("url"), str) else None
            )
            if not name:
                continue
            text = f"{name}: {desc}" if desc else name
            items.append(text)
            link = md_link(md_escape_inline(name), url) if url else md_escape(name)
            items_md.append(link + (f": {md_escape_inline(desc)}" if desc else ""))
        if items:
            add_block(
                self.blocks,
                {"type": "list", "ordered": False, "items": items, "items_markdown": items_md},
            )

    def image(self, el: dict[str, Any]) -> None:
        url = image_url_from_key(el.get("image-s3-key"), self.config) or (
            absolute_url(el.get("image-url"), self.base)
            if isinstance(el.get("image-url"), str)
            else None
        )
        caption = _strip(el.get("title")) or None
        credit = _strip(el.get("image-attribution")) or None
        alt = _strip(el.get("alt-text")) or caption
        add_block(self.blocks, image_block(url, caption, credit, alt))

    def jsembed(self, subtype: str, el: dict[str, Any], meta: dict[str, Any]) -> None:
        markup = _decode_embed(el.get("embed-js")) or _decode_embed(el.get("embed-code"))
        found = [b for b in self.frag(markup) if b["type"] == "embed"] if markup else []
        if subtype == "tweet" or "tweet-url" in meta or "tweet-id" in meta:
            url = meta.get("tweet-url")
            if isinstance(url, str) and url.strip():
                url = tweet_status_url(url.strip())
            elif found:
                url = found[0].get("url")
            elif meta.get("tweet-id"):
                url = f"https://twitter.com/i/status/{meta['tweet-id']}"
            else:
                url = None
            tweet_text = found[0].get("text") if found else None
            add_block(self.blocks, embed_block("twitter", url, tweet_text))
            return
        if found:
            self.extend(found)
            return
        url = meta.get("instagram-url") or meta.get("url") or el.get("url")
        add_block(self.blocks, embed_from_url(url if isinstance(url, str) else None, self.base))

    def also_read(self, text: str, meta: dict[str, Any]) -> None:
        linked_id = meta.get("linked-story-id")
        linked = self.linked.get(linked_id) if isinstance(linked_id, str) else None
        if not isinstance(linked, dict):
            linked = meta.get("linked-story") if isinstance(meta.get("linked-story"), dict) else {}
        title = _strip(linked.get("headline")) or _strip(text)
        url = _story_url(linked, self.base) if linked else None
        if title and url:
            self.related.append(RelatedLink(title=title, url=url))


# --------------------------------------------------------------------------- layer


def _names(story: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for author in _list(story.get("authors")):
        name = _strip(author.get("name")) if isinstance(author, dict) else _strip(author)
        if name and name not in names:
            names.append(name)
    if not names and isinstance(story.get("author-name"), str):
        name = _strip(story["author-name"])
        if name:
            names.append(name)
    return names


def _related_stories(state: QuintypeState, base: str) -> list[RelatedLink]:
    out: list[RelatedLink] = []
    for key in ("relatedStories", "related-stories"):
        items = state.data.get(key)
        if not isinstance(items, list):
            continue
        for item in items:
            story = item.get("story") if isinstance(item, dict) and "story" in item else item
            if not isinstance(story, dict):
                continue
            title = _strip(story.get("headline"))
            url = _story_url(story, base)
            if title and url:
                out.append(RelatedLink(title=title, url=url))
    return out


def fill(doc: Document, article: Article) -> None:
    state = load_state(doc)
    if state is None:
        return
    if state.page_type is not None and state.page_type != STORY_PAGE:
        raise NotArticle(f"not a story page (Quintype pageType {state.page_type!r})", url=doc.url)
    story = state.story
    if not story:
        return
    base = doc.base_url if doc.base_url.startswith("http") else _site_base(state, doc.base_url)
    fields = {
        "title": ("headline",),
        "subtitle": ("subheadline",),
        "authors": ("authors", "author-name"),
        "published_at": ("first-published-at", "published-at"),
        "updated_at": ("updated-at", "last-published-at", "content-updated-at"),
        "reading_time_minutes": ("read-time",),
        "section": ("sections",),
        "tags": ("tags",),
        "lead_image": ("hero-image-s3-key",),
    }
    set_field(doc, article, "title", _strip(story.get("headline")) or None, LAYER)
    set_field(doc, article, "subtitle", _strip(story.get("subheadline")) or None, LAYER)
    set_field(doc, article, "authors", _names(story), LAYER)
    published = story.get("first-published-at") or story.get("published-at")
    set_field(doc, article, "published_at", to_utc_iso(published), LAYER)
    updated = (
        story.get("updated-at") or story.get("last-published-at") or story.get("content-updated-at")
    )
    set_field(doc, article, "updated_at", to_utc_iso(updated), LAYER)
    read_time = story.get("read-time")
    if (
        isinstance(read_time, int | float)
        and not isinstance(read_time, bool)
        and 0 < read_time < MAX_READ_TIME  # also false for NaN; Infinity is not a time
    ):
        set_field(doc, article, "reading_time_minutes", int(read_time), LAYER)
    sections = story.get("sections")
    if isinstance(sections, list) and sections and isinstance(sections[0], dict):
        first = sections[0]
        set_field(
            doc,
            article,
            "section",
            _strip(first.get("display-name") or first.get("name")) or None,
            LAYER,
        )
    tags = [
        _strip(t.get("name")) if isinstance(t, dict) else _strip(t)
        for t in _list(story.get("tags"))
    ]
    set_field(doc, article, "tags", list(dict.fromkeys(t for t in tags if t)), LAYER)
    canonical = story.get("canonical-url") or story.get("url")
    if isinstance(canonical, str) and canonical.strip():
        set_field(doc, article, "canonical_url", absolute_url(canonical, base), LAYER)
    settings = state.config.get("publisher-settings")
    if isinstance(settings, dict):
        set_field(doc, article, "site_name", _strip(settings.get("title")) or None, LAYER)
    language = state.config.get("language")
    if isinstance(language, dict):
        language = language.get("iso-code") or language.get("ietf-code")
    if isinstance(language, str):
        set_field(doc, article, "language", language.strip() or None, LAYER)

    hero = image_url_from_key(story.get("hero-image-s3-key"), state.config)
    if hero:
        set_lead_image(
            doc,
            article,
            LeadImage(
                url=hero,
                caption=_strip(story.get("hero-image-caption")) or None,
                credit=_strip(story.get("hero-image-attribution")) or None,
                alt=_strip(story.get("hero-image-alt-text")) or None,
            ),
            LAYER,
        )

    body = _Body(state, base)
    for card in _list(story.get("cards")):
        if not isinstance(card, dict):
            continue
        for el in _list(card.get("story-elements")):
            if isinstance(el, dict):
                body.element(el)
    if body.blocks:
        set_field(doc, article, "blocks", body.blocks, LAYER)
        lock(doc, "blocks")
    add_related(doc, article, body.related + _related_stories(state, base), LAYER)
    # What the story JSON settled stays: a field it filled, or one it states is empty. A value
    # it holds but that is unusable (a number for a date string, Infinity minutes) settles
    # nothing, so the page's markup can still fill it.
    lock(
        doc,
        *(
            f
            for f, keys in fields.items()
            if article.sources.get(f) == LAYER
            or (
                any(k in story for k in keys)
                and all(story.get(k) in (None, "", [], {}) for k in keys)
            )
        ),
    )
