"""Filling Article fields from layers: first non-empty value wins, sources recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scraper.extract.document import Document
    from scraper.model import Article, LeadImage, RelatedLink

LOCKED = "locked_fields"


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def lock(doc: Document, *fields: str) -> None:
    """Mark fields as settled by an exact source: later layers may not fill them even if empty."""
    doc.cache.setdefault(LOCKED, set()).update(fields)


def is_locked(doc: Document, field: str) -> bool:
    return field in doc.cache.get(LOCKED, ())


def set_field(doc: Document, article: Article, field: str, value: Any, layer: str) -> bool:
    """Set ``article.<field>`` to ``value`` if it is still empty and not locked."""
    if is_empty(value) or is_locked(doc, field):
        return False
    if not is_empty(getattr(article, field)):
        return False
    setattr(article, field, value)
    article.sources[field] = layer
    if field == "blocks" and not article.extractor:
        article.extractor = layer
    return True


def set_lead_image(
    doc: Document, article: Article, image: LeadImage | None, layer: str, *, merge: bool = False
) -> None:
    """Set the lead image; with ``merge`` fill the missing caption/credit/alt of the same image."""
    if image is None or not image.url:
        return
    current = article.lead_image
    if current is None:
        set_field(doc, article, "lead_image", image, layer)
        return
    if not merge or not same_image(current.url, image.url):
        return
    for attr in ("caption", "credit", "alt"):
        if getattr(current, attr) is None and getattr(image, attr):
            value = getattr(image, attr)
            if attr == "alt" and value == current.credit:
                continue
            setattr(current, attr, value)


def in_page_alt(root: Any, image_url: str, base_url: str | None) -> str | None:
    """The alt text of an <img> in the page that shows ``image_url`` (any resizing), if any.

    Preferred over ``og:image:alt``: that tag is written for share cards and some sites put the
    photo credit in it (interbellumnews.com does), while the page's own <img> describes the
    picture as the article shows it."""
    from scraper.html_blocks import image_url as url_of
    from scraper.text import clean

    for img in root.iter("img"):
        alt = img.get("alt")
        if alt and alt.strip() and same_image(url_of(img, base_url), image_url):
            return clean(alt) or None
    return None


def same_image(a: str | None, b: str | None) -> bool:
    """The same picture, whatever the resizing query (``?w=600`` / ``?w=1200``)."""
    from urllib.parse import urlsplit

    if not a or not b:
        return False
    try:
        pa, pb = urlsplit(a), urlsplit(b)
    except ValueError:
        return a == b
    return (pa.netloc, pa.path) == (pb.netloc, pb.path)


def add_related(doc: Document, article: Article, links: list[RelatedLink], layer: str) -> None:
    """Related links accumulate across layers (de-duplicated at the end of the pipeline)."""
    if not links:
        return
    if not article.related:
        article.sources["related"] = layer
    article.related.extend(links)
