"""Layer 2: the @quintype/arrow markup of a text story (site-notes §2.2).

Hooks are the stable ``arr--*``/``arrow-component`` classes and ``data-test-id`` attributes, in
both the older (``arr--publish-details``, ``p.arr--sub-headline``, author ``a > h5``) and newer
(``arr-publish-details``, ``div.arr--sub-headline``, ``arr-name-share span a``) spellings; the
CSS-module hashes are ignored. One pruned walk of the page finds every part of the first story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bs4 import NavigableString, Tag

from scraper.extract.dates import to_utc_iso
from scraper.extract.fields import add_related, set_field, set_lead_image
from scraper.html_blocks import (
    SKIP_TAGS,
    add_block,
    blocks_to_quote,
    container_blocks,
    element_to_blocks,
    image_block,
    image_url,
    inline_markdown,
)
from scraper.model import LeadImage, RelatedLink
from scraper.render import md_escape, md_escape_inline
from scraper.text import clean
from scraper.urls import absolute_url

if TYPE_CHECKING:
    from scraper.extract.document import Document
    from scraper.model import Article, Block

LAYER = "arrow_dom"
_STORY_WRAPPERS = ("arr--text-story-template-wrapper", "arr--content-wrapper")
_LISTING_CARDS = ("arr--story-card", "arr--collection")
_PRUNE_TAGS = frozenset({"header", "footer", "nav", *SKIP_TAGS})
_READ_TIME = re.compile(r"(?<!\d)(\d{1,4})\s*(?:min|minute)", re.I)  # "2 min read"
_ALSO_READ_LABEL = re.compile(r"^\s*also\s*read\s*:?\s*$", re.I)


@dataclass
class ArrowParts:
    story_root: Tag | None = None
    headline: Tag | None = None
    subheadline: Tag | None = None
    section: Tag | None = None
    hero: Tag | None = None
    hero_caption: Tag | None = None
    authors: list[Tag] = field(default_factory=list)
    publish_details: Tag | None = None
    read_time: Tag | None = None
    cards: list[Tag] = field(default_factory=list)
    text_elements: list[Tag] = field(default_factory=list)  # outside any card wrapper
    also_read: list[Tag] = field(default_factory=list)  # outside any card wrapper
    tags: Tag | None = None
    aside: list[Tag] = field(default_factory=list)

    def found(self) -> bool:
        return any((self.headline, self.cards, self.text_elements, self.publish_details, self.hero))


def _classes(tag: Tag) -> list[str]:
    cls = tag.get("class")
    if isinstance(cls, str):
        return cls.split()
    return list(cls) if cls else []


def _tid(tag: Tag) -> str:
    value = tag.get("data-test-id")
    return value if isinstance(value, str) else ""


_ARROW_MARKS = (
    "arr--",
    "arr-publish-details",
    "data-test-id=",
    'data-testid="story-headline"',
    'aria-label="section-name"',
    'aria-label="author-name"',
    'aria-label="story-tag-name"',
)


def _has_arrow_markup(doc: Document) -> bool:
    """Cheap test on the raw page: without any arrow class, test id or label there is nothing
    to scan (and the page need not be parsed with BeautifulSoup at all)."""
    html = doc.html
    if html is None:
        return True
    if isinstance(html, bytes):
        html = html.decode("latin-1")
    return any(mark in html for mark in _ARROW_MARKS)


def find_parts(doc: Document) -> ArrowParts:
    cached = doc.cache.get("arrow_parts")
    if isinstance(cached, ArrowParts):
        return cached
    parts = ArrowParts()
    if not _has_arrow_markup(doc):
        doc.cache["arrow_parts"] = parts
        return parts
    root = doc.soup.body or doc.soup
    _scan(root, parts)
    doc.cache["arrow_parts"] = parts
    return parts


def _scan(node: Tag, parts: ArrowParts) -> None:
    for child in node.children:
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in _PRUNE_TAGS:
            continue
        cls = _classes(child)
        tid = _tid(child)
        if any(c in _STORY_WRAPPERS for c in cls) or tid.startswith("text-story-"):
            if parts.story_root is not None and not _is_inside(child, parts.story_root):
                continue  # a second story (infinite scroll): only the first one counts
            if parts.story_root is None:
                parts.story_root = child
        if "arr--story-page-card-wrapper" in cls:
            parts.cards.append(child)
            continue
        if "arr--aside-collection" in cls or tid == "aside-collection":
            parts.aside.append(child)
            continue
        if any(c in _LISTING_CARDS for c in cls) or tid == "story-card":
            continue
        if name == "h1" and (
            "arr--story--headline-h1" in cls or child.get("data-testid") == "story-headline"
        ):
            if parts.headline is None:
                parts.headline = child
            continue
        if "arr--sub-headline" in cls or tid == "subheadline":
            if parts.subheadline is None:
                parts.subheadline = child
            continue
        if (
            "arr--section-name" in cls
            or child.get("aria-label") == "section-name"
            or tid == "sectionTag"
        ):
            if parts.section is None:
                parts.section = child
            continue
        if "arr--hero-image" in cls or tid == "arr--hero-image":
            if parts.hero is None:
                parts.hero = child
            continue
        if "arr--caption-attribution" in cls or tid == "caption":
            if parts.hero_caption is None:
                parts.hero_caption = child
            continue
        if tid == "author-name":
            parts.authors.append(child)
            continue
        if "arr--publish-details" in cls or "arr-publish-details" in cls or tid == "timeStamp":
            if parts.publish_details is None:
                parts.publish_details = child
            continue
        if "arr--read-time" in cls or tid == "read-time":
            if parts.read_time is None:
                parts.read_time = child
            continue
        if "arr--story-tags" in cls:
            if parts.tags is None:
                parts.tags = child
            continue
        if "arr--text-element" in cls:
            parts.text_elements.append(child)
            continue
        if "arr--also-read-element" in cls or tid == "also-read":
            parts.also_read.append(child)
            continue
        _scan(child, parts)


def _is_inside(tag: Tag, ancestor: Tag) -> bool:
    return any(parent is ancestor for parent in tag.parents)


# --------------------------------------------------------------------------- chrome


def _is_ad_class(c: str) -> bool:
    c = c.lower()
    return (
        c in ("ad", "ads", "advert", "advertisement", "sponsored")
        or c.startswith(
            ("ad-", "ads-", "adv-", "advert", "dfp", "gpt-ad", "google-ad", "adsbygoogle")
        )
        or c.endswith(("-ad", "-ads", "_ad"))
        or "ad-slot" in c
        or "ad-container" in c
        or "ad-wrapper" in c
    )


def is_chrome(tag: Tag) -> bool:
    """Ads, share widgets and also-read teasers inside the story body."""
    cls = _classes(tag)
    tid = _tid(tag)
    if any(_is_ad_class(c) for c in cls):
        return True
    if any(c in ("arr--share", "social-share", "share-wrapper") or "share-m_" in c for c in cls):
        return True
    if (
        "arr--also-read-element" in cls
        or tid == "also-read"
        or tag.get("aria-label") == "also-read"
    ):
        return True
    tag_id = tag.get("id")
    return isinstance(tag_id, str) and tag_id.startswith(("story-share-", "div-gpt-ad", "ad-"))


# --------------------------------------------------------------------------- elements

_KIND_BY_CLASS = {
    "arr--also-read-element": "also-read",
    "story-element-text-also-read": "also-read",
    "arr--text-element": "text",
    "arr--image-element": "image",
    "story-element-image": "image",
    "arr--quote-element": "quote",
    "story-element-text-quote": "quote",
    "arr--block-quote": "quote",
    "arr--blockquote-element": "quote",
    "story-element-text-blockquote": "quote",
    "arr--blurb-element": "quote",
    "story-element-text-blurb": "quote",
    "arr--summary-element": "paragraphs",
    "story-element-text-summary": "paragraphs",
    "arr--bigfact-element": "paragraphs",
    "story-element-text-bigfact": "paragraphs",
    "arr--qa-element": "qa",
    "story-element-text-q-and-a": "qa",
    "story-element-title": "text",
    "story-element-text": "text",
    "story-element-youtube-video": "embed",
    "story-element-jsembed": "embed",
    "arr--attachment-element": "text",
    "arr--reference-element": "text",
}
_KIND_BY_TID = {
    "also-read": "also-read",
    "text": "text",
    "image-element": "image",
    "quote-element": "quote",
    "blockquote": "quote",
    "blurb": "quote",
    "summary": "paragraphs",
    "bigfact": "paragraphs",
}


def element_kind(container: Tag) -> tuple[str, Tag]:
    """The arrow component inside an ``arr--element-container`` (first few tags examined)."""
    for n, tag in enumerate(container.find_all(True)):
        if n > 8:
            break
        for c in _classes(tag):
            kind = _KIND_BY_CLASS.get(c)
            if kind:
                return kind, tag
        kind = _KIND_BY_TID.get(_tid(tag))
        if kind:
            return kind, tag
        tag_id = tag.get("id")
        if isinstance(tag_id, str) and tag_id.startswith(("jsembed-", "video-")):
            return "embed", tag
        if tag.name == "a" and tag.get("aria-label") == "also-read":
            return "also-read", tag
    return "text", container


def _attribution_node(tag: Tag) -> Tag | None:
    for node in tag.find_all(True):
        marker = " ".join(_classes(node)) + " " + _tid(node)
        if "attribution" in marker.lower() or node.name in ("cite", "footer"):
            return node
    return None


def quote_from_dom(tag: Tag, base: str) -> Block | None:
    attr_node = _attribution_node(tag)
    attribution = None
    skip = is_chrome
    if attr_node is not None:
        attribution = inline_markdown(attr_node, base)[0].lstrip("—–- ").strip() or None
        aid = id(attr_node)

        def skip(t: Tag) -> bool:
            return id(t) == aid or is_chrome(t)

    return blocks_to_quote(container_blocks(tag, base, skip=skip), attribution)


def _paragraphs(blocks: list[Block]) -> list[Block]:
    return [
        {
            "type": "paragraph",
            "text": b["text"],
            "markdown": b.get("markdown") or md_escape(b["text"]),
        }
        if b["type"] in ("heading", "quote")
        else b
        for b in blocks
    ]


def _caption_credit(node: Tag | None, base: str) -> tuple[str | None, str | None]:
    if node is None:
        return None, None
    credit_node = node.find(attrs={"data-test-id": "attribution"})
    if credit_node is None:
        for el in node.find_all(True):
            if any("attribution" in c and "caption-attribution" not in c for c in _classes(el)):
                credit_node = el
                break
    credit = inline_markdown(credit_node, base)[0] if credit_node is not None else ""
    cid = id(credit_node)
    caption = inline_markdown(node, base, skip=lambda t: id(t) == cid)[0]
    return caption or None, credit or None


def _is_also_read(tag: Tag) -> bool:
    return (
        "arr--also-read-element" in _classes(tag)
        or _tid(tag) == "also-read"
        or (tag.name == "a" and tag.get("aria-label") == "also-read")
    )


def also_read_link(tag: Tag, base: str) -> RelatedLink | None:
    anchor = tag if tag.name == "a" else tag.find("a", href=True)
    if not isinstance(anchor, Tag):
        return None
    url = absolute_url(anchor.get("href"), base)  # type: ignore[arg-type]
    pieces: list[str] = []
    for s in anchor.find_all(string=True):
        if (
            isinstance(s, NavigableString)
            and s.parent is not None
            and s.parent.name not in SKIP_TAGS
        ):
            text = clean(s)
            if text and not _ALSO_READ_LABEL.match(text):
                pieces.append(text)
    title = clean(" ".join(pieces))
    return RelatedLink(title=title, url=url) if title and url else None


class _Body:
    def __init__(self, base: str) -> None:
        self.base = base
        self.blocks: list[Block] = []
        self.related: list[RelatedLink] = []

    def extend(self, blocks: list[Block]) -> None:
        for b in blocks:
            add_block(self.blocks, b)

    def card(self, wrapper: Tag) -> None:
        containers = [
            c
            for c in wrapper.find_all(class_="arr--element-container")
            if not any(
                "arr--element-container" in _classes(p) for p in c.parents if p is not wrapper
            )
        ]
        if not containers:
            self.extend(element_to_blocks(wrapper, self.base, skip=is_chrome))
            return
        for container in containers:
            self.element(container)

    def element(self, container: Tag) -> None:
        kind, tag = element_kind(container)
        base = self.base
        if kind == "also-read":
            link = also_read_link(tag, base)
            if link:
                self.related.append(link)
        elif kind == "image":
            img = tag.find("img")
            if isinstance(img, Tag):
                caption, credit = _caption_credit(
                    tag.find(class_="arr--caption-attribution") or tag.find("figcaption"), base
                )  # type: ignore[arg-type]
                add_block(
                    self.blocks, image_block(image_url(img, base), caption, credit, img.get("alt"))
                )  # type: ignore[arg-type]
        elif kind == "quote":
            bq = tag.find("blockquote")
            if isinstance(bq, Tag) and "twitter-tweet" in _classes(bq):
                self.extend(element_to_blocks(tag, base, skip=is_chrome))
            else:
                add_block(self.blocks, quote_from_dom(tag, base))
        elif kind == "paragraphs":
            self.extend(_paragraphs(element_to_blocks(tag, base, skip=is_chrome)))
        elif kind == "qa":
            self.qa(tag)
        elif kind == "embed":
            blocks = element_to_blocks(tag, base, skip=is_chrome)
            embeds = [b for b in blocks if b["type"] == "embed"]
            self.extend(embeds or blocks)
        else:
            self.extend(element_to_blocks(tag, base, skip=is_chrome))

    def qa(self, tag: Tag) -> None:
        found = False
        for node in tag.find_all(True):
            marker = (" ".join(_classes(node)) + " " + _tid(node)).lower()
            if "question" in marker and not any(
                p is not tag and "question" in " ".join(_classes(p)).lower()
                for p in node.parents
                if _is_inside(p, tag)
            ):
                text = clean(inline_markdown(node, self.base)[0])
                if text:
                    add_block(
                        self.blocks,
                        {
                            "type": "paragraph",
                            "text": text,
                            "markdown": f"**{md_escape_inline(text)}**",
                        },
                    )
                    found = True
            elif "answer" in marker:
                self.extend(_paragraphs(element_to_blocks(node, self.base, skip=is_chrome)))
                found = True
        if not found:
            self.extend(_paragraphs(element_to_blocks(tag, self.base, skip=is_chrome)))


def _time_value(node: Tag | None) -> str | None:
    if node is None:
        return None
    time = node if node.name == "time" else node.find("time")
    if not isinstance(time, Tag):
        return None
    for attr in ("datetime", "title"):
        value = time.get(attr)
        if isinstance(value, str) and value.strip():
            iso = to_utc_iso(value)
            if iso:
                return iso
    return to_utc_iso(clean(time.get_text()))


def _dates(details: Tag) -> tuple[str | None, str | None]:
    published_node = details.find(attrs={"data-test-id": "publishDetails"})
    updated_node = details.find(attrs={"data-test-id": "updateDetails"})
    if published_node is not None or updated_node is not None:
        return _time_value(published_node), _time_value(updated_node)  # type: ignore[arg-type]
    published = updated = None
    for time in details.find_all("time"):
        label = clean(time.parent.get_text() if time.parent else "").lower()
        value = _time_value(time)
        if "updated" in label and updated is None:
            updated = value
        elif published is None:
            published = value
    return published, updated


def _author_names(nodes: list[Tag]) -> list[str]:
    names: list[str] = []
    for node in nodes:
        anchor = node.find("a", attrs={"aria-label": "author-name"}) or node.find("a")
        source = anchor if isinstance(anchor, Tag) else node
        name = clean(source.get_text(" "))
        name = re.sub(r"^by\s+", "", name, flags=re.I)
        if name and name not in names:
            names.append(name)
    return names


def _tags(node: Tag) -> list[str]:
    found = node.find_all(attrs={"aria-label": "story-tag-name"}) or node.find_all(
        attrs={"data-test-id": "story-tag"}
    )
    if not found:
        found = node.find_all("a")
    return list(dict.fromkeys(clean(t.get_text(" ")) for t in found if clean(t.get_text(" "))))


def _aside_links(aside: Tag, base: str) -> list[RelatedLink]:
    links: list[RelatedLink] = []
    heads = aside.find_all(attrs={"data-test-id": "headline"})
    anchors: list[Tag] = []
    for head in heads:
        a = head if head.name == "a" else head.find("a", href=True)
        if isinstance(a, Tag):
            anchors.append(a)
    if not heads:
        anchors = [a for a in aside.find_all("a", href=True) if isinstance(a, Tag)]
    for a in anchors:
        url = absolute_url(a.get("href"), base)  # type: ignore[arg-type]
        title = clean(a.get_text(" "))
        if url and title:
            links.append(RelatedLink(title=title, url=url))
    return links


def fill(doc: Document, article: Article) -> None:
    parts = find_parts(doc)
    if not parts.found():
        return
    base = doc.base_url
    if parts.headline is not None:
        set_field(doc, article, "title", clean(parts.headline.get_text(" ")) or None, LAYER)
    if parts.subheadline is not None:
        set_field(
            doc, article, "subtitle", inline_markdown(parts.subheadline, base)[0] or None, LAYER
        )
    if parts.section is not None:
        set_field(doc, article, "section", clean(parts.section.get_text(" ")) or None, LAYER)
    set_field(doc, article, "authors", _author_names(parts.authors), LAYER)
    if parts.publish_details is not None:
        published, updated = _dates(parts.publish_details)
        set_field(doc, article, "published_at", published, LAYER)
        set_field(doc, article, "updated_at", updated, LAYER)
        if parts.read_time is None:
            rt = parts.publish_details.find(attrs={"data-test-id": "read-time"})
            parts.read_time = rt if isinstance(rt, Tag) else None
    if parts.read_time is not None:
        m = _READ_TIME.search(parts.read_time.get_text(" "))
        if m:
            set_field(doc, article, "reading_time_minutes", int(m.group(1)), LAYER)
    if parts.tags is not None:
        set_field(doc, article, "tags", _tags(parts.tags), LAYER)
    if parts.hero is not None:
        img = parts.hero.find("img")
        url = image_url(img, base) if isinstance(img, Tag) else None
        if url and isinstance(img, Tag):
            caption, credit = _caption_credit(parts.hero_caption, base)
            alt = clean(img.get("alt") if isinstance(img.get("alt"), str) else "") or None  # type: ignore[arg-type]
            set_lead_image(
                doc,
                article,
                LeadImage(url=url, caption=caption, credit=credit, alt=alt),
                LAYER,
                merge=True,
            )

    body = _Body(base)
    if article.blocks:  # the story JSON gave the body: only the also-read links are wanted
        for wrapper in parts.cards:
            for tag in wrapper.find_all(_is_also_read):
                link = also_read_link(tag, base)
                if link:
                    body.related.append(link)
    elif parts.cards:
        for wrapper in parts.cards:
            body.card(wrapper)
    else:
        for el in parts.text_elements:
            body.extend(element_to_blocks(el, base, skip=is_chrome))
    for tag in parts.also_read:
        link = also_read_link(tag, base)
        if link:
            body.related.append(link)
    if body.blocks:
        set_field(doc, article, "blocks", body.blocks, LAYER)
    related = list(body.related)
    for aside in parts.aside:
        related.extend(_aside_links(aside, base))
    add_related(doc, article, related, LAYER)
