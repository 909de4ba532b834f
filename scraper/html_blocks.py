"""HTML -> contract blocks: one walk over a BeautifulSoup subtree, no re-parsing.

Public API (used by the site layers and by the generic extractor; keep it stable):

* :func:`element_to_blocks` – a bs4 ``Tag`` (e.g. an article body container) -> ``list[Block]``
* :func:`fragment_to_blocks` – an HTML fragment string (Quintype story-element ``text``) -> blocks
* :func:`inline_markdown` – one tag's inline content -> ``(text, markdown)``
* :func:`image_url` / :func:`normalize_image_url` – the real image URL of an ``<img>``
* :func:`embed_from_url` / :func:`embed_block` – iframes, tweets, YouTube -> embed blocks
* :func:`add_block` / :func:`dedupe_blocks` – drop empty blocks and repeats of the previous block

Block shapes and inline-markdown rules: ``notes/contract.md`` and ``scraper/model.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import unescape as _unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from scraper.model import Block
from scraper.render import (
    md_escape,
    md_escape_inline,
    md_escape_line_start,
    md_link_destination,
)
from scraper.text import clean
from scraper.urls import absolute_url

__all__ = [
    "FragmentParser",
    "SkipFn",
    "add_block",
    "container_blocks",
    "dedupe_blocks",
    "element_to_blocks",
    "embed_block",
    "embed_from_url",
    "fragment_to_blocks",
    "image_block",
    "image_url",
    "inline_markdown",
    "inline_nodes_markdown",
    "limit_depth",
    "make_soup",
    "normalize_image_url",
    "parse_fragment",
    "table_rows",
]

SkipFn = Callable[[Tag], bool]

_BR = "\x00"  # line-break sentinel inside inline buffers

# Tags whose content never reaches a block.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "button",
        "input",
        "select",
        "textarea",
        "option",
        "head",
        "link",
        "meta",
        "title",
        "canvas",
        "object",
        "embed",
        "map",
        "area",
        "audio",
        "source",
        "track",
        "dialog",
        "math",
    }
)
# Phrasing content: part of the surrounding paragraph.
INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    }
)
# Descendants that turn an inline tag (or a <p>) into a container to walk.
_BLOCKISH = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "figure",
    "img",
    "picture",
    "iframe",
    "table",
    "section",
    "article",
    "pre",
    "video",
]
_HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_EM = frozenset({"em", "i"})
_STRONG = frozenset({"strong", "b"})
_CODE = frozenset({"code", "kbd", "samp", "tt"})
# Block-level elements met inside inline content: their edges separate words ("a<div>b</div>"
# is "a b", never "ab").
_PARAGRAPH_BREAKERS = frozenset(
    {
        "p",
        "div",
        "li",
        "section",
        "article",
        "main",
        "dd",
        "dt",
        "dl",
        "tr",
        "td",
        "th",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "ul",
        "ol",
        "figcaption",
        "pre",
        "header",
        "footer",
        "aside",
        "nav",
        "address",
        "center",
        "details",
        "summary",
        "fieldset",
        "legend",
        "hr",
    }
)
_IGNORED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_CREDIT_CLASS = re.compile(
    r"credit|attribution|copyright|source|byline|photographer|courtesy", re.I
)
_ATTR_CLASS = re.compile(r"attribution|author|source|cite|credit", re.I)


# --------------------------------------------------------------------------- blocks list helpers


def _block_is_empty(block: Block) -> bool:
    kind = block["type"]
    if kind in ("paragraph", "heading", "quote"):
        return not block.get("text")
    if kind == "list":
        return not block.get("items")
    if kind == "image":
        return not block.get("url")
    if kind == "embed":
        return not (block.get("url") or block.get("text"))
    if kind == "table":
        return not block.get("rows")
    return False


def add_block(blocks: list[Block], block: Block | None) -> None:
    """Append ``block`` unless it is empty or identical to the previous block."""
    if block is None or _block_is_empty(block):
        return
    if blocks and blocks[-1] == block:
        return
    blocks.append(block)


def blocks_to_quote(blocks: Iterable[Block], attribution: str | None) -> Block | None:
    """One quote block from the blocks of a quote element's body: paragraphs, headings, inner
    quotes and list items become its lines (joined with a line break); an inner quote's
    attribution is used when the element names none. None when there is no text."""
    texts: list[str] = []
    mds: list[str] = []
    for b in blocks:
        if b["type"] in ("paragraph", "quote", "heading"):
            texts.append(b["text"])
            mds.append(b.get("markdown") or md_escape(b["text"]))
            if b["type"] == "quote" and not attribution:
                attribution = b.get("attribution")
        elif b["type"] == "list":
            texts.extend(b["items"])
            mds.extend(b["items_markdown"])
    if not texts:
        return None
    return {
        "type": "quote",
        "text": "\n".join(texts),
        "markdown": "\n".join(mds),
        "attribution": attribution,
    }


def dedupe_blocks(blocks: Iterable[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        add_block(out, block)
    return out


# --------------------------------------------------------------------------- inline markdown


def _wrap(md: str, pre: str, post: str) -> str:
    """``pre + md + post`` with surrounding whitespace kept outside the markers."""
    core = md.strip()
    if not core or not core.replace(_BR, "").strip():
        return md
    lead = md[: len(md) - len(md.lstrip())]
    trail = md[len(md.rstrip()) :]
    return f"{lead}{pre}{core}{post}{trail}"


def _md_literal(s: str) -> str:
    """A text node as Markdown: entities decoded here (``clean`` does it for the plain text),
    then Markdown metacharacters escaped."""
    if "&" in s:
        s = _unescape(s)
    return md_escape_inline(s)


class _Inline:
    """Accumulates (text, markdown) pieces of phrasing content.

    Text nodes are escaped for Markdown as they are added (inside a code span they stay raw),
    and :func:`_finish_md` escapes block markers at the start of each finished line."""

    __slots__ = ("base", "code", "md", "skip", "text")

    def __init__(self, base: str | None, skip: SkipFn | None) -> None:
        self.base = base
        self.skip = skip
        self.code = 0  # > 0 inside a code span: no escapes, no markup
        self.text: list[str] = []
        self.md: list[str] = []

    def node(self, node: Any) -> None:
        if isinstance(node, NavigableString):
            if not isinstance(node, _IGNORED_STRINGS):
                s = str(node)
                self.text.append(s)
                if self.code:
                    self.md.append(_unescape(s) if "&" in s else s)
                else:
                    self.md.append(_md_literal(s))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name == "br":
            self.text.append(_BR)
            self.md.append(_BR)
            return
        if name == "img":
            alt = node.get("alt")
            if _is_inline_img(node) and isinstance(alt, str):
                self.text.append(alt)
                self.md.append(alt)
            return
        if name in SKIP_TAGS or name in ("picture", "iframe", "video", "figure"):
            return
        if self.skip is not None and self.skip(node):
            return
        if self.code:
            breaker = name in _PARAGRAPH_BREAKERS
            if breaker:
                self.text.append(" ")
                self.md.append(" ")
            self.children(node)
            if breaker:
                self.text.append(" ")
                self.md.append(" ")
            return
        if name == "a":
            t0, m0 = len(self.text), len(self.md)
            self.children(node)
            inner_t = "".join(self.text[t0:])
            inner_m = "".join(self.md[m0:])
            del self.md[m0:]
            href = absolute_url(node.get("href"), self.base)  # type: ignore[arg-type]
            if href and inner_t.replace(_BR, "").strip():
                # the label's text is escaped already ("[a]b" stays one label)
                self.md.append(_wrap(inner_m, "[", f"]({md_link_destination(href)})"))
            else:
                self.md.append(inner_m)
            return
        marker = "*" if name in _EM else "**" if name in _STRONG else "`" if name in _CODE else ""
        breaker = name in _PARAGRAPH_BREAKERS
        if breaker:
            self.text.append(" ")
            self.md.append(" ")
        if marker:
            m0 = len(self.md)
            if marker == "`":
                self.code += 1
            try:
                self.children(node)
            finally:
                if marker == "`":
                    self.code -= 1
            inner = "".join(self.md[m0:])
            del self.md[m0:]
            if marker == "`" and "`" in inner:  # a backtick inside: a double-backtick span
                self.md.append(_wrap(inner, "`` ", " ``"))
            else:
                self.md.append(_wrap(inner, marker, marker))
        else:
            self.children(node)
        if breaker:
            self.text.append(" ")
            self.md.append(" ")

    def children(self, tag: Tag) -> None:
        for child in tag.children:
            self.node(child)

    def result(self) -> tuple[str, str]:
        return _finish("".join(self.text)), _finish_md("".join(self.md))


def _finish(raw: str) -> str:
    if _BR not in raw:
        return clean(raw)
    lines = [clean(part) for part in raw.split(_BR)]
    return "\n".join(line for line in lines if line)


def _clean_md(raw: str) -> str:
    # clean() without its entity decoding: the Markdown's entities were decoded before
    # escaping, and what is left ("\\&amp;") must stay as it is
    if "&" not in raw:
        return clean(raw)
    return clean(raw.replace("&", "\x01")).replace("\x01", "&")


def _finish_md(raw: str) -> str:
    """Like :func:`_finish`, then block markers at the start of each line escaped."""
    if _BR not in raw:
        return md_escape_line_start(_clean_md(raw))
    lines = [_clean_md(part) for part in raw.split(_BR)]
    return "\n".join(md_escape_line_start(line) for line in lines if line)


def inline_markdown(
    tag: Tag, base_url: str | None, *, skip: SkipFn | None = None
) -> tuple[str, str]:
    """``(text, markdown)`` of a tag's phrasing content, both cleaned.

    Links become ``[text](absolute url)``, ``em/i`` ``*x*``, ``strong/b`` ``**x**``, ``code`` a
    backtick span, ``<br>`` a single ``\\n``; every other tag leaves no trace.
    """
    acc = _Inline(base_url, skip)
    acc.children(tag)
    return acc.result()


def inline_nodes_markdown(
    nodes: Iterable[Any], base_url: str | None, *, skip: SkipFn | None = None
) -> tuple[str, str]:
    """Like :func:`inline_markdown` for a run of sibling nodes."""
    acc = _Inline(base_url, skip)
    for node in nodes:
        acc.node(node)
    return acc.result()


# --------------------------------------------------------------------------- images


def _is_cdn_host(host: str) -> bool:
    return host == "assettype.com" or host.endswith(".assettype.com")


def normalize_image_url(url: str | None, base_url: str | None = None) -> str | None:
    """Absolute image URL: no data: URIs, ``//host`` gets https, Quintype CDN query dropped."""
    if not isinstance(url, str) or not url:
        return None
    url = url.strip()
    if not url or url.startswith("data:"):
        return None
    if url.startswith("//"):
        url = "https:" + url
    absolute = absolute_url(url, base_url)
    if not absolute:
        return None
    parts = urlsplit(absolute)
    if _is_cdn_host((parts.hostname or "").lower()):
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    return absolute


_LAZY_ATTRS = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
    "src",
)


def _srcset_best(srcset: str) -> str | None:
    best: tuple[float, str] | None = None
    for candidate in srcset.split(","):
        bits = candidate.strip().split()
        if not bits or bits[0].startswith("data:"):
            continue
        size = 0.0
        if len(bits) > 1:
            try:
                size = float(bits[1].rstrip("wx"))
            except ValueError:
                size = 0.0
        if best is None or size >= best[0]:
            best = (size, bits[0])
    return best[1] if best else None


def image_url(img: Tag | Any, base_url: str | None) -> str | None:
    """The real URL of an ``<img>`` (lazy ``data-src`` first, never a data: placeholder); a bs4
    Tag or an lxml element (anything with ``.get(attribute)``)."""
    for attr in _LAZY_ATTRS:
        value = img.get(attr)
        if isinstance(value, str) and value.strip() and not value.strip().startswith("data:"):
            return normalize_image_url(value, base_url)
    for attr in ("data-srcset", "srcset"):
        value = img.get(attr)
        if isinstance(value, str) and value.strip():
            best = _srcset_best(value)
            if best:
                return normalize_image_url(best, base_url)
    return None


def image_block(
    url: str | None,
    caption: str | None = None,
    credit: str | None = None,
    alt: str | None = None,
) -> Block | None:
    if not url:
        return None
    return {
        "type": "image",
        "url": url,
        "caption": clean(caption) or None,
        "credit": clean(credit) or None,
        "alt": clean(alt) or None,
    }


def _find_img(tag: Tag) -> Tag | None:
    if tag.name == "img":
        return tag
    found = tag.find("img")
    return found if isinstance(found, Tag) else None


# --------------------------------------------------------------------------- embeds

_YT_ID = re.compile(  # the host itself or a subdomain of it: not "notyoutube.com"
    r"(?:(?://|\.)youtube(?:-nocookie)?\.com/(?:embed/|v/|shorts/|live/|watch\?(?:.*&)?v=)"
    r"|//youtu\.be/)(?!videoseries\b)([A-Za-z0-9_-]{6,})"
)
_YT_LIST = re.compile(
    r"(?://|\.)youtube(?:-nocookie)?\.com/embed/videoseries\?(?:.*&)?list=([\w-]+)"
)
_TWEET = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/([^/?#]+)/status(?:es)?/(\d+)"
)
_INSTA = re.compile(r"(?://|\.)instagram\.com/(p|reel|tv)/([A-Za-z0-9_-]+)")


def youtube_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def tweet_status_url(url: str) -> str:
    """A tweet URL without tracking query (``?ref_src=...``) or fragment."""
    m = _TWEET.match(url)
    if m:
        host = urlsplit(url).netloc.lower().removeprefix("mobile.")
        return f"https://{host}/{m.group(1)}/status/{m.group(2)}"
    return url


def embed_block(provider: str, url: str | None, text: str | None = None) -> Block:
    return {"type": "embed", "provider": provider, "url": url, "text": clean(text) or None}


def _on_host(host: str, *domains: str) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one ("netflix.com" is not "x.com")."""
    return any(host == d or host.endswith("." + d) for d in domains)


def embed_from_url(src: str | None, base_url: str | None = None) -> Block | None:
    """An embed block for an iframe/embed URL, naming the provider where it is known."""
    if not src:
        return None
    src = src.strip()
    if src.startswith("//"):
        src = "https:" + src
    url = absolute_url(src, base_url)
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    if _on_host(host, "youtube.com", "youtube-nocookie.com", "youtu.be"):
        m = _YT_ID.search(url)
        if m:
            return embed_block("youtube", youtube_url(m.group(1)))
        m = _YT_LIST.search(url)
        if m:  # a playlist player has no video id
            return embed_block("youtube", f"https://www.youtube.com/playlist?list={m.group(1)}")
    if _on_host(host, "twitter.com", "x.com", "twimg.com"):
        if _TWEET.match(url):
            return embed_block("twitter", tweet_status_url(url))
        tweet_id = (query.get("id") or [None])[0]
        if tweet_id and tweet_id.isascii() and tweet_id.isdigit():
            return embed_block("twitter", f"https://twitter.com/i/status/{tweet_id}")
        return embed_block("twitter", url)
    if _on_host(host, "instagram.com"):
        mi = _INSTA.search(url)
        if mi:
            return embed_block(
                "instagram", f"https://www.instagram.com/{mi.group(1)}/{mi.group(2)}/"
            )
        return embed_block("instagram", url)
    if _on_host(host, "facebook.com"):
        target = (query.get("href") or [None])[0]
        return embed_block("facebook", target or url)
    if _on_host(host, "vimeo.com"):
        mv = re.search(r"/(?:video/)?(\d+)", parts.path)
        return embed_block("vimeo", f"https://vimeo.com/{mv.group(1)}" if mv else url)
    for provider in ("tiktok", "spotify", "soundcloud"):
        if _on_host(host, f"{provider}.com"):
            return embed_block(provider, url)
    return embed_block("iframe", url)


def _blockquote_embed(bq: Tag, base_url: str | None) -> Block | None:
    classes = bq.get("class") or []
    if any(c in ("twitter-tweet", "twitter-video") for c in classes):
        status = None
        for a in bq.find_all("a", href=True):
            href = absolute_url(a["href"], base_url)  # type: ignore[arg-type]
            if href and _TWEET.match(href):
                status = tweet_status_url(href)
        p = bq.find("p")
        text = inline_markdown(p, base_url)[0] if isinstance(p, Tag) else None
        return embed_block("twitter", status, text)
    if "instagram-media" in classes:
        link = bq.get("data-instgrm-permalink")
        if not link:
            a = bq.find("a", href=True)
            link = a["href"] if isinstance(a, Tag) else None
        url = absolute_url(link, base_url) if isinstance(link, str) else None
        if url:
            mi = _INSTA.search(url)
            if mi:
                url = f"https://www.instagram.com/{mi.group(1)}/{mi.group(2)}/"
        return embed_block("instagram", url)
    if "tiktok-embed" in classes:
        cite = bq.get("cite")
        return embed_block(
            "tiktok", absolute_url(cite, base_url) if isinstance(cite, str) else None
        )
    if "fb-xfbml-parse-ignore" in classes or "facebook" in " ".join(classes):
        cite = bq.get("cite")
        return embed_block(
            "facebook", absolute_url(cite, base_url) if isinstance(cite, str) else None
        )
    return None


# --------------------------------------------------------------------------- tables


def table_rows(table: Tag) -> list[list[str]]:
    """Rows of cleaned cell texts (rows of nested tables excluded, empty rows dropped)."""
    rows: list[list[str]] = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = [
            inline_markdown(cell, None)[0].replace("\n", " ")
            for cell in tr.find_all(("td", "th"), recursive=False)
        ]
        if any(cells):
            rows.append(cells)
    return rows


# --------------------------------------------------------------------------- block walker


_PIXELS = re.compile(r"\s*[0-9]{1,6}\s*")  # ASCII only: "²".isdigit() but int("²") fails


def _is_inline_img(img: Tag) -> bool:
    """Emoji and icon images that belong to the running text (WordPress ``img.emoji``, ...)."""
    classes = img.get("class") or []
    if any(c in ("emoji", "wp-smiley", "twemoji", "icon") for c in classes):
        return True
    for attr in ("width", "height"):
        value = img.get(attr)
        if isinstance(value, str) and _PIXELS.fullmatch(value) and int(value) <= 24:
            return True
    return False


_BLOCKISH_SET = frozenset(_BLOCKISH)


def _has_blockish(tag: Tag) -> bool:
    # a plain walk: find_all() builds a matcher per call, which costs more than the walk
    for el in tag.descendants:
        if isinstance(el, Tag) and el.name in _BLOCKISH_SET:
            if el.name == "img" and _is_inline_img(el):
                continue
            return True
    return False


def _attribution_node(bq: Tag) -> Tag | None:
    footer = bq.find("footer")
    if isinstance(footer, Tag):
        return footer
    for child in bq.find_all(True, recursive=False):
        if child.name == "cite" or _ATTR_CLASS.search(" ".join(child.get("class") or [])):
            return child
    ps = bq.find_all("p", recursive=False)
    if ps:
        last = ps[-1]
        cite = last.find("cite")
        if isinstance(cite, Tag) and clean(cite.get_text()) != clean(last.get_text()):
            return cite
    return None


def _strip_dash(text: str) -> str:
    return text.lstrip("—–-―~ ").strip()


class _Walker:
    def __init__(self, base_url: str | None, skip: SkipFn | None) -> None:
        self.base = base_url
        self.skip = skip
        self.blocks: list[Block] = []
        self.inline: list[Any] = []

    # -- inline buffer
    def flush(self) -> None:
        if not self.inline:
            return
        nodes, self.inline = self.inline, []
        if all(isinstance(n, NavigableString) and not n.strip() for n in nodes):
            return
        text, md = inline_nodes_markdown(nodes, self.base, skip=self.skip)
        if text:
            add_block(self.blocks, {"type": "paragraph", "text": text, "markdown": md})

    def add(self, block: Block | None) -> None:
        add_block(self.blocks, block)

    # -- walking
    def container(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _IGNORED_STRINGS):
                    self.inline.append(child)
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in SKIP_TAGS:
                continue
            if self.skip is not None and self.skip(child):
                continue
            if name == "img" and _is_inline_img(child):
                self.inline.append(child)
                continue
            if name in INLINE_TAGS:
                if name != "br" and _has_blockish(child):
                    self.container(child)
                else:
                    self.inline.append(child)
                continue
            self.flush()
            self.block(child)
            self.flush()

    def block(self, tag: Tag) -> None:
        name = tag.name
        if name in _HEADINGS:
            text = inline_markdown(tag, self.base, skip=self.skip)[0].replace("\n", " ")
            if text:
                self.add({"type": "heading", "level": _HEADINGS[name], "text": text})
        elif name == "p":
            if _has_blockish(tag):
                self.container(tag)
            else:
                text, md = inline_markdown(tag, self.base, skip=self.skip)
                if text:
                    self.add({"type": "paragraph", "text": text, "markdown": md})
        elif name == "blockquote":
            self.blockquote(tag)
        elif name in ("ul", "ol"):
            self.list(tag)
        elif name == "figure":
            self.figure(tag)
        elif name == "img":
            self.add(image_block(image_url(tag, self.base), alt=tag.get("alt")))  # type: ignore[arg-type]
        elif name == "picture":
            img = tag.find("img")
            if isinstance(img, Tag):
                self.block(img)
        elif name == "iframe":
            src = tag.get("data-src") or tag.get("src")
            self.add(embed_from_url(src if isinstance(src, str) else None, self.base))
        elif name == "video":
            src = tag.get("src")
            if not src:
                source = tag.find("source")
                src = source.get("src") if isinstance(source, Tag) else None
            if isinstance(src, str):
                self.add(embed_block("video", absolute_url(src, self.base)))
        elif name == "table":
            if tag.find("table") is not None:
                self.container(tag)
            else:
                rows = table_rows(tag)
                if rows:
                    self.add({"type": "table", "rows": rows})
        elif name == "hr":
            return
        else:
            self.container(tag)

    def blockquote(self, bq: Tag) -> None:
        embed = _blockquote_embed(bq, self.base)
        if embed is not None:
            self.add(embed)
            return
        self.add(quote_block(bq, self.base, skip=self.skip))

    def list(self, tag: Tag) -> None:
        items: list[str] = []
        items_md: list[str] = []
        self._list_items(tag, items, items_md)
        if items:
            self.add(
                {
                    "type": "list",
                    "ordered": tag.name == "ol",
                    "items": items,
                    "items_markdown": items_md,
                }
            )

    def _list_items(self, tag: Tag, items: list[str], items_md: list[str]) -> None:
        for li in tag.children:
            if not isinstance(li, Tag):
                continue
            if li.name in ("ul", "ol"):
                self._list_items(li, items, items_md)
                continue
            if li.name != "li":
                continue
            nested = [c for c in li.find_all(("ul", "ol")) if c.find_parent("li") is li]
            if nested:
                nested_ids = {id(n) for n in nested}
                outer = self.skip

                def skip_nested(t: Tag, _ids: set[int] = nested_ids, _outer: Any = outer) -> bool:
                    return id(t) in _ids or (_outer is not None and _outer(t))

                text, md = inline_markdown(li, self.base, skip=skip_nested)
            else:
                text, md = inline_markdown(li, self.base, skip=self.skip)
            if text:
                items.append(text)
                items_md.append(md)
            for sub in nested:
                self._list_items(sub, items, items_md)

    def figure(self, fig: Tag) -> None:
        img = _find_img(fig)
        if img is None:
            self.container(fig)
            return
        caption_tag = fig.find("figcaption")
        caption = credit = None
        if isinstance(caption_tag, Tag):
            caption, credit = caption_and_credit(caption_tag, self.base)
        self.add(image_block(image_url(img, self.base), caption, credit, img.get("alt")))  # type: ignore[arg-type]


_CREDIT_TAGS = frozenset({"span", "small", "cite"})
_CREDIT_MAX = 80
# "… Odesa. Photo: Reuters", "… (Photograph by J. Doe)", "… © Reuters", "… Credit: AFP"
_CREDIT_TEXT = re.compile(
    r"(?:^|(?<=[\s.,;:|/(\[–—-]))[(\[]?\s*"
    r"(?:(?:photo(?:graph)?s?|pictures?|(?:photo )?credits?)\s*:"
    r"|(?:photo(?:graph)?s?|pictures?)\s+(?:by|courtesy of)\s"
    r"|©|\(c\)(?=\s)|copyright\s)"
    r"\s*(?P<credit>[^()\[\]]{1,80}?)\s*[)\]]?\s*$",
    re.I,
)
_CAPTION_TRAIL = " \t|/,;:–—-"


def _credit_marker(el: Tag) -> str:
    bits = [" ".join(el.get("class") or [])]
    for attr in ("id", "role", "itemprop", "data-test-id", "data-testid"):
        value = el.get(attr)
        if isinstance(value, str):
            bits.append(value)
    return " ".join(bits).replace("caption-attribution", "")


def _glued_credit(caption: Tag) -> Tag | None:
    """A class-less credit: the caption's last child, a ``<small>``/``<cite>``, or a
    ``<span>`` glued to the caption text before it ("…Odesa<span>Reuters</span>")."""
    last: Tag | None = None
    for child in reversed(list(caption.children)):
        if isinstance(child, NavigableString):
            if isinstance(child, _IGNORED_STRINGS) or not child.strip():
                continue
            return None  # caption text after the last element
        if isinstance(child, Tag):
            last = child
            break
    if last is None or last.name not in _CREDIT_TAGS:
        return None
    text = clean(last.get_text())
    if not text or len(text) > _CREDIT_MAX or len(text.split()) > 10:
        return None
    prev = last.previous_sibling
    while isinstance(prev, _IGNORED_STRINGS):
        prev = prev.previous_sibling
    before = prev.get_text() if isinstance(prev, Tag) else str(prev or "")
    if not clean(before):
        # nothing before it: a credit only when it says so (<small>/<cite>, "Photo: X")
        return last if last.name != "span" or _CREDIT_TEXT.match(text) else None
    if last.name in ("small", "cite") or _CREDIT_TEXT.match(text):
        return last
    glued = not before[-1:].isspace() and not (last.get_text()[:1] or " ").isspace()
    return last if glued else None


def split_credit_text(text: str) -> tuple[str, str | None]:
    """``("caption", "credit")`` from a caption that ends with "Photo: X", "© X", ...;
    ``(text, None)`` when it names no credit."""
    m = _CREDIT_TEXT.search(text)
    if m is None:
        return text, None
    credit = m.group("credit").strip()
    if not credit:
        return text, None
    return text[: m.start()].rstrip(_CAPTION_TRAIL), credit


def caption_and_credit(caption: Tag, base_url: str | None) -> tuple[str | None, str | None]:
    """A figcaption's caption and photo credit, kept apart: the credit is a descendant marked
    as one (class, id, role, itemprop or test id naming credit/copyright/source/photographer),
    else a trailing class-less ``<small>``/``<cite>``/glued ``<span>``, else the text after
    "Photo:"/"©" at the caption's end."""
    credit_tag = None
    for el in caption.find_all(True):
        if _CREDIT_CLASS.search(_credit_marker(el)):
            credit_tag = el
            break
    if credit_tag is None:
        credit_tag = _glued_credit(caption)
    if credit_tag is not None:
        credit = inline_markdown(credit_tag, base_url)[0].replace("\n", " ")
        cid = id(credit_tag)
        text = inline_markdown(caption, base_url, skip=lambda t: id(t) == cid)[0]
        text = text.replace("\n", " ").rstrip(_CAPTION_TRAIL)
        return text or None, credit or None
    text = inline_markdown(caption, base_url)[0].replace("\n", " ")
    text, credit = split_credit_text(text)
    return text or None, credit


def quote_block(bq: Tag, base_url: str | None, *, skip: SkipFn | None = None) -> Block | None:
    """A quote block from a ``<blockquote>``-like tag: paragraphs joined by ``\\n``, the
    ``<footer>``/``<cite>``/attribution child kept apart as ``attribution``."""
    attr_node = _attribution_node(bq)
    attribution = None
    inner_skip = skip
    if attr_node is not None:
        attribution = _strip_dash(inline_markdown(attr_node, base_url)[0]) or None
        aid = id(attr_node)

        def inner_skip(t: Tag, _outer: SkipFn | None = skip) -> bool:
            return id(t) == aid or (_outer is not None and _outer(t))

    walker = _Walker(base_url, inner_skip)
    walker.container(bq)
    walker.flush()
    texts = [b for b in walker.blocks if b["type"] in ("paragraph", "quote")]
    if not texts:
        return None
    text = "\n".join(b["text"] for b in texts)
    md = "\n".join(b.get("markdown") or b["text"] for b in texts)
    return {"type": "quote", "text": text, "markdown": md, "attribution": attribution}


def element_to_blocks(tag: Tag, base_url: str | None, *, skip: SkipFn | None = None) -> list[Block]:
    """The blocks of a subtree, in document order. ``skip(tag)`` prunes chrome (ads, shares)."""
    walker = _Walker(base_url, skip)
    if tag.name in SKIP_TAGS:
        return []
    if tag.name in INLINE_TAGS or tag.name in ("[document]", "html", "body"):
        walker.container(tag)
    else:
        walker.block(tag)
    walker.flush()
    return walker.blocks


def container_blocks(tag: Tag, base_url: str | None, *, skip: SkipFn | None = None) -> list[Block]:
    """The blocks of a tag's children, the tag itself not interpreted (a blockquote's inside)."""
    walker = _Walker(base_url, skip)
    walker.container(tag)
    walker.flush()
    return walker.blocks


_ITEMS_ONLY = frozenset({"ul", "ol", "dl", "menu", "table", "thead", "tbody", "tfoot", "tr"})
MAX_DEPTH = 120  # real pages nest < 40 deep; the walkers recurse a few frames per level


def limit_depth(root: Tag, max_depth: int = MAX_DEPTH) -> Tag:
    """Flatten whatever is nested deeper than ``max_depth`` below ``root`` into its plain text,
    so that no recursive walk over the tree can exceed Python's recursion limit. Returns root."""
    depth: dict[int, int] = {id(root): 0}
    too_deep: list[Tag] = []
    for node in root.descendants:
        if isinstance(node, Tag):
            d = depth.get(id(node.parent), max_depth) + 1
            depth[id(node)] = d
            if d == max_depth:
                too_deep.append(node)
    for node in too_deep:
        text = "".join(node.strings)  # iterative, unlike most walks over a tree
        node.clear()
        if text:
            node.append(NavigableString(text))
            if node.name in _ITEMS_ONLY:  # text straight in a <ul>/<table> would be dropped
                node.name = "div"
    return root


def make_soup(html: str | bytes) -> BeautifulSoup:
    """BeautifulSoup over lxml, depth-limited, without bs4's advice on stderr (an XHTML page
    with an ``<?xml`` prolog, a fragment that looks like a file name): the command line
    prints nothing but the article and one error line."""
    import warnings

    from bs4 import MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return limit_depth(BeautifulSoup(html, "lxml"))


def parse_fragment(html: str) -> BeautifulSoup:
    return make_soup(html)


class FragmentParser:
    """Parses many small HTML fragments in one lxml pass (e.g. all story elements of a story).

    Each fragment is wrapped in its own ``<article data-frag>``; when the wrappers come back
    intact (well-formed fragments), each fragment is read from its wrapper, otherwise every
    fragment is parsed on its own. ``get(html)`` returns the parsed root or None.
    """

    def __init__(self, fragments: Iterable[str | None] = ()) -> None:
        self._roots: dict[str, Tag] = {}
        unique = [f for f in dict.fromkeys(fragments) if f and "<" in f]
        if not unique:
            return
        body = "".join(f'<article data-frag="{i}">{f}</article>' for i, f in enumerate(unique))
        soup = make_soup(f"<html><body>{body}</body></html>")
        root = soup.body
        if root is None:
            return
        children = list(root.children)
        if len(children) == len(unique) and all(
            isinstance(c, Tag) and c.name == "article" and c.get("data-frag") == str(i)
            for i, c in enumerate(children)
        ):
            nested = root.find_all("article", attrs={"data-frag": True})
            if len(nested) == len(unique):
                self._roots = dict(zip(unique, children, strict=True))  # type: ignore[arg-type]

    def get(self, html: str) -> Tag | None:
        root = self._roots.get(html)
        if root is None:
            soup = parse_fragment(html)
            root = soup.body or soup
            self._roots[html] = root
        return root


def fragment_to_blocks(
    html: str | None,
    base_url: str | None,
    *,
    skip: SkipFn | None = None,
    parser: FragmentParser | None = None,
) -> list[Block]:
    """Blocks of an HTML fragment (e.g. a Quintype story-element ``text``)."""
    if not html or not html.strip():
        return []
    if "<" not in html:
        text = clean(html)
        return [{"type": "paragraph", "text": text, "markdown": md_escape(text)}] if text else []
    if parser is not None:
        root = parser.get(html)
    else:
        soup = parse_fragment(html)
        root = soup.body or soup
    if root is None:
        return []
    walker = _Walker(base_url, skip)
    walker.container(root)
    walker.flush()
    return walker.blocks


def fragment_inline(html: str | None, base_url: str | None) -> tuple[str, str]:
    """``(text, markdown)`` of an HTML fragment's inline content (``<p>`` boundaries -> spaces)."""
    if not html:
        return "", ""
    if "<" not in html:
        text = clean(html)
        return text, md_escape(text)
    soup = parse_fragment(html)
    return inline_markdown(soup.body or soup, base_url)
