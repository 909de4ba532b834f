"""One pass over the page collecting what the layers look up by name: meta tags, links, scripts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bs4 import Tag

if TYPE_CHECKING:
    from scraper.extract.document import Document


@dataclass
class PageIndex:
    meta: dict[str, list[str]] = field(
        default_factory=dict
    )  # lower-cased name/property -> contents
    title: str | None = None  # text of the first <title>
    canonical: str | None = None  # href of <link rel=canonical>
    base_href: str | None = None
    lang: str | None = None  # <html lang>
    ld_json: list[str] = field(default_factory=list)  # texts of application/ld+json scripts
    state_json: str | None = None  # script#static-page (or #initial-page) text
    state_is_shell: bool = False  # True when state_json came from a #initial-page shell

    def first(self, *names: str) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                if value and value.strip():
                    return value.strip()
        return None

    def all(self, *names: str) -> list[str]:
        out: list[str] = []
        for name in names:
            out.extend(v.strip() for v in self.meta.get(name, ()) if v and v.strip())
        return out


def page_index(doc: Document) -> PageIndex:
    cached = doc.cache.get("index")
    if isinstance(cached, PageIndex):
        return cached
    idx = PageIndex()
    soup = doc.soup
    html_tag = soup.find("html")
    if isinstance(html_tag, Tag):
        lang = html_tag.get("lang") or html_tag.get("xml:lang")
        if isinstance(lang, str) and lang.strip():
            idx.lang = lang.strip()
    state_fallback: str | None = None
    for tag in soup.find_all(("meta", "link", "title", "script", "base")):
        name = tag.name
        if name == "meta":
            key = (
                tag.get("property")
                or tag.get("name")
                or tag.get("itemprop")
                or tag.get("http-equiv")
            )
            content = tag.get("content")
            if isinstance(key, str) and isinstance(content, str):
                idx.meta.setdefault(key.strip().lower(), []).append(content)
        elif name == "link":
            rel = tag.get("rel") or []
            if isinstance(rel, str):
                rel = rel.split()
            href = tag.get("href")
            if (
                "canonical" in [r.lower() for r in rel]
                and isinstance(href, str)
                and not idx.canonical
            ):
                idx.canonical = href.strip() or None
        elif name == "title":
            if idx.title is None and tag.find_parent("svg") is None:
                idx.title = tag.get_text()
        elif name == "base":
            href = tag.get("href")
            if isinstance(href, str) and not idx.base_href:
                idx.base_href = href.strip() or None
        else:
            kind = (tag.get("type") or "").lower()
            sid = tag.get("id")
            if "ld+json" in kind:
                text = tag.string if tag.string is not None else tag.get_text()
                if text and text.strip():
                    idx.ld_json.append(text)
            elif sid == "static-page":
                idx.state_json = tag.string if tag.string is not None else tag.get_text()
            elif sid == "initial-page" and state_fallback is None:
                state_fallback = tag.string if tag.string is not None else tag.get_text()
    if idx.state_json is None and state_fallback is not None:
        idx.state_json = state_fallback
        idx.state_is_shell = True
    doc.cache["index"] = idx
    return idx
