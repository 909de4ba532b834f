"""Safe XML: no entity expansion, no DTD or network access, bounded size, gzip by magic bytes."""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

GZIP_MAGIC = b"\x1f\x8b"
_BARE_AMP = re.compile(rb"&(?!(?:[A-Za-z_][\w.-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")


class DiscoveryError(Exception):
    """A sitemap or feed that cannot be used; the message is one clear line for the user."""


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data (possibly gzipped twice) without ever holding more than max_bytes."""
    for _ in range(2):
        if not data.startswith(GZIP_MAGIC):
            break
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out = inflater.decompress(data, max_bytes + 1)
        except zlib.error as exc:
            raise DiscoveryError(f"corrupt gzip data: {exc}") from None
        if len(out) > max_bytes or inflater.unconsumed_tail:
            raise DiscoveryError(f"too large: over {max_bytes} bytes once decompressed")
        if not inflater.eof:
            raise DiscoveryError("corrupt gzip data: truncated")
        data = out
    return data


def parse_xml(data: bytes, max_bytes: int) -> tuple[etree._Element, str | None]:
    """Parse ``data`` with lxml, refusing entity declarations and external DTDs.

    Entities are never resolved, no DTD is loaded and the network is never used, so a "billion
    laughs" or external-entity document is harmless; it is still rejected with a clear error.
    Malformed XML (a truncated body, a bare ``&`` in a URL) is parsed again in lxml's recovery
    mode: returns ``(root, problem)`` where ``problem`` says what was wrong (None when nothing
    was); raises :class:`DiscoveryError` when nothing could be recovered.
    """
    from lxml import etree

    if len(data) > max_bytes:
        raise DiscoveryError(f"too large: over {max_bytes} bytes")
    options = {
        "resolve_entities": False,
        "no_network": True,
        "huge_tree": False,
        "load_dtd": False,
        "dtd_validation": False,
        "remove_comments": True,
        "remove_pis": True,
    }
    problem = None
    try:
        root = etree.fromstring(data, etree.XMLParser(**options))
    except etree.XMLSyntaxError as exc:
        line = f" (line {exc.lineno})" if exc.lineno else ""
        problem = f"malformed XML: {exc.msg}{line}"
        # The commonest sitemap bug, a bare "&" in a URL, is repaired exactly; anything else is
        # left to lxml's recovery mode (which would drop the "&" and glue the query together).
        fixed = _BARE_AMP.sub(b"&amp;", data)
        root = None
        if fixed != data:
            try:
                root = etree.fromstring(fixed, etree.XMLParser(**options))
                problem = None
            except etree.XMLSyntaxError:
                root = None
        if root is None:
            try:
                root = etree.fromstring(fixed, etree.XMLParser(recover=True, **options))
            except etree.XMLSyntaxError:
                root = None
    if root is None:
        raise DiscoveryError(problem or "malformed XML: empty document")
    info = root.getroottree().docinfo
    dtd = info.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise DiscoveryError(
            "refused: the XML declares entities (entity-expansion or external-entity attack?)"
        )
    if info.system_url or info.public_id:
        raise DiscoveryError("refused: the XML refers to an external DTD")
    return root, problem


def local_name(element: etree._Element) -> str:
    """The tag without its namespace, lower-cased ("" for comments and the like)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def child_text(element: etree._Element, *path: str) -> str | None:
    """Text of the first descendant following ``path`` (local names, any namespace)."""
    current = [element]
    for name in path:
        found = [c for parent in current for c in parent if local_name(c) == name]
        if not found:
            return None
        current = found
    text = current[0].text
    return text.strip() if text and text.strip() else None
