"""Generate the discovery samples of interbellumnews.com from the article samples.

    uv run python samples/interbellumnews/site/make_site.py

Reads ``samples/interbellumnews/urls.txt`` and the golden ``NAME.json`` files (url, published_at,
updated_at, section, title, tags, lead image) and writes, in this directory, what a Quintype
"Bold" site serves for discovery (site-notes §5), as of the newest sample's last update:

- ``robots.txt`` with its ``Sitemap:`` lines;
- ``sitemap.xml``: the sitemap index (a sections sitemap, then one daily sitemap per day with a
  story, newest first, each with ``<lastmod>`` = the newest update of that day's stories);
- ``sitemap/sitemap-daily-YYYY-MM-DD.xml`` (``<loc>``, ``<lastmod>``, image extension), the day
  of ``GZIPPED_DAY`` gzipped as ``.xml.gz``;
- ``sitemap/sitemap-sections.xml``: the home and section pages (listing pages, not articles);
- ``news_sitemap.xml``: Google News sitemap of the last two days before the snapshot;
- ``stories.rss``: the RSS feed of the latest stories with their sections as categories.

Never edit the outputs by hand; re-run this script when the article samples change.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent
SITE = "https://interbellumnews.com"
GZIPPED_DAY = "2025-06-25"
RSS_ITEMS = 4
SM_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
IMAGE_NS = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'


def load_stories() -> list[dict[str, object]]:
    """The golden JSON of every URL in urls.txt, newest publication first."""
    wanted = [u.strip() for u in (SAMPLES / "urls.txt").read_text().splitlines() if u.strip()]
    by_url = {}
    for path in sorted(SAMPLES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("url") in wanted:
            by_url[data["url"]] = data
    missing = [u for u in wanted if u not in by_url]
    if missing:
        raise SystemExit(f"no golden JSON for: {missing}")
    return sorted(by_url.values(), key=lambda s: str(s["published_at"]), reverse=True)


def when(story: dict[str, object], key: str) -> datetime:
    return datetime.fromisoformat(str(story[key] or story["published_at"]))


def daily_sitemap(stories: list[dict[str, object]]) -> str:
    rows = []
    for story in sorted(stories, key=lambda s: str(s["published_at"]), reverse=True):
        image = ""
        lead = story.get("lead_image")
        if isinstance(lead, dict) and lead.get("url"):
            image = (
                f"\n    <image:image><image:loc>{escape(str(lead['url']))}</image:loc>"
                f"<image:title>{escape(str(story['title']))}</image:title></image:image>"
            )
        rows.append(
            f"  <url>\n    <loc>{escape(str(story['url']))}</loc>\n"
            f"    <lastmod>{when(story, 'updated_at').isoformat()}</lastmod>\n"
            f"    <changefreq>daily</changefreq>\n    <priority>1.0</priority>{image}\n  </url>\n"
        )
    return f"{HEADER}<urlset {SM_NS} {IMAGE_NS}>\n{''.join(rows)}</urlset>\n"


def sections_sitemap(stories: list[dict[str, object]]) -> str:
    slugs = sorted({str(s["url"]).removeprefix(SITE + "/").split("/")[0] for s in stories})
    rows = [f"  <url><loc>{SITE}/</loc><changefreq>hourly</changefreq></url>\n"]
    rows += [
        f"  <url><loc>{SITE}/{slug}</loc><changefreq>hourly</changefreq></url>\n" for slug in slugs
    ]
    return f"{HEADER}<urlset {SM_NS}>\n{''.join(rows)}</urlset>\n"


def news_sitemap(stories: list[dict[str, object]], snapshot: datetime) -> str:
    rows = []
    for story in stories:
        if when(story, "published_at") < snapshot - timedelta(days=2):
            continue
        keywords = ", ".join(str(t) for t in story.get("tags") or [])  # type: ignore[attr-defined]
        rows.append(
            f"  <url>\n    <loc>{escape(str(story['url']))}</loc>\n    <news:news>\n"
            "      <news:publication><news:name>Interbellum News</news:name>"
            "<news:language>en</news:language></news:publication>\n"
            f"      <news:publication_date>{when(story, 'published_at').isoformat()}"
            "</news:publication_date>\n"
            f"      <news:title>{escape(str(story['title']))}</news:title>\n"
            f"      <news:keywords>{escape(keywords)}</news:keywords>\n"
            f"    </news:news>\n    <lastmod>{when(story, 'updated_at').isoformat()}</lastmod>\n"
            "  </url>\n"
        )
    return f"{HEADER}<urlset {SM_NS} {NEWS_NS}>\n{''.join(rows)}</urlset>\n"


def rss(stories: list[dict[str, object]], snapshot: datetime) -> str:
    items = []
    for story in stories[:RSS_ITEMS]:
        items.append(
            f"    <item>\n      <title>{escape(str(story['title']))}</title>\n"
            f"      <link>{escape(str(story['url']))}</link>\n"
            f'      <guid isPermaLink="true">{escape(str(story["url"]))}</guid>\n'
            f"      <category>{escape(str(story['section']))}</category>\n"
            f"      <pubDate>{format_datetime(when(story, 'published_at'))}</pubDate>\n"
            f"      <description>{escape(str(story.get('subtitle') or ''))}</description>\n"
            "    </item>\n"
        )
    return (
        f'{HEADER}<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n  <channel>\n'
        f"    <title>Interbellum News</title>\n    <link>{SITE}</link>\n"
        "    <description>Latest stories</description>\n    <language>en</language>\n"
        f"    <lastBuildDate>{format_datetime(snapshot)}</lastBuildDate>\n"
        f'    <atom:link href="{SITE}/stories.rss" rel="self" type="application/rss+xml"/>\n'
        f"{''.join(items)}  </channel>\n</rss>\n"
    )


def main() -> None:
    stories = load_stories()
    snapshot = max(when(s, "updated_at") for s in stories)
    days: dict[str, list[dict[str, object]]] = defaultdict(list)
    for story in stories:
        days[when(story, "published_at").date().isoformat()].append(story)
    (HERE / "sitemap").mkdir(exist_ok=True)
    for old in (HERE / "sitemap").glob("sitemap-daily-*"):
        old.unlink()
    index_rows = [f"  <sitemap><loc>{SITE}/sitemap/sitemap-sections.xml</loc></sitemap>\n"]
    for day in sorted(days, reverse=True):
        xml = daily_sitemap(days[day])
        name = f"sitemap-daily-{day}.xml"
        if day == GZIPPED_DAY:
            name += ".gz"
            (HERE / "sitemap" / name).write_bytes(gzip.compress(xml.encode(), mtime=0))
        else:
            (HERE / "sitemap" / name).write_text(xml, encoding="utf-8")
        lastmod = max(when(s, "updated_at") for s in days[day]).isoformat()
        index_rows.append(
            f"  <sitemap><loc>{SITE}/sitemap/{name}</loc><lastmod>{lastmod}</lastmod></sitemap>\n"
        )
    (HERE / "sitemap" / "sitemap-sections.xml").write_text(sections_sitemap(stories))
    (HERE / "sitemap.xml").write_text(
        f"{HEADER}<sitemapindex {SM_NS}>\n{''.join(index_rows)}</sitemapindex>\n"
    )
    (HERE / "news_sitemap.xml").write_text(news_sitemap(stories, snapshot), encoding="utf-8")
    (HERE / "stories.rss").write_text(rss(stories, snapshot), encoding="utf-8")
    (HERE / "robots.txt").write_text(
        "User-agent: *\nDisallow: /search\nDisallow: /api/\nDisallow: /preview/\n\n"
        f"Sitemap: {SITE}/sitemap.xml\nSitemap: {SITE}/news_sitemap.xml\n"
    )
    print(f"{len(stories)} stories, {len(days)} daily sitemaps, snapshot {snapshot.isoformat()}")


if __name__ == "__main__":
    main()
