"""Extraction jobs, run in the worker processes of the batch engine's process pool.

:func:`page_job` does all the CPU work of a page: it gets the raw body and its declared charset,
hashes and decodes the body, extracts, renders, hashes the output and, for one-file-per-article
output, writes it under ``DIR/.partial/``; only a small tuple goes back to the parent, which
renames the file into place and commits the state (in that order, as before). For jsonl the
line itself goes back, since the parent owns the stream. Errors come back as values, never as
pickled exceptions.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
from typing import Any

OK = "ok"
ERROR = "error"
SAME = "same"  # the article's hash is the one given: nothing written


def init_worker() -> None:
    """Pool initializer: Ctrl-C is the parent's business; import the extractor up front."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import importlib

    from scraper.lean_imports import skip_unused_bs4_helpers

    skip_unused_bs4_helpers()  # no soupsieve, no chardet: 30-140 ms less per worker start
    # extract() imports its pipeline lazily: load it before the first page arrives.
    with contextlib.suppress(ImportError):
        importlib.import_module("scraper.extract.pipeline")
    # Everything loaded so far lives as long as the process: keep it out of the garbage
    # collector's sweeps, which extraction (many short-lived objects) triggers often.
    import gc

    gc.freeze()


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


def page_job(
    content: bytes,
    content_type: str | None,
    url: str,
    base_url: str | None,
    fmt: str,
    partial: str | None,
    same_hash: str | None = None,
) -> tuple[str, bytes | str | None, str, str]:
    """One fetched page (its raw body and Content-Type header), end to end:
    ``(status, payload, detail, body hash)``.

    * ``("ok", path of the written file under partial, article hash, body hash)`` when
      ``partial`` (a directory) is given, else ``("ok", the jsonl line, article hash, ...)``;
    * ``("same", None, article hash, body hash)`` when the article's hash is ``same_hash``;
    * ``("error", kind, message, body hash)``.
    """
    from scraper.charset import decode_html
    from scraper.fetch import _media_type

    body_hash = hashlib.sha256(content).hexdigest()
    try:
        text, _encoding = decode_html(content, _media_type(content_type)[1])
    except Exception as exc:  # a decoder bug must not take the run down
        return ERROR, "error", f"decoding failed: {type(exc).__name__}: {exc}", body_hash
    del content
    status, payload, detail = extract_job(text, url, base_url, fmt)
    if status != OK:
        return status, payload, detail, body_hash
    if same_hash is not None and detail == same_hash:
        return SAME, None, detail, body_hash
    if partial is None:
        return OK, payload, detail, body_hash
    assert isinstance(payload, bytes)
    from scraper.batch.naming import file_name

    # Unique per process and URL: two workers never share a temporary file.
    tmp = os.path.join(partial, f"{os.getpid()}-{file_name(url, fmt)}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(payload)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return ERROR, "output", f"cannot write output: {exc}", body_hash
    return OK, tmp, detail, body_hash
