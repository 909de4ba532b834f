"""Generic body finding: boilerplate removal and content scoring over an lxml tree.

One bottom-up walk measures every element (text length, link text length, "good" paragraph
text, a content score); the article container is the element with the highest score, where
each text block contributes positively when it reads like prose (long, few links) and
negatively when it reads like chrome (short lines, link lists). Boilerplate subtrees (share
bars, newsletter boxes, comments, related teasers, cookie banners, ...) are removed before
scoring when they are clearly chrome, and again inside the chosen container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml.etree import _Element as Element

# Removed wherever they are.
JUNK_TAGS = frozenset(
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
        "link",
        "meta",
        "canvas",
        "map",
        "object",
        "dialog",
        "head",
        "title",
    }
)
# Page chrome by element name (removed unless they hold most of the page's prose).
CHROME_TAGS = frozenset({"nav", "footer", "aside", "header", "menu", "form"})
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "body",
        "html",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "center",
        "address",
        "details",
        "summary",
        "header",
        "footer",
        "aside",
        "nav",
        "form",
        "fieldset",
        "hr",
        "br",
        "caption",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Class/id words of chrome. Matched against the words of class and id (split on -, _, space
# and camelCase), so "ad" matches "ad-slot" but not "header" or "shadow".
_CHROME_WORDS = _wordset(
    """
    share sharing sharebar shares social socials sociallinks related relatedposts
    relatedarticles recommended recommendations recirc recirculation newsletter newsletters
    subscribe subscription subscriptions signup promo promos promotion advert adverts
    advertisement advertisements ad ads adslot adunit advertising sponsored sponsor sponsors
    dfp gpt cookie cookies consent gdpr popup modal overlay lightbox breadcrumb breadcrumbs
    sidebar rail outbrain taboola zergnet nav navbar navigation menu topbar toolbar footer
    masthead pagination pager tags tag taglist keywords topics byline author authors bio
    dateline timestamp comment comments disqus discussion replies respond print skip jump
    toc trending popular mostread mostpopular morestories readmore readnext upnext hidden
    nocontent ticker caption captions credit credits gallery slideshow carousel
    """
)
# Chrome that is removed even when it holds a lot of text (comment threads, cookie walls).
_ALWAYS_WORDS = _wordset(
    """
    comment comments disqus discussion replies respond cookie cookies consent gdpr outbrain
    taboola zergnet popup modal newsletter subscribe signup share sharing sharebar social
    related relatedposts relatedarticles recommended recommendations recirc promo advert
    advertisement ad ads adslot adunit advertising sponsored nocontent breadcrumb
    breadcrumbs
    """
)
# Class/id words of article containers (a small score bonus).
_CONTENT_WORDS = _wordset(
    """
    article articlebody article-body articlecontent storybody story body content entry
    entrycontent post postbody postcontent text main richtext prose
    """
)
_WORD_SPLIT = re.compile(r"[\s_\-:./]+|(?<=[a-z])(?=[A-Z])")
_STRONG_CONTENT = re.compile(
    r"article[-_]?body|articlebody|story[-_]?body|entry[-_]?content|post[-_]?content|"
    r"article[-_]?content|article[-_]?text|post[-_]?body|story[-_]?content|main[-_]?content|"
    r"body[-_]?text|article__body|c-entry-content|rich[-_]?text",
    re.I,
)
_BOILER_TEXT = re.compile(
    r"^(?:advertisement|advertisements|ad|sponsored|sponsored content|read more|read more:?|"
    r"related|related:|related articles|related stories|related content|also read|"
    r"see also|more from|recommended|share|share this|share this article|share on|tweet|"
    r"follow us|sign up|subscribe|subscribe now|click here|continue reading|"
    r"skip to content|skip advertisement|story continues below advertisement|"
    r"this article is more than \d+ \w+ old|image|photo|video|loading|loading\.\.\.)[\s.:!…]*$",
    re.I,
)


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?)"
# Publication-detail lines: "Published on : 21 May 2025, 2:30 pm", "Updated:", "3 min read",
# and any run of them ("Updated on : 3 min read").
_META_ATOM = (
    r"(?:(?:first |last )?(?:published|updated|posted|modified|last updated)(?:\s+(?:on|at))?"
    rf"|(?:[a-z]+,?\s+)?{_DATE}{_TIME}?"
    r"|\d+\s*(?:min|mins|minutes?)(?:\s+(?:read|to read))?"
    r"|(?:reading|read) time\s*:?\s*\d+\s*(?:min|mins|minutes?)"
    r"|no (?:stories|articles|posts|results|comments)(?: found| yet)?)"
)
_META_LINE = re.compile(rf"^(?:{_META_ATOM}[\s.:!…|·•,–—-]*)+$", re.I)


def text_content(el: Element) -> str:
    """All text of a subtree (comments are already gone from the parse)."""
    return "".join(el.itertext())


def class_words(el: Element) -> set[str]:
    raw = (el.get("class") or "") + " " + (el.get("id") or "")
    if not raw.strip():
        return set()
    words = {w.lower() for w in _WORD_SPLIT.split(raw) if w}
    # also keep joined tokens without separators ("share-bar" -> "sharebar")
    for token in raw.split():
        words.add(re.sub(r"[-_]", "", token.lower()))
    return words


def _is_hidden(el: Element) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") == "true" and not len(el)):
        return True
    style = el.get("style")
    if style and "display" in style:
        compact = style.replace(" ", "").lower()
        return "display:none" in compact
    return False


@dataclass(slots=True)
class Stats:
    text: int = 0  # characters of text in the subtree
    links: int = 0  # characters of link text in the subtree
    prose: int = 0  # characters in prose-like blocks (long, few links)
    score: float = 0.0
    paragraphs: int = 0
    own: float = 0.0  # the weight of the element's own inline text (blocks only)
    own_prose: int = 0


@dataclass
class Measure:
    stats: dict[Element, Stats] = field(default_factory=dict)

    def get(self, el: Element) -> Stats:
        return self.stats.get(el) or Stats()


def _tlen(text: str | None) -> int:
    if not text:
        return 0
    return len(text.strip())


def _own_text(el: Element) -> tuple[int, int]:
    """(text chars, link chars) of the inline content that belongs to ``el`` as a block:
    its text, and the text of inline descendants not inside a nested block."""
    total = _tlen(el.text)
    links = total if el.tag == "a" else 0
    stack: list[tuple[Any, bool]] = [(child, el.tag == "a") for child in el]
    while stack:
        node, in_link = stack.pop()
        tag = node.tag
        if not isinstance(tag, str):
            n = _tlen(node.tail)
            total += n
            if in_link:
                links += n
            continue
        if tag in BLOCK_TAGS:
            n = _tlen(node.tail)
            total += n
            if in_link:
                links += n
            continue
        link = in_link or tag == "a"
        n = _tlen(node.text)
        total += n
        if link:
            links += n
        n = _tlen(node.tail)
        total += n
        if in_link:
            links += n
        stack.extend((child, link) for child in node)
    return total, links


def block_weight(tag: str, text: int, links: int) -> float:
    """How much one block's own inline text says "article prose" (+) or "chrome" (-)."""
    if text == 0:
        return 0.0
    plain = text - links
    density = links / text
    if density > 0.5:
        return -0.5 * text if text > 20 else -5.0
    if plain >= 100 or (tag == "p" and plain >= 50):
        return plain * (1 - density)
    if tag in HEADING_TAGS or tag in ("td", "th"):
        return 0.0
    if tag == "p" and plain >= 20:
        return plain * 0.3
    return -3.0 - 0.2 * links


def measure(root: Element) -> Measure:
    """Bottom-up stats for every element in one pass: elements in reverse document order come
    after all their descendants, so each adds its finished stats to its parent's."""
    m = Measure()
    stats = m.stats
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for el in reversed(elements):
        s = stats.get(el)
        if s is None:
            s = stats[el] = Stats()
        tag = el.tag
        if tag in BLOCK_TAGS:
            own, own_links = _own_text(el)
            if own:
                if own_links < own and next(el.iterancestors("a"), None) is not None:
                    own_links = own  # a card wrapped in a link
                w = block_weight(tag, own, own_links)
                s.text += own
                s.links += own_links
                if w > 0:
                    s.own_prose = own - own_links
                    s.prose += s.own_prose
                    s.paragraphs += 1
                s.score += w
                s.own = w
        parent = el.getparent()
        if parent is not None:
            ps = stats.get(parent)
            if ps is None:
                ps = stats[parent] = Stats()
            ps.text += s.text
            ps.links += s.links
            ps.prose += s.prose
            ps.score += s.score
            ps.paragraphs += s.paragraphs
    return m


def _propagate(
    m: Measure, el: Element, text: int, links: int, prose: int, score: float, pars: int
) -> None:
    """Add deltas to ``el``'s stats and to every ancestor's."""
    node: Element | None = el
    while node is not None:
        s = m.stats.get(node)
        if s is not None:
            s.text += text
            s.links += links
            s.prose += prose
            s.score += score
            s.paragraphs += pars
        node = node.getparent()


def remove_measured(m: Measure, el: Element) -> None:
    """Remove ``el`` from the tree and its stats from its ancestors'."""
    s = m.stats.get(el)
    parent = el.getparent()
    if s is not None and parent is not None:
        _propagate(m, parent, -s.text, -s.links, -s.prose, -s.score, -s.paragraphs)
    _remove(el)


TEASER_ATTR = "data-generic-teaser"
CARD_ATTR = "data-generic-card"
_HEADLINE_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CARD_MAX_TEXT = 700


def _headline_links(root: Element, page_url: str | None) -> list[Element]:
    """Links that look like a teaser's headline: in (or around) a heading, pointing elsewhere."""
    from scraper.urls import same_page

    out = []
    for a in root.iter("a"):
        parent = a.getparent()
        in_heading = parent is not None and (
            parent.tag in _HEADLINE_TAGS
            or (parent.getparent() is not None and parent.getparent().tag in _HEADLINE_TAGS)
        )
        if not in_heading:
            in_heading = any(child.tag in _HEADLINE_TAGS for child in a.iter())
        if not in_heading:
            continue
        href = a.get("href") or ""
        if not href or href.startswith("#") or (page_url and same_page(href, page_url)):
            continue
        if len(" ".join(text_content(a).split())) < 15:
            continue
        out.append(a)
    return out


def mark_teasers(root: Element, m: Measure, page_url: str | None) -> None:
    """Mark the prose of teaser cards (a headline link plus a short blurb) as not article text."""
    links = _headline_links(root, page_url)
    if not links:
        return
    counts: dict[Element, int] = {}
    for a in links:
        node = a.getparent()
        while node is not None:
            counts[node] = counts.get(node, 0) + 1
            node = node.getparent()
    for a in links:
        card = None
        node = a.getparent()
        depth = 0
        while node is not None and depth < 6:
            if counts.get(node, 0) > 1 or m.get(node).text > CARD_MAX_TEXT:
                break
            card = node
            node = node.getparent()
            depth += 1
        if card is None or card.tag in ("body", "html"):
            continue
        card.set(CARD_ATTR, "1")
        for el in card.iter():
            if not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS or el.tag in _HEADLINE_TAGS:
                continue
            if el.get(TEASER_ATTR) is not None:
                continue
            el.set(TEASER_ATTR, "1")
            st = m.stats.get(el)
            if st is not None and st.own > 0:
                # the blurb counts against its container instead of for it
                own_text = st.own
                _propagate(m, el, 0, 0, -st.own_prose, -1.5 * own_text, -1)
                st.own = -0.5 * own_text


_QUOTE_TAGS = frozenset({"blockquote", "figure", "q"})
_CAPTION_PARENTS = frozenset({"figure", "figcaption"})


def _chrome_kind(el: Element) -> int:
    """0: not chrome; 1: chrome (kept if it holds most of the prose); 2: always chrome."""
    tag = el.tag
    words = class_words(el)
    role = el.get("role")
    if words & _ALWAYS_WORDS:
        return 2
    if tag in CHROME_TAGS:
        parent = el.getparent()
        if tag in ("footer", "header") and parent is not None and parent.tag in _QUOTE_TAGS:
            return 0  # a quote's attribution
        return 1
    if role in ("navigation", "banner", "contentinfo", "complementary", "dialog", "alert"):
        return 1
    if words & _CHROME_WORDS:
        parent = el.getparent()
        if parent is not None and parent.tag in _CAPTION_PARENTS:
            return 0  # caption and credit parts of a figure are handled with the figure
        # a content container that merely mentions e.g. "has-sidebar" stays
        if words & _CONTENT_WORDS and not words & {"related", "recommended", "promo"}:
            return 0
        return 1
    return 0


def _remove(el: Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def strip_junk(root: Element) -> None:
    """Remove scripts, styles, comments, hidden elements, form controls."""
    doomed = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            doomed.append(el)  # comments, processing instructions
        elif tag in JUNK_TAGS or _is_hidden(el):
            doomed.append(el)
    for el in doomed:
        _remove(el)


def _protected(root: Element, m: Measure) -> set[Element]:
    """Ancestors (and selves) of the article markers: an ``itemprop=articleBody`` element, an
    element with an article-body class (with some prose). When there are such markers, any
    chrome outside them goes; chrome around them goes only when it holds little prose."""
    marks: list[Element] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        itemprop = el.get("itemprop")
        if itemprop and "articlebody" in itemprop.lower() and m.get(el).prose >= 100:
            marks.append(el)
            continue
        cls = el.get("class")
        if cls and _STRONG_CONTENT.search(cls) and m.get(el).prose >= 200:
            marks.append(el)
    out: set[Element] = set()
    for el in marks:
        node = el
        while node is not None and node not in out:
            out.add(node)
            node = node.getparent()
    return out


def find_chrome(root: Element, m: Measure, total_prose: int) -> list[Element]:
    """Top-most chrome subtrees: always-chrome, or chrome holding little of the page's prose."""
    out: list[Element] = []
    protected = _protected(root, m)
    stack = [root]
    while stack:
        el = stack.pop()
        kind = _chrome_kind(el) if el.tag not in ("html", "body") else 0
        if kind:
            s = m.get(el)
            limit = 0.6 if kind == 2 else 0.5
            outside = protected and el not in protected  # the article is marked elsewhere
            if s.prose <= limit * total_prose or (
                outside and (kind == 2 or s.prose < 0.8 * total_prose)
            ):
                out.append(el)
                continue
        stack.extend(child for child in el if isinstance(child.tag, str))
    return out


def _container_bonus(el: Element) -> float:
    itemprop = el.get("itemprop") or ""
    if "articlebody" in itemprop.lower():
        return 2.0
    raw = (el.get("class") or "") + " " + (el.get("id") or "")
    if _STRONG_CONTENT.search(raw):
        return 1.3
    if el.tag == "article":
        return 1.15
    return 1.0


def best_container(root: Element, m: Measure) -> Element | None:
    best: Element | None = None
    best_score = 0.0
    for el in root.iter():
        s = m.stats.get(el)
        if s is None or s.score <= 0 or s.paragraphs == 0:
            continue
        score = s.score * _container_bonus(el)
        if score > best_score or (score == best_score and best is not None and _is_desc(el, best)):
            best, best_score = el, score
    return best


def _is_desc(el: Element, ancestor: Element) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def prune_container(container: Element, m: Measure, title: str | None) -> None:
    """Remove chrome left inside the chosen container: chrome-classed subtrees, link lists,
    boilerplate one-liners, the repeated headline."""
    cs = m.get(container)
    doomed: list[Element] = []
    stack = [child for child in container if isinstance(child.tag, str)]
    title_key = _key(title) if title else None
    while stack:
        el = stack.pop()
        s = m.get(el)
        tag = el.tag
        kind = _chrome_kind(el)
        if kind and s.prose <= (0.6 if kind == 2 else 0.4) * cs.prose:
            doomed.append(el)
            continue
        if tag in ("ul", "ol", "div", "section", "table", "dl") and s.text:
            density = s.links / s.text
            if density > 0.55 and s.prose < 0.2 * max(cs.prose, 1):
                doomed.append(el)
                continue
        if tag in HEADING_TAGS and title_key and _key(text_content(el)) == title_key:
            doomed.append(el)
            continue
        stack.extend(child for child in el if isinstance(child.tag, str))
    for el in doomed:
        _remove(el)


_END_LABEL = re.compile(
    r"^(?:related|related (?:stories|articles|posts|content|news|coverage|links|reading|videos?)|"
    r"more (?:stories|news|articles|videos)|more (?:from|on|in|about) .{0,40}|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you)?|"
    r"trending(?: now| stories)?|most (?:popular|read|viewed|shared)|"
    r"popular (?:stories|posts|articles)|(?:the )?latest (?:news|stories|articles|posts|videos)|"
    r"recent (?:posts|articles|stories|news)|comments?|\d+ comments?|leave a (?:comment|reply)|"
    r"(?:\d+ )?responses?|join the (?:conversation|discussion)|about the author|tags?|topics|"
    r"você pode gostar|notícias relacionadas|artículos relacionados|mehr zum thema|"
    r"potrebbe interessarti|articles similaires|sur le même sujet)[\s.:!…]*$",
    re.I,
)
_INLINE_LABEL = re.compile(
    r"^(?:read (?:more|next|also)|also read|see also|related|more|leia (?:também|mais)|"
    r"veja também|lesen sie auch|lire aussi|à lire aussi|lee también|leggi anche|"
    r"te puede interesar)\b",
    re.I,
)


def _norm_text(el: Element) -> str:
    return " ".join(text_content(el).split())


def _small(m: Measure | None, el: Element, limit: int) -> bool:
    """Whether ``el`` may hold at most ``limit`` characters (measured before pruning)."""
    if m is None:
        return True
    st = m.stats.get(el)
    return st is None or st.text <= limit


def cut_at_stop_headings(container: Element, m: Measure | None = None) -> None:
    """Drop a "Related stories"/"Comments"-style heading and everything after it in its
    section (the rails and threads that follow such headings are never article text), and
    "Read also: <link>" lines."""
    found: list[tuple[Element, str]] = []
    for el in container.iter("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "div", "span"):
        if len(el) > 2 or not _small(m, el, 80):
            continue
        text = _norm_text(el)
        if text and len(text) <= 60 and _END_LABEL.match(text):
            found.append((el, text))
    for el, text in found:
        node = el
        parent = node.getparent()
        while (
            parent is not None
            and parent is not container
            and len(_norm_text(parent)) <= len(text) + 2
        ):
            node, parent = parent, parent.getparent()
        if parent is None or node is container or _is_desc(container, node):
            continue
        if node.getparent() is None:  # already removed with an earlier cut
            continue
        # a label inside a paragraph of text is not a section heading
        if (
            parent is not container
            and len(_norm_text(parent)) > len(text) + 2
            and node.tag not in HEADING_TAGS
            and parent.tag == "p"
        ):
            continue
        for sib in list(node.itersiblings()):
            parent.remove(sib)
        _remove(node)
    # "Read also: <a>Other story</a>" paragraphs
    doomed = []
    for el in container.iter("p", "div", "li", "h2", "h3", "h4", "h5", "h6", "strong"):
        if not _small(m, el, 300):
            continue
        text = _norm_text(el)
        if not text or len(text) > 250 or not _INLINE_LABEL.match(text):
            continue
        link_text = sum(len(_norm_text(a)) for a in el.iter("a"))
        if link_text >= 0.5 * len(text) or len(text) <= 30:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            _remove(el)


_ATTRIBUTION_WORDS = frozenset(
    {"attribution", "cite", "citation", "author", "source", "speaker", "quoteauthor", "credit"}
)


def attach_quote_attributions(container: Element) -> None:
    """A short line right after a <blockquote> that names the speaker (by its class, or as the
    last thing in the quote's wrapper) becomes the quote's <footer>, so that it is the quote's
    attribution instead of a paragraph of its own."""
    for bq in list(container.iter("blockquote")):
        node = bq
        while (
            node.getparent() is not None
            and node.getparent() is not container
            and len(node.getparent()) == 1
            and not (node.getparent().text or "").strip()
        ):
            node = node.getparent()  # a wrapper that holds only the quote
        sib = node.getnext()
        while sib is not None and not isinstance(sib.tag, str):
            sib = sib.getnext()
        if sib is None or sib.tag in ("blockquote", "p", "ul", "ol", "table", "figure"):
            continue
        if any(child.tag in BLOCK_TAGS for child in sib.iter() if child is not sib):
            continue
        text = " ".join(text_content(sib).split())
        if not text or len(text) > 100 or len(text.split()) > 12:
            continue
        named = bool(class_words(sib) & _ATTRIBUTION_WORDS)
        last = sib.getnext() is None and not (sib.tail or "").strip()
        if not named and not (last and not text.endswith((".", "!", "?", ":"))):
            continue
        footer = etree.SubElement(bq, "footer")
        footer.text = text
        _remove(sib)


def drop_before_headline(container: Element) -> None:
    """The headline's <h1> inside the container: what comes before it (kicker, section link,
    breadcrumbs) is page furniture when it is short."""
    h1 = next(container.iter("h1"), None)
    if h1 is None:
        return
    before: list[Element] = []
    node = h1
    while node is not None and node is not container:
        before.extend(sib for sib in node.itersiblings(preceding=True) if isinstance(sib.tag, str))
        node = node.getparent()
    if node is None:
        return
    chars = sum(len(" ".join(text_content(el).split())) for el in before)
    if chars > 200 or any(
        el.find(".//p") is not None or (el.tag == "p" and len(text_content(el)) > 120)
        for el in before
    ):
        return
    for el in before:
        _remove(el)


def drop_meta_lines(container: Element, m: Measure) -> None:
    """Remove short boilerplate lines ("Advertisement", "Share", "Published on : <date>",
    "3 min read", ...), children first so that a wrapper left with only a label goes too."""
    for el in reversed(list(container.iter())):
        if not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS or el is container:
            continue
        s = m.stats.get(el)
        if s is None or not s.text or s.text >= 80:
            continue
        text = " ".join(text_content(el).split())
        if text and (_BOILER_TEXT.match(text) or _META_LINE.match(text)):
            _remove(el)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def find_body(
    root: Element, title: str | None = None, page_url: str | None = None
) -> Element | None:
    """Clean ``root`` in place and return the article container (or None)."""
    strip_junk(root)
    m = measure(root)
    mark_teasers(root, m, page_url)
    body = root.find("body")
    total = m.get(body if body is not None else root).prose
    if total == 0:
        return None
    for el in find_chrome(root, m, total):
        remove_measured(m, el)
    container = best_container(root, m)
    if container is None:
        return None
    drop_before_headline(container)
    prune_container(container, m, title)
    drop_meta_lines(container, m)
    cut_at_stop_headings(container, m)
    attach_quote_attributions(container)
    return container


def to_html(el: Element) -> str:
    return etree.tostring(el, encoding="unicode", method="html")
