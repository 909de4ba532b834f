"""Non-article pages (section listing, 404) and the samples README."""

from __future__ import annotations


def LISTING_PAGES() -> dict[str, str]:
    return {}


def readme() -> str:
    return "# interbellumnews.com samples\n\n- `putin-trump-call.html`: the seed article.\n"
