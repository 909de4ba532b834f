"""URL helpers: absolutising, normalising, and checking that a URL is fetchable."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "#")
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
# Characters a valid URL never holds literally (WHATWG percent-encode sets for path, query and
# fragment: C0 controls, space, quotes, angle brackets, backtick, braces), and a "%" that does
# not start a %XX escape. Existing %XX escapes are kept as they are (no double encoding).
_UNSAFE = re.compile(r"[\x00-\x20\x7f\"<>`{}]|%(?![0-9A-Fa-f]{2})")


def _pct(match: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in match.group(0).encode("utf-8"))


def encode_unsafe(url: str) -> str:
    """``url`` with unsafe characters percent-encoded ("a b" -> "a%20b", '"' -> "%22",
    "<" -> "%3C", a stray "%" -> "%25"); valid %XX escapes and everything else untouched.
    Tabs and newlines are dropped, as browsers do."""
    if "\t" in url or "\n" in url or "\r" in url:
        url = _TAB_NEWLINE.sub("", url)
    return _UNSAFE.sub(_pct, url)


def absolute_url(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base``; None for empty, fragment-only or non-web links."""
    if not href:
        return None
    href = href.strip()
    if not href or href.lower().startswith(_SKIP_SCHEMES):
        return None
    try:  # "http://[x" (a bad IPv6 literal) makes urllib raise ValueError
        if href.startswith("//"):
            scheme = urlsplit(base).scheme if base else "https"
            href = f"{scheme or 'https'}:{href}"
        url = urljoin(base, href) if base else href
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https", "file") or (
        parts.scheme != "file" and not parts.netloc
    ):
        return None
    return encode_unsafe(urlunsplit(parts))


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment and default ports; keep path and query."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    if parts.username:
        userinfo = parts.username + (f":{parts.password}" if parts.password else "")
        host = f"{userinfo}@{host}"
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, parts.query, ""))


def same_page(a: str | None, b: str | None) -> bool:
    """True when two URLs name the same page (ignoring scheme, trailing slash, query, fragment)."""
    if not a or not b:
        return False

    def key(u: str) -> tuple[str, str]:
        p = urlsplit(u)
        host = (p.hostname or "").lower().removeprefix("www.")
        return host, (p.path or "/").rstrip("/")

    try:
        return key(a) == key(b)
    except ValueError:  # a malformed URL (bad IPv6 literal or port) names no page
        return a == b


def is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
