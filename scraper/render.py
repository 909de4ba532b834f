"""Writers: blocks to plain text and Markdown, and a whole article to Markdown with front matter."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scraper.model import Article, Block


def block_text(block: Block) -> str:
    """The plain text of one block ('' for blocks without reading text, such as images)."""
    kind = block["type"]
    if kind in ("paragraph", "heading", "quote"):
        return block.get("text") or ""
    if kind == "list":
        return "\n".join(block.get("items") or [])
    if kind == "table":
        return "\n".join(" | ".join(row) for row in block.get("rows") or [])
    return ""


def blocks_to_text(blocks: Iterable[Block]) -> str:
    """Paragraphs (and headings, quotes, lists) separated by blank lines."""
    return "\n\n".join(t for t in (block_text(b) for b in blocks) if t)


def _md_escape_line_start(text: str) -> str:
    # A line that starts with a Markdown marker would change meaning; escape that marker.
    if text[:1] in "#>+-*" or (text[:1].isdigit() and ". " in text[:6]):
        head, _, _ = text.partition(" ")
        if (
            head.rstrip(".").isdigit()
            or head in ("#", "##", ">", "+", "-", "*")
            or head[:1] in "#>"
        ):
            return "\\" + text
    return text


def _image_md(block: Block) -> str:
    alt = (block.get("alt") or block.get("caption") or "").replace("]", "\\]").replace("[", "\\[")
    out = f"![{alt}]({block['url']})"
    note = " — ".join(x for x in (block.get("caption"), block.get("credit")) if x)
    if note:
        out += f"\n*{note}*"
    return out


def block_markdown(block: Block) -> str:
    kind = block["type"]
    if kind == "paragraph":
        return _md_escape_line_start(block.get("markdown") or block.get("text") or "")
    if kind == "heading":
        level = min(max(int(block.get("level") or 2), 2), 6)
        return "#" * level + " " + (block.get("text") or "")
    if kind == "quote":
        body = block.get("markdown") or block.get("text") or ""
        lines = [f"> {line}" if line else ">" for line in body.split("\n")]
        if block.get("attribution"):
            lines.append(">")
            lines.append(f"> — {block['attribution']}")
        return "\n".join(lines)
    if kind == "list":
        items = block.get("items_markdown") or block.get("items") or []
        if block.get("ordered"):
            return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
        return "\n".join(f"- {item}" for item in items)
    if kind == "image":
        return _image_md(block) if block.get("url") else ""
    if kind == "embed":
        url = block.get("url")
        label = block.get("text") or f"{(block.get('provider') or 'embed').title()} embed"
        return f"[{label}]({url})" if url else ""
    if kind == "table":
        rows = block.get("rows") or []
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        norm = [[c.replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in rows]
        out = ["| " + " | ".join(norm[0]) + " |", "|" + " --- |" * width]
        out += ["| " + " | ".join(r) + " |" for r in norm[1:]]
        return "\n".join(out)
    return ""


def blocks_to_markdown(blocks: Iterable[Block]) -> str:
    return "\n\n".join(m for m in (block_markdown(b) for b in blocks) if m)


def _yaml_scalar(value: Any) -> str:
    # JSON strings, numbers, null and lists are valid YAML flow scalars.
    return json.dumps(value, ensure_ascii=False)


def front_matter(data: dict[str, Any]) -> str:
    lines = ["---"]
    for key in (
        "title",
        "subtitle",
        "authors",
        "published_at",
        "updated_at",
        "url",
        "canonical_url",
        "site_name",
        "section",
        "tags",
        "reading_time_minutes",
    ):
        value = data.get(key)
        if value in (None, "", []):
            continue
        lines.append(f"{key}: {_yaml_scalar(value)}")
    image = data.get("lead_image")
    if image and image.get("url"):
        lines.append("lead_image:")
        for key in ("url", "caption", "credit", "alt"):
            if image.get(key):
                lines.append(f"  {key}: {_yaml_scalar(image[key])}")
    lines.append("---")
    return "\n".join(lines)


def article_to_markdown(article: Article | dict[str, Any]) -> str:
    """Front matter, title, subtitle, lead image, body, then a Related list."""
    data = article if isinstance(article, dict) else article.to_dict()
    parts = [front_matter(data)]
    if data.get("title"):
        parts.append("# " + data["title"])
    if data.get("subtitle"):
        parts.append("*" + data["subtitle"] + "*")
    image = data.get("lead_image")
    if image and image.get("url"):
        parts.append(_image_md({"type": "image", **image}))
    if data.get("body_markdown"):
        parts.append(data["body_markdown"])
    related = data.get("related") or []
    if related:
        items = "\n".join(f"- [{r['title']}]({r['url']})" for r in related)
        parts.append("## Related\n\n" + items)
    return "\n\n".join(parts) + "\n"
