"""One parsed page, shared by every extraction layer so that the HTML is parsed exactly once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup


@dataclass
class Document:
    """The parsed page plus caches that several layers read (JSON-LD, embedded state)."""

    soup: BeautifulSoup
    url: str  # the URL as asked (or the file path/URL for local files)
    base_url: str  # what relative links resolve against (canonical, --base-url, or final URL)
    cache: dict[str, Any] = field(default_factory=dict)
    html: str | bytes | None = None  # the raw input (the generic layer re-reads it with lxml)

    @classmethod
    def parse(cls, html: str | bytes, url: str, base_url: str | None = None) -> Document:
        soup = BeautifulSoup(html, "lxml")
        return cls(soup=soup, url=url, base_url=base_url or url, html=html)
