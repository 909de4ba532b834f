"""scrape: article scraper and normaliser.

Public API::

    from scraper import extract, scrape
    article = extract(html, "https://interbellumnews.com/world/some-story")   # pure
    article = scrape("https://interbellumnews.com/world/some-story")          # fetch + extract
    article.to_dict()  # the JSON contract

Heavy modules (lxml, bs4, httpx) are imported lazily so that ``scrape --help`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Article", "ScrapeError", "__version__", "extract", "scrape"]

if TYPE_CHECKING:
    from scraper.api import scrape
    from scraper.errors import ScrapeError
    from scraper.extract import extract
    from scraper.model import Article


def __getattr__(name: str) -> Any:
    if name == "extract":
        from scraper.extract import extract

        return extract
    if name == "scrape":
        from scraper.api import scrape

        return scrape
    if name == "Article":
        from scraper.model import Article

        return Article
    if name == "ScrapeError":
        from scraper.errors import ScrapeError

        return ScrapeError
    raise AttributeError(f"module 'scraper' has no attribute {name!r}")
