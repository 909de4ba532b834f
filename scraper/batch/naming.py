"""File names for articles: a readable slug from the URL plus a short hash of the whole URL.

Only letters, digits and ``-`` survive in the slug (after percent-decoding and Unicode NFKC), so no
name can contain a path separator, ``..``, NUL or a control character, and the slug is cut to a
length that keeps the whole name well under every filesystem limit (255 bytes).
"""

from __future__ import annotations

import hashlib
import unicodedata
from urllib.parse import unquote, urlsplit

SLUG_MAX_CHARS = 80
SLUG_MAX_BYTES = 160
HASH_CHARS = 10


def url_hash(url: str, length: int = HASH_CHARS) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    out: list[str] = []
    for ch in text:
        if ch.isalnum() and ch.isprintable():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    slug = "".join(out).strip("-")[:SLUG_MAX_CHARS]
    while len(slug.encode("utf-8")) > SLUG_MAX_BYTES:
        slug = slug[:-1]
    return slug.strip("-")


def slug_for_url(url: str) -> str:
    """The last meaningful path segment, else the host; 'article' if nothing usable is left."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s and s not in (".", "..")]
    for segment in reversed(segments):
        slug = slugify(unquote(segment, errors="replace"))
        if slug and slug not in ("index-html", "index", "amp"):
            return slug
    return slugify(parts.hostname or "") or "article"


def file_name(url: str, ext: str) -> str:
    """``<slug>-<hash>.<ext>``: stable for a URL, distinct for distinct URLs."""
    return f"{slug_for_url(url)}-{url_hash(url)}.{ext}"
