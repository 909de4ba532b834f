"""Unit tests of the batch engine's parts: input parsing, file names, retry policy, state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scraper.batch import BatchOptions
from scraper.batch.inputs import BadLine, InputURL, parse_args, parse_lines
from scraper.batch.naming import file_name, slug_for_url
from scraper.batch.retry import RetryPolicy, is_retryable, parse_retry_after
from scraper.batch.state import State
from scraper.errors import (
    FetchTimeout,
    HTTPStatusError,
    NetworkError,
    NotArticle,
    NotHTML,
    RedirectError,
)
from scraper.robots import rules_for_failure, rules_for_status, worth_retrying


def test_batch_options_field_names_are_the_cli_contract() -> None:
    names = set(BatchOptions.__dataclass_fields__)
    expected = {
        "urls", "input_file", "output_dir", "output_file", "format", "concurrency", "per_host",
        "delay", "workers", "retries", "timeout", "max_bytes", "user_agent", "ignore_robots",
        "refresh", "retry_failed", "quiet", "verbose", "debug", "base_url", "discovered",
    }  # fmt: skip
    assert expected <= names
    opts = BatchOptions()
    assert (opts.concurrency, opts.per_host, opts.delay) == (8, 2, 1.0)


def test_parse_lines_skips_comments_dedups_and_reports_bad_lines_with_numbers() -> None:
    lines = [
        "# a comment\n",
        "https://Example.com/a#frag\n",
        "\n",
        "   \n",
        "ftp://example.com/file\n",
        "https://example.com/a\n",  # duplicate after normalisation
        "http://example.com:80/b\n",
        "not a url\n",
        "https:///nohost\n",
        "  # indented comment\n",
        "\ufeffhttps://example.com/c\n",
    ]
    items = list(parse_lines(lines))
    good = [i.url for i in items if isinstance(i, InputURL)]
    bad = [(i.line, i.text) for i in items if isinstance(i, BadLine)]
    assert good == ["https://example.com/a", "http://example.com/b", "https://example.com/c"]
    assert bad == [(5, "ftp://example.com/file"), (8, "not a url"), (9, "https:///nohost")]
    assert [i.line for i in items if isinstance(i, InputURL)] == [2, 7, 11]
    assert "line 5" in items[1].message  # type: ignore[union-attr]


def test_parse_args_shares_the_deduper() -> None:
    items = list(parse_args(["https://a.test/x", "https://A.test/x", "mailto:me@x"]))
    assert [type(i).__name__ for i in items] == ["InputURL", "BadLine"]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/../../etc/passwd",
        "https://example.com/%2e%2e/%2e%2e/x",
        "https://example.com/a%2Fb%00c",
        "https://example.com/" + "very-long-" * 100,
        "https://example.com/" + "ü" * 300,
        "https://example.com/",
        "https://example.com/%00",
        "https://example.com/a/..",
    ],
)
def test_file_names_are_safe(url: str, tmp_path: Path) -> None:
    name = file_name(url, "json")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".")
    assert ".." not in name
    assert len(name.encode("utf-8")) <= 200
    (tmp_path / name).write_text("{}")  # the filesystem accepts it
    assert (tmp_path / name).parent == tmp_path


def test_file_names_are_readable_stable_and_distinct() -> None:
    a = "https://interbellumnews.com/world/putin-trump-call"
    assert slug_for_url(a) == "putin-trump-call"
    assert file_name(a, "md").startswith("putin-trump-call-") and file_name(a, "md").endswith(".md")
    assert file_name(a, "json") == file_name(a, "json")
    assert file_name(a, "json") != file_name(a + "?page=2", "json")
    assert slug_for_url("https://x.test/%D0%BC%D0%B8%D1%80") == "мир"


def test_retry_after_parsing() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(" 0 ") == 0.0
    assert parse_retry_after("-5") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    later = (now + timedelta(seconds=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert parse_retry_after(later, now=now) == pytest.approx(30.0)


def test_backoff_grows_with_jitter_and_retry_after_is_capped() -> None:
    policy = RetryPolicy(retries=5, base=1.0, cap=8.0, retry_after_cap=10.0)
    for attempt, exp in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 8.0)]:
        waits = {policy.backoff(attempt) for _ in range(50)}
        assert all(exp / 2 <= w <= exp for w in waits)
        assert len(waits) > 1  # jitter
    assert policy.backoff(1, retry_after=5.0) == 5.0
    assert policy.backoff(1, retry_after=3600.0) == 10.0
    assert policy.max_attempts == 6


def test_what_is_retryable() -> None:
    cause = OSError("reset")
    net = NetworkError("reset")
    net.__cause__ = cause
    assert is_retryable(net)
    assert not is_retryable(NetworkError("redirect loop at x"))  # raised bare: final
    invalid_target = RedirectError("redirect to an invalid or non-HTTP URL (bad idna)")
    invalid_target.__cause__ = ValueError("bad idna")
    assert not is_retryable(invalid_target)  # a cause, but a redirect: final all the same
    assert is_retryable(FetchTimeout("slow"))
    for status in (408, 429, 500, 502, 503, 504):
        assert is_retryable(HTTPStatusError("x", status=status))
    for status in (400, 401, 403, 404, 410):
        assert not is_retryable(HTTPStatusError("x", status=status))
    assert not is_retryable(NotHTML("x"))
    assert not is_retryable(NotArticle("x"))


def test_robots_status_rules() -> None:
    ua = "scrape/0.1"
    assert rules_for_status(404, "").allowed("http://x/a", ua)
    assert not rules_for_status(503, "").allowed("http://x/a", ua)
    assert not rules_for_status(429, "").allowed("http://x/a", ua)
    rules = rules_for_status(200, "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n")
    assert rules.allowed("http://x/a", ua)
    assert not rules.allowed("http://x/private/1", ua)
    assert rules.crawl_delay(ua) == 2.0
    # any 2xx is a robots.txt: an empty 204 means no rules, a 203 body is parsed
    assert rules_for_status(204, "").allowed("http://x/a", ua)
    assert not rules_for_status(203, "User-agent: *\nDisallow: /\n").allowed("http://x/a", ua)
    # only a blanket disallow is worth another attempt
    assert [worth_retrying(rules_for_status(s)) for s in (200, 404, 429, 503)] == [
        False, False, True, True,
    ]  # fmt: skip


def test_robots_rules_when_the_fetch_gets_no_answer() -> None:
    ua = "scrape/0.1"
    looped = rules_for_failure(RedirectError("redirect loop at http://x/robots.txt"))
    assert looped.allowed("http://x/a", ua) and looped.reachable  # unavailable: no rules
    assert not worth_retrying(looped)
    refused = rules_for_failure(NetworkError("connection refused"))
    assert not refused.allowed("http://x/a", ua) and not refused.reachable
    assert worth_retrying(refused)
    assert not rules_for_failure(FetchTimeout("slow")).allowed("http://x/a", ua)


def test_state_round_trip_and_wal(tmp_path: Path) -> None:
    state = State(tmp_path / "s.sqlite")
    assert state.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    state.mark_done(
        "https://a.test/1",
        attempts=2,
        body_hash="b",
        content_hash="c",
        etag='"e"',
        last_modified="Mon, 01 Jan 2024 00:00:00 GMT",
        output="one-abc.json",
        meta={"k": "10"},
    )
    state.mark_failed("https://a.test/2", kind="timeout", attempts=3, http_status=None, message="m")
    state.mark_failed(
        "https://a.test/1",
        kind="network",
        attempts=1,
        http_status=None,
        message="x",
        keep_done=True,
    )
    state.close()
    state = State(tmp_path / "s.sqlite")
    one = state.get("https://a.test/1")
    assert one is not None and one.status == "done" and one.etag == '"e"' and one.attempts == 2
    assert one.fetched_at and one.fetched_at.endswith("+00:00")
    assert [r.url for r in state.failed()] == ["https://a.test/2"]
    assert state.failed()[0].error_record()["kind"] == "timeout"
    assert state.get_meta("k") == "10"
    assert state.counts() == {"done": 1, "failed": 1}
    state.close()
