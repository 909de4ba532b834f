"""Writers: blocks to plain text and Markdown, and a whole article to Markdown with front matter."""

from __future__ import annotations

import json
import re
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


# --------------------------------------------------------------------------- Markdown escaping
#
# One place owns Markdown escaping. Literal text becomes Markdown through md_escape_inline()
# (a run of text between markup: emphasis, code and link characters) and every finished line
# through md_escape_line_start() (block markers: "#", ">", "-", "+", "*", "1.", fences, rules);
# md_escape() does both for plain text. scraper.html_blocks calls them while it builds the
# "markdown"/"items_markdown" of its blocks, so those fields are finished Markdown and the
# writers below never escape them again. Escapes are minimal: "5 * 3", "snake_case" and
# "a < b" stay as they are.

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINE_START = re.compile(
    r"(?:#{1,6}|[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)"  # ATX heading, bullet or ordered list marker
    r"|>"  # block quote
    r"|(?:~{3,}|`{3,})"  # code fence
    r"|(?:[-*_][ \t]*){3,}$"  # thematic break
    r"|=+[ \t]*$"  # setext heading underline
)


def md_escape_inline(text: str) -> str:
    """Escape the characters of a literal text run that Markdown would read as markup.

    The run's edges count as unknown context (the run may sit next to other text or a marker),
    so a delimiter there is escaped. Within the run: ``*`` and ``_`` with whitespace on both
    sides stay, as does an intraword ``_`` ("snake_case"); backticks, brackets, a backslash
    before punctuation, ``<`` opening a tag or autolink, and ``&`` opening an entity are escaped.
    """
    if not text or _SPECIAL.search(text) is None:
        return text
    return _SPECIAL.sub(lambda m: _escape_match(text, m), text)


_SPECIAL = re.compile(r"\*+|_+|[`\[\]\\<&]")


def _escape_match(text: str, m: re.Match[str]) -> str:
    run = m.group(0)
    ch = run[0]
    start, end = m.span()
    if ch in "*_":  # a delimiter run: all of it escaped, or none
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if before.isspace() and after.isspace():
            return run
        if ch == "_" and before and after and _is_word(before) and _is_word(after):
            return run  # intraword underscore: literal in CommonMark
        return "\\" + "\\".join(run)
    if ch in "`[]":
        return "\\" + ch
    nxt = text[end] if end < len(text) else ""
    if ch == "\\":
        return "\\\\" if not nxt or nxt in _ASCII_PUNCT else ch
    if ch == "<":
        return "\\<" if not nxt or nxt.isalpha() or nxt in "/!?" else ch
    return "\\&" if _ENTITY.match(text, start) else ch  # "&"


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def md_escape_line_start(line: str) -> str:
    """Escape a block marker that opens a line ("# x", "> x", "- x", "1. x", "```", "---")."""
    m = _LINE_START.match(line)
    if m is None:
        return line
    head = m.group(0)
    if head[:1].isdigit():  # "2024. The year" -> "2024\. The year"
        digits = len(head) - 1
        return line[:digits] + "\\" + line[digits:]
    return "\\" + line


def md_escape_lines(markdown: str) -> str:
    """:func:`md_escape_line_start` on every line of a finished Markdown string."""
    if "\n" not in markdown:
        return md_escape_line_start(markdown)
    return "\n".join(md_escape_line_start(line) for line in markdown.split("\n"))


def md_escape(text: str) -> str:
    """Plain text as Markdown that reads as the same text (inline and line-start escapes)."""
    return md_escape_lines(md_escape_inline(text))


def _md_heading_text(text: str) -> str:
    out = md_escape_inline(text.replace("\n", " "))
    if out.endswith("#"):  # a closing "#" sequence would be dropped
        out = out[:-1] + "\\#"
    return out


def md_link_destination(url: str) -> str:
    """A URL as a Markdown link destination: whitespace, angle brackets, parentheses and
    backslashes percent-encoded (the URL means the same, and no Markdown reads it apart)."""
    if not any(c.isspace() or c in _DEST_UNSAFE for c in url):
        return url
    return "".join(
        f"%{ord(c):02X}" if (c.isspace() and ord(c) < 128) or c in _DEST_UNSAFE else c for c in url
    )


_DEST_UNSAFE = frozenset("<>()\\")


def md_link(label_markdown: str, url: str) -> str:
    """``[label](url)`` with the destination made safe (the label is Markdown already)."""
    return f"[{label_markdown}]({md_link_destination(url)})"


def _emphasis(text: str) -> str:
    """``*text*`` for one line of plain text (a subtitle, an image caption)."""
    core = md_escape_inline(" ".join(text.split()))
    return f"*{core}*" if core else ""


def _image_md(block: Block) -> str:
    alt = md_escape_inline(" ".join((block.get("alt") or block.get("caption") or "").split()))
    out = f"![{alt}]({md_link_destination(block['url'])})"
    note = " — ".join(x for x in (block.get("caption"), block.get("credit")) if x)
    if note:
        out += "\n" + _emphasis(note)
    return out


def block_markdown(block: Block) -> str:
    kind = block["type"]
    if kind == "paragraph":
        return block.get("markdown") or md_escape(block.get("text") or "")
    if kind == "heading":
        level = min(max(int(block.get("level") or 2), 2), 6)
        return "#" * level + " " + _md_heading_text(block.get("text") or "")
    if kind == "quote":
        body = block.get("markdown") or md_escape(block.get("text") or "")
        lines = [f"> {line}" if line else ">" for line in body.split("\n")]
        if block.get("attribution"):
            lines.append(">")
            lines.append(f"> — {md_escape_inline(block['attribution'])}")
        return "\n".join(lines)
    if kind == "list":
        items = block.get("items_markdown") or [md_escape(i) for i in block.get("items") or []]
        if block.get("ordered"):
            return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
        return "\n".join(f"- {item}" for item in items)
    if kind == "image":
        return _image_md(block) if block.get("url") else ""
    if kind == "embed":
        url = block.get("url")
        text = " ".join((block.get("text") or "").split())
        provider = (block.get("provider") or "embed").title()
        label = md_escape_inline(text) if text else f"{provider} embed"
        return md_link(label, url) if url else ""
    if kind == "table":
        rows = block.get("rows") or []
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        norm = [[_cell(c) for c in r] + [""] * (width - len(r)) for r in rows]
        out = ["| " + " | ".join(norm[0]) + " |", "|" + " --- |" * width]
        out += ["| " + " | ".join(r) + " |" for r in norm[1:]]
        return "\n".join(out)
    return ""


def _cell(text: str) -> str:
    return md_escape_inline(" ".join(text.split())).replace("|", "\\|")


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
        parts.append("# " + _md_heading_text(data["title"]))
    if data.get("subtitle"):
        parts.append(_emphasis(data["subtitle"]))
    image = data.get("lead_image")
    if image and image.get("url"):
        parts.append(_image_md({"type": "image", **image}))
    if data.get("body_markdown"):
        parts.append(data["body_markdown"])
    related = data.get("related") or []
    if related:
        items = "\n".join(
            "- " + md_link(md_escape_inline(" ".join(r["title"].split())), r["url"])
            for r in related
        )
        parts.append("## Related\n\n" + items)
    return "\n\n".join(parts) + "\n"
