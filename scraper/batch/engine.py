"""The batch engine: stream URLs in, fetch politely, extract in a process pool, write, record.

Pipeline (one asyncio loop, one shared httpx.AsyncClient):

    inputs (file/stdin/args/discovery) --> bounded queue --> N fetch workers (N = --concurrency)
        each fetch: robots.txt check -> per-host gate (limit + interval) -> fetch_page, retried
    --> bounded extraction stage (process pool, --workers) --> writer --> state commit

A fetch worker hands its page to the extraction stage and takes the next URL at once, so fetching
and parsing overlap; the extraction stage holds at most ``3 x workers`` pages, so memory stays
flat however long the input is. State is committed only after the output is in place.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import signal
import sys
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scraper.batch import BatchOptions
from scraper.batch.inputs import BadLine, Deduper, InputURL, check_url, parse_args, parse_lines
from scraper.batch.output import ErrorLog, FileWriter, JsonlWriter, StopOutput
from scraper.batch.politeness import Lookahead, Politeness, origin_of
from scraper.batch.pool import WorkerDied, WorkerPool
from scraper.batch.progress import Reporter
from scraper.batch.retry import RetryPolicy, is_retryable, retry_after_of
from scraper.batch.robots import RobotsCache, RobotsRules
from scraper.batch.state import STATE_FILE, State, URLState
from scraper.batch.worker import OK, SAME, init_worker, page_job
from scraper.errors import (
    EXIT_ALL_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    FetchTimeout,
    HTTPStatusError,
    InvalidInput,
    RobotsDisallowed,
    ScrapeError,
)
from scraper.robots import fetch_robots, worth_retrying

if TYPE_CHECKING:
    from scraper.fetch import Page

FORMATS = ("json", "md", "jsonl")
READ_CHUNK = 512  # input lines read per thread hop
MAX_POOL_RESTARTS = 5


class UsageError(Exception):
    pass


def run_batch(opts: BatchOptions) -> int:
    try:
        engine = Engine(opts)
    except UsageError as exc:
        print(f"scrape: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    import gc

    # The engine freezes the garbage collector's view of its set-up (see Engine.run). That is
    # undone when the run ends: run_batch may be called from a longer-lived program, whose
    # later garbage must stay collectable. A caller that froze objects itself is left alone.
    owns_freeze = gc.get_freeze_count() == 0
    try:
        return asyncio.run(engine.run(freeze_gc=owns_freeze))
    except KeyboardInterrupt:  # a second Ctrl-C during clean-up
        return EXIT_INTERRUPTED
    finally:
        if owns_freeze:
            gc.unfreeze()


def _parse_when(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Engine:
    def __init__(self, opts: BatchOptions) -> None:
        import dataclasses

        # Paths may come as Path or str; "-" means stdin (input) / stdout (output).
        opts = dataclasses.replace(
            opts,
            input_file=str(opts.input_file) if opts.input_file is not None else None,
            output_file=str(opts.output_file) if opts.output_file is not None else None,
        )
        self.opts = opts
        fmt = (opts.format or "json").lower()
        if fmt not in FORMATS:
            raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {opts.format!r})")
        self.out_dir = Path(opts.output_dir) if opts.output_dir else None
        if self.out_dir is None and fmt == "md":
            raise UsageError("--format md needs --output-dir (one file per article)")
        if self.out_dir is None and fmt == "json":
            fmt = "jsonl"  # many articles on one stream: one JSON object per line
        if self.out_dir is not None and opts.output_file and fmt != "jsonl":
            raise UsageError("-o FILE goes with --format jsonl; use --output-dir alone otherwise")
        self.fmt = fmt
        for name in ("concurrency", "per_host", "retries", "max_bytes"):
            value = getattr(opts, name)
            if value is None or value < (0 if name == "retries" else 1):
                raise UsageError(f"--{name.replace('_', '-')} must be a positive number")
        if opts.delay is None or opts.delay < 0 or opts.timeout is None or opts.timeout <= 0:
            raise UsageError("--delay must be >= 0 and --timeout > 0")
        if opts.workers is not None and opts.workers < 0:
            raise UsageError("--workers must be >= 0")
        if opts.input_file and opts.input_file != "-":
            source = Path(opts.input_file)
            if not source.exists() or source.is_dir() or not os.access(source, os.R_OK):
                raise UsageError(f"cannot read input file: {opts.input_file}")
        if opts.retry_failed and self.out_dir is None and not opts.output_file:
            raise UsageError("--retry-failed needs the --output-dir (or -o FILE) of the first run")
        self.workers = (os.cpu_count() or 1) if opts.workers is None else opts.workers
        self.policy = RetryPolicy(
            retries=opts.retries,
            base=opts.backoff_base,
            retry_after_cap=opts.retry_after_cap,
        )
        self.reporter = Reporter(quiet=opts.quiet, verbose=opts.verbose or opts.debug)
        self.politeness = Politeness(opts.per_host, opts.delay)
        self.interrupted = False
        self.stopped_by_reader = False
        self.internal_error = False
        self.invalid_records: list[dict[str, Any]] = []
        self.pool: WorkerPool | None = None  # forked in run(), once httpx is loaded

    # ----------------------------------------------------------------------------- set-up
    def _open_outputs(self) -> None:
        opts = self.opts
        state_path: Path | None = None
        if self.out_dir is not None:
            try:
                self.out_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"cannot create output directory {self.out_dir}: {exc}") from exc
            state_path = self.out_dir / STATE_FILE
        elif opts.output_file and opts.output_file != "-":
            out = Path(opts.output_file)
            state_path = out.with_name(f".{out.name}{STATE_FILE}")
        self.state: State | None = State(state_path) if state_path is not None else None
        # A first run (no rows yet) has nothing to look up: input URLs are de-duplicated, so
        # no URL can meet its own row from earlier in the same run.
        self.fresh_state = self.state is None or self.state.is_empty()
        self.files: FileWriter | None = None
        self.jsonl: JsonlWriter | None = None
        if self.fmt == "jsonl":
            path = Path(opts.output_file) if opts.output_file and opts.output_file != "-" else None
            offset = None
            if path is not None and self.state is not None:
                key = f"jsonl-offset:{path.resolve()}"
                stored = self.state.get_meta(key)
                offset = int(stored) if stored else None
            self.jsonl = JsonlWriter(path, resume_offset=offset)
        else:
            assert self.out_dir is not None
            self.files = FileWriter(self.out_dir, self.fmt)
        self.errors = ErrorLog(self.out_dir, emit_stderr=self.reporter.line)

    # ----------------------------------------------------------------------------- inputs
    async def _input_items(self) -> AsyncIterator[InputURL | BadLine]:
        opts = self.opts
        dedup = Deduper()
        for item in parse_args(opts.urls or (), dedup=dedup):
            yield item
        if opts.input_file:
            if opts.input_file == "-":
                fh = sys.stdin
                close = False
            else:
                fh = open(opts.input_file, encoding="utf-8", errors="replace")  # noqa: SIM115
                close = True
            regular = close and Path(opts.input_file).is_file()
            try:
                lines = iter(fh)
                number = 1
                while True:
                    if regular:
                        chunk = _take(lines, READ_CHUNK)
                    else:  # a pipe (stdin, <(cmd), FIFO) may block: read it in a daemon thread
                        chunk = await _in_daemon_thread(_take, lines, READ_CHUNK)
                    if not chunk:
                        break
                    for item in parse_lines(chunk, start=number, dedup=dedup):
                        yield item
                    number += len(chunk)
            finally:
                if close:
                    fh.close()
        if opts.discovered is not None:
            discovered = aiter(opts.discovered)
            while True:
                try:
                    found = await anext(discovered)
                except StopAsyncIteration:
                    break
                except Exception as exc:  # a broken discovery ends the input, not the run
                    self.internal_error = True
                    self.reporter.warn(f"scrape: discovery failed: {type(exc).__name__}: {exc}")
                    if opts.debug:
                        import traceback

                        traceback.print_exc()
                    break
                raw = found if isinstance(found, str) else getattr(found, "url", None)
                if not raw:
                    continue
                try:
                    url = check_url(str(raw))
                except ValueError as exc:
                    yield BadLine(str(raw), None, str(exc))
                    continue
                if not dedup.first_time(url):
                    continue
                lastmod = None if isinstance(found, str) else getattr(found, "lastmod", None)
                when = _parse_when(lastmod)
                self.reporter.add_total(1)
                yield InputURL(url, None, when.isoformat() if when else None)

    def _count_inputs(self) -> int | None:
        """Total for the progress bar when the input is known in advance (args, regular file)."""
        opts = self.opts
        if opts.retry_failed:
            return None
        if opts.input_file and (opts.input_file == "-" or not Path(opts.input_file).is_file()):
            return None  # a stream: the total is not known in advance
        dedup = Deduper()
        total = sum(1 for _ in parse_args(opts.urls or (), dedup=dedup))
        if opts.input_file:
            with open(opts.input_file, encoding="utf-8", errors="replace") as fh:
                total += sum(1 for _ in parse_lines(fh, dedup=dedup))
        return total

    async def _retry_failed_items(self) -> AsyncIterator[InputURL | BadLine]:
        assert self.state is not None
        opts = self.opts
        if opts.urls or opts.input_file or opts.discovered is not None:
            async for item in self._input_items():
                yield item
        else:
            rows = self.state.failed()
            self.reporter.set_total(len(rows))
            for row in rows:
                yield InputURL(row.url)

    # ----------------------------------------------------------------------------- run
    async def run(self, *, freeze_gc: bool = False) -> int:
        loop = asyncio.get_running_loop()
        import sqlite3

        try:
            self._open_outputs()
        except (UsageError, OSError, sqlite3.Error) as exc:
            print(f"scrape: error: cannot open the output: {exc}", file=sys.stderr)
            if self.pool is not None:
                self.pool.shutdown(wait=False)
            return EXIT_USAGE
        main = asyncio.current_task()
        assert main is not None
        handled: list[int] = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self._on_signal, main)
                handled.append(sig)
        if self.reporter.bar and not self.opts.retry_failed:  # the total is only for the bar
            with contextlib.suppress(OSError):
                self.reporter.set_total(self._count_inputs())
        _fail_fast_on_missing_sniffio()
        from scraper.fetch import make_client

        self.client = make_client(
            user_agent=self.opts.user_agent,
            timeout=self.opts.timeout,
            max_connections=self.opts.concurrency + 2,
            max_keepalive=self.opts.concurrency + 2,
        )
        from scraper.fetch import USER_AGENT

        self.ua = self.opts.user_agent or USER_AGENT
        if freeze_gc:
            import gc

            gc.freeze()  # httpx and the rest of the set-up live as long as the run
        # The workers are forked now: the parent has loaded what it needs without them competing
        # for the cores (its first requests go out ~35 ms sooner), no request has been made,
        # and no thread exists yet (the progress bar's starts just below).
        self.pool = self._make_pool()
        self.reporter.start()
        self.robots = RobotsCache(self._load_robots)
        try:
            try:
                await self._pipeline()
            except* StopOutput:
                self.stopped_by_reader = True
            except* Exception as group:  # a bug or a broken disk: stop, say why, keep the state
                self.internal_error = True
                first = group.exceptions[0]
                print(f"scrape: error: {type(first).__name__}: {first}", file=sys.stderr)
                if self.opts.debug:
                    import traceback

                    traceback.print_exception(group)
        except asyncio.CancelledError:
            self.interrupted = True
        finally:
            for sig in handled:
                loop.remove_signal_handler(sig)
            await self._shutdown()
        return self._exit_code()

    def _on_signal(self, main: asyncio.Task[Any]) -> None:
        if not self.interrupted:
            self.interrupted = True
            main.cancel()

    def _make_pool(self) -> WorkerPool | None:
        if self.workers == 0:
            return None
        # Forked on Linux: workers start at once with the parent's imports, which gc.freeze()
        # (in run) keeps out of the collector's sweeps and shared between the processes.
        return WorkerPool(
            self.workers,
            initializer=init_worker,
            max_restarts=MAX_POOL_RESTARTS,
            on_restart=lambda: self.reporter.warn(
                "scrape: an extraction process died; starting a new one"
            ),
        )

    async def _shutdown(self) -> None:
        self.reporter.stop()
        with contextlib.suppress(Exception):
            await self.client.aclose()
        if self.pool is not None:
            self.pool.shutdown(wait=not self.interrupted)
        if self.jsonl is not None:
            self.jsonl.close()
        if self.files is not None:
            self.files.close()
        if self.state is not None:
            records = self.invalid_records + [r.error_record() for r in self.state.failed()]
            self.errors.rewrite(records)
            self.state.close()
        self.errors.close()
        if not self.stopped_by_reader:
            self.reporter.summary(interrupted=self.interrupted)

    def _exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        c = self.reporter.counts
        bad = c["failed"] + c["skipped-failed"]
        good = c["succeeded"] + c["unchanged"] + c["skipped-done"]
        if self.internal_error:
            return EXIT_SOME_FAILED
        if bad == 0:
            return EXIT_OK
        return EXIT_ALL_FAILED if good == 0 else EXIT_SOME_FAILED

    async def _pipeline(self) -> None:
        conc = self.opts.concurrency
        queue: asyncio.Queue[tuple[InputURL, URLState | None] | None] = asyncio.Queue(conc * 2)
        self.extract_slots = asyncio.Semaphore(max(1, self.workers) * 3)
        self.lookahead = Lookahead(self.opts.per_host, limit=max(1000, conc * 4))
        async with asyncio.TaskGroup() as tg:
            self.tg = tg
            for _ in range(conc):
                tg.create_task(self._fetch_worker(queue))
            await self._produce(queue)
            for _ in range(conc):
                await queue.put(None)

    # ----------------------------------------------------------------------------- stages
    async def _produce(self, queue: asyncio.Queue[Any]) -> None:
        items = self._retry_failed_items() if self.opts.retry_failed else self._input_items()
        async for item in items:
            if isinstance(item, BadLine):
                record = {
                    "url": item.text,
                    "kind": InvalidInput.kind,
                    "status": None,
                    "attempts": 0,
                    "message": item.message,
                }
                self.invalid_records.append(record)
                self.errors.write(record)
                self.reporter.result("failed", item.text, item.message, InvalidInput.kind)
                continue
            prev = None if self.fresh_state or self.state is None else self.state.get(item.url)
            skip = self._skip_reason(item, prev)
            if skip:
                self.reporter.counts[f"skipped-{skip}"] += 1
                self.reporter.result("skipped", item.url, f"({skip} before)")
                continue
            await queue.put((item, prev))

    def _skip_reason(self, item: InputURL, prev: URLState | None) -> str | None:
        opts = self.opts
        if opts.retry_failed:
            if prev is None:
                return "new"  # not part of a --retry-failed run
            return None if prev.status == "failed" else prev.status
        if prev is None:
            return None
        if prev.status == "failed":
            return "failed"
        if opts.refresh:
            return None
        if item.lastmod and prev.fetched_at:
            newer = _parse_when(item.lastmod)
            fetched = _parse_when(prev.fetched_at)
            # fetched_at has whole seconds: an update within the second of our fetch counts as
            # newer (the fetch is conditional, so an unchanged page costs a 304).
            if newer and fetched and newer >= fetched:
                return None  # changed since we fetched it
        return "done"

    async def _fetch_worker(self, queue: asyncio.Queue[Any]) -> None:
        look = self.lookahead
        drained = False
        while True:
            job = look.take_ready()
            if job is None:
                if drained:
                    job = look.take_any()
                    if job is None:
                        return
                else:
                    job = await queue.get()
                    if job is None:
                        drained = True
                        continue
                    if not look.has_room(origin_of(job[0].url)) and look.park(
                        origin_of(job[0].url), job
                    ):
                        continue
            item, prev = job
            host = origin_of(item.url)
            look.acquire(host)
            try:
                await self._handle(item, prev)
            except (ScrapeError, OSError, ValueError, RuntimeError) as exc:
                # A bug or an unexpected library error costs one URL, not the run.
                if self.opts.debug:
                    import traceback

                    traceback.print_exc()
                self._fail(item.url, "error", None, 1, f"{type(exc).__name__}: {exc}")
            finally:
                look.release(host)

    async def _handle(self, item: InputURL, prev: URLState | None) -> None:
        url = item.url
        refreshing = prev is not None and prev.status == "done"
        conditional: dict[str, str] = {}
        if refreshing and prev is not None and self._output_ok(prev):  # else: fetch it whole
            if prev.etag:
                conditional["If-None-Match"] = prev.etag
            if prev.last_modified:
                conditional["If-Modified-Since"] = prev.last_modified
        attempts = 0
        try:
            if not self.opts.ignore_robots:
                rules = await self.robots.rules_for(url)
                if not rules.allowed(url, self.ua):
                    why = rules.note or "disallowed by robots.txt"
                    raise RobotsDisallowed(why, url=url, attempts=0)
            page, attempts = await self._fetch_with_retries(url, conditional or None)
        except ScrapeError as exc:
            self._fail(
                url,
                exc.kind,
                exc.status,
                max(attempts, exc.attempts),
                exc.message,
                keep_done=refreshing,
            )
            return
        if page.status == 304:
            self._unchanged(url, attempts, page, "304 not modified")
            return
        if refreshing and prev is not None and self._output_ok(prev):
            body_hash = _sha256(page.content)
            if prev.body_hash == body_hash:
                self._unchanged(url, attempts, page, "same content", body_hash=body_hash)
                return
        await self.extract_slots.acquire()
        self.tg.create_task(self._finish(item, prev, page, attempts))

    async def _fetch_with_retries(
        self, url: str, conditional: dict[str, str] | None
    ) -> tuple[Page, int]:
        from scraper.fetch import fetch_page

        gate = self.politeness.gate(url)
        attempt = 0
        while True:
            attempt += 1
            try:
                async with gate.slot():
                    page = await fetch_page(
                        self.client,
                        url,
                        max_bytes=self.opts.max_bytes,
                        timeout=self.opts.timeout,
                        conditional=conditional,
                        decode=False,  # the worker process decodes
                    )
                return page, attempt
            except ScrapeError as exc:
                exc.attempts = attempt
                if not is_retryable(exc) or attempt >= self.policy.max_attempts:
                    raise
                retry_after = retry_after_of(exc)
                wait = self.policy.backoff(attempt, retry_after)
                if retry_after is not None:
                    gate.defer(min(retry_after, self.policy.retry_after_cap))
                status = f" {exc.status}" if isinstance(exc, HTTPStatusError) else ""
                self.reporter.note(
                    f"{'retry':<16} {url}  attempt {attempt}: {exc.kind}{status}, "
                    f"waiting {wait:.2f} s"
                )
                await asyncio.sleep(wait)

    async def _load_robots(self, robots_url: str) -> RobotsRules:
        gate = self.politeness.gate(robots_url)
        for attempt in range(1, self.policy.max_attempts + 1):
            async with gate.slot():
                rules = await fetch_robots(self.client, robots_url, self.opts.timeout)
            if not worth_retrying(rules) or attempt == self.policy.max_attempts:
                break
            self.reporter.note(f"{'robots':<16} {robots_url}: {rules.note}, retrying")
            await asyncio.sleep(self.policy.backoff(attempt))
        delay = rules.crawl_delay(self.ua)
        if delay:
            self.politeness.set_crawl_delay(robots_url, delay)
        self.reporter.note(
            f"{'robots':<16} {robots_url}: {rules.note or 'rules read'}"
            + (f", crawl-delay {delay:g} s" if delay else "")
        )
        return rules

    async def _extract(
        self, page: Page, url: str, base: str | None, same_hash: str | None
    ) -> tuple[str, Any, str, str]:
        """Run the extraction job in a worker process. A worker that dies (OOM killer, a crash in
        a C parser) is replaced by the pool; its page is tried once more."""
        args = (
            page.content,
            page.headers.get("content-type"),
            url,
            base,
            self.fmt,
            str(self.files.partial) if self.files is not None else None,
            same_hash,
        )
        if self.pool is None:
            return page_job(*args)
        try:
            return await self.pool.run(page_job, *args)
        except WorkerDied:
            return await self.pool.run(page_job, *args)

    async def _finish(
        self, item: InputURL, prev: URLState | None, page: Page, attempts: int
    ) -> None:
        url = item.url
        base = self.opts.base_url or (page.final_url if page.final_url != url else None)
        refreshing = prev is not None and prev.status == "done"
        same_hash = (
            prev.content_hash
            if refreshing and prev is not None and prev.content_hash and self._output_ok(prev)
            else None
        )
        try:
            result = await self._extract(page, url, base, same_hash)
        except Exception as exc:  # the pool broke twice, or worse
            self._fail(url, "error", None, attempts, f"extraction failed: {exc!r}")
            return
        finally:
            self.extract_slots.release()
        status, payload, content_hash, body_hash = result
        if status == SAME:
            self._unchanged(url, attempts, page, "same article", body_hash=body_hash)
            return
        if status != OK:
            status_code = page.status if payload != "output" else None
            self._fail(url, str(payload), status_code, attempts, content_hash, keep_done=refreshing)
            return
        meta: dict[str, str] = {}
        if self.jsonl is not None:
            assert isinstance(payload, bytes)
            offset = self.jsonl.write(payload)
            output = self.jsonl.path.name if self.jsonl.path is not None else None
            if self.jsonl.state_key:
                meta[self.jsonl.state_key] = str(offset)
        else:
            assert self.files is not None
            assert isinstance(payload, str)
            try:
                output = self.files.place(url, payload)
            except OSError as exc:
                self._fail(url, "output", None, attempts, f"cannot write output: {exc}")
                return
        if self.state is not None:
            self.state.mark_done(
                url,
                attempts=attempts,
                body_hash=body_hash,
                content_hash=content_hash,
                etag=page.etag,
                last_modified=page.last_modified,
                output=output,
                meta=meta,
            )
        self.reporter.result("succeeded", url, f"-> {output}" if output else "")

    # ----------------------------------------------------------------------------- records
    def _output_ok(self, prev: URLState) -> bool:
        if self.files is not None:
            return self.files.exists(prev.output)
        return True

    def _unchanged(
        self, url: str, attempts: int, page: Page, why: str, body_hash: str | None = None
    ) -> None:
        if self.state is not None:
            self.state.mark_unchanged(
                url,
                attempts=attempts,
                etag=page.etag,
                last_modified=page.last_modified,
                body_hash=body_hash,
            )
        self.reporter.result("unchanged", url, why)

    def _fail(
        self,
        url: str,
        kind: str,
        status: int | None,
        attempts: int,
        message: str,
        *,
        keep_done: bool = False,
    ) -> None:
        record = {
            "url": url,
            "kind": kind,
            "status": status,
            "attempts": attempts,
            "message": message,
        }
        if self.state is not None:
            self.state.mark_failed(
                url,
                kind=kind,
                attempts=attempts,
                http_status=status,
                message=message,
                keep_done=keep_done,
            )
        if not (keep_done and self.state is not None):
            self.errors.write(record)
        self.reporter.result("failed", url, message, kind)


def _fail_fast_on_missing_sniffio() -> None:
    """httpcore runs ``import sniffio`` for every lock it creates (several per request). When
    sniffio is not installed, each failed import searches the whole sys.path again: about 3 ms of
    CPU per request, a quarter of a page's extraction cost. A None entry in sys.modules makes
    the import fail at once, with the same outcome (httpcore then assumes asyncio)."""
    import importlib.util

    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


async def _in_daemon_thread(func: Any, *args: Any) -> Any:
    """Like asyncio.to_thread, but the thread never keeps the process alive (a blocked stdin
    read must not delay a Ctrl-C exit)."""
    import threading

    loop = asyncio.get_running_loop()
    fut: asyncio.Future[Any] = loop.create_future()

    def deliver(ok: bool, value: Any) -> None:
        if fut.done():
            return
        if ok:
            fut.set_result(value)
        else:
            fut.set_exception(value)

    def run() -> None:
        try:
            result: tuple[bool, Any] = (True, func(*args))
        except BaseException as exc:
            result = (False, exc)
        with contextlib.suppress(RuntimeError):  # loop already closed
            loop.call_soon_threadsafe(deliver, *result)

    threading.Thread(target=run, daemon=True, name="scrape-input").start()
    return await fut


def _take(lines: Iterator[str], n: int) -> list[str]:
    out: list[str] = []
    for line in lines:
        out.append(line)
        if len(out) >= n:
            break
    return out


def iter_urls(items: Iterable[InputURL | BadLine]) -> Iterator[str]:
    """The good URLs of parsed input (for tools and tests)."""
    for item in items:
        if isinstance(item, InputURL):
            yield item.url


_ = FetchTimeout  # re-exported kinds used by tests
