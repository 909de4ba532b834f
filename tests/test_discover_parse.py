"""Discovery parsing without a network: sitemaps, feeds, safety limits, URL filters, dates."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from scraper.discover import parse_when
from scraper.discover.filters import in_date_range, matches_section, reject_reason, slugify
from scraper.discover.model import DiscoveredURL
from scraper.discover.sitemap import parse_document
from scraper.discover.xmlsafe import DiscoveryError
from scraper.errors import InvalidInput

BASE = "https://interbellumnews.com/sitemap.xml"
CAP = 1024 * 1024

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://interbellumnews.com/sitemap/sitemap-daily-2025-05-20.xml</loc>
    <lastmod>2025-05-20T12:06:00+05:30</lastmod></sitemap>
  <sitemap><loc>/sitemap/sitemap-daily-2025-05-19.xml</loc></sitemap>
</sitemapindex>"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://interbellumnews.com/world/putin-hails-call</loc>
    <news:news><news:publication><news:name>Interbellum News</news:name>
      <news:language>en</news:language></news:publication>
      <news:publication_date>2025-05-19T21:12:00Z</news:publication_date>
      <news:title>Putin Hails &#8216;Very Useful&#8217; Call</news:title></news:news>
    <lastmod>2025-05-20T06:41:00Z</lastmod></url>
  <url><loc>https://interbellumnews.com/india/second-story</loc></url>
</urlset>"""

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Interbellum</title><link>https://interbellumnews.com</link>
<item><title>One</title><link>https://interbellumnews.com/world/one-story</link>
  <category>World</category><pubDate>Tue, 20 May 2025 06:41:00 +0530</pubDate></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id>
<updated>2025-05-21T00:00:00Z</updated>
<entry><title>A</title><id>urn:a</id>
  <link rel="alternate" href="https://example.org/news/atom-story-a"/>
  <published>2025-05-19T10:00:00Z</published><updated>2025-05-21T00:00:00Z</updated></entry>
</feed>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol3;</loc></url></urlset>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&xxe;</loc></url></urlset>"""


def test_sitemap_index_children_with_lastmod_in_utc_and_relative_locs_resolved() -> None:
    doc = parse_document(INDEX, BASE, max_bytes=CAP)
    assert doc.kind == "index"
    assert [c.url for c in doc.children] == [
        "https://interbellumnews.com/sitemap/sitemap-daily-2025-05-20.xml",
        "https://interbellumnews.com/sitemap/sitemap-daily-2025-05-19.xml",
    ]
    assert doc.children[0].lastmod == datetime(2025, 5, 20, 6, 36, tzinfo=UTC)
    assert doc.children[1].lastmod is None


def test_news_sitemap_gives_publication_date_title_and_lastmod() -> None:
    doc = parse_document(NEWS, BASE, max_bytes=CAP)
    assert doc.kind == "urlset"
    first, second = doc.entries
    assert first.url == "https://interbellumnews.com/world/putin-hails-call"
    assert first.published == datetime(2025, 5, 19, 21, 12, tzinfo=UTC)
    assert first.lastmod == datetime(2025, 5, 20, 6, 41, tzinfo=UTC)
    assert first.title == "Putin Hails ‘Very Useful’ Call"
    assert first.date == first.published
    assert second.date is None and second.source == BASE


def test_gzip_is_recognised_by_magic_bytes_not_by_name() -> None:
    doc = parse_document(gzip.compress(NEWS), "https://x.org/plain-name.xml", max_bytes=CAP)
    assert len(doc.entries) == 2


def test_gzip_bomb_is_refused_without_inflating_it() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (5 * 1024 * 1024) + b"</urlset>")
    with pytest.raises(DiscoveryError, match="too large"):
        parse_document(bomb, BASE, max_bytes=1024 * 1024)


def test_text_sitemap() -> None:
    doc = parse_document(b"https://a.org/x/one\n\nhttps://a.org/x/two\n", BASE, max_bytes=CAP)
    assert [e.url for e in doc.entries] == ["https://a.org/x/one", "https://a.org/x/two"]


def test_rss_entries_with_dates_and_category() -> None:
    doc = parse_document(RSS, "https://interbellumnews.com/stories.rss", max_bytes=CAP)
    assert doc.kind == "feed"
    (entry,) = doc.entries
    assert entry.url == "https://interbellumnews.com/world/one-story"
    assert entry.published == datetime(2025, 5, 20, 1, 11, tzinfo=UTC)
    assert entry.section == "World" and entry.title == "One"


def test_atom_entry_uses_alternate_link_published_and_updated() -> None:
    (entry,) = parse_document(ATOM, "https://example.org/atom.xml", max_bytes=CAP).entries
    assert entry.url == "https://example.org/news/atom-story-a"
    assert entry.published == datetime(2025, 5, 19, 10, tzinfo=UTC)
    assert entry.lastmod == datetime(2025, 5, 21, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<urlset><url><loc>", "malformed XML"),
        (BILLION_LAUGHS, "refused: the XML declares entities"),
        (EXTERNAL_ENTITY, "refused: the XML declares entities"),
        (b"<!doctype html><html><body>Not found</body></html>", "HTML page"),
        (b"<catalog><item/></catalog>", "root element is <catalog>"),
        (b"   ", "empty document"),
        (b"hello world", "neither XML nor a list of URLs"),
    ],
)
def test_bad_documents_raise_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(DiscoveryError, match=message):
        parse_document(data, BASE, max_bytes=CAP)


def test_malformed_sitemap_is_recovered_and_the_problem_reported() -> None:
    data = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        b"<url><loc>https://a.org/x/one?a=1&amp;b=2</loc></url>\n"
        b"<url><loc>https://a.org/x/two</loc><lastmod>2025-05-20</lastmod></url>\n"
        b"<url><loc>https://a.org/x/thr"  # the connection was cut here
    )
    doc = parse_document(data, BASE, max_bytes=CAP)
    assert [e.url for e in doc.entries] == ["https://a.org/x/one?a=1&b=2", "https://a.org/x/two"]
    assert doc.problem is not None and doc.problem.startswith("malformed XML")
    assert doc.problem.endswith("recovered 2 URLs")
    assert parse_document(NEWS, BASE, max_bytes=CAP).problem is None


def test_bare_ampersands_are_repaired_exactly() -> None:
    data = (
        b"<urlset><url><loc>https://a.org/x/one?a=1&b=2&amp;c=3&#38;d=4</loc></url>"
        b"<url><loc>https://a.org/x/R&D-story</loc></url></urlset>"
    )
    doc = parse_document(data, BASE, max_bytes=CAP)
    assert [e.url for e in doc.entries] == [
        "https://a.org/x/one?a=1&b=2&c=3&d=4",
        "https://a.org/x/R&D-story",
    ]
    assert doc.problem is None


def test_oversized_document_is_refused() -> None:
    with pytest.raises(DiscoveryError, match="too large"):
        parse_document(NEWS, BASE, max_bytes=100)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://interbellumnews.com/world/putin-hails-call", None),
        ("https://example.org/2025/05/20/some-story.html", None),
        ("https://example.org/a-long-single-segment-story-slug", None),
        ("https://interbellumnews.com/", "home page"),
        ("https://interbellumnews.com/world", "section or listing page"),
        ("https://interbellumnews.com/topic/vladimir-putin", "tag page"),
        ("https://interbellumnews.com/author/jane-doe", "author page"),
        ("https://interbellumnews.com/amp/story/world/putin-hails-call", "AMP page"),
        ("https://example.org/news/story/amp", "AMP page"),
        ("https://media.assettype.com/interbellumnews/2025-05/a/putin.jpg", "asset (.jpg)"),
        ("https://interbellumnews.com/static/app.css", "asset (.css)"),
        ("https://interbellumnews.com/files/report.PDF", "asset (.pdf)"),
        ("https://interbellumnews.com/section/world", "listing or static page"),
        ("https://example.org/news/page/2", "listing page (pagination)"),
        ("https://example.org/news/world?page=3", "listing page (pagination)"),
        ("ftp://example.org/x/y", "not a web URL"),
    ],
)
def test_article_url_classifier(url: str, reason: str | None) -> None:
    assert reject_reason(url) == reason


def test_section_matches_url_segment_or_category() -> None:
    item = DiscoveredURL("https://interbellumnews.com/world-news/x-y", section="Global Affairs")
    assert matches_section(item, "World News")
    assert matches_section(item, "world-news")
    assert matches_section(item, "global affairs")
    assert not matches_section(item, "India")
    assert slugify("Économie & Finance") == "economie-finance"


def test_parse_when_dates_datetimes_and_durations() -> None:
    now = datetime(2025, 5, 21, 12, 0, tzinfo=UTC)
    assert parse_when("7d", now=now) == datetime(2025, 5, 14, 12, 0, tzinfo=UTC)
    assert parse_when("1w2h", now=now) == datetime(2025, 5, 14, 10, 0, tzinfo=UTC)
    assert parse_when("2025-05-20") == datetime(2025, 5, 20, tzinfo=UTC)
    assert parse_when("2025-05-20", end_of_day=True) == datetime(
        2025, 5, 20, 23, 59, 59, tzinfo=UTC
    )
    assert parse_when("2025-05-20T08:00:00+05:30") == datetime(2025, 5, 20, 2, 30, tzinfo=UTC)
    assert parse_when(None) is None
    with pytest.raises(InvalidInput, match="not a date or duration"):
        parse_when("last tuesday")
    with pytest.raises(InvalidInput, match="not a valid date"):
        parse_when("2025-13-40")


def test_date_range_is_inclusive_and_drops_undated() -> None:
    since = datetime(2025, 5, 19, tzinfo=UTC)
    until = datetime(2025, 5, 19, 23, 59, 59, tzinfo=UTC)
    inside = DiscoveredURL("https://a.org/x/y", published=datetime(2025, 5, 19, 21, tzinfo=UTC))
    after = DiscoveredURL("https://a.org/x/z", lastmod=datetime(2025, 5, 20, 1, tzinfo=UTC))
    assert in_date_range(inside, since, until)
    assert not in_date_range(after, since, until)
    assert not in_date_range(DiscoveredURL("https://a.org/x/w"), since, None)
    assert in_date_range(DiscoveredURL("https://a.org/x/w"), None, None)


def test_hostile_feed_is_refused_before_feedparser_sees_it() -> None:
    feed = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        b'<rss version="2.0"><channel><title>&x;</title><item><link>https://a.org/x/y</link>'
        b"</item></channel></rss>"
    )
    with pytest.raises(DiscoveryError, match="refused"):
        parse_document(feed, "https://a.org/feed", max_bytes=CAP)


def test_importing_discovery_options_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from scraper.discover import DiscoveryOptions, run_discovery; "
        "heavy = [m for m in ('httpx', 'lxml', 'feedparser', 'rich', 'bs4') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_site_origins_and_documents() -> None:
    from scraper.discover.site import candidate_origins, site_documents

    assert candidate_origins("interbellumnews.com") == [
        "https://interbellumnews.com",
        "http://interbellumnews.com",
    ]
    assert candidate_origins("127.0.0.1:8080/") == [
        "https://127.0.0.1:8080",
        "http://127.0.0.1:8080",
    ]
    assert candidate_origins("http://Example.org:8000/news") == ["http://example.org:8000"]
    for bad in ("ftp://example.org", "", "  "):
        with pytest.raises(ValueError):
            candidate_origins(bad)
    docs = site_documents("https://a.org", ["https://a.org/sitemap.xml", "https://cdn.a.org/s.xml"])
    urls = [d.url for d in docs]
    assert urls[:2] == ["https://a.org/sitemap.xml", "https://cdn.a.org/s.xml"]
    assert urls.count("https://a.org/sitemap.xml") == 1
    assert "https://a.org/news_sitemap.xml" in urls and "https://a.org/stories.rss" in urls
    assert all(d.probed for d in docs[2:]) and not any(d.probed for d in docs[:2])
    assert {d.what for d in docs if d.url.endswith((".rss", "/feed"))} == {"feed"}
