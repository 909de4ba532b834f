"""Fetching one page over HTTP(S) with httpx, or reading a local file, into a :class:`Page`.

The async core :func:`fetch_page` is what the batch engine calls for thousands of URLs on one
shared client: the body is streamed under a size cap, the whole exchange runs under a total
deadline (besides httpx's connect/read timeouts), redirects are followed by hand (http/https
only, bounded, loops detected), and every failure is one of the kinds of :mod:`scraper.errors`.

httpx is imported inside functions so that importing this module stays cheap.
"""

from __future__ import annotations

import asyncio
import email.utils
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urljoin, urlsplit

from scraper import __version__
from scraper.charset import decode_html
from scraper.errors import (
    FetchTimeout,
    HTTPStatusError,
    InvalidInput,
    NetworkError,
    NotHTML,
    RedirectError,
    TooLarge,
)

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"scrape/{__version__} (+https://github.com/scrape-project/scrape)"
DEFAULT_TIMEOUT = 20.0  # seconds, total per request
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
CONNECT_TIMEOUT_CAP = 10.0

ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml+html"})
# Types servers send for HTML by mistake: accepted only when the body looks like HTML.
SNIFF_TYPES = frozenset({"", "text/plain", "application/octet-stream", "binary/octet-stream"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
SNIFF_WINDOW = 64 * 1024  # how much of the body is looked at to tell HTML from other data

_HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]|<article[\s>]|<div[\s>]|<p[\s>]",
    re.IGNORECASE,
)
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
)


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Per-request deadlines in seconds: TCP/TLS connect, each read, and the whole exchange."""

    connect: float = CONNECT_TIMEOUT_CAP
    read: float = DEFAULT_TIMEOUT
    total: float = DEFAULT_TIMEOUT

    @classmethod
    def coerce(cls, value: Timeouts | float | None) -> Timeouts:
        """A single number is the total deadline (connect is capped at 10 s within it)."""
        if isinstance(value, Timeouts):
            return value
        total = DEFAULT_TIMEOUT if value is None else float(value)
        if total <= 0:
            raise ValueError("timeout must be positive")
        return cls(connect=min(CONNECT_TIMEOUT_CAP, total), read=total, total=total)


@dataclass(slots=True)
class Page:
    """One fetched (or read) page: the raw bytes and their decoded text."""

    url: str  # as asked
    final_url: str  # after redirects (file:// URI for local files)
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    content: bytes = b""
    text: str = ""
    encoding: str | None = None
    content_type: str | None = None  # media type only, lower-case, e.g. "text/html"
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from a Content-Type header value."""
    if not content_type:
        return "", None
    parts = [p.strip() for p in content_type.split(";")]
    media = parts[0].lower()
    charset = None
    for param in parts[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media, charset


def _looks_like_html(head: bytes) -> bool:
    return bool(_HTML_MARKERS.search(head[:SNIFF_WINDOW]))


def _sniff_not_html(head: bytes) -> str | None:
    """The detected non-HTML type of a body start, or None when it may be HTML."""
    for magic, kind in _BINARY_MAGIC:
        if head.startswith(magic):
            return kind
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"[") and not _looks_like_html(stripped):
        return "application/json"
    if b"\x00" in head[:1024] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data"
    return None


def check_html(content_type: str, head: bytes, url: str) -> None:
    """Raise NotHTML unless the declared type and the first body bytes are an HTML page."""
    if content_type in HTML_TYPES:
        sniffed = _sniff_not_html(head)
        if sniffed:
            raise NotHTML(f"not an HTML page: declared {content_type} but is {sniffed}", url=url)
        return
    if content_type in SNIFF_TYPES:
        sniffed = _sniff_not_html(head)
        if sniffed is None and _looks_like_html(head):
            return
        if sniffed:
            what = sniffed
        elif content_type:
            what = f"{content_type} without HTML markup"
        else:
            what = "no HTML markup found"
        raise NotHTML(f"not an HTML page ({what})", url=url)
    raise NotHTML(f"not an HTML page ({content_type})", url=url)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    name = type(exc).__name__
    cause = exc.__cause__ or exc.__context__
    if not text and cause is not None:
        text = str(cause).strip()
    return f"{name}: {text}" if text else name


_HEADER_VALUE = re.compile(r"[\x20-\x7e]*")  # printable ASCII: what every server accepts


def check_user_agent(user_agent: str | None) -> str | None:
    """``user_agent`` when it can be sent as a header, else InvalidInput."""
    if user_agent is not None and not _HEADER_VALUE.fullmatch(user_agent):
        raise InvalidInput(
            "the User-Agent must be printable ASCII (no line breaks, no accents)", url=user_agent
        )
    return user_agent


def _default_headers(user_agent: str | None) -> dict[str, str]:
    return {
        "User-Agent": check_user_agent(user_agent) or USER_AGENT,
        "Accept": ACCEPT,
        "Accept-Language": "en;q=1.0, *;q=0.5",
    }


def make_client(
    *,
    user_agent: str | None = None,
    timeout: Timeouts | float | None = None,
    max_connections: int = 100,
    max_keepalive: int = 20,
    http2: bool = False,
    headers: dict[str, str] | None = None,
    **kwargs: Any,
) -> httpx.AsyncClient:
    """A shared AsyncClient with the project's User-Agent, limits and timeouts.

    Redirects are not followed by the client: :func:`fetch_page` follows them itself so that it
    can refuse non-HTTP targets and detect loops. ``http2`` needs the ``h2`` package.
    """
    import httpx

    t = Timeouts.coerce(timeout)
    merged = _default_headers(user_agent)
    merged.update(headers or {})
    if http2:
        try:
            import h2  # noqa: F401
        except ImportError:
            http2 = False
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_keepalive)
    if "transport" not in kwargs and not http2 and not _proxies_in_environment():
        # Direct HTTP/1.1 connections go through the lean h11 transport (scraper.transport).
        # httpx ignores HTTP(S)_PROXY once a transport is given, so behind a proxy from the
        # environment its own transport is kept (and the proxy with it).
        from scraper.transport import H11Transport

        kwargs["transport"] = H11Transport(
            verify=kwargs.get("verify", True), limits=limits, trust_env=True
        )
    client = httpx.AsyncClient(
        headers=merged,
        timeout=httpx.Timeout(t.read, connect=t.connect, pool=t.total),
        limits=limits,
        follow_redirects=False,
        http2=http2,
        trust_env=True,
        **kwargs,
    )
    _parse_cookies_only_when_set(client)
    return client


def _proxies_in_environment() -> bool:
    """True when HTTP_PROXY, HTTPS_PROXY or ALL_PROXY (any case) names a proxy."""
    import urllib.request

    return any(scheme in ("http", "https", "all") for scheme in urllib.request.getproxies())


def _parse_cookies_only_when_set(client: httpx.AsyncClient) -> None:
    """Cookies are kept as before (a consent cookie set on a redirect goes with the next
    request), but a response is only handed to the cookie jar when it has a Set-Cookie header.

    httpx passes every response to ``http.cookiejar``, which wraps it and its request in
    urllib objects first (the request's URL parsed again): about 6% of the parent process's
    CPU in a batch run, for responses that almost never set a cookie. The jar reads nothing but
    Set-Cookie (Set-Cookie2 only under RFC 2965, which its default policy has off), so skipping
    the others changes nothing. If httpx's internals change shape, the client is left as is.
    """
    import httpx

    class _Cookies(httpx.Cookies):
        def extract_cookies(self, response: httpx.Response) -> None:
            if "set-cookie" in response.headers:
                super().extract_cookies(response)

    cookies = getattr(client, "_cookies", None)
    if type(cookies) is httpx.Cookies:
        client._cookies = _Cookies(cookies.jar)  # the same jar, so client.cookies still works


async def fetch_page(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: Timeouts | float | None = None,
    conditional: dict[str, str] | None = None,
    decode: bool = True,
    html_only: bool = True,
    headers: dict[str, str] | None = None,
    truncate: bool = False,
) -> Page:
    """GET ``url`` and return the page, or raise a :class:`scraper.errors.ScrapeError` kind.

    ``conditional`` holds If-None-Match / If-Modified-Since headers; a 304 answer is returned as
    a Page with ``status == 304`` and an empty body. The total deadline covers connecting,
    every redirect and the whole body. ``decode=False`` leaves ``text`` empty (the batch engine
    decodes in its worker processes). ``html_only=False`` accepts any content type and leaves
    ``text`` empty (sitemaps, feeds); ``headers`` are extra request headers (e.g. Accept).
    ``truncate=True`` keeps the first ``max_bytes`` of a longer body instead of raising
    TooLarge (robots.txt: RFC 9309 asks for the first 500 KiB, not for nothing).
    """
    t = Timeouts.coerce(timeout)
    try:
        async with asyncio.timeout(t.total):
            return await _fetch(
                client,
                url,
                max_bytes=max_bytes,
                t=t,
                conditional=conditional,
                decode=decode and html_only,
                html_only=html_only,
                headers=headers,
                truncate=truncate,
            )
    except TimeoutError as exc:
        raise FetchTimeout(f"timed out after {t.total:g} s", url=url) from exc


async def _fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    t: Timeouts,
    conditional: dict[str, str] | None,
    decode: bool = True,
    html_only: bool = True,
    headers: dict[str, str] | None = None,
    truncate: bool = False,
) -> Page:
    import httpx

    request_timeout = httpx.Timeout(t.read, connect=t.connect, pool=t.total)
    headers = {**(headers or {}), **(conditional or {})}
    try:
        parsed = httpx.URL(url)
        host = parsed.host  # decodes IDNA: "xn--a.com" raises an idna error (a ValueError)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise InvalidInput(f"invalid URL: {exc}", url=url) from exc
    if parsed.scheme not in ("http", "https") or not host:
        raise InvalidInput("not an http(s) URL with a host", url=url)
    current = url
    current_parsed = parsed  # parsed once: build_request takes the httpx.URL as it is
    seen = {current}
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            request = client.build_request(
                "GET", current_parsed, headers=headers, timeout=request_timeout
            )
            response = await client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException as exc:
            raise FetchTimeout(f"timed out ({_describe(exc)})", url=url) from exc
        except (httpx.InvalidURL, ValueError) as exc:
            # httpx parses the Location of a redirect even when not following it (a bad IDNA
            # host raises idna's errors, which are ValueErrors).
            raise RedirectError(f"redirect to an invalid or non-HTTP URL ({exc})", url=url) from exc
        except (httpx.TransportError, OSError) as exc:
            raise NetworkError(_describe(exc), url=url) from exc
        try:
            status = response.status_code
            if status in REDIRECT_STATUSES and "location" in response.headers:
                location = response.headers["location"].strip()
                try:  # a bad IPv6 literal or port: urllib raises ValueError, httpx InvalidURL
                    target = urljoin(current, location)
                    parts = urlsplit(target)
                    parts.port  # noqa: B018 - raises ValueError when out of range
                    target_parsed = httpx.URL(target)
                    target_parsed.host  # noqa: B018 - raises for a bad IDNA host
                except (ValueError, httpx.InvalidURL) as exc:
                    raise RedirectError(f"redirect to an invalid URL: {location}", url=url) from exc
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    raise RedirectError(f"redirect to a non-HTTP URL: {target}", url=url)
                # Back to a URL already asked for is a loop, unless this answer set a cookie
                # (a consent or session gate that redirects to itself): the next request
                # differs then. A gate that never lets go still ends at MAX_REDIRECTS.
                if target in seen and "set-cookie" not in response.headers:
                    raise RedirectError(f"redirect loop at {target}", url=url)
                seen.add(target)
                current, current_parsed = target, target_parsed
                continue
            return await _read_page(
                response, url, current, max_bytes, conditional, decode, html_only, truncate
            )
        finally:
            await response.aclose()
    raise RedirectError(f"too many redirects (more than {MAX_REDIRECTS})", url=url)


async def _read_page(
    response: httpx.Response,
    url: str,
    final_url: str,
    max_bytes: int,
    conditional: dict[str, str] | None,
    decode: bool = True,
    html_only: bool = True,
    truncate: bool = False,
) -> Page:
    import httpx

    status = response.status_code
    headers = {k.lower(): v for k, v in response.headers.items()}
    media, charset = _media_type(headers.get("content-type"))
    meta: dict[str, Any] = {
        "url": url,
        "final_url": final_url,
        "status": status,
        "headers": headers,
        "content_type": media or None,
        "etag": headers.get("etag"),
        "last_modified": headers.get("last-modified"),
    }
    if status == 304 and conditional:
        return Page(**meta)
    if not 200 <= status < 300:
        reason = response.reason_phrase or ""
        error = HTTPStatusError(f"HTTP {status} {reason}".strip(), url=url, status=status)
        error.headers = headers  # type: ignore[attr-defined]  # Retry-After for batch retries
        raise error
    if html_only and media and media not in HTML_TYPES and media not in SNIFF_TYPES:
        raise NotHTML(f"not an HTML page ({media})", url=url, status=status)
    declared = headers.get("content-length", "")
    if not truncate and declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(
            f"body of {int(declared)} bytes is over the limit of {max_bytes} bytes",
            url=url,
            status=status,
        )
    chunks: list[bytes] = []
    size = 0
    checked = not html_only  # only HTML pages are sniffed
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > max_bytes and truncate:
                chunks.append(chunk[: len(chunk) - (size - max_bytes)])
                break
            if size > max_bytes:
                raise TooLarge(
                    f"body is over the limit of {max_bytes} bytes", url=url, status=status
                )
            chunks.append(chunk)
            if not checked and size >= SNIFF_WINDOW:
                check_html(media, b"".join(chunks), url)
                checked = True
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"timed out reading the body ({_describe(exc)})", url=url) from exc
    except httpx.DecodingError as exc:
        raise NetworkError(f"cannot decode the body: {_describe(exc)}", url=url) from exc
    except (httpx.TransportError, OSError) as exc:
        raise NetworkError(f"connection failed mid-body: {_describe(exc)}", url=url) from exc
    content = b"".join(chunks)
    if not checked:
        check_html(media, content, url)
    if not decode:
        return Page(**meta, content=content)
    text, encoding = decode_html(content, charset)
    return Page(**meta, content=content, text=text, encoding=encoding)


def fetch_page_sync(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: Timeouts | float | None = None,
    user_agent: str | None = None,
    conditional: dict[str, str] | None = None,
) -> Page:
    """Fetch one URL with a throwaway client (for scripts and the single-URL CLI)."""

    async def run() -> Page:
        async with make_client(user_agent=user_agent, timeout=timeout) as client:
            return await fetch_page(
                client, url, max_bytes=max_bytes, timeout=timeout, conditional=conditional
            )

    return asyncio.run(run())


def _read_capped(stream: BinaryIO, max_bytes: int) -> bytes:
    """Everything up to one byte past ``max_bytes`` (enough to notice a larger input), read in
    chunks: read(n) allocates n bytes up front, which a huge limit cannot afford."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_local_page(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
    """Read a saved page from disk into a Page (same size cap and decoding as fetching)."""
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise TooLarge(
                f"file of {st.st_size} bytes is over the limit of {max_bytes} bytes",
                url=str(path),
            )
        with p.open("rb") as fh:
            content = _read_capped(fh, max_bytes)
    except FileNotFoundError as exc:
        raise InvalidInput("no such file", url=str(path)) from exc
    except IsADirectoryError as exc:
        raise InvalidInput("is a directory, not a file", url=str(path)) from exc
    except OSError as exc:
        raise InvalidInput(f"cannot read: {exc.strerror or exc}", url=str(path)) from exc
    # A pipe (`scrape <(curl ...)`) resolves to "pipe:[1234]": name it as it was given.
    uri = (p.resolve() if stat.S_ISREG(st.st_mode) else p.absolute()).as_uri()
    mtime = email.utils.formatdate(st.st_mtime, usegmt=True)
    return _local_page(content, uri, str(path), max_bytes, last_modified=mtime)


def read_stdin_page(stream: BinaryIO | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
    """A page piped in on standard input (``curl -s URL | scrape - --base-url URL``)."""
    if stream is None:
        stream = sys.stdin.buffer
    try:
        content = _read_capped(stream, max_bytes)
    except OSError as exc:
        raise InvalidInput(f"cannot read stdin: {exc.strerror or exc}", url="-") from exc
    return _local_page(content, "-", "-", max_bytes)


def _local_page(
    content: bytes, url: str, name: str, max_bytes: int, *, last_modified: str | None = None
) -> Page:
    if len(content) > max_bytes:
        raise TooLarge(f"input is over the limit of {max_bytes} bytes", url=name)
    check_html("", content, name)
    text, encoding = decode_html(content)
    return Page(
        url=url,
        final_url=url,
        status=200,
        content=content,
        text=text,
        encoding=encoding,
        content_type="text/html",
        last_modified=last_modified,
    )


__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "Page",
    "Timeouts",
    "check_html",
    "check_user_agent",
    "fetch_page",
    "fetch_page_sync",
    "make_client",
    "read_local_page",
    "read_stdin_page",
]
