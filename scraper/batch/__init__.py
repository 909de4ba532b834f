"""Batch runs: thousands of URLs, polite, resumable, every URL accounted for.

``run_batch(BatchOptions(...)) -> exit code``. The CLI builds the options; the engine lives in
:mod:`scraper.batch.engine` and is imported lazily (it pulls in httpx and asyncio machinery).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_CONCURRENCY = 8
DEFAULT_PER_HOST = 2
DEFAULT_DELAY = 1.0
DEFAULT_RETRIES = 3
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(slots=True)
class BatchOptions:
    """Everything a batch run needs. Field names are the CLI contract (see README "Batch runs")."""

    urls: Sequence[str] = field(default_factory=list)  # URL arguments, in order
    input_file: str | Path | None = None  # -i FILE; "-" means stdin
    output_dir: str | Path | None = None  # --output-dir: one file per article + state + errors
    output_file: str | Path | None = None  # -o FILE for --format jsonl (default stdout)
    format: str = "json"  # json | md (per file in output_dir) | jsonl (stream)
    concurrency: int = DEFAULT_CONCURRENCY  # global in-flight requests
    per_host: int = DEFAULT_PER_HOST  # in-flight requests per host
    delay: float = DEFAULT_DELAY  # minimum seconds between request starts to one host
    workers: int | None = None  # extraction processes (None: os.cpu_count())
    retries: int = DEFAULT_RETRIES  # extra attempts for retryable failures
    timeout: float = DEFAULT_TIMEOUT  # per-request total deadline, seconds
    max_bytes: int = DEFAULT_MAX_BYTES  # body size cap
    user_agent: str | None = None  # None: the project's default User-Agent
    ignore_robots: bool = False
    refresh: bool = False  # re-check done URLs with conditional requests
    retry_failed: bool = False  # run only the URLs recorded as failed
    quiet: bool = False
    verbose: bool = False
    debug: bool = False
    base_url: str | None = None
    # Optional async iterator of URLs (str) or of objects with ``.url`` and optional ``.lastmod``
    # (ISO 8601 str or datetime) from discovery; streams into the engine while it runs.
    discovered: AsyncIterator[Any] | None = None
    # Tuning not on the command line (tests use small values).
    backoff_base: float = 0.5  # first retry backoff, seconds (doubles per attempt, jittered)
    retry_after_cap: float = 60.0  # never wait longer than this for a server's Retry-After


def run_batch(opts: BatchOptions) -> int:
    """Run a batch and return the exit code (scraper.errors.EXIT_*)."""
    from scraper.batch.engine import run_batch as _run

    return _run(opts)


__all__ = ["BatchOptions", "run_batch"]
