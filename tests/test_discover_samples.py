"""Discovery on the interbellumnews.com samples (samples/interbellumnews/site/), served locally.

The served sitemaps and feed are the sample files with https://interbellumnews.com rewritten to
the local server, and every article sample is served at its URL's path, so that the end-to-end
test can run ``scrape --site 127.0.0.1:PORT --output-dir DIR`` twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import CLIResult
from discover_site import (
    LIVE,
    SAMPLES_DIR,
    SITE_DIR,
    SampleSite,
    collect,
    golden_stories,
    paths,
    requested,
    serve_samples,
)
from pytest_httpserver import HTTPServer

from scraper.discover import DiscoveryOptions


def newest_first(stories: list[dict[str, object]]) -> list[str]:
    ordered = sorted(stories, key=lambda s: str(s["published_at"]), reverse=True)
    return [str(s["url"]).removeprefix(LIVE) for s in ordered]


def test_samples_are_consistent_with_the_article_samples() -> None:
    urls = [u for u in (SAMPLES_DIR / "urls.txt").read_text().splitlines() if u.strip()]
    stories = golden_stories()
    assert sorted(str(s["url"]) for s in stories) == sorted(urls)
    robots = (SITE_DIR / "robots.txt").read_text()
    assert f"Sitemap: {LIVE}/sitemap.xml" in robots
    assert list((SITE_DIR / "sitemap").glob("sitemap-daily-*.xml.gz")), "one daily sitemap gzipped"
    for story in stories:
        day = str(story["published_at"])[:10]
        daily = SITE_DIR / "sitemap" / f"sitemap-daily-{day}.xml"
        if not daily.exists():
            daily = daily.with_suffix(".xml.gz")
        assert daily.exists(), day


def test_site_lists_every_article_sample_newest_first(httpserver: HTTPServer) -> None:
    site = serve_samples(httpserver)
    items, stats = collect(DiscoveryOptions(sites=[site.base]))
    assert paths(items, site.base) == newest_first(golden_stories())
    assert stats.errors == 0
    assert stats.dropped["section or listing page"] >= 1 and stats.dropped["home page"] == 1


@pytest.mark.parametrize("section", ["Defence", "world", "economy"])
def test_section_filter_on_samples(httpserver: HTTPServer, section: str) -> None:
    site = serve_samples(httpserver)
    items, _ = collect(DiscoveryOptions(sites=[site.base], section=section))
    stories = [s for s in golden_stories() if str(s["section"]).lower() == section.lower()]
    assert stories, section
    assert paths(items, site.base) == newest_first(stories)


def test_date_window_on_samples_skips_older_daily_sitemaps(httpserver: HTTPServer) -> None:
    site = serve_samples(httpserver)
    opts = DiscoveryOptions(sites=[site.base], since="2025-06-01", until="2025-06-30")
    items, _ = collect(opts)
    stories = [s for s in golden_stories() if "2025-06-01" <= str(s["published_at"]) < "2025-07"]
    assert paths(items, site.base) == newest_first(stories)
    assert not [p for p in requested(httpserver) if p.startswith("/sitemap/sitemap-daily-2025-05")]


def test_limit_on_samples(httpserver: HTTPServer) -> None:
    site = serve_samples(httpserver)
    items, _ = collect(DiscoveryOptions(sites=[site.base], limit=3))
    assert paths(items, site.base) == newest_first(golden_stories())[:3]


NEW_PATH = "/world/ceasefire-talks-resume-in-istanbul-after-prisoner-swap"


def add_new_article(site: SampleSite) -> None:
    """Publish one more story, in a new daily sitemap listed first in the index."""
    site_base = site.base
    day = "/sitemap/sitemap-daily-2025-09-29.xml"
    site.put_text(
        day,
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site_base}{NEW_PATH}</loc><lastmod>2025-09-29T08:00:00+00:00</lastmod></url>"
        "</urlset>\n",
    )
    index = site.text("/sitemap.xml").replace(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"  <sitemap><loc>{site_base}{day}</loc><lastmod>2025-09-29T08:00:00+00:00</lastmod>"
        "</sitemap>\n",
    )
    assert day in index
    site.put_text("/sitemap.xml", index)
    page = (SAMPLES_DIR / "putin-trump-call.html").read_bytes()
    site.files[NEW_PATH] = (page, "text/html; charset=utf-8")


def diagnose(result: CLIResult, out: Path) -> str:
    errors = out / "errors.jsonl"
    logged = errors.read_text(encoding="utf-8") if errors.exists() else ""
    return f"exit {result.returncode}\nstderr:\n{result.stderr}\nerrors.jsonl:\n{logged}"


def daily_fetches(httpserver: HTTPServer) -> list[str]:
    return [p for p in requested(httpserver) if p.startswith("/sitemap/sitemap-daily-")]


def article_fetches(httpserver: HTTPServer, article_paths: set[str]) -> list[str]:
    return [p for p in requested(httpserver) if p in article_paths]


def test_end_to_end_site_run_then_incremental_rerun_fetches_only_the_new_article(
    httpserver: HTTPServer, scrape_cli: Callable[..., CLIResult], tmp_path: Path
) -> None:
    site = serve_samples(httpserver)
    stories = golden_stories()
    article_paths = {str(s["url"]).removeprefix(LIVE) for s in stories} | {NEW_PATH}
    out = tmp_path / "out"
    args = ("--site", site.base.removeprefix("http://"), "--output-dir", str(out), "--delay", "0")

    first = scrape_cli(*args, timeout=120)
    assert first.returncode == 0, diagnose(first, out)
    written = sorted(out.glob("*.json"))
    assert len(written) == len(stories)
    titles = {json.loads(p.read_text(encoding="utf-8"))["title"] for p in written}
    assert titles == {s["title"] for s in stories}
    assert sorted(article_fetches(httpserver, article_paths)) == sorted(article_paths - {NEW_PATH})

    httpserver.clear_log()
    add_new_article(site)
    second = scrape_cli(*args, timeout=120)
    assert second.returncode == 0, diagnose(second, out)
    assert article_fetches(httpserver, article_paths) == [NEW_PATH]
    assert len(list(out.glob("*.json"))) == len(stories) + 1
    # daily sitemaps whose lastmod did not move were not even fetched again
    assert daily_fetches(httpserver) == ["/sitemap/sitemap-daily-2025-09-29.xml"]

    # an update after our fetch: the story's <lastmod> and its daily sitemap's lastmod move on
    httpserver.clear_log()
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    putin = "/world/putin-hails-very-useful-two-hour-call-with-trump-on-ukraine-peace-talks"
    day = "/sitemap/sitemap-daily-2025-05-19.xml"
    site.put_text(day, site.text(day).replace("2025-05-20T06:41:00+00:00", now))
    index = site.text("/sitemap.xml")
    old = f"{day}</loc><lastmod>2025-05-20T06:41:00+00:00"
    assert old in index
    site.put_text("/sitemap.xml", index.replace(old, f"{day}</loc><lastmod>{now}"))
    third = scrape_cli(*args, timeout=120)
    assert third.returncode == 0, diagnose(third, out)
    assert article_fetches(httpserver, article_paths) == [putin]
    assert daily_fetches(httpserver) == [day]
