"""The library API: ``scrape(url_or_path) -> Article`` (fetch or read, then extract).

>>> from scraper import scrape
>>> article = scrape("https://interbellumnews.com/world/some-story")   # doctest: +SKIP
>>> article = scrape("samples/interbellumnews/putin-trump-call.html",  # doctest: +SKIP
...                  base_url="https://interbellumnews.com/")

Inputs are http(s) URLs, ``file://`` URLs, local paths or ``-`` (the page on standard input,
e.g. ``curl -s URL | scrape - --base-url URL``); anything else raises
:class:`scraper.errors.InvalidInput`. Every failure is a :class:`scraper.errors.ScrapeError`
subclass whose ``exit_code`` is what the CLI exits with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit
from urllib.request import url2pathname

from scraper.errors import InvalidInput

if TYPE_CHECKING:
    from scraper.fetch import Page, Timeouts
    from scraper.model import Article

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True, slots=True)
class Source:
    """A classified input: an http(s) URL to fetch, or a local file to read."""

    kind: Literal["url", "file", "stdin"]
    location: str  # the URL, the filesystem path, or "-" for standard input
    raw: str  # the input as given


def check_web_url(url: str, *, what: str = "URL") -> str:
    """``url`` stripped, or InvalidInput when it is not an http(s) URL with a host."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise InvalidInput(f"not a valid {what}: {exc}", url=url) from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidInput(f"not a valid {what}: only http and https are supported", url=url)
    if not parts.hostname:
        raise InvalidInput(f"not a valid {what}: no host name", url=url)
    if any(c.isspace() for c in url):
        raise InvalidInput(f"not a valid {what}: contains whitespace", url=url)
    return url


def _local_file(path: str, raw: str) -> Source:
    p = Path(path).expanduser()
    if not p.exists():
        hint = ""
        first = raw.split("/")[0]
        if "." in first and not raw.lower().endswith((".html", ".htm")):
            hint = " (a URL needs http:// or https://)"
        raise InvalidInput(f"no such file{hint}", url=raw)
    if p.is_dir():
        raise InvalidInput("is a directory, not a file", url=raw)
    return Source("file", str(p), raw)


def resolve_input(arg: str) -> Source:
    """Classify one command-line input; raises InvalidInput for anything unusable."""
    raw = arg
    arg = arg.strip()
    if not arg:
        raise InvalidInput("empty input", url=raw)
    if arg == "-":
        return Source("stdin", "-", raw)
    match = _SCHEME_RE.match(arg)
    scheme = match.group(1).lower() if match else ""
    # "C:\\x" style drive letters are paths, not schemes.
    if match and len(scheme) > 1:
        if scheme in ("http", "https"):
            return Source("url", check_web_url(arg), raw)
        if scheme == "file":
            parts = urlsplit(arg)
            if parts.netloc not in ("", "localhost"):
                raise InvalidInput("file:// URLs must name a local file", url=raw)
            return _local_file(url2pathname(parts.path), raw)  # it percent-decodes, once
        if "://" in arg:
            raise InvalidInput(
                f"unsupported URL scheme {scheme!r} (use http, https, file or a path)", url=raw
            )
    return _local_file(arg, raw)


def load_page(
    url_or_path: str,
    *,
    timeout: Timeouts | float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    user_agent: str | None = None,
) -> Page:
    """Fetch a URL or read a local file into a :class:`scraper.fetch.Page`."""
    source = resolve_input(url_or_path)
    if source.kind == "stdin":
        from scraper.fetch import read_stdin_page

        return read_stdin_page(max_bytes=max_bytes)
    if source.kind == "file":
        from scraper.fetch import read_local_page

        return read_local_page(source.location, max_bytes=max_bytes)
    from scraper.fetch import fetch_page_sync

    return fetch_page_sync(
        source.location, max_bytes=max_bytes, timeout=timeout, user_agent=user_agent
    )


def article_from_page(page: Page, *, base_url: str | None = None) -> Article:
    """Extract the article of a page. Relative links resolve against ``base_url`` when given
    (the address of a saved or piped page), else against the URL after redirects (a saved
    page without ``base_url``: its ``<base href>``, then its canonical link)."""
    from scraper.extract import extract

    if base_url:
        base_url = check_web_url(base_url, what="base URL")
    elif page.final_url != page.url:
        base_url = page.final_url
    return extract(page.text, page.url, base_url=base_url)


def scrape(
    url_or_path: str,
    *,
    base_url: str | None = None,
    timeout: Timeouts | float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    user_agent: str | None = None,
) -> Article:
    """Fetch (or read) one page and extract its article.

    Raises a :class:`scraper.errors.ScrapeError` subclass: InvalidInput, NetworkError,
    FetchTimeout, HTTPStatusError, NotHTML, TooLarge or NotArticle.
    """
    if base_url:
        base_url = check_web_url(base_url, what="base URL")
    page = load_page(url_or_path, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent)
    return article_from_page(page, base_url=base_url)


__all__ = ["Source", "article_from_page", "check_web_url", "load_page", "resolve_input", "scrape"]
