"""Generic metadata: title, dek, bylines, dates, site name, language, lead image, section,
tags and related links from JSON-LD, meta tags and the DOM of any news page (lxml tree)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.etree import _Element as Element

from scraper.extract.fields import in_page_alt
from scraper.extract.generic_body import BLOCK_TAGS
from scraper.extract.jsonld import ARTICLE_TYPES
from scraper.model import LeadImage
from scraper.text import clean
from scraper.urls import absolute_url, same_page

# The JSON-LD layer's article types, plus pages that describe themselves only as a web page.
_ARTICLE_TYPES = ARTICLE_TYPES | {"webpage", "medicalwebpage"}
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")


@dataclass
class Meta:
    canonical_url: str | None = None
    site_name: str | None = None
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    updated_at: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    lead_image: LeadImage | None = None
    article_body: str | None = None  # JSON-LD articleBody (evidence for the body finder)
    dek: str | None = None  # the standfirst shown on the page (not the meta description)
    reading_time_minutes: int | None = None


# --------------------------------------------------------------------------- dates


def to_utc_iso(value: str | None) -> str | None:
    """ISO 8601 in UTC with seconds and "+00:00" (the shared date rules of
    :mod:`scraper.extract.dates`; naive times are UTC), or None for implausible years."""
    from scraper.extract import dates

    if not value or len(value.strip()) > 64 or not re.search(r"\d{4}", value):
        return None  # "5", "2 hours ago": no year, no date
    iso = dates.to_utc_iso(value.strip())
    if iso is None or not ("1990" <= iso[:4] <= "2100"):
        return None
    return iso


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)")


def date_from_url(url: str) -> str | None:
    try:
        path = urlsplit(url).path
    except ValueError:  # e.g. "http://[::1/x": an unparseable URL has no date in it
        return None
    match = _URL_DATE.search(path)
    if not match:
        return None
    return to_utc_iso("-".join(match.groups()))


# --------------------------------------------------------------------------- JSON-LD


def _json_objects(root: Element) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        _flatten(data, out)
    return out


def _flatten(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            _flatten(data["@graph"], out)
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            _flatten(main, out)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _ld_article(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    best: dict[str, Any] | None = None
    for obj in objects:
        types = _types(obj)
        if (
            types & _ARTICLE_TYPES
            and ("headline" in obj or "articleBody" in obj)
            and (best is None or ("webpage" in _types(best) and "webpage" not in types))
        ):
            best = obj
    return best


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return clean(value) or None
    if isinstance(value, list):
        for item in value:
            found = _text(item)
            if found:
                return found
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value"))
    return None


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(_names(item))
        return out
    if isinstance(value, dict):
        if _types(value) & {"organization", "newsmediaorganization", "corporation"}:
            return []
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        if isinstance(name, list):
            return _names(name)
    return []


def _image_url(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        for item in value:
            found = _image_url(item)
            if found:
                return found
    if isinstance(value, dict):
        return _image_url(value.get("url") or value.get("contentUrl"))
    return None


# --------------------------------------------------------------------------- authors

_BY = re.compile(
    r"^\s*(?:by|written by|words by|story by|reported by|von|par|por|di)\b[:\s]*", re.I
)
_ROLE_WORDS = {
    "reporter",
    "reporters",
    "correspondent",
    "editor",
    "editors",
    "writer",
    "writers",
    "columnist",
    "contributor",
    "contributors",
    "staff",
    "journalist",
    "author",
    "analyst",
    "producer",
    "photographer",
    "senior",
    "chief",
    "special",
    "political",
    "foreign",
    "bureau",
    "desk",
    "team",
    "news",
    "press",
    "agency",
    "associated",
    "reuters",
    "afp",
    "ap",
    "pti",
    "ians",
    "updated",
    "published",
    "posted",
    "on",
    "at",
    "and",
    "the",
    "for",
    "of",
    "in",
}
_ORG_HINT = re.compile(
    r"\b(?:news|press|agency|agencies|reuters|associated|afp|bureau|desk|staff|media|"
    r"times|post|herald|tribune|journal|gazette|inc|ltd|llc|network|wire|online|team|"
    r"editorial)\b",
    re.I,
)
_MONTHS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}:\d{2}|"
    r"\b\d{4}\b|\b(?:updated|published|posted)\b",
    re.I,
)


def clean_author_names(raw: list[str]) -> list[str]:
    """Names only: no "By", roles, dates, organisations, e-mails or URLs; de-duplicated."""
    out: list[str] = []
    seen: set[str] = set()
    for item in raw:
        for name in split_byline(item):
            key = name.lower()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


def split_byline(text: str) -> list[str]:
    text = clean(text)
    if not text or text.startswith(("http://", "https://", "www.")):
        return []
    text = _BY.sub("", text)
    # cut at dates, times, "Updated", a pipe or a bullet
    cut = _MONTHS.search(text)
    if cut:
        text = text[: cut.start()]
    text = re.split(r"\s[|•·]\s|\s[-–—]\s|\n|(?<=[a-z]{2})\.\s+(?=[A-Z])", text)[0]
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\bwith\b)\s*", text)
    names: list[str] = []
    for part in parts:
        part = _BY.sub("", part).strip(" .:-–—")
        if _ORG_HINT.search(part):
            continue
        # "Jane Doe, Reporter" -> the role part is dropped; "Senior Reporter Jane Doe" stays a name
        words = part.split()
        while words and words[0].lower().strip(".") in _ROLE_WORDS:
            words.pop(0)
        while words and words[-1].lower().strip(".") in _ROLE_WORDS:
            words.pop()
        candidate = " ".join(words)
        if _looks_like_name(candidate):
            names.append(candidate)
    return names


_CREDENTIALS = frozenset(
    {"md", "phd", "ms", "msc", "ma", "ba", "bsc", "rd", "rdn", "mph", "mba", "cpa", "jd", "esq"}
)


def _looks_like_name(text: str) -> bool:
    if not text or len(text) > 60 or "@" in text or any(ch.isdigit() for ch in text):
        return False
    if re.search(r"\.[a-z]{2,}$", text.lower()) or "www" in text.lower():
        return False  # a domain ("Example.com")
    words = text.split()
    if len(words) == 1 and (
        words[0].lower().strip(".") in _CREDENTIALS or (words[0].isupper() and len(words[0]) <= 4)
    ):
        return False
    if not 1 <= len(words) <= 5:
        return False
    if _ORG_HINT.search(text):
        return False
    if all(w.lower().strip(".") in _ROLE_WORDS for w in words):
        return False
    # names are capitalised (allow particles such as "van", "de", "bin")
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals >= max(1, len(words) - 2) and words[0][:1].isupper()


# --------------------------------------------------------------------------- DOM helpers


def _words(el: Element) -> str:
    return ((el.get("class") or "") + " " + (el.get("id") or "")).lower()


def _meta_map(root: Element) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if not key or content is None:
            continue
        content = content.strip()
        if content:
            out.setdefault(key.strip().lower(), []).append(content)
    return out


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        values = meta.get(key)
        if values:
            return values[0]
    return None


def _text_of(el: Element) -> str:
    """The text of a subtree, with a space at block-level and ``<br>`` boundaries (so that
    "<div>By A</div><div>Reuters</div>" never reads "By AReuters")."""
    if len(el) == 0:
        return clean(el.text)
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag
        if event == "start":
            if not isinstance(tag, str):
                continue
            if tag in BLOCK_TAGS and node is not el:
                parts.append(" ")
            if node.text:
                parts.append(node.text)
        else:
            if isinstance(tag, str) and tag in BLOCK_TAGS:
                parts.append(" ")
            if node is not el and node.tail:
                parts.append(node.tail)
    return clean("".join(parts))


def _strip_site_suffix(title: str, site_name: str | None) -> str:
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_key = re.sub(r"\W+", "", (site_name or "").lower())
    if site_key:
        kept = [p for p in parts if re.sub(r"\W+", "", p.lower()) != site_key]
        if kept and len(kept) < len(parts):
            # only drop matching parts at the ends
            while parts and re.sub(r"\W+", "", parts[-1].lower()) == site_key:
                parts.pop()
            while parts and re.sub(r"\W+", "", parts[0].lower()) == site_key:
                parts.pop(0)
            return _rejoin(title, parts)
    # no site name: drop a short last part ("Headline | Example News")
    last = parts[-1]
    if len(last.split()) <= 4 and len(last) < 0.6 * len(title):
        return _rejoin(title, parts[:-1])
    return title


def _rejoin(original: str, parts: list[str]) -> str:
    if not parts:
        return original
    # keep the original separators between kept parts
    start = original.find(parts[0])
    end = original.rfind(parts[-1]) + len(parts[-1])
    if start >= 0 and end > start:
        return original[start:end].strip()
    return " ".join(parts)


# Class words of a dek / standfirst (the strong ones name nothing else on a page).
_DEK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:dek|deck|standfirst|sub-?title|sub-?headline|subhead|strapline|"
    r"article-?summary|story-?summary|article-?lede|alternative-?headline)(?:$|[\s_-])"
)
_BYLINE_CLASS = re.compile(r"byline|author|writer|contributor|reporter|article-by|story-by", re.I)
_UPDATED_CLASS = re.compile(r"updat|modif|edited|revised", re.I)


def _find_h1(root: Element) -> Element | None:
    best = None
    for h1 in root.iter("h1"):
        text = _text_of(h1)
        if not text:
            continue
        if best is None:
            best = h1
        # prefer an h1 inside an article/main container
        parent = h1.getparent()
        while parent is not None:
            if parent.tag in ("article", "main"):
                return h1
            parent = parent.getparent()
    return best


def _dek(root: Element, h1: Element | None) -> str | None:
    """The standfirst: an element with a dek-like class or ``itemprop=description`` near the
    headline (its following siblings and their descendants), else anywhere in the page."""
    candidates: list[Element] = []
    if h1 is not None:
        candidates.extend(sib for sib in h1.itersiblings() if isinstance(sib.tag, str))
        parent = h1.getparent()
        if parent is not None:
            candidates.extend(s for s in parent.itersiblings() if isinstance(s.tag, str))
    for el in candidates[:6]:
        for node in el.iter("p", "h2", "div", "span"):
            if _is_dek(node):
                text = _text_of(node)
                if 20 <= len(text) <= 400:
                    return text
    seen_h1 = h1 is None
    for node in root.iter("h1", "p", "div", "h2"):
        if node is h1:
            seen_h1 = True  # a dek follows its headline (widgets above it have "subtitles" too)
        elif seen_h1 and node.tag == "p" and len(_text_of(node)) > 200 and not _is_dek(node):
            return None  # the article text has begun
        elif seen_h1 and _is_dek(node) and node.find(".//p") is None:
            text = _text_of(node)
            if 20 <= len(text) <= 400:
                return text
    return None


def _is_dek(node: Element) -> bool:
    if next(node.iterancestors("a"), None) is not None:
        return False  # a teaser card's blurb
    if (node.get("itemprop") or "").lower() == "description" and node.tag != "meta":
        return True
    return bool(_DEK_CLASS.search(_words(node)))


def _dom_authors(root: Element) -> list[str]:
    found: list[str] = []
    for el in root.xpath('//*[@rel="author"] | //*[@itemprop="author"]'):
        name_el = el.xpath('.//*[@itemprop="name"]')
        if name_el:
            name = name_el[0].get("content") or _text_of(name_el[0])
        else:
            name = el.get("content") or _text_of(el)
        if name:
            found.append(name)
    if found:
        return clean_author_names(found)
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "article", "main", "meta"):
            continue
        words = _words(el)
        if not words or not _BYLINE_CLASS.search(words):
            continue
        if "bio" in words or "avatar" in words or "image" in words:
            continue
        text = _text_of(el)
        if 3 <= len(text) <= 200:
            names = split_byline(text)
            if names:
                return clean_author_names(names)
    return []


def _time_elements(root: Element) -> tuple[str | None, str | None]:
    published = updated = None
    for el in root.iter("time"):
        value = el.get("datetime") or _text_of(el)
        iso = to_utc_iso(value)
        if not iso:
            continue
        context = _words(el) + " " + (el.get("itemprop") or "").lower()
        parent = el.getparent()
        if parent is not None:
            context += " " + _words(parent) + " " + clean(parent.text or "").lower()
        if _UPDATED_CLASS.search(context) or "datemodified" in context:
            updated = updated or iso
        else:
            published = published or iso
        if published and updated:
            break
    return published, updated


_READ_TIME = re.compile(
    r"^\s*(\d{1,3})\s*(?:min|mins|minutes?)\.?\s*(?:read|reading|to read)\s*$", re.I
)
_READ_TIME_BEFORE = re.compile(
    r"^\s*(?:reading|read) time\s*:?\s*(\d{1,3})\s*(?:min|mins|minutes?)", re.I
)


_READ_TIME_XPATH = "//body//text()[" + " or ".join(
    f"contains(., '{needle}')"
    for needle in (
        "min read", "Min read", "Min Read", "MIN READ", "minute read", "minutes read",
        "Minute Read", "min. read", "mins read", "eading time", "ead time", "EADING TIME",
        "EAD TIME",
    )
) + "]"  # fmt: skip


_READ_TIME_HINTS = (
    "min read", "minute read", "minutes read", "min. read", "mins read", "reading time", "read time"
)  # fmt: skip


def _reading_time(root: Element, html: str | None = None) -> int | None:
    """The "5 min read" / "Reading time: 5 minutes" the page shows. ``html``, when given, is
    checked first: a substring test on the raw page is much cheaper than the XPath scan."""
    if html is not None:
        low = html.lower()
        if not any(hint in low for hint in _READ_TIME_HINTS):
            return None
    for text in root.xpath(_READ_TIME_XPATH):
        for pattern in (_READ_TIME, _READ_TIME_BEFORE):
            match = pattern.match(str(text))
            if match and 0 < int(match.group(1)) < 300:
                return int(match.group(1))
    return None


def _lead_caption(root: Element, image_url: str, base_url: str) -> tuple[str | None, str | None]:
    """(caption, credit) of the <figure> showing the lead image, if the page has one."""
    from bs4 import Tag

    from scraper.html_blocks import caption_and_credit, make_soup
    from scraper.html_blocks import image_url as url_of

    name = image_url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
    if not name:
        return None, None
    for fig in root.iter("figure"):
        caption = fig.find(".//figcaption")
        if caption is None:
            continue
        for img in fig.iter("img", "source"):
            if name in (url_of(img, base_url) or ""):
                # the figcaption alone, through the body's caption/credit rules
                soup = make_soup(etree.tostring(caption, encoding="unicode", method="html"))
                node = soup.find("figcaption")
                if not isinstance(node, Tag):
                    return _text_of(caption) or None, None
                return caption_and_credit(node, base_url)
    return None, None


# --------------------------------------------------------------------------- main


def extract_meta(root: Element, base_url: str, html: str | None = None) -> Meta:
    meta = _meta_map(root)
    objects = _json_objects(root)
    ld = _ld_article(objects) or {}
    out = Meta()

    canonical = None
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = absolute_url(link.get("href"), base_url)
            break
    out.canonical_url = canonical or absolute_url(_first(meta, "og:url"), base_url)

    site = _first(meta, "og:site_name", "application-name", "al:android:app_name")
    if not site:
        for obj in objects:
            if _types(obj) & {"website", "organization", "newsmediaorganization"}:
                site = _text(obj.get("name"))
                if site:
                    break
    if not site:
        site = _text(ld.get("publisher"))
    site = clean(site)
    if " | " in site:
        site = site.split(" | ")[0].strip()
    out.site_name = site or None

    # title
    h1 = _find_h1(root)
    h1_text = _text_of(h1) if h1 is not None else ""
    candidates = [
        _text(ld.get("headline")),
        _first(meta, "og:title", "twitter:title"),
        clean(root.findtext(".//title") or ""),
    ]
    title = None
    if h1_text and any(c and _norm(h1_text) in _norm(c) for c in candidates):
        title = h1_text
    if not title:
        for cand in candidates:
            if cand:
                title = _strip_site_suffix(clean(cand), out.site_name)
                break
    if not title and h1_text:
        title = h1_text
    out.title = title or None
    if not out.site_name:
        raw_title = clean(root.findtext(".//title") or "")
        parts = _SEPARATORS.split(raw_title)
        if len(parts) > 1 and len(parts[-1].split()) <= 4:
            out.site_name = parts[-1]

    out.dek = _dek(root, h1)
    out.subtitle = (
        out.dek
        or clean(
            _text(ld.get("description"))
            or _first(meta, "og:description", "description", "twitter:description")
            or ""
        )
        or None
    )

    authors = clean_author_names(_names(ld.get("author")) + _names(ld.get("creator")))
    if not authors:
        raw = [
            v
            for key in (
                "author",
                "article:author",
                "sailthru.author",
                "parsely-author",
                "dc.creator",
            )
            for v in meta.get(key, [])
            if not v.startswith("http")
        ]
        authors = clean_author_names(raw)
    if not authors:
        authors = _dom_authors(root)
    out.authors = authors

    published = to_utc_iso(_text(ld.get("datePublished")) or _text(ld.get("dateCreated")))
    updated = to_utc_iso(_text(ld.get("dateModified")))
    published = published or to_utc_iso(
        _first(
            meta,
            "article:published_time",
            "datepublished",
            "og:article:published_time",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
            "article.published",
        )
    )
    updated = updated or to_utc_iso(
        _first(meta, "article:modified_time", "og:updated_time", "datemodified", "last-modified")
    )
    if not published or not updated:
        t_pub, t_upd = _time_elements(root)
        published = published or t_pub
        updated = updated or t_upd
    out.published_at = published or date_from_url(base_url)
    out.updated_at = updated

    section = _text(ld.get("articleSection")) or _first(meta, "article:section", "section")
    section = clean(section)
    if "," in section and len(section) > 40:
        section = section.split(",")[0].strip()
    out.section = section or None

    tags = list(meta.get("article:tag", []))
    if not tags:
        keywords = ld.get("keywords")
        if isinstance(keywords, str):
            tags = keywords.split(",")
        elif isinstance(keywords, list):
            tags = [k for k in keywords if isinstance(k, str)]
    if not tags:
        tags = [_text_of(a) for a in root.xpath('//a[@rel="tag"]')]
    seen: set[str] = set()
    out.tags = []
    split_tags = [part for tag in tags for part in (tag.split(",") if "," in tag else [tag])]
    for tag in split_tags:
        tag = clean(tag)
        if tag.startswith("@") or ":" in tag:
            continue  # CMS-internal keywords ("@post-id:1913719")
        if tag and tag.lower() not in seen and len(tag) <= 80:
            seen.add(tag.lower())
            out.tags.append(tag)

    lang = root.get("lang") or root.get("xml:lang") or _first(meta, "content-language")
    if not lang:
        lang = _text(ld.get("inLanguage")) or _first(meta, "og:locale")
    if lang:
        primary = re.split(r"[-_]", lang.strip())[0].lower()
        out.language = primary if 2 <= len(primary) <= 3 and primary.isalpha() else None

    from scraper.html_blocks import normalize_image_url

    image = _first(meta, "og:image", "og:image:url", "og:image:secure_url", "twitter:image")
    image = image or _image_url(ld.get("image")) or _image_url(ld.get("thumbnailUrl"))
    image_url = normalize_image_url(image, base_url)
    if image_url:
        alt = in_page_alt(root, image_url, base_url) or _first(
            meta, "og:image:alt", "twitter:image:alt"
        )
        caption, credit = _lead_caption(root, image_url, base_url)
        out.lead_image = LeadImage(
            url=image_url, caption=caption, credit=credit, alt=clean(alt) or None
        )
    out.reading_time_minutes = _reading_time(root, html)

    body = ld.get("articleBody")
    out.article_body = body if isinstance(body, str) and body.strip() else None
    return out


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


# --------------------------------------------------------------------------- related links

_RELATED = re.compile(
    r"related|also-?read|read-?more|more-?stories|recommended|read-?next|up-?next|"
    r"more-?from|you-?may-?like|recirc",
    re.I,
)


def related_links(root: Element, base_url: str, page_url: str) -> list[tuple[str, str]]:
    """Links of related-story rails and "also read" boxes: (headline, absolute url)."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for el in root.xpath("//body//*[@class or @id or @data-test-id]"):
        if el.tag == "a":
            continue
        if not _RELATED.search(_words(el) + " " + (el.get("data-test-id") or "")):
            continue
        for a in el.iter("a"):
            url = absolute_url(a.get("href"), base_url)
            if not url or url in seen or same_page(url, page_url) or same_page(url, base_url):
                continue
            title = _text_of(a) or clean(a.get("title") or "")
            if len(title) < 15 or len(title.split()) < 3:
                continue
            seen.add(url)
            out.append((title, url))
        if len(out) >= 30:
            break
    return out
