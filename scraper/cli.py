"""The ``scrape`` command line (argparse).

One command, three modes chosen from the arguments:

* single: exactly one URL or path and no batch/discovery option -> the article on stdout (or -o);
* batch: several inputs, ``-i``, ``--output-dir``, ``--format jsonl`` or any batch option
  -> :func:`scraper.batch.run_batch`;
* discovery: ``--sitemap``/``--feed``/``--site`` -> :func:`scraper.discover.run_discovery`.

Nothing heavy is imported at module level (``scrape --help`` must be fast): the parser is the
standard library's argparse, and httpx, bs4, lxml and rich are only imported by the modules a mode
needs, when it runs. Every failure ends as one line on stderr and a documented exit code;
``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import errno
import os
import re
import stat
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from scraper import __version__
from scraper.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    InvalidInput,
    OutputError,
    ScrapeError,
)
from scraper.stdio import silence_stdout

PROG = "scrape"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

EXIT_CODES_HELP = """\
Exit codes:
  0    success (batch: every URL succeeded)
  1    batch: some URLs failed, some succeeded; or an unexpected internal error
  2    usage error: bad option or value, bad URL, missing or unreadable input file
  3    network failure: DNS, connection refused or reset, TLS, redirect loop or non-HTTP redirect
  4    the server answered with an HTTP error status (4xx, 5xx)
  5    the response is not an HTML page (PDF, image, JSON, ...)
  6    an HTML page, but not an article (section listing, 404 page, no body)
  7    the body is over the size limit (--max-bytes)
  8    timed out (connect, read or the total --timeout)
  9    robots.txt forbids the URL
  10   batch: every URL failed
  11   the output could not be written
  130  interrupted (Ctrl-C)"""

HELP = """Scrape news articles into clean JSON or Markdown.

INPUT is an http(s) URL, a file:// URL, a local file path (a saved page) or - (the page on
stdin). One input prints the article to stdout (or to -o FILE). Several inputs, -i,
--output-dir, --format jsonl or any batch option start a batch run; --sitemap, --feed or
--site discover the URLs first.

Examples:
  scrape https://interbellumnews.com/world/some-story
  scrape -f md samples/interbellumnews/putin-trump-call.html -o story.md
  scrape -i urls.txt --output-dir out/
  scrape --site interbellumnews.com --since 7d --list"""

EPILOG = EXIT_CODES_HELP.replace("\n  ", "\n    ")


class Format(enum.StrEnum):
    json = "json"
    md = "md"
    jsonl = "jsonl"


class UsageError(Exception):
    """A bad command line: reported as one line on stderr, exit code 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
MAX_SIZE = 1024**4  # a larger limit is a typo, and no read() can take it


def parse_size(value: str) -> int:
    """``"10M"`` -> 10485760; plain numbers are bytes; K, M, G (optionally KB/KiB) are binary."""
    match = _SIZE_RE.match(value)
    if not match:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size (e.g. 500000, 512K, 10M)")
    size = int(float(match.group(1)) * _SIZE_UNITS[match.group(2).lower()])
    if size <= 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    if size > MAX_SIZE:
        raise argparse.ArgumentTypeError(f"{value!r} is too large (at most 1T)")
    return size


def _number(
    kind: type[int] | type[float], low: float, *, strict: bool = False
) -> Callable[[str], Any]:
    """An argparse ``type``: a number of ``kind`` that is >= ``low`` (> ``low`` if strict)."""
    noun = "a whole number" if kind is int else "a number"

    def convert(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {noun}") from None
        if strict and not value > low:
            raise argparse.ArgumentTypeError(f"must be greater than {low:g}")
        if not strict and not value >= low:
            raise argparse.ArgumentTypeError(f"must be at least {low:g}")
        return value

    return convert


def _format(text: str) -> Format:
    try:
        return Format(text.lower())
    except ValueError:
        choices = ", ".join(f.value for f in Format)
        raise argparse.ArgumentTypeError(f"{text!r} is not one of {choices}") from None


def _user_agent(value: str) -> str:
    if not re.fullmatch(r"[\x20-\x7e]*", value):
        raise argparse.ArgumentTypeError("must be printable ASCII (no line breaks, no accents)")
    return value


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=28, width=100)

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="Usage: " if prefix is None else prefix)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        # "-f, --format FORMAT" rather than argparse's "-f FORMAT, --format FORMAT"
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        metavar = self._format_args(action, self._get_default_metavar_for_optional(action))
        return f"{', '.join(action.option_strings)} {metavar}"


class _Parser(argparse.ArgumentParser):
    """argparse that raises :class:`UsageError` instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message.removeprefix("argument "))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        usage="%(prog)s [OPTIONS] [INPUT ...]",
        description=HELP,
        epilog=EPILOG,
        formatter_class=_HelpFormatter,
        allow_abbrev=False,
        add_help=False,
    )
    parser._optionals.title = "Options"
    parser._positionals.title = "Arguments"
    add = parser.add_argument
    add("inputs", nargs="*", metavar="INPUT", help="URLs or paths")
    add(
        "-f",
        "--format",
        dest="fmt",
        type=_format,
        default=Format.json,
        metavar="FORMAT",
        help="json, md or jsonl (stream) [default: json]",
    )
    add("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    add(
        "--base-url",
        metavar="URL",
        help="the page's address: relative links resolve against it (saved pages, stdin)",
    )
    add(
        "--timeout",
        type=_number(float, 0, strict=True),
        metavar="SECONDS",
        help=f"total seconds per request [default: {DEFAULT_TIMEOUT:g}]",
    )
    add(
        "--max-bytes",
        type=parse_size,
        metavar="SIZE",
        help="body size limit, e.g. 500000, 512K, 10M [default: 10M]",
    )
    add(
        "--user-agent",
        type=_user_agent,
        metavar="TEXT",
        help="User-Agent header [default: scrape/VERSION (+URL)]",
    )
    add("--debug", action="store_true", help="print tracebacks of errors")
    add("-q", "--quiet", action="store_true", help="no progress or logs")
    add("-v", "--verbose", action="store_true", help="a log line per URL")
    add(
        "-i",
        "--input",
        dest="input_file",
        metavar="FILE",
        help="read URLs from FILE, one per line (- for stdin)",
    )
    add(
        "--output-dir",
        type=Path,
        metavar="DIR",
        help="one file per article, plus state and errors.jsonl",
    )
    # batch tuning: (option, number type, lowest value, metavar, help)
    for flag, kind, low, metavar, text in (
        ("--concurrency", int, 1, "N", "requests in flight in total [default: 8]"),
        ("--per-host", int, 1, "N", "requests in flight per host [default: 2]"),
        ("--delay", float, 0, "SECONDS", "seconds between requests to one host [default: 1]"),
        ("--workers", int, 1, "N", "extraction processes [default: CPU count]"),
        ("--retries", int, 0, "N", "retries for transient failures [default: 3]"),
    ):
        add(flag, type=_number(kind, low), metavar=metavar, help=text)
    add("--ignore-robots", action="store_true", help="do not obey robots.txt")
    add("--refresh", action="store_true", help="re-check finished URLs with conditional requests")
    add("--retry-failed", action="store_true", help="run only the URLs that failed in --output-dir")
    add(
        "--sitemap",
        action="append",
        metavar="URL",
        help="discover URLs from a sitemap (repeatable)",
    )
    add(
        "--feed",
        action="append",
        metavar="URL",
        help="discover URLs from an RSS/Atom feed (repeatable)",
    )
    add(
        "--site",
        action="append",
        metavar="HOST",
        help="discover URLs from a site's robots.txt, sitemaps, feeds (repeatable)",
    )
    add("--section", metavar="NAME", help="only articles of this section")
    add("--since", metavar="DATE", help="only articles since DATE (ISO date or 7d)")
    add("--until", metavar="DATE", help="only articles until DATE (ISO date or 7d)")
    add("--limit", type=_number(int, 1), metavar="N", help="at most N URLs, newest first")
    add(
        "--list",
        dest="list_only",
        action="store_true",
        help="print the discovered URLs, fetch no article",
    )
    add("--version", action="version", version=f"{PROG} {__version__}", help="show version")
    add("-h", "--help", action="help", help="show this message and exit")
    return parser


def command(argv: list[str]) -> int:
    """Parse ``argv`` and run the mode it asks for; returns the exit code."""
    namespace = build_parser().parse_intermixed_args(argv)
    args = CliArgs(**vars(namespace))
    try:
        return dispatch(args)
    except KeyboardInterrupt:
        _error_line("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`scrape URL | head`): end quietly
        silence_stdout()
        return EXIT_OK


@dataclass(slots=True)
class CliArgs:
    """The parsed command line (None: the option was not given)."""

    inputs: list[str] | None
    fmt: Format
    output: Path | None
    base_url: str | None
    timeout: float | None
    max_bytes: int | None
    user_agent: str | None
    debug: bool
    quiet: bool
    verbose: bool
    input_file: str | None
    output_dir: Path | None
    concurrency: int | None
    per_host: int | None
    delay: float | None
    workers: int | None
    retries: int | None
    ignore_robots: bool
    refresh: bool
    retry_failed: bool
    sitemap: list[str] | None
    feed: list[str] | None
    site: list[str] | None
    section: str | None
    since: str | None
    until: str | None
    limit: int | None
    list_only: bool


def dispatch(a: CliArgs) -> int:
    """Choose the mode (single, batch, discovery) from the parsed options and run it."""
    urls = list(a.inputs or [])
    if a.quiet and a.verbose:
        _usage("-q/--quiet and -v/--verbose exclude each other")
    base_url = a.base_url
    if base_url:
        from scraper.api import check_web_url

        base_url = check_web_url(base_url, what="--base-url")
    discovery = bool(a.sitemap or a.feed or a.site)
    if not discovery:
        discovery_only = {
            "--section": a.section,
            "--since": a.since,
            "--until": a.until,
            "--limit": a.limit,
            "--list": a.list_only or None,
        }
        given = [name for name, value in discovery_only.items() if value is not None]
        if given:
            _usage(f"{', '.join(given)}: only with --sitemap, --feed or --site")
    # Batch-only tuning: passed on only when given, so BatchOptions keeps its own defaults.
    tuning = {
        "concurrency": a.concurrency,
        "per_host": a.per_host,
        "delay": a.delay,
        "workers": a.workers,
        "retries": a.retries,
    }
    batch_kwargs: dict[str, Any] = {
        "urls": urls,
        "input_file": a.input_file,
        "output_dir": a.output_dir,
        "output_file": a.output,
        "format": a.fmt.value,
        "user_agent": a.user_agent,
        "ignore_robots": a.ignore_robots,
        "refresh": a.refresh,
        "retry_failed": a.retry_failed,
        "quiet": a.quiet,
        "verbose": a.verbose,
        "debug": a.debug,
        "base_url": base_url,
    }
    given_tuning = {k: v for k, v in tuning.items() if v is not None}
    batch_kwargs.update(given_tuning)
    if a.timeout is not None:
        batch_kwargs["timeout"] = a.timeout
    if a.max_bytes is not None:
        batch_kwargs["max_bytes"] = a.max_bytes

    if discovery:
        return _run_discovery(
            batch_kwargs,
            sitemaps=list(a.sitemap or []),
            feeds=list(a.feed or []),
            sites=list(a.site or []),
            section=a.section,
            since=a.since,
            until=a.until,
            limit=a.limit,
            list_only=a.list_only,
        )
    is_batch = (
        len(urls) != 1
        or a.input_file is not None
        or a.output_dir is not None
        or a.fmt is Format.jsonl
        or a.ignore_robots
        or a.refresh
        or a.retry_failed
        or bool(given_tuning)
    )
    if not is_batch:
        return run_single(
            urls[0],
            fmt=a.fmt.value,
            output=a.output,
            base_url=base_url,
            timeout=a.timeout if a.timeout is not None else DEFAULT_TIMEOUT,
            max_bytes=a.max_bytes if a.max_bytes is not None else DEFAULT_MAX_BYTES,
            user_agent=a.user_agent,
            verbose=a.verbose,
            debug=a.debug,
        )
    if not urls and a.input_file is None and not a.retry_failed:
        _usage("no input: give a URL or a file path, or -i FILE (see scrape --help)")
    return _run_batch(batch_kwargs)


# ---------------------------------------------------------------------------------------------
# Modes


def _usage(message: str) -> NoReturn:
    raise UsageError(message)


def _not_available(what: str) -> int:
    _error_line(f"{what} is not available yet in this version")
    return EXIT_USAGE


def _missing_module(exc: ImportError, *names: str) -> bool:
    return exc.name in names


def _run_batch(batch_kwargs: dict[str, Any]) -> int:
    try:
        from scraper.batch import BatchOptions, run_batch
    except ImportError as exc:
        if _missing_module(exc, "scraper.batch"):
            return _not_available("batch mode")
        raise
    try:
        return run_batch(BatchOptions(**batch_kwargs))
    except ImportError as exc:
        if _missing_module(exc, "scraper.batch.engine"):
            return _not_available("batch mode")
        raise


def _run_discovery(batch_kwargs: dict[str, Any], **disc: Any) -> int:
    try:
        from scraper.discover import DiscoveryOptions, run_discovery
    except ImportError as exc:
        if _missing_module(exc, "scraper.discover"):
            return _not_available("discovery")
        raise
    for name in ("since", "until"):
        if disc[name] is not None:
            from scraper.discover import parse_when

            try:
                parse_when(disc[name])
            except InvalidInput as err:
                raise UsageError(f"--{name}: {err.message}") from err
    batch = None
    if not disc["list_only"]:
        try:
            from scraper.batch import BatchOptions
        except ImportError as exc:
            if _missing_module(exc, "scraper.batch"):
                return _not_available("batch mode")
            raise
        batch = BatchOptions(**batch_kwargs)
    extra: dict[str, Any] = {
        "ignore_robots": batch_kwargs["ignore_robots"],
        "user_agent": batch_kwargs["user_agent"],
    }
    if "timeout" in batch_kwargs:
        extra["timeout"] = batch_kwargs["timeout"]
    opts = DiscoveryOptions(
        **disc,
        verbose=batch_kwargs["verbose"],
        quiet=batch_kwargs["quiet"],
        debug=batch_kwargs["debug"],
        batch=batch,
        **extra,
    )
    try:
        return run_discovery(opts)
    except ImportError as exc:
        if _missing_module(exc, "scraper.discover.run", "scraper.discover.engine"):
            return _not_available("discovery")
        raise


def run_single(
    arg: str,
    *,
    fmt: str,
    output: Path | None,
    base_url: str | None,
    timeout: float,
    max_bytes: int,
    user_agent: str | None,
    verbose: bool,
    debug: bool,
) -> int:
    """Scrape one input and write it; returns the exit code (errors: one line on stderr)."""
    try:
        from scraper.api import article_from_page, load_page

        page = load_page(arg, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent)
        if verbose:
            redirected = f" -> {page.final_url}" if page.final_url != page.url else ""
            _log(
                f"{arg}: {page.status}{redirected}, {len(page.content)} bytes, "
                f"{page.content_type}, {page.encoding}"
            )
        article = article_from_page(page, base_url=base_url)
        text = render(article.to_dict(), fmt)
        write_output(text, output)
    except ScrapeError as exc:
        if debug:
            traceback.print_exc()
        where = str(output) if isinstance(exc, OutputError) and output else arg
        _error_line(f"{where}: {exc.message}")
        return exc.exit_code
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:
        if debug:
            traceback.print_exc()
        hint = "" if debug else " (run with --debug for the traceback)"
        _error_line(f"{arg}: internal error: {type(exc).__name__}: {exc}{hint}")
        return 1
    return EXIT_OK


def render(data: dict[str, Any], fmt: str) -> str:
    if fmt == "md":
        from scraper.render import article_to_markdown

        return article_to_markdown(data)
    import json

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_output(text: str, output: Path | None) -> None:
    """Write to stdout (UTF-8 whatever the locale), atomically to a regular file, or straight
    into a device, FIFO or ``/dev/stdout`` (never replacing it: ``-o /dev/null`` as root must
    not turn the device into a file)."""
    data = text.encode("utf-8")
    if output is None or str(output) == "-":
        if sys.stdout is None:
            raise OutputError("cannot write to stdout: it is closed")
        try:
            sys.stdout.flush()
            out = sys.stdout.buffer
            view = memoryview(data)
            while view:  # a write to a pipe may be short; the next one raises BrokenPipeError
                written = out.write(view)
                view = view[written or 0 :]
            out.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:  # a full disk behind a redirect, /dev/full, ...
            raise OutputError(f"cannot write to stdout: {exc.strerror or exc}") from exc
        return
    try:
        try:
            mode = os.stat(output).st_mode  # through symlinks
        except FileNotFoundError:
            mode = None
        if mode is not None and stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if mode is not None and not stat.S_ISREG(mode):
            with open(output, "wb") as fh:
                fh.write(data)
            return
        target = Path(os.path.realpath(output))  # a symlink keeps pointing at the new file
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", url=str(output)) from exc
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc.strerror or exc}", url=str(output)) from exc


# ---------------------------------------------------------------------------------------------
# Entry point


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _error_line(message: str) -> None:
    if sys.stderr is None:  # run with stderr closed (2>&-): nowhere to say it
        return
    try:
        sys.stderr.write(f"{PROG}: {_one_line(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _log(message: str) -> None:
    _error_line(message)


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code (never raises, never shows a traceback
    unless --debug is given)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    from scraper.lean_imports import skip_unused_bs4_helpers

    skip_unused_bs4_helpers()  # this process is ours: bs4 without its unused optional imports
    try:
        result = command(args)
    except UsageError as exc:
        _error_line(exc.message)
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error_line("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        return EXIT_OK
    except SystemExit as exc:  # --help and --version end here, as does sys.exit() anywhere
        code = exc.code
        if code is None:
            return EXIT_OK
        if isinstance(code, int):
            return code
        _error_line(str(code))
        return 1
    except ScrapeError as exc:
        if debug:
            traceback.print_exc()
        where = f"{exc.url}: " if exc.url else ""
        _error_line(f"{where}{exc.message}")
        return exc.exit_code
    except Exception as exc:
        if debug:
            traceback.print_exc()
        hint = "" if debug else " (run with --debug for the traceback)"
        _error_line(f"internal error: {type(exc).__name__}: {exc}{hint}")
        return 1
    if isinstance(result, int):
        return result
    return EXIT_OK


def main(argv: list[str] | None = None) -> NoReturn:
    """Console-script entry point (``scrape = scraper.cli:main``)."""
    try:
        code = run(argv)
    except KeyboardInterrupt:
        _error_line("interrupted")
        code = EXIT_INTERRUPTED
    except BaseException as exc:  # last resort: never a traceback without --debug
        if isinstance(exc, SystemExit):
            raise
        _error_line(f"internal error: {type(exc).__name__}: {exc}")
        code = 1
    try:
        if sys.stdout is not None:  # None when the command ran with stdout closed (>&-)
            sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except (OSError, ValueError):
        pass
    raise SystemExit(code)


__all__ = [
    "EXIT_CODES_HELP",
    "UsageError",
    "build_parser",
    "main",
    "parse_size",
    "run",
    "run_single",
]
