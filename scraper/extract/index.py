"""One pass over the page collecting what the layers look up by name: meta tags, links, scripts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
    root = doc.tree
    lang = (
        root.get("lang")
        or root.get("{http://www.w3.org/XML/1998/namespace}lang")
        or root.get("xml:lang")
    )
    if lang and lang.strip():
        idx.lang = lang.strip()
    state_fallback: str | None = None
    for tag in root.iter("meta", "link", "title", "script", "base"):
        name = tag.tag
        if name == "meta":
            key = (
                tag.get("property")
                or tag.get("name")
                or tag.get("itemprop")
                or tag.get("http-equiv")
            )
            content = tag.get("content")
            if key is not None and content is not None:
                idx.meta.setdefault(key.strip().lower(), []).append(content)
        elif name == "link":
            rel = (tag.get("rel") or "").lower().split()
            href = tag.get("href")
            if "canonical" in rel and href is not None and not idx.canonical:
                idx.canonical = href.strip() or None
        elif name == "title":
            if idx.title is None and next(tag.iterancestors("svg"), None) is None:
                idx.title = "".join(tag.itertext())
        elif name == "base":
            href = tag.get("href")
            if href and not idx.base_href:
                idx.base_href = href.strip() or None
        else:
            kind = (tag.get("type") or "").lower()
            sid = tag.get("id")
            text = tag.text or ""
            if "ld+json" in kind:
                if text.strip():
                    idx.ld_json.append(text)
            elif sid == "static-page":
                idx.state_json = text
            elif sid == "initial-page" and state_fallback is None:
                state_fallback = text
    if idx.state_json is None and state_fallback is not None:
        idx.state_json = state_fallback
        idx.state_is_shell = True
    doc.cache["index"] = idx
    return idx
