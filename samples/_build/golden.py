"""The expected (golden) article of a sample, computed from the story data, not from the page.

The rules are those of /work/notes/contract.md; the writers (body_text, body_markdown, article
Markdown, word count) are the project's own so that conventions match.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from qt import HOST, PUBLISHER, Element, Story, image_url, iso_utc

from scraper.render import blocks_to_markdown, blocks_to_text
from scraper.text import clean, count_words

_BR = "\x00BR\x00"


def _inline(node: Tag, base: str) -> tuple[str, str]:
    """(text, markdown) of an element's inline content, per the contract's inline rules."""
    text_parts: list[str] = []
    md_parts: list[str] = []
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is not NavigableString:  # comments and the like
                continue
            text_parts.append(str(child))
            md_parts.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            text_parts.append(_BR)
            md_parts.append(_BR)
            continue
        t, m = _inline(child, base)
        if name == "a" and child.get("href"):
            href = urljoin(base, str(child["href"]))
            md_parts.append(f"[{m}]({href})")
        elif name in ("em", "i"):
            md_parts.append(f"*{m}*")
        elif name in ("strong", "b"):
            md_parts.append(f"**{m}**")
        elif name == "code":
            md_parts.append(f"`{m}`")
        else:
            md_parts.append(m)
        text_parts.append(t)
    return "".join(text_parts), "".join(md_parts)


def _finish(raw: str) -> str:
    return "\n".join(clean(part) for part in raw.split(_BR)).strip("\n")


def inline(node: Tag, base: str = HOST) -> tuple[str, str]:
    t, m = _inline(node, base)
    return _finish(t), _finish(m)


def html_blocks(html: str, base: str = HOST) -> list[dict[str, Any]]:
    """Blocks of a text element's HTML (top-level p, h1-h6, ul/ol, blockquote)."""
    soup = BeautifulSoup(html, "html.parser")
    blocks: list[dict[str, Any]] = []
    for node in soup.children:
        if isinstance(node, NavigableString):
            if clean(str(node)):
                raise ValueError(f"stray text in sample HTML: {node!r}")
            continue
        assert isinstance(node, Tag)
        if node.name == "p":
            t, m = inline(node, base)
            blocks.append({"type": "paragraph", "text": t, "markdown": m})
        elif node.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = max(2, int(node.name[1]))
            blocks.append({"type": "heading", "level": level, "text": inline(node, base)[0]})
        elif node.name in ("ul", "ol"):
            items = [inline(li, base) for li in node.find_all("li", recursive=False)]
            blocks.append(
                {
                    "type": "list",
                    "ordered": node.name == "ol",
                    "items": [t for t, _ in items],
                    "items_markdown": [m for _, m in items],
                }
            )
        elif node.name == "blockquote":
            t, m = inline(node, base)
            blocks.append({"type": "quote", "text": t, "markdown": m, "attribution": None})
        else:
            raise ValueError(f"unexpected top-level tag in sample HTML: {node.name}")
    return blocks


def strip_tags(html: str | None) -> str:
    if not html:
        return ""
    return clean(BeautifulSoup(html, "html.parser").get_text())


def element_blocks(el: Element) -> list[dict[str, Any]]:
    kind, sub = el["type"], el.get("subtype")
    if kind == "title":
        return [{"type": "heading", "level": 2, "text": clean(el["text"])}]
    if kind == "image":
        caption = strip_tags(el.get("title")) or None
        return [
            {
                "type": "image",
                "url": image_url(el["image-s3-key"]),
                "caption": caption,
                "credit": clean(el.get("image-attribution")) or None,
                "alt": clean(el.get("alt-text")) or caption,
            }
        ]
    if kind == "youtube-video":
        return [{"type": "embed", "provider": "youtube", "url": el["url"], "text": None}]
    if kind == "jsembed" and sub == "tweet":
        return [
            {
                "type": "embed",
                "provider": "twitter",
                "url": el["metadata"]["tweet-url"],
                "text": clean(el["_tweet_text"]) or None,
            }
        ]
    if kind != "text":
        raise ValueError(f"no golden rule for element {kind}/{sub}")
    if sub is None or sub == "summary":
        return html_blocks(el["text"])
    if sub in ("quote", "blockquote"):
        frag = BeautifulSoup(f"<div>{el['metadata']['content']}</div>", "html.parser").div
        assert frag is not None
        t, m = inline(frag)
        attribution = clean(el["metadata"].get("attribution")) or None
        return [{"type": "quote", "text": t, "markdown": m, "attribution": attribution}]
    if sub == "blurb":
        blocks = html_blocks(el["text"])
        assert len(blocks) == 1 and blocks[0]["type"] == "quote"
        return blocks
    if sub == "bigfact":
        fact = clean(el["metadata"]["attribution"])
        content = clean(el["metadata"]["content"])
        return [
            {"type": "paragraph", "text": fact, "markdown": fact},
            {"type": "paragraph", "text": content, "markdown": content},
        ]
    if sub == "also-read":
        return []
    raise ValueError(f"no golden rule for text subtype {sub}")


def _dedupe(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for b in blocks:
        if b["type"] in ("paragraph", "heading", "quote") and not b["text"]:
            continue
        if out and out[-1] == b:
            continue
        out.append(b)
    return out


def story_blocks(story: Story, only_types: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for card in story["cards"]:
        for el in card["story-elements"]:
            if only_types and el["type"] not in only_types:
                continue
            blocks.extend(element_blocks(el))
    return _dedupe(blocks)


def story_related(story: Story, extra: list[tuple[str, str]] = ()) -> list[dict[str, str]]:  # type: ignore[assignment]
    links: list[dict[str, str]] = []
    seen = {story["url"]}
    for card in story["cards"]:
        for el in card["story-elements"]:
            if el["type"] == "text" and el.get("subtype") == "also-read":
                linked = story["linked-stories"][el["metadata"]["linked-story-id"]]
                if linked["url"] not in seen:
                    seen.add(linked["url"])
                    links.append({"title": clean(linked["headline"]), "url": linked["url"]})
    for title_, url in extra:
        if url not in seen:
            seen.add(url)
            links.append({"title": clean(title_), "url": url})
    return links


def golden_article(story: Story, page: dict[str, Any]) -> dict[str, Any]:
    """The contract dict the extractor must produce for this page."""
    layer = page["extractor"]
    blocks = story_blocks(story)
    hero_key = story.get("hero-image-s3-key")
    lead = None
    if hero_key:
        caption = strip_tags(story.get("hero-image-caption")) or None
        credit = clean(story.get("hero-image-attribution")) or None
        alt = clean(story.get("hero-image-alt-text")) or caption or clean(story["headline"])
        lead = {"url": image_url(hero_key), "caption": caption, "credit": credit, "alt": alt}
    reading_time = story.get("read-time")
    if layer == "jsonld":
        # Only what the JSON-LD, meta tags and the plain HTML carry.
        reading_time = None
        if lead:
            lead = {**lead, "caption": None, "credit": None}
    body_text = blocks_to_text(blocks)
    first_section = story["sections"][0]
    return {
        "schema_version": "1.0",
        "url": story["url"],
        "canonical_url": story["url"],
        "site_name": PUBLISHER,
        "title": clean(story["headline"]),
        "subtitle": clean(story.get("subheadline")) or None,
        "authors": [clean(a["name"]) for a in story["authors"]],
        "published_at": iso_utc(story["first-published-at"]),
        "updated_at": iso_utc(story["updated-at"]),
        "reading_time_minutes": reading_time,
        "section": first_section["display-name"],
        "tags": [clean(t["name"]) for t in story["tags"]],
        "language": "en",
        "lead_image": lead,
        "blocks": blocks,
        "body_text": body_text,
        "body_markdown": blocks_to_markdown(blocks),
        "related": story_related(story, [(c[1], c[0]) for c in page.get("aside_cards", [])]),
        "word_count": count_words(body_text),
        "extractor": layer,
    }
