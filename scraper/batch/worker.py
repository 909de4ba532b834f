"""Extraction jobs, run in the worker processes of the batch engine's process pool.

A job gets the decoded page text and returns the bytes to write (JSON, Markdown or one jsonl
line) plus their hash, so the parent process only moves bytes. Errors come back as
values, never as pickled exceptions.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import signal
from typing import Any

OK = "ok"
ERROR = "error"


def init_worker() -> None:
    """Pool initializer: Ctrl-C is the parent's business; import the extractor up front."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import importlib

    # extract() imports its pipeline lazily: load it before the first page arrives.
    with contextlib.suppress(ImportError):
        importlib.import_module("scraper.extract.pipeline")


def render(data: dict[str, Any], fmt: str) -> bytes:
    if fmt == "md":
        from scraper.render import article_to_markdown

        text = article_to_markdown(data)
        return (text if text.endswith("\n") else text + "\n").encode("utf-8")
    if fmt == "jsonl":
        return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def extract_job(
    text: str, url: str, base_url: str | None, fmt: str
) -> tuple[str, bytes | str, str]:
    """``("ok", output bytes, article hash)`` or ``("error", kind, message)``."""
    from scraper.errors import ScrapeError
    from scraper.extract import extract

    try:
        article = extract(text, url, base_url=base_url)
        output = render(article.to_dict(), fmt)
        # The output is deterministic for a given article, so its hash is the article's hash
        # (in this format): one serialisation instead of two.
        return OK, output, hashlib.sha256(output).hexdigest()
    except ScrapeError as exc:
        return ERROR, exc.kind, exc.message
    except Exception as exc:  # an extractor bug must not take the run down
        return ERROR, "error", f"extraction failed: {type(exc).__name__}: {exc}"
