"""Assemble a complete Quintype story dict from a compact description."""

from __future__ import annotations

from typing import Any

from page import section_obj
from qt import HOST, Element, Ids, Story, image_key, ms, uid

AUTHORS: dict[str, dict[str, Any]] = {}


def author(name: str, slug: str, handle: str | None = None, bio: str = "") -> dict[str, Any]:
    a = {
        "id": int(uid("author", slug)[:6], 16) % 900000 + 100000,
        "name": name,
        "slug": slug,
        "avatar-url": None,
        "avatar-s3-key": f"interbellumnews/2024-01/{uid('avatar', slug)}/{slug}.jpg",
        "bio": bio,
        "social": {"twitter": {"url": f"https://x.com/{handle}", "handle": handle}}
        if handle
        else {},
        "contributor-role": {"id": 1, "name": "Author"},
    }
    AUTHORS[slug] = a
    return a


def linked(headline: str, slug: str, month: str = "2025-05") -> dict[str, Any]:
    """A story referenced by an also-read element (may or may not be a sample page itself)."""
    sid = uid("story", slug)
    return {
        "id": sid,
        "headline": headline,
        "slug": slug,
        "url": f"{HOST}/{slug}",
        "hero-image-s3-key": image_key(month, slug, slug.rsplit("/", 1)[-1][:24] + ".jpg"),
        "hero-image-caption": None,
        "story-template": "text",
    }


def make_story(
    *,
    headline: str,
    subheadline: str,
    slug: str,
    section: tuple[str, str],
    authors: list[dict[str, Any]],
    tags: list[str],
    first_published: str,
    updated: str,
    read_time: int,
    hero_file: str,
    hero_caption: str | None,
    hero_attribution: str | None,
    cards: list[list[Element]],
    links: list[dict[str, Any]] = (),  # type: ignore[assignment]
    summary: str = "",
    meta_title: str = "",
    meta_description: str = "",
    extra_sections: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> Story:
    ids = Ids(slug)
    sid = uid("story", slug)
    month = first_published[:7]
    card_objs = []
    for n, elements in enumerate(cards):
        els = []
        for el in elements:
            el = dict(el)
            el["id"] = ids.next()
            el["family-id"] = uid(slug, "family", el["id"])
            if el["type"] == "text" and el.get("subtype") == "also-read":
                pass
            els.append(el)
        cid = uid(slug, "card", n)
        card_objs.append(
            {
                "id": cid,
                "content-id": cid,
                "content-version-id": uid(slug, "card-version", n),
                "card-added-at": ms(first_published) + n * 1000,
                "card-updated-at": ms(updated),
                "status": "draft",
                "version": 3,
                "metadata": {
                    "social-share": {
                        "shareable": False,
                        "title": headline,
                        "message": None,
                        "image": {"key": None, "url": None, "metadata": None, "caption": None},
                    },
                    "attributes": {},
                },
                "story-elements": els,
            }
        )
    sec_name, sec_slug = section
    sections = [section_obj(sec_name, sec_slug)] + [section_obj(n, s) for n, s in extra_sections]
    first_ms, upd_ms = ms(first_published), ms(updated)
    return {
        "id": sid,
        "story-content-id": sid,
        "headline": headline,
        "subheadline": subheadline,
        "summary": summary,
        "slug": slug,
        "url": f"{HOST}/{slug}",
        "canonical-url": None,
        "story-template": "text",
        "status": "published",
        "access": None,
        "language": "en",
        "read-time": read_time,
        "word-count": None,
        "first-published-at": first_ms,
        "published-at": upd_ms,
        "last-published-at": upd_ms,
        "updated-at": upd_ms,
        "content-updated-at": upd_ms,
        "created-at": first_ms - 3_600_000,
        "author-name": authors[0]["name"],
        "author-id": authors[0]["id"],
        "authors": authors,
        "sections": sections,
        "tags": [
            {
                "id": int(uid("tag", tg)[:6], 16) % 900000 + 100000,
                "name": tg,
                "slug": tg.lower()
                .replace("’", "")
                .replace("'", "")
                .replace(" ", "-")
                .replace("ü", "u")
                .replace("ł", "l"),
                "meta-description": None,
                "tag-type": "Tag",
            }
            for tg in tags
        ],
        "hero-image-s3-key": image_key(month, slug, hero_file),
        "hero-image-metadata": {
            "width": 1280,
            "height": 720,
            "mime-type": "image/jpeg",
            "focus-point": [640, 300],
        },
        "hero-image-caption": hero_caption,
        "hero-image-attribution": hero_attribution,
        "hero-image-alt-text": None,
        "hero-image-hyperlink": None,
        "seo": {
            "meta-title": meta_title,
            "meta-description": meta_description,
            "meta-keywords": [],
            "meta-google-news-standout": False,
        },
        "alternative": {},
        "linked-stories": {ln["id"]: ln for ln in links},
        "linked-story-ids": [ln["id"] for ln in links],
        "cards": card_objs,
        "storyline-id": None,
        "comments": None,
        "is-amp-supported": True,
        "story-attributes": {},
        "publisher-id": 1742,
    }
