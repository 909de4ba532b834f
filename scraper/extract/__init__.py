"""Extraction: ``extract(html, url) -> Article``, a pure function.

Layers run from most to least exact; each fills only what the earlier ones left empty:

1. ``quintype_json`` – the embedded story JSON (``script#static-page``)
2. ``arrow_dom``     – the @quintype/arrow markup
3. ``jsonld``        – schema.org JSON-LD
4. ``meta``          – <title>, OpenGraph, Twitter, <meta name=...>
5. ``generic``       – content scoring and heuristics for any site

``Article.extractor`` names the layer that supplied the body.
"""

from __future__ import annotations

from scraper.model import Article


def extract(html: str | bytes, url: str, *, base_url: str | None = None) -> Article:
    """Turn one HTML page into an Article. Raises ``NotArticle`` for non-article pages."""
    from scraper.extract.pipeline import run_pipeline

    return run_pipeline(html, url, base_url=base_url)


__all__ = ["extract"]
