"""The article record: what every extractor layer fills and every writer reads.

The field names of :meth:`Article.to_dict` are a public contract (see README and
``scraper/article.schema.json``): never rename or drop one; new fields may be added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

BlockType = Literal["paragraph", "heading", "quote", "list", "image", "embed", "table"]


@dataclass(slots=True)
class LeadImage:
    url: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "caption": self.caption, "credit": self.credit, "alt": self.alt}


@dataclass(slots=True)
class RelatedLink:
    title: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url}


# A block is a plain dict so that each type carries only its own keys:
#   {"type": "paragraph", "text": str, "markdown": str}          (markdown keeps inline links)
#   {"type": "heading", "level": 2..6, "text": str}
#   {"type": "quote", "text": str, "markdown": str, "attribution": str | None}
#   {"type": "list", "ordered": bool, "items": [str], "items_markdown": [str]}
#   {"type": "image", "url": str, "caption": str | None, "credit": str | None, "alt": str | None}
#   {"type": "embed", "provider": str, "url": str | None, "text": str | None}
#   {"type": "table", "rows": [[str]]}
Block = dict[str, Any]


@dataclass(slots=True)
class Article:
    url: str
    canonical_url: str | None = None
    site_name: str | None = None
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    updated_at: str | None = None
    reading_time_minutes: int | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    lead_image: LeadImage | None = None
    blocks: list[Block] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    extractor: str | None = None
    # Which layer supplied each field (for --debug and tests); not part of the JSON contract.
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def body_text(self) -> str:
        from scraper.render import blocks_to_text

        return blocks_to_text(self.blocks)

    @property
    def body_markdown(self) -> str:
        from scraper.render import blocks_to_markdown

        return blocks_to_markdown(self.blocks)

    @property
    def word_count(self) -> int:
        from scraper.text import count_words

        return count_words(self.body_text)

    def to_dict(self) -> dict[str, Any]:
        body_text = self.body_text
        from scraper.text import count_words

        return {
            "schema_version": SCHEMA_VERSION,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "site_name": self.site_name,
            "title": self.title,
            "subtitle": self.subtitle,
            "authors": list(self.authors),
            "published_at": self.published_at,
            "updated_at": self.updated_at,
            "reading_time_minutes": self.reading_time_minutes,
            "section": self.section,
            "tags": list(self.tags),
            "language": self.language,
            "lead_image": self.lead_image.to_dict() if self.lead_image else None,
            "blocks": [dict(b) for b in self.blocks],
            "body_text": body_text,
            "body_markdown": self.body_markdown,
            "related": [r.to_dict() for r in self.related],
            "word_count": count_words(body_text),
            "extractor": self.extractor,
        }
