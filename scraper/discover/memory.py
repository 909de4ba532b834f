"""What the last complete discovery run into an output directory read: child sitemaps + lastmod.

Stored as JSON in ``DIR/.discovery.state`` (not ``*.json``: those are articles). On the next run
with the same filters, a child sitemap whose ``<lastmod>`` in its index is not newer than the
recorded one is not fetched again: everything it listed was handed to the batch engine last time,
whose state database already has the outcome. Roots (sitemap indexes, news sitemaps, feeds) are
always read. ``--refresh`` ignores the file. The file is written (atomically) only after a run
that read everything and was not interrupted.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path

from scraper.discover.dates import parse_date

FILENAME = ".discovery.state"
VERSION = 1


def signature(section: str | None, since: object, until: object) -> str:
    """Filters that change what a sitemap contributes; a recorded read is valid only for them."""
    return json.dumps([section, str(since) if since else None, str(until) if until else None])


def load(directory: str | Path, sig: str) -> dict[str, datetime]:
    """Recorded child sitemaps (normalised URL -> lastmod) for these filters; {} if none."""
    try:
        data = json.loads((Path(directory) / FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION or data.get("filters") != sig:
        return {}
    out: dict[str, datetime] = {}
    for url, when in (data.get("sitemaps") or {}).items():
        parsed = parse_date(when) if isinstance(when, str) else None
        if isinstance(url, str) and parsed:
            out[url] = parsed
    return out


def save(directory: str | Path, sig: str, sitemaps: dict[str, datetime]) -> None:
    """Write the record atomically (temporary file, then rename); errors are ignored."""
    path = Path(directory) / FILENAME
    record = {
        "version": VERSION,
        "filters": sig,
        "sitemaps": {url: when.isoformat() for url, when in sorted(sitemaps.items())},
    }
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".discovery.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
