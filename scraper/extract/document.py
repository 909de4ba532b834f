"""One parsed page, shared by every extraction layer so that the HTML is parsed exactly once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup


@dataclass
class Document:
    """The parsed page plus caches that several layers read (JSON-LD, embedded state).

    ``soup`` (BeautifulSoup) is built on first use: pages that no layer needs it for (any site
    without arrow markup) are read through ``tree`` (a read-only lxml parse) alone."""

    _soup: BeautifulSoup | None
    url: str  # the URL as asked (or the file path/URL for local files)
    base_url: str  # what relative links resolve against (canonical, --base-url, or final URL)
    cache: dict[str, Any] = field(default_factory=dict)
    html: str | bytes | None = None  # the raw input (the generic layer re-reads it with lxml)

    @property
    def soup(self) -> BeautifulSoup:
        if self._soup is None:
            from scraper.html_blocks import make_soup

            self._soup = make_soup(self.html or "")
        return self._soup

    @property
    def tree(self) -> Any:
        """A read-only lxml.etree parse of the page (comments kept out)."""
        cached = self.cache.get("lxml_tree")
        if cached is None:
            from lxml import etree

            html = self.html or ""
            data = html if isinstance(html, bytes) else html.encode("utf-8", errors="replace")
            parser = etree.HTMLParser(
                encoding=None if isinstance(html, bytes) else "utf-8",
                remove_comments=True,
                remove_pis=True,
            )
            try:
                cached = etree.fromstring(data, parser=parser) if data.strip() else None
            except (etree.ParserError, etree.XMLSyntaxError, ValueError):
                cached = None
            if cached is None:
                cached = etree.fromstring(b"<html></html>", parser=parser)
            self.cache["lxml_tree"] = cached
        return cached

    @classmethod
    def parse(cls, html: str | bytes, url: str, base_url: str | None = None) -> Document:
        return cls(None, url=url, base_url=base_url or url, html=html)
