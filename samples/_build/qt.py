# ruff: noqa: E501  (HTML and story text are data; long lines keep them readable)
"""Quintype story data helpers: element constructors, ids, dates, image URLs.

Everything here is deterministic so that re-running the generator reproduces the samples byte
for byte.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

HOST = "https://interbellumnews.com"
CDN = "media.assettype.com"
PUBLISHER = "Inter Bellum News"
DOMAIN = "interbellumnews.com"
TIMEZONE = "Europe/Berlin"

Element = dict[str, Any]
Story = dict[str, Any]


def uid(*parts: object) -> str:
    """A stable uuid derived from the given parts."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "interbellumnews:" + "/".join(map(str, parts))))


def short_hash(*parts: object, n: int = 5) -> str:
    digest = hashlib.sha1("|".join(map(str, parts)).encode()).digest()
    return base64.b64encode(digest, altchars=b"-_").decode()[:n]


def ms(iso: str) -> int:
    """'2025-05-20T06:41:00.347Z' -> epoch milliseconds."""
    dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return round(dt.timestamp() * 1000)


def utc(epoch_ms: int) -> datetime:
    return datetime.fromtimestamp(epoch_ms / 1000, tz=UTC)


def iso_utc(epoch_ms: int) -> str:
    """The contract's date form: UTC, seconds precision, '+00:00'."""
    return utc(epoch_ms).replace(microsecond=0).isoformat()


def image_url(s3_key: str) -> str:
    """The canonical CDN URL of an s3 key ('/' written as %2F, no query string)."""
    return f"https://{CDN}/{quote(s3_key, safe='')}"


def image_key(month: str, name: str, filename: str) -> str:
    return f"interbellumnews/{month}/{uid('img', month, name)}/{filename}"


# --- story elements -------------------------------------------------------------------------


class Ids:
    """Hands out stable element ids for one story."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return uid(self.slug, "element", self.n)


def text(html: str) -> Element:
    return {"type": "text", "subtype": None, "text": html, "metadata": {}}


def title(heading: str) -> Element:
    return {"type": "title", "subtype": None, "text": heading, "metadata": {}}


def quote_el(content: str, attribution: str = "") -> Element:
    return {
        "type": "text",
        "subtype": "quote",
        "text": f"<blockquote>{content}</blockquote>"
        + (f'<span class="attribution">{attribution}</span>' if attribution else ""),
        "metadata": {"content": content, "attribution": attribution},
    }


def blockquote_el(content: str, attribution: str = "") -> Element:
    return {
        "type": "text",
        "subtype": "blockquote",
        "text": f"<blockquote>{content}</blockquote>"
        + (f'<span class="attribution">{attribution}</span>' if attribution else ""),
        "metadata": {"content": content, "attribution": attribution},
    }


def blurb(inner_html: str) -> Element:
    return {
        "type": "text",
        "subtype": "blurb",
        "text": f"<blockquote>{inner_html}</blockquote>",
        "metadata": {},
    }


def summary(html: str) -> Element:
    return {"type": "text", "subtype": "summary", "text": html, "metadata": {}}


def bigfact(fact: str, content: str) -> Element:
    return {
        "type": "text",
        "subtype": "bigfact",
        "text": f'<div class="bigfact-title">{fact}</div><div class="bigfact-description">{content}</div>',
        "metadata": {"content": content, "attribution": fact},
    }


def image(
    s3_key: str, caption: str, attribution: str = "", width: int = 1280, height: int = 720
) -> Element:
    return {
        "type": "image",
        "subtype": None,
        "title": caption,
        "text": "",
        "image-s3-key": s3_key,
        "image-attribution": attribution,
        "image-metadata": {"width": width, "height": height, "mime-type": "image/jpeg"},
        "alt-text": None,
        "metadata": {},
    }


def youtube(video_id: str) -> Element:
    return {
        "type": "youtube-video",
        "subtype": None,
        "url": f"https://www.youtube.com/watch?v={video_id}",
        "embed-url": f"https://www.youtube.com/embed/{video_id}",
        "metadata": {"video-id": video_id},
        "text": "",
    }


def tweet(status_url: str, tweet_text: str, name: str, handle: str, date_label: str) -> Element:
    markup = (
        '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">'
        + tweet_text
        + f"</p>&mdash; {name} (@{handle}) "
        + f'<a href="{status_url}">{date_label}</a></blockquote> '
        + '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
    )
    return {
        "type": "jsembed",
        "subtype": "tweet",
        "text": "",
        "embed-js": base64.b64encode(markup.encode()).decode(),
        "metadata": {"tweet-url": status_url, "tweet-id": status_url.rsplit("/", 1)[-1]},
        "_markup": markup,
        "_tweet_text": tweet_text,
    }


def also_read(linked_story_id: str, headline: str, label: bool = False) -> Element:
    return {
        "type": "text",
        "subtype": "also-read",
        "text": headline,
        "metadata": {"linked-story-id": linked_story_id},
        "_label": label,
    }
