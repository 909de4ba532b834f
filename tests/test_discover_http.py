"""Discovery against a real HTTP server on 127.0.0.1: order, filters, limits, broken sitemaps."""

from __future__ import annotations

import asyncio
import gzip
import itertools
from pathlib import Path

import pytest
from discover_site import (
    ALL_IN_ORDER,
    collect,
    paths,
    requested,
    serve_site,
    sitemap_index,
    urlset,
)
from pytest_httpserver import HTTPServer

from scraper.discover import DiscoveryOptions
from scraper.discover.engine import PREFETCH, discover
from scraper.discover.http import make_discovery_client
from scraper.discover.report import DiscoveryStats


def host_of(base: str) -> str:
    return base.removeprefix("http://")


def test_site_finds_sitemaps_and_feed_from_robots_and_orders_newest_first(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    base = serve_site(httpserver)
    items, stats = collect(DiscoveryOptions(sites=[host_of(base)], verbose=True))
    assert paths(items, base) == ALL_IN_ORDER
    assert stats.errors == 0
    # metadata merged from the news sitemap, the daily sitemap and the feed
    putin = next(i for i in items if i.url.endswith("/putin-hails-very-useful-call"))
    assert putin.title == "Putin Hails Call"
    assert (
        putin.published is not None and putin.published.isoformat() == "2025-05-19T21:12:00+00:00"
    )
    assert putin.lastmod is not None and putin.lastmod.isoformat() == "2025-05-20T06:41:00+00:00"
    # dropped URLs are explained under -v
    err = capsys.readouterr().err
    assert f"skip {base}/topic/vladimir-putin (tag page)" in err
    assert f"skip {base}/amp/story/world/putin-hails-very-useful-call (AMP page)" in err
    assert "error:" not in err
    # the gzipped daily sitemap (plain .xml name) and robots.txt were fetched
    seen = requested(httpserver)
    assert "/sitemap/sitemap-daily-2025-05-19.xml" in seen
    assert seen.count("/sitemap.xml") == 1 and seen.count("/robots.txt") == 1


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("world", [p for p in ALL_IN_ORDER if p.startswith("/world/")]),
        ("Business", ["/business/markets-rally-after-call"]),
        ("india", ["/india/monsoon-arrives-early-in-kerala", "/india/old-story-about-elections"]),
        ("sports", []),
    ],
)
def test_section_filter(httpserver: HTTPServer, section: str, expected: list[str]) -> None:
    base = serve_site(httpserver)
    items, _ = collect(DiscoveryOptions(sites=[host_of(base)], section=section))
    assert paths(items, base) == expected


def test_feed_category_counts_as_section(httpserver: HTTPServer) -> None:
    base = serve_site(httpserver)
    items, _ = collect(DiscoveryOptions(feeds=[base + "/stories.rss"], section="World"))
    assert paths(items, base) == ["/world/feed-only-story-on-ceasefire"]
    items, _ = collect(DiscoveryOptions(feeds=[base + "/stories.rss"], section="Business"))
    assert paths(items, base) == ["/business/markets-rally-after-call"]


def test_since_until_filter_and_old_daily_sitemaps_are_not_fetched(
    httpserver: HTTPServer,
) -> None:
    base = serve_site(httpserver)
    opts = DiscoveryOptions(sites=[host_of(base)], since="2025-05-19", until="2025-05-19")
    items, _ = collect(opts)
    assert paths(items, base) == [
        "/world/putin-hails-very-useful-call",
        "/india/monsoon-arrives-early-in-kerala",
    ]
    assert "/sitemap/sitemap-daily-2025-05-18.xml" not in requested(httpserver)


def test_since_as_datetime_with_offset(httpserver: HTTPServer) -> None:
    base = serve_site(httpserver)
    items, _ = collect(DiscoveryOptions(sites=[host_of(base)], since="2025-05-20T12:30:00+05:30"))
    assert paths(items, base) == ALL_IN_ORDER[:3]  # 07:00Z and later


def test_limit_keeps_the_newest(httpserver: HTTPServer) -> None:
    base = serve_site(httpserver)
    items, _ = collect(DiscoveryOptions(sites=[host_of(base)], limit=2))
    assert paths(items, base) == ALL_IN_ORDER[:2]


def serve_days(server: HTTPServer, days: int) -> str:
    """An index of ``days`` daily sitemaps with one story each; returns the base URL."""
    server.no_handler_status_code = 404
    base = server.url_for("/").rstrip("/")
    index = [
        (f"/sitemap/day-{d:02d}.xml", f"2025-05-{d:02d}T23:00:00Z") for d in range(1, days + 1)
    ]
    server.expect_request("/sitemap.xml").respond_with_data(sitemap_index(base, index))
    for d in range(1, days + 1):
        rows = [(f"/world/story-of-day-{d:02d}", f"2025-05-{d:02d}T12:00:00Z")]
        server.expect_request(f"/sitemap/day-{d:02d}.xml").respond_with_data(urlset(base, rows))
    return base


def daily_fetches(server: HTTPServer) -> int:
    return sum(1 for p in requested(server) if p.startswith("/sitemap/day-"))


def test_limit_stops_reading_sitemaps(httpserver: HTTPServer) -> None:
    base = serve_days(httpserver, 12)
    items, _ = collect(DiscoveryOptions(sitemaps=[base + "/sitemap.xml"], limit=2))
    assert paths(items, base) == ["/world/story-of-day-12", "/world/story-of-day-11"]
    assert daily_fetches(httpserver) <= 2 + PREFETCH < 12


def test_sitemap_and_feed_options_directly(httpserver: HTTPServer) -> None:
    base = serve_site(httpserver)
    opts = DiscoveryOptions(
        sitemaps=[base + "/sitemap/sitemap-daily-2025-05-18.xml"],
        feeds=[base + "/stories.rss"],
    )
    items, stats = collect(opts)
    assert paths(items, base) == [
        "/world/feed-only-story-on-ceasefire",
        "/business/markets-rally-after-call",
        "/world/older-story-on-sanctions",
        "/india/old-story-about-elections",
    ]
    assert stats.documents_read == 2
    assert "/robots.txt" in requested(httpserver)


def test_atom_feed(httpserver: HTTPServer) -> None:
    httpserver.no_handler_status_code = 404
    base = httpserver.url_for("/").rstrip("/")
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id>
<updated>2025-05-21T00:00:00Z</updated>
<entry><title>Old</title><id>urn:a</id><link href="{base}/news/older-atom-story"/>
  <updated>2025-05-01T00:00:00Z</updated></entry>
<entry><title>New</title><id>urn:b</id><link href="{base}/news/newer-atom-story"/>
  <published>2025-05-19T10:00:00Z</published><updated>2025-05-21T00:00:00Z</updated></entry>
</feed>"""
    httpserver.expect_request("/atom.xml").respond_with_data(
        atom, content_type="application/atom+xml"
    )
    items, _ = collect(DiscoveryOptions(feeds=[base + "/atom.xml"]))
    assert paths(items, base) == ["/news/newer-atom-story", "/news/older-atom-story"]
    assert items[0].lastmod is not None and items[0].lastmod.day == 21


HOSTILE = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol2;</loc></url></urlset>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url></urlset>"""


def test_broken_looping_hostile_and_oversized_sitemaps_each_one_error_rest_goes_on(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.no_handler_status_code = 404
    base = httpserver.url_for("/").rstrip("/")
    good = [("/world/good-story-one", "2025-05-20T10:00:00Z")]
    good2 = [("/world/good-story-two", "2025-05-19T10:00:00Z")]
    children = [
        ("/good.xml", "2025-05-20T10:00:00Z"),
        ("/malformed.xml", "2025-05-20T09:00:00Z"),
        ("/hostile.xml", "2025-05-20T08:00:00Z"),
        ("/xxe.xml", "2025-05-20T07:00:00Z"),
        ("/huge.xml", "2025-05-20T06:00:00Z"),
        ("/b.xml", "2025-05-20T05:00:00Z"),
        ("/missing.xml", "2025-05-20T04:00:00Z"),
        ("/good2.xml", "2025-05-19T10:00:00Z"),
        ("/good.xml", "2025-05-20T10:00:00Z"),  # a duplicate: read once, no error
    ]
    httpserver.expect_request("/a.xml").respond_with_data(sitemap_index(base, children))
    # B lists A again: a loop A -> B -> A
    httpserver.expect_request("/b.xml").respond_with_data(
        sitemap_index(base, [("/a.xml", None), ("/good.xml", None)])
    )
    httpserver.expect_request("/good.xml").respond_with_data(urlset(base, good))
    httpserver.expect_request("/good2.xml").respond_with_data(
        gzip.compress(urlset(base, good2).encode()), content_type="application/x-gzip"
    )
    # cut off mid-document: what was complete is kept (and reported), the rest is not guessed
    httpserver.expect_request("/malformed.xml").respond_with_data(
        f"<urlset><url><loc>{base}/world/partial-sitemap-story</loc></url><url><loc>{base}/wor"
    )
    httpserver.expect_request("/hostile.xml").respond_with_data(HOSTILE)
    httpserver.expect_request("/xxe.xml").respond_with_data(XXE)
    big = urlset(base, [(f"/world/story-{i}", "2025-05-20T06:00:00Z") for i in range(3000)])
    httpserver.expect_request("/huge.xml").respond_with_data(big)
    opts = DiscoveryOptions(sitemaps=[base + "/a.xml"], max_bytes=100_000)
    items, stats = collect(opts)
    assert paths(items, base) == [
        "/world/good-story-one",
        "/world/good-story-two",
        "/world/partial-sitemap-story",  # undated: last
    ]
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 6, errors
    assert stats.errors == 6
    by_doc = {line.split()[2].rstrip(":"): line for line in errors}
    assert "malformed XML" in by_doc[base + "/malformed.xml"]
    assert by_doc[base + "/malformed.xml"].endswith("recovered 1 URLs")
    assert "refused: the XML declares entities" in by_doc[base + "/hostile.xml"]
    assert "refused: the XML declares entities" in by_doc[base + "/xxe.xml"]
    assert "over the limit" in by_doc[base + "/huge.xml"]
    assert "HTTP 404" in by_doc[base + "/missing.xml"]
    assert "sitemap loop" in by_doc[base + "/b.xml"] and base + "/a.xml" in by_doc[base + "/b.xml"]
    assert requested(httpserver).count("/a.xml") == 1
    assert requested(httpserver).count("/good.xml") == 1


def assert_private_sitemap_refused(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str], robots_extra: str
) -> str:
    """Serve the site with ``robots_extra`` in its robots.txt and a sitemap under /private/:
    discovery must refuse that sitemap without fetching it. Returns the site's base URL."""
    base = serve_site(httpserver, robots_extra=robots_extra)
    rows = [("/world/private-listed-story", "2025-05-20T10:00:00Z")]
    httpserver.expect_request("/private/sitemap.xml").respond_with_data(urlset(base, rows))
    items, stats = collect(DiscoveryOptions(sitemaps=[base + "/private/sitemap.xml"]))
    assert items == [] and stats.errors == 1
    assert "robots.txt disallows" in capsys.readouterr().err
    assert "/private/sitemap.xml" not in requested(httpserver)
    return base


def test_robots_txt_is_obeyed_for_discovery_unless_ignored(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    base = assert_private_sitemap_refused(httpserver, capsys, "Disallow: /private/")
    opts = DiscoveryOptions(sitemaps=[base + "/private/sitemap.xml"], ignore_robots=True)
    items, stats = collect(opts)
    assert paths(items, base) == ["/world/private-listed-story"] and stats.errors == 0


def test_an_oversized_robots_txt_is_obeyed_for_its_first_512_kib(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    padding = "# a very long robots.txt\n" * 30_000  # 720 KB, past RFC 9309's 512 KiB
    assert_private_sitemap_refused(httpserver, capsys, "Disallow: /private/\n" + padding)


def test_html_page_given_as_sitemap_is_one_error(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/page").respond_with_data(
        "<!DOCTYPE html><html><body>hi</body></html>", content_type="text/html"
    )
    items, stats = collect(DiscoveryOptions(sitemaps=[httpserver.url_for("/page")]))
    assert items == [] and stats.errors == 1
    assert "the server sent an HTML page" in capsys.readouterr().err


def test_urls_stream_out_before_all_sitemaps_are_read(httpserver: HTTPServer) -> None:
    days = 12
    base = serve_days(httpserver, days)

    async def first_then_count() -> tuple[str, int, list[str]]:
        async with make_discovery_client(None, 10.0) as client:
            gen = discover(DiscoveryOptions(sitemaps=[base + "/sitemap.xml"]), client)
            first = await gen.__anext__()
            fetched = daily_fetches(httpserver)
            rest = [item.url async for item in gen]
        return first.url, fetched, rest

    first, fetched_before_first, rest = asyncio.run(first_then_count())
    assert first == base + "/world/story-of-day-12"
    assert fetched_before_first <= 1 + PREFETCH < days
    assert [u.removeprefix(base) for u in rest] == [
        f"/world/story-of-day-{d:02d}" for d in range(days - 1, 0, -1)
    ]


def test_unreachable_site_is_one_error(
    capsys: pytest.CaptureFixture[str], refused_url: str
) -> None:
    host = refused_url.split("//", 1)[1].split("/", 1)[0]
    stats = DiscoveryStats()

    async def go() -> list[object]:
        async with make_discovery_client(None, 5.0) as client:
            return [i async for i in discover(DiscoveryOptions(sites=[host]), client, stats=stats)]

    assert asyncio.run(go()) == []
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "unreachable over https and http" in errors[0]
    assert stats.errors == 1 and stats.documents_read == 0


def test_known_unchanged_child_sitemaps_are_not_fetched(httpserver: HTTPServer) -> None:
    from datetime import UTC, datetime

    base = serve_days(httpserver, 4)
    stats = DiscoveryStats()

    async def go(known: dict[str, datetime]) -> list[str]:
        async with make_discovery_client(None, 10.0) as client:
            opts = DiscoveryOptions(sitemaps=[base + "/sitemap.xml"])
            return [i.url async for i in discover(opts, client, stats=stats, known=known)]

    everything = asyncio.run(go({}))
    assert len(everything) == 4 and stats.complete
    assert len(stats.sitemaps_read) == 4
    # day 04 moved on since; the others did not
    known = dict(stats.sitemaps_read)
    known[base + "/sitemap/day-04.xml"] = datetime(2025, 5, 1, tzinfo=UTC)
    httpserver.clear_log()
    stats = DiscoveryStats()
    again = asyncio.run(go(known))
    assert [u.removeprefix(base) for u in again] == ["/world/story-of-day-04"]
    assert daily_fetches(httpserver) == 1 and stats.sitemaps_unchanged == 3
    assert len(stats.sitemaps_read) == 4  # carried forward for the next record


def test_discovery_memory_is_tied_to_the_filters(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from scraper.discover import memory

    when = datetime(2025, 5, 20, 6, 41, tzinfo=UTC)
    sig = memory.signature("world", "7d", None)
    memory.save(tmp_path, sig, {"https://a.org/sitemap/day-1.xml": when})
    assert (tmp_path / ".discovery.state").exists()
    assert not list(tmp_path.glob("*.json")) and not list(tmp_path.glob("*.tmp"))
    assert memory.load(tmp_path, sig) == {"https://a.org/sitemap/day-1.xml": when}
    assert memory.load(tmp_path, memory.signature(None, "7d", None)) == {}
    assert memory.load(tmp_path / "missing", sig) == {}
    (tmp_path / ".discovery.state").write_text("{not json")
    assert memory.load(tmp_path, sig) == {}


def test_crawl_delay_spaces_discovery_requests(httpserver: HTTPServer) -> None:
    import time

    from werkzeug import Request, Response

    base = serve_days(httpserver, 3)
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 0.4\n")
    times: list[float] = []
    index = sitemap_index(base, [(f"/d{i}.xml", f"2025-05-0{i}T00:00:00Z") for i in range(1, 4)])
    httpserver.expect_request("/paced.xml").respond_with_data(index)

    def handler(request: Request) -> Response:
        times.append(time.monotonic())
        return Response(urlset(base, [(f"/x{request.path[:-4]}/story-slug-here", "2025-05-01")]))

    for i in range(1, 4):
        httpserver.expect_request(f"/d{i}.xml").respond_with_handler(handler)
    items, _ = collect(DiscoveryOptions(sitemaps=[base + "/paced.xml"]))
    assert len(items) == 3 and len(times) == 3
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.35, gaps


def test_transient_503_is_retried_once(httpserver: HTTPServer) -> None:
    httpserver.no_handler_status_code = 404
    base = httpserver.url_for("/").rstrip("/")
    httpserver.expect_oneshot_request("/flaky.xml").respond_with_data(
        "busy", status=503, headers={"Retry-After": "0"}
    )
    httpserver.expect_request("/flaky.xml").respond_with_data(
        urlset(base, [("/world/story-after-retry", "2025-05-20")])
    )
    items, stats = collect(DiscoveryOptions(sitemaps=[base + "/flaky.xml"]))
    assert paths(items, base) == ["/world/story-after-retry"] and stats.errors == 0
    assert requested(httpserver).count("/flaky.xml") == 2


def test_a_robots_txt_in_a_redirect_loop_means_no_rules_for_discovery(
    httpserver: HTTPServer,
) -> None:
    """RFC 9309: robots.txt behind endless redirects is unavailable (allow), not unreachable
    (disallow all), the same reading as the batch engine's; and the loop is not retried."""
    httpserver.expect_request("/robots.txt").respond_with_data(
        "", status=302, headers={"Location": "/robots.txt"}
    )
    base = httpserver.url_for("/").rstrip("/")
    rows = [("/world/listed-story", "2025-05-20T10:00:00Z")]
    httpserver.expect_request("/news/sitemap.xml").respond_with_data(urlset(base, rows))
    items, stats = collect(DiscoveryOptions(sitemaps=[base + "/news/sitemap.xml"]))
    assert paths(items, base) == ["/world/listed-story"] and stats.errors == 0
    assert requested(httpserver).count("/robots.txt") == 1
