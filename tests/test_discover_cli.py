"""`scrape --site/--sitemap/--feed --list` as a subprocess against a real server on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

from conftest import ROOT, CLIResult
from discover_site import ALL_IN_ORDER, serve_site, sitemap_index, urlset
from pytest_httpserver import HTTPServer


def test_list_prints_urls_newest_first_one_per_line(
    httpserver: HTTPServer, scrape_cli: Callable[..., CLIResult]
) -> None:
    base = serve_site(httpserver)
    result = scrape_cli("--site", base.removeprefix("http://"), "--list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [base + p for p in ALL_IN_ORDER]
    assert result.stderr_lines == []


def test_list_with_filters_and_verbose_reasons(
    httpserver: HTTPServer, scrape_cli: Callable[..., CLIResult]
) -> None:
    base = serve_site(httpserver)
    result = scrape_cli(
        "--site",
        base,
        "--list",
        "--section",
        "world",
        "--since",
        "2025-05-19",
        "-v",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        base + "/world/feed-only-story-on-ceasefire",
        base + "/world/new-story-on-talks",
        base + "/world/putin-hails-very-useful-call",
    ]
    limited = scrape_cli("--site", base, "--list", "--section", "world", "--limit", "2")
    assert limited.stdout.splitlines() == result.stdout.splitlines()[:2]
    assert f"skip {base}/amp/story/world/putin-hails-very-useful-call (AMP page)" in result.stderr


def test_list_bad_sitemap_is_one_error_line_and_exit_1(
    httpserver: HTTPServer, scrape_cli: Callable[..., CLIResult]
) -> None:
    base = serve_site(httpserver)
    httpserver.expect_request("/broken.xml").respond_with_data("<urlset><url>")
    result = scrape_cli(
        "--sitemap", base + "/broken.xml", "--feed", base + "/stories.rss", "--list"
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        base + "/world/feed-only-story-on-ceasefire",
        base + "/business/markets-rally-after-call",
    ]
    assert len(result.stderr_lines) == 1
    assert result.stderr_lines[0].startswith(f"error: sitemap {base}/broken.xml: malformed XML")


def test_list_all_sources_failing_exits_10(
    httpserver: HTTPServer, scrape_cli: Callable[..., CLIResult]
) -> None:
    httpserver.no_handler_status_code = 404
    result = scrape_cli("--sitemap", httpserver.url_for("/nothing.xml"), "--list")
    assert result.returncode == 10
    assert result.stdout == ""
    assert "HTTP 404" in result.stderr


def test_bad_since_is_a_usage_error(scrape_cli: Callable[..., CLIResult]) -> None:
    result = scrape_cli("--site", "127.0.0.1:9", "--list", "--since", "last tuesday")
    assert result.returncode == 2
    assert "not a date or duration" in result.stderr


def test_closed_pipe_ends_quietly(httpserver: HTTPServer) -> None:
    httpserver.no_handler_status_code = 404
    base = httpserver.url_for("/").rstrip("/")
    rows = [(f"/world/story-number-{i:05d}", "2025-05-20T10:00:00Z") for i in range(20000)]
    httpserver.expect_request("/sitemap.xml").respond_with_data(urlset(base, rows))
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "scraper", "--sitemap", base + "/sitemap.xml", "--list"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline().decode()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert first == base + "/world/story-number-00000\n"
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr


def test_sitemap_index_via_cli_follows_children(
    httpserver: HTTPServer, scrape_cli: Callable[..., CLIResult]
) -> None:
    httpserver.no_handler_status_code = 404
    base = httpserver.url_for("/").rstrip("/")
    httpserver.expect_request("/index.xml").respond_with_data(
        sitemap_index(base, [("/one.xml", "2025-01-01"), ("/two.xml", "2025-02-01")])
    )
    httpserver.expect_request("/one.xml").respond_with_data(
        urlset(base, [("/a/older-story-here", "2025-01-01")])
    )
    httpserver.expect_request("/two.xml").respond_with_data(
        urlset(base, [("/a/newer-story-here", "2025-02-01")])
    )
    result = scrape_cli("--sitemap", base + "/index.xml", "--list", "-q")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        base + "/a/newer-story-here",
        base + "/a/older-story-here",
    ]
    assert result.stderr == ""
