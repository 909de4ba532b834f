"""``run_discovery``: print the discovered URLs (``--list``) or stream them into a batch run."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from scraper.discover import memory
from scraper.discover.dates import parse_when
from scraper.discover.engine import discover
from scraper.discover.http import make_discovery_client
from scraper.discover.model import DiscoveredURL
from scraper.discover.report import DiscoveryStats
from scraper.errors import (
    EXIT_ALL_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    InvalidInput,
)
from scraper.stdio import silence_stdout

if TYPE_CHECKING:
    from scraper.discover import DiscoveryOptions


def _say(opts: DiscoveryOptions, message: str) -> None:
    if not opts.quiet:
        print(message, file=sys.stderr, flush=True)


def _check(opts: DiscoveryOptions) -> str | None:
    """A usage error message, or None when the options make sense."""
    if not (opts.sitemaps or opts.feeds or opts.sites):
        return "discovery needs --sitemap, --feed or --site"
    if opts.limit is not None and opts.limit < 0:
        return "--limit must be 0 or more"
    try:
        since = parse_when(opts.since)
        until = parse_when(opts.until, end_of_day=True)
    except InvalidInput as exc:
        return exc.message
    if since and until and since > until:
        return "--since is after --until"
    return None


async def stream_discovered(
    opts: DiscoveryOptions,
    stats: DiscoveryStats,
    known: dict[str, datetime] | None = None,
) -> AsyncIterator[DiscoveredURL]:
    """discover() with its own client, created inside whichever event loop consumes it."""
    async with make_discovery_client(opts.user_agent, opts.timeout) as client:
        async for item in discover(opts, client, stats=stats, known=known):
            yield item


async def _print_urls(opts: DiscoveryOptions, stats: DiscoveryStats, out: TextIO) -> None:
    async for item in stream_discovered(opts, stats):
        out.write(item.url + "\n")
        out.flush()


def _exit_code(stats: DiscoveryStats) -> int:
    if stats.errors and not stats.documents_read:
        return EXIT_ALL_FAILED
    if stats.errors:
        return EXIT_SOME_FAILED
    return EXIT_OK


def run_discovery(opts: DiscoveryOptions) -> int:
    """Run discovery; returns the exit code (see README "Discovery")."""
    problem = _check(opts)
    if problem:
        print(f"scrape: {problem}", file=sys.stderr)
        return EXIT_USAGE
    stats = DiscoveryStats()
    if opts.list_only:
        try:
            asyncio.run(_print_urls(opts, stats, sys.stdout))
        except BrokenPipeError:
            silence_stdout()
            return EXIT_OK
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
        if not stats.emitted and not stats.errors:
            _say(opts, "scrape: no article URLs found")
        return _exit_code(stats)

    from scraper.batch import BatchOptions, run_batch

    batch = opts.batch if opts.batch is not None else BatchOptions()
    out_dir = batch.output_dir
    remember = bool(out_dir) and not batch.retry_failed
    sig = memory.signature(opts.section, opts.since, opts.until)
    known = memory.load(out_dir, sig) if remember and not batch.refresh else {}
    code = run_batch(replace(batch, discovered=stream_discovered(opts, stats, known)))
    if code == EXIT_INTERRUPTED:
        return code
    if remember and stats.complete and code in (EXIT_OK, EXIT_SOME_FAILED, EXIT_ALL_FAILED):
        memory.save(out_dir, sig, stats.sitemaps_read)
    if stats.errors and not stats.documents_read:
        return EXIT_ALL_FAILED
    if code == EXIT_OK and stats.errors:
        return EXIT_SOME_FAILED
    return code
