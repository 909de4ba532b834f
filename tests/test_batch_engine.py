"""The batch engine end to end against real loopback servers that inject faults.

Three "hosts" (127.0.0.1, localhost and 127.0.0.2, each its own port) serve hundreds of distinct
article URLs mixed with every fault the engine must survive. The servers count requests, their
timing and how many were in flight at once.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sqlite3
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from faultserver import FaultServer
from pytest_httpserver import HTTPServer

from scraper.batch import BatchOptions, run_batch
from scraper.batch.output import ERRORS_FILE
from scraper.batch.state import STATE_FILE
from scraper.errors import EXIT_ALL_FAILED, EXIT_OK, EXIT_SOME_FAILED

# kind of path -> (expected error kind or None for success, expected requests per URL)
EXPECTED: dict[str, tuple[str | None, int]] = {
    "a": (None, 1),
    "r429": (None, 2),
    "b503": (None, 3),
    "slow1": (None, 2),
    "reset1": (None, 2),
    "redir": (None, 1),
    "e503": ("http-status", 3),
    "slow": ("timeout", 3),
    "reset": ("network", 3),
    "trunc": ("network", 3),
    "loop": ("network", 1),
    "private": ("robots", 0),
    "pdf": ("not-html", 1),
    "big": ("too-large", 1),
    "gone": ("http-status", 1),
    "list": ("not-article", 1),
}
ARTICLES_PER_HOST = 70
FAULTS_PER_KIND = 2


def fast_opts(**kw: object) -> BatchOptions:
    base: dict[str, object] = {
        "concurrency": 8,
        "per_host": 2,
        "delay": 0.0,
        "workers": 2,
        "retries": 2,
        "timeout": 0.6,
        "max_bytes": 1_000_000,
        "backoff_base": 0.05,
        "quiet": True,
    }
    base.update(kw)
    return BatchOptions(**base)  # type: ignore[arg-type]


@pytest.fixture
def hosts() -> Iterator[list[FaultServer]]:
    servers = [
        FaultServer("127.0.0.1", slow=1.2),
        FaultServer("127.0.0.1", "localhost", slow=1.2),
        FaultServer("127.0.0.2", slow=1.2),
    ]
    for s in servers:
        s.__enter__()
    yield servers
    for s in servers:
        s.__exit__()


def read_errors(out: Path) -> list[dict[str, object]]:
    path = out / ERRORS_FILE
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def state_rows(out: Path) -> dict[str, tuple[str, str | None]]:
    db = sqlite3.connect(out / STATE_FILE)
    try:
        return {u: (s, o) for u, s, o in db.execute("SELECT url, status, output FROM urls")}
    finally:
        db.close()


def article_files(out: Path, ext: str = "json") -> list[Path]:
    return sorted(out.glob(f"*.{ext}"))


def test_hundreds_of_urls_with_every_fault_each_end_as_one_record(
    hosts: list[FaultServer], tmp_path: Path
) -> None:
    lines = ["# batch test input", ""]
    expected: dict[str, tuple[str | None, int, FaultServer, str]] = {}
    for h, server in enumerate(hosts):
        for i in range(ARTICLES_PER_HOST):
            path = f"/a/story-{h}-{i}"
            expected[server.url(path)] = (None, 1, server, path)
        for kind, (err, n) in EXPECTED.items():
            if kind == "a":
                continue
            for i in range(FAULTS_PER_KIND):
                path = f"/{kind}/{kind}-{h}-{i}"
                expected[server.url(path)] = (err, n, server, path)
    urls = list(expected)
    # interleave hosts the way a real list would, and add noise
    urls.sort(key=lambda u: (hash(u) % 97, u))
    lines += urls
    lines += [urls[0], urls[5].replace("http://", "HTTP://", 1) + "#frag", "not a url", "ftp://x/y"]
    lines.append("  # trailing comment")
    input_file = tmp_path / "urls.txt"
    input_file.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out"

    started = time.monotonic()
    # backoff_base 0.3: a retry after a client-side timeout comes >= 0.15 s later, well after the
    # server has noticed the abandoned connection (its concurrency count stays exact)
    code = run_batch(
        fast_opts(input_file=input_file, output_dir=out, per_host=2, delay=0.005, backoff_base=0.3)
    )
    elapsed = time.monotonic() - started
    assert code == EXIT_SOME_FAILED
    assert len(urls) >= 300

    errors = read_errors(out)
    by_url = {e["url"]: e for e in errors}
    assert len(by_url) == len(errors)  # one error record per URL
    assert {e["url"] for e in errors if e["kind"] == "invalid"} == {"not a url", "ftp://x/y"}
    rows = state_rows(out)
    files = {p.name for p in article_files(out)}
    for url, (err, n, server, path) in expected.items():
        if err is None:
            assert url not in by_url, by_url.get(url)
            status, output = rows[url]
            assert status == "done" and output in files
        else:
            assert by_url[url]["kind"] == err, (url, by_url[url])
            assert rows[url][0] == "failed"
            assert by_url[url]["attempts"] == n, by_url[url]  # requests made for it
        assert server.counts[path] == n, (path, server.counts[path])
    successes = [u for u, v in expected.items() if v[0] is None]
    assert len(files) == len(successes)  # exactly one file per succeeded URL, nothing else
    assert len(errors) == len(expected) - len(successes) + 2
    for p in article_files(out)[:20]:
        data = json.loads(p.read_text("utf-8"))
        assert data["url"] in expected and data["title"] and data["blocks"]
    assert not list((out / ".partial").glob("*")) if (out / ".partial").exists() else True

    for server in hosts:
        assert server.counts["/robots.txt"] == 1
        # --per-host held, from the server's side. Timeouts and oversized bodies free the client's
        # slot before the server notices the closed connection: allow 30 ms for that (the
        # politeness test below checks the limit exactly, without aborted requests).
        peak = [(r.path, round(r.start, 3), round(r.end, 3), r.status) for r in server.peak]
        assert server.max_overlap(slack=0.03) <= 2, peak
        assert server.max_active >= 2  # and the limit was used
        # Retry-After: 1 was honoured: the second request came at least 1 s after the 429
        for path in [p for p in server.counts if p.startswith("/r429/")]:
            first, second = server.requests_for(path)
            assert second.start - first.end >= 0.95
        # 503 bursts were retried with growing waits
        for path in [p for p in server.counts if p.startswith("/b503/")]:
            reqs = server.requests_for(path)
            assert len(reqs) == 3 and reqs[1].start > reqs[0].end
    assert elapsed < 60


def test_politeness_limits_hold_per_host(tmp_path: Path) -> None:
    with (
        FaultServer("127.0.0.1", latency=0.25) as one,
        FaultServer("127.0.0.2", latency=0.25) as two,
    ):
        urls = [s.url(f"/a/p{i}") for i in range(12) for s in (one, two)]
        code = run_batch(
            fast_opts(urls=urls, output_dir=tmp_path / "o", concurrency=8, per_host=2, delay=0.1)
        )
        assert code == EXIT_OK
        for server in (one, two):
            assert server.max_active == 2  # limited, and the limit was used
            starts = server.starts("/a/")
            gaps = [b - a for a, b in itertools.pairwise(starts)]
            # --delay between request starts (seen by the server, so allow scheduling jitter)
            assert min(gaps) >= 0.07, gaps
            assert sorted(gaps)[len(gaps) // 2] >= 0.095, gaps
        # both hosts were worked on at the same time: total well under the serial time
        assert abs(one.starts("/a/")[0] - two.starts("/a/")[0]) < 0.5


def test_crawl_delay_from_robots_is_honoured(tmp_path: Path) -> None:
    robots = "User-agent: *\nCrawl-delay: 0.3\nDisallow: /private/\n"
    with FaultServer(robots=robots) as server:
        urls = [server.url(f"/a/c{i}") for i in range(4)]
        assert run_batch(fast_opts(urls=urls, output_dir=tmp_path / "o", delay=0.0)) == EXIT_OK
        starts = server.starts("/a/")
        # the server sees arrival times: one late arrival shortens the next gap, so the span of
        # all starts is the exact check and each single gap gets some slack for a loaded machine
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        assert starts[-1] - starts[0] >= 0.3 * len(gaps) - 0.03, gaps
        assert min(gaps) >= 0.2, gaps
        server.reset_log()
        urls2 = [server.url(f"/private/c{i}") for i in range(3)]
        code = run_batch(fast_opts(urls=urls2, output_dir=tmp_path / "p", ignore_robots=True))
        assert code == EXIT_OK
        assert server.counts["/robots.txt"] == 0 and len(server.starts("/private/")) == 3


def test_rerun_skips_done_and_refresh_rewrites_nothing_when_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "o"
    with FaultServer() as server:
        urls = [server.url(f"/a/r{i}") for i in range(5)]
        assert run_batch(fast_opts(urls=urls, output_dir=out, format="md")) == EXIT_OK
        files = article_files(out, "md")
        assert len(files) == 5
        assert files[0].read_text("utf-8").startswith("---\n")
        before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in files}
        server.reset_log()

        # plain rerun: nothing fetched at all
        assert run_batch(fast_opts(urls=urls, output_dir=out, format="md")) == EXIT_OK
        assert sum(server.counts.values()) == 0  # not even robots.txt
        server.reset_log()

        # --refresh: conditional requests, 304 -> nothing rewritten
        time.sleep(0.01)
        assert run_batch(fast_opts(urls=urls, output_dir=out, format="md", refresh=True)) == 0
        reqs = [r for r in server.requests if r.path.startswith("/a/")]
        assert len(reqs) == 5
        assert all(r.headers.get("if-none-match") for r in reqs)
        assert all(r.status == 304 for r in reqs)
        after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in article_files(out, "md")}
        assert after == before

        # a done URL whose file was deleted is fetched whole (no validators) and written again
        gone = files[0]
        gone.unlink()
        server.reset_log()
        assert run_batch(fast_opts(urls=urls, output_dir=out, format="md", refresh=True)) == 0
        assert gone.read_bytes() == before[gone.name][1]
        assert [r.status for r in server.requests if r.path.startswith("/a/")].count(200) == 1


def test_refresh_without_validators_uses_the_content_hash(tmp_path: Path) -> None:
    out = tmp_path / "o"
    with FaultServer() as server:
        urls = [server.url(f"/redir/h{i}") for i in range(3)]  # redirects: served without ETag
        assert run_batch(fast_opts(urls=urls, output_dir=out)) == EXIT_OK
        before = {p.name: p.stat().st_mtime_ns for p in article_files(out)}
        time.sleep(0.01)
        server.reset_log()
        assert run_batch(fast_opts(urls=urls, output_dir=out, refresh=True)) == EXIT_OK
        assert len([r for r in server.requests if r.path.startswith("/a/")]) == 3
        assert {p.name: p.stat().st_mtime_ns for p in article_files(out)} == before


def test_retry_failed_runs_only_the_failures(tmp_path: Path) -> None:
    out = tmp_path / "o"
    with FaultServer(burst=1) as server:
        good = [server.url(f"/a/g{i}") for i in range(3)]
        flaky = [server.url(f"/b503/f{i}") for i in range(2)]
        code = run_batch(fast_opts(urls=good + flaky, output_dir=out, retries=0))
        assert code == EXIT_SOME_FAILED
        assert {e["url"] for e in read_errors(out)} == set(flaky)
        assert all(e["kind"] == "http-status" and e["status"] == 503 for e in read_errors(out))
        server.reset_log()
        # a plain rerun does not try the failures again
        assert run_batch(fast_opts(urls=good + flaky, output_dir=out)) == EXIT_SOME_FAILED
        assert not [p for p in server.counts if p != "/robots.txt"]
        # --retry-failed (no input: every recorded failure) fetches only those
        assert run_batch(fast_opts(output_dir=out, retry_failed=True, retries=0)) == EXIT_OK
        assert sorted(p for p in server.counts if p != "/robots.txt") == sorted(
            f"/b503/f{i}" for i in range(2)
        )
        assert read_errors(out) == []
        assert len(article_files(out)) == 5


def test_all_failed_exit_code_and_errors_on_stderr_without_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FaultServer() as server:
        urls = [server.url("/gone/1"), server.url("/pdf/2")]
        out_file = tmp_path / "out.jsonl"
        code = run_batch(fast_opts(urls=urls, output_file=out_file, format="jsonl", quiet=False))
        assert code == EXIT_ALL_FAILED
    err = capsys.readouterr().err
    records = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert {(r["url"], r["kind"]) for r in records} == {
        (urls[0], "http-status"),
        (urls[1], "not-html"),
    }
    assert "succeeded" in err  # the summary table
    assert out_file.read_text() == ""


def test_jsonl_to_a_file_resumes_without_duplicates(tmp_path: Path) -> None:
    out_file = tmp_path / "articles.jsonl"
    with FaultServer() as server:
        first = [server.url(f"/a/j{i}") for i in range(4)]
        assert run_batch(fast_opts(urls=first, output_file=out_file, format="jsonl")) == EXIT_OK
        # simulate a crash after a line was written but before its URL was committed
        with open(out_file, "ab") as fh:
            fh.write(b'{"url": "half-writ')
        more = [server.url(f"/a/j{i}") for i in range(4, 7)]
        server.reset_log()
        code = run_batch(fast_opts(urls=first + more, output_file=out_file, format="jsonl"))
        assert code == EXIT_OK
        assert sorted(p for p in server.counts if p.startswith("/a/")) == [
            f"/a/j{i}" for i in range(4, 7)
        ]
    records = [json.loads(line) for line in out_file.read_text("utf-8").splitlines()]
    assert sorted(r["url"] for r in records) == sorted(first + more)


@dataclass
class Found:
    url: str
    lastmod: datetime | None = None


def test_discovered_urls_stream_into_the_engine_and_lastmod_drives_incremental_runs(
    tmp_path: Path,
) -> None:
    out = tmp_path / "o"
    with FaultServer() as server:
        yielded_last: list[float] = []

        async def discover(items: list[Found], pause: float) -> AsyncIterator[Found]:
            for item in items:
                yield item
                await asyncio.sleep(pause)
            yielded_last.append(time.monotonic())

        old = datetime.now(UTC) - timedelta(days=1)
        items = [Found(server.url(f"/a/d{i}"), old) for i in range(6)]
        code = run_batch(fast_opts(output_dir=out, discovered=discover(items, 0.3)))
        assert code == EXIT_OK
        first_fetch = server.requests_for("/a/d0")[0].start
        assert first_fetch < yielded_last[0] - 1.0  # scraping began long before discovery ended
        assert len(article_files(out)) == 6

        # incremental: unchanged lastmod -> skipped; a newer lastmod -> fetched again
        server.reset_log()
        newer = datetime.now(UTC) + timedelta(hours=1)
        items2 = [*items[:5], Found(items[5].url, newer), Found(server.url("/a/d-new"), None)]
        assert run_batch(fast_opts(output_dir=out, discovered=discover(items2, 0))) == EXIT_OK
        fetched = Counter(p for p in server.counts if p.startswith("/a/"))
        assert set(fetched) == {"/a/d5", "/a/d-new"}
        assert server.requests_for("/a/d5")[0].headers.get("if-none-match")
        assert len(article_files(out)) == 7


def test_usage_errors(tmp_path: Path) -> None:
    assert run_batch(BatchOptions(urls=["http://x.test/"], format="xml", quiet=True)) == 2
    assert run_batch(BatchOptions(urls=["http://x.test/"], format="md", quiet=True)) == 2
    assert run_batch(BatchOptions(input_file=tmp_path / "missing.txt", quiet=True)) == 2
    assert run_batch(BatchOptions(urls=["http://x.test/"], concurrency=0, quiet=True)) == 2


def test_a_slow_host_does_not_hold_up_the_next_one_in_a_sorted_list(tmp_path: Path) -> None:
    with (
        FaultServer("127.0.0.1", latency=0.3) as slow,
        FaultServer("127.0.0.2") as fast,
    ):
        urls = [slow.url(f"/a/s{i}") for i in range(10)] + [fast.url(f"/a/f{i}") for i in range(10)]
        code = run_batch(fast_opts(urls=urls, output_dir=tmp_path / "o", concurrency=4, per_host=1))
        assert code == EXIT_OK
        assert slow.max_active == 1 and fast.max_active == 1
        # the fast host was worked on while the slow one was still busy (not after it)
        assert fast.starts("/a/")[-1] < slow.starts("/a/")[-1]
        assert fast.starts("/a/")[0] - slow.starts("/a/")[0] < 0.6


def test_a_killed_extraction_process_is_replaced_and_no_url_is_lost(tmp_path: Path) -> None:
    import multiprocessing
    import os
    import signal
    import threading

    killed: list[int] = []

    def kill_a_worker() -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not killed:
            children = multiprocessing.active_children()
            if children and len(list((tmp_path / "o").glob("*.json"))) >= 3:
                os.kill(children[0].pid, signal.SIGKILL)  # type: ignore[arg-type]
                killed.append(children[0].pid)  # type: ignore[arg-type]
            time.sleep(0.01)

    with FaultServer(latency=0.02) as server:
        urls = [server.url(f"/a/w{i}") for i in range(30)]
        killer = threading.Thread(target=kill_a_worker)
        killer.start()
        code = run_batch(fast_opts(urls=urls, output_dir=tmp_path / "o", concurrency=4))
        killer.join()
        assert killed
        assert code == EXIT_OK
        assert len(article_files(tmp_path / "o")) == 30


def test_an_in_process_run_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    """The engine freezes its set-up out of the collector's sweeps; called as a library, it must
    undo that when the run ends, or every object alive at that moment (the caller's garbage
    included, sockets in reference cycles too) could never be collected again."""
    import gc

    assert gc.get_freeze_count() == 0
    with FaultServer() as server:
        assert run_batch(fast_opts(urls=[server.url("/a/1")], output_dir=tmp_path / "o")) == 0
    assert gc.get_freeze_count() == 0
    # a caller's own freeze is theirs: the engine neither adds to it nor undoes it
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with FaultServer() as server:
            code = run_batch(fast_opts(urls=[server.url("/a/2")], output_dir=tmp_path / "p"))
        assert code == 0
        # frozen objects that died have left; none were added, and the rest are still frozen
        assert frozen - 1000 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    ("robots_status", "location", "fetched"),
    [
        (302, "/robots.txt", True),  # a redirect loop: unavailable, like a 4xx (RFC 9309)
        (301, "ftp://example.com/robots.txt", True),  # a non-HTTP target: the same
        (503, None, False),  # unreachable: everything disallowed
    ],
)
def test_robots_txt_that_redirects_nowhere_means_no_rules(
    httpserver: HTTPServer, tmp_path: Path, robots_status: int, location: str | None, fetched: bool
) -> None:
    page = (
        Path(__file__).parent.parent / "samples/interbellumnews/putin-trump-call.html"
    ).read_bytes()
    headers = {"Location": location} if location else {}
    httpserver.expect_request("/robots.txt").respond_with_data(
        "", status=robots_status, headers=headers
    )
    httpserver.expect_request("/world/story").respond_with_data(
        page, content_type="text/html; charset=utf-8"
    )
    out = tmp_path / "o"
    code = run_batch(
        fast_opts(urls=[httpserver.url_for("/world/story")], output_dir=out, retries=0)
    )
    story_requests = [r for r, _ in httpserver.log if r.path == "/world/story"]
    assert (code == EXIT_OK) is fetched
    assert len(story_requests) == (1 if fetched else 0)
    assert len(list(out.glob("*.json"))) == (1 if fetched else 0)
