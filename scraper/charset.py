"""Decoding HTML bytes to text: BOM, then HTTP header, then <meta>, then detection.

Precedence, and why:

1. A byte-order mark wins over everything (browsers do the same; a BOM is never accidental).
2. The charset of the HTTP ``Content-Type`` header, **unless** the body proves it wrong:
   - the body does not decode strictly with it (e.g. header ``utf-8`` on windows-1252 bytes), or
   - the header names a legacy single-byte charset (latin-1, windows-125x, ...) while the body is
     valid UTF-8 containing non-ASCII bytes and no <meta> names a legacy charset. Real legacy
     text is practically never valid UTF-8, so this catches the common server misconfiguration
     (``charset=iso-8859-1`` in front of a UTF-8 page) without producing mojibake.
3. ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` / an XML declaration in the first
   bytes, if the body decodes strictly with it.
4. Detection: ASCII or valid UTF-8 is UTF-8; so is UTF-8 with a few stray bytes (mixed
   encodings: more valid UTF-8 characters than bad bytes), each bad byte then read as
   windows-1252; otherwise charset-normalizer; windows-1252 last.

Labels are normalised the WHATWG way (``iso-8859-1``/``ascii`` mean windows-1252, a <meta>
``utf-16`` means UTF-8) and the final decode never raises (undecodable bytes become U+FFFD).
"""

from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 16 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG: these labels are decoded as windows-1252 by every browser.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "x-sjis": "shift_jis",
    "x-cp1251": "cp1251",
    "x-cp1250": "cp1250",
    "gb2312": "gbk",
}

_META_RE = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")


def normalize_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # Python codecs that are no web charset: base64, rot13, zlib (not text encodings at all),
    # "undefined" (always raises), escape and IDNA codecs, UTF-7 (WHATWG: never decode it).
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


_NOT_CHARSETS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7", "mbcs"}
)


def _is_single_byte(codec: str) -> bool:
    try:
        return codecs.lookup(codec).name not in _MULTI_BYTE
    except LookupError:
        return False


_MULTI_BYTE = frozenset(
    codecs.lookup(n).name
    for n in (
        "utf-8",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "utf-32",
        "gbk",
        "gb18030",
        "big5",
        "shift_jis",
        "euc-jp",
        "euc-kr",
        "iso-2022-jp",
        "utf-7",
    )
)


def bom_charset(content: bytes) -> str | None:
    for bom, name in _BOMS:
        if content.startswith(bom):
            return name
    return None


def meta_charset(content: bytes) -> str | None:
    """The charset declared in the document head (<meta> or XML declaration), as a codec name."""
    head = content[:SNIFF_BYTES]
    match = _XML_DECL_RE.match(head) or _META_RE.search(head)
    if not match:
        return None
    codec = normalize_charset(match.group(1).decode("ascii", "ignore"))
    # WHATWG: a <meta> cannot declare UTF-16 (the bytes we just read as ASCII prove otherwise).
    if codec and codec.startswith("utf-16"):
        return "utf-8"
    return codec


def _decodes(content: bytes, codec: str) -> bool:
    try:
        content.decode(codec)
    except (UnicodeError, LookupError):
        return False
    # HTML in UTF-16 has a NUL beside every ASCII character: without any, the label is wrong
    return not codec.startswith(("utf-16", "utf-32")) or b"\x00" in content[:1024]


def _is_utf8_non_ascii(content: bytes) -> bool:
    return not content.isascii() and _decodes(content, "utf-8")


_ESCAPED = re.compile(r"[\udc80-\udcff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _mostly_utf8(content: bytes) -> bool:
    """UTF-8 with a few stray single-byte characters (a latin-1 snippet pasted into a UTF-8
    page): more valid non-ASCII UTF-8 characters than undecodable bytes."""
    text = content.decode("utf-8", "surrogateescape")
    invalid = len(_ESCAPED.findall(text))
    valid = len(_NON_ASCII.findall(text)) - invalid
    return valid > invalid


def _utf8_with_cp1252(content: bytes) -> str:
    """UTF-8, each undecodable byte read as windows-1252 instead of U+FFFD."""
    try:
        return content.decode("utf-8")  # the common case: valid UTF-8, no search needed
    except UnicodeDecodeError:
        pass
    text = content.decode("utf-8", "surrogateescape")
    if not _ESCAPED.search(text):
        return text
    return _ESCAPED.sub(
        lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), text
    )


WESTERN_MARGIN = 5.0  # percentage points of chaos / coherence (charset_normalizer's scores)


def detect_charset(content: bytes) -> str:
    """Best guess for undeclared bytes: UTF-8 when it fits (even with a few stray windows-1252
    bytes), else charset-normalizer."""
    if content.isascii() or _decodes(content, "utf-8") or _mostly_utf8(content):
        return "utf-8"
    from charset_normalizer import from_bytes

    matches = list(from_bytes(content[: 256 * 1024]))
    if matches:
        best = matches[0]
        # Undeclared legacy pages are mostly windows-1252 (the web's default, as in browsers),
        # and on short or accent-poor text the detector's first pick among its near-equal
        # single-byte guesses is close to arbitrary (French read as Baltic cp1257, "à" as "ŕ").
        # windows-1252 wins when the detector rates it about as well as its first pick.
        for match in matches[1:]:
            if (
                normalize_charset(match.encoding) == "cp1252"
                and match.percent_chaos <= best.percent_chaos + WESTERN_MARGIN
                and match.percent_coherence >= best.percent_coherence - WESTERN_MARGIN
            ):
                return "cp1252"
        codec = normalize_charset(best.encoding)
        if codec:
            return codec
    return "cp1252"


def choose_charset(content: bytes, header_charset: str | None = None) -> str:
    """The codec to decode ``content`` with (see the module docstring for the precedence)."""
    bom = bom_charset(content)
    if bom:
        return bom
    header = normalize_charset(header_charset)
    meta = meta_charset(content)
    if header and _decodes(content, header):
        if (
            _is_single_byte(header)
            and (meta is None or not _is_single_byte(meta))
            and _is_utf8_non_ascii(content)
        ):
            return "utf-8"
        return header
    # No header charset, or one that cannot be right: the page's own declaration.
    if meta and _decodes(content, meta):
        return meta
    return detect_charset(content)


def decode_html(content: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """``(text, codec)``: the page as text, and the codec used. Never raises."""
    if header_charset and normalize_charset(header_charset) == "utf-8" and not bom_charset(content):
        # The common case, decoded once: a UTF-8 header that the bytes bear out is what
        # choose_charset would pick, whatever the meta says (it checks by decoding too).
        try:
            return content.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    codec = choose_charset(content, header_charset)
    if codec == "utf-8" and content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8) :]
    elif codec.startswith("utf-16") and content[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        content = content[2:]
    if codec == "utf-8":
        return _utf8_with_cp1252(content), codec
    return content.decode(codec, errors="replace"), codec


__all__ = [
    "bom_charset",
    "choose_charset",
    "decode_html",
    "detect_charset",
    "meta_charset",
    "normalize_charset",
]
