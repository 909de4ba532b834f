"""interbellumnews samples: generated reproducibly, golden files well-formed and true to the page.

These tests never run the extractor; they check the samples themselves, which the extractor tests
use as ground truth.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from scraper.render import article_to_markdown, blocks_to_markdown, blocks_to_text
from scraper.text import clean, count_words

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "interbellumnews"
BUILD = ROOT / "samples" / "_build"

ARTICLES = sorted(p.stem for p in SAMPLES.glob("*.json"))
NON_ARTICLES = sorted(p.stem for p in SAMPLES.glob("*.expect"))
NO_STATIC_PAGE = {"no-static-page", "jsonld-only"}
OLD_ARROW = {
    "prisoner-exchange-three-authors",
    "baltic-drones-youtube-blurb",
    "vatican-offer-old-arrow",
}

FIELDS = [
    "schema_version",
    "url",
    "canonical_url",
    "site_name",
    "title",
    "subtitle",
    "authors",
    "published_at",
    "updated_at",
    "reading_time_minutes",
    "section",
    "tags",
    "language",
    "lead_image",
    "blocks",
    "body_text",
    "body_markdown",
    "related",
    "word_count",
    "extractor",
]
BLOCK_KEYS = {
    "paragraph": {"type", "text", "markdown"},
    "heading": {"type", "level", "text"},
    "quote": {"type", "text", "markdown", "attribution"},
    "list": {"type", "ordered", "items", "items_markdown"},
    "image": {"type", "url", "caption", "credit", "alt"},
    "embed": {"type", "provider", "url", "text"},
    "table": {"type", "rows"},
}
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
CDN_URL = re.compile(
    r"^https://media\.assettype\.com/interbellumnews%2F\d{4}-\d\d%2F[0-9a-f-]{36}%2F[\w.-]+$"
)
CHROME = [
    "Advertisement",
    "Related Stories",
    "No stories found.",
    "min read",
    "Updated on",
    "Published on",
    "Also Read",
    "Inter Bellum News",
    "interbellumnews.com",
    "Copyright",
]


def load(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / f"{name}.json").read_text("utf-8"))


def page(name: str) -> str:
    return (SAMPLES / f"{name}.html").read_text("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", clean(text))


def test_samples_present() -> None:
    assert "putin-trump-call" in ARTICLES
    assert len(ARTICLES) >= 9
    assert NON_ARTICLES == ["not-found", "section-world"]
    assert set(ARTICLES) >= NO_STATIC_PAGE


def test_generator_reproduces_committed_files() -> None:
    spec = importlib.util.spec_from_file_location("make_samples", BUILD / "make_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    saved_path = list(sys.path)
    try:
        spec.loader.exec_module(module)
        files = module.build()
    finally:
        sys.path[:] = saved_path
    on_disk = {p.name for p in SAMPLES.iterdir() if p.is_file()}
    assert on_disk == set(files), "samples/interbellumnews holds files the generator does not make"
    for name, content in files.items():
        assert (SAMPLES / name).read_text("utf-8") == content, f"{name} differs from the generator"


@pytest.mark.parametrize("name", ARTICLES)
def test_golden_json_has_contract_fields_and_types(name: str) -> None:
    g = load(name)
    assert list(g) == FIELDS
    assert g["schema_version"] == "1.0"
    for key in ("url", "canonical_url", "site_name", "title", "section", "language"):
        assert isinstance(g[key], str) and g[key], key
    assert g["url"] == g["canonical_url"]
    assert g["url"].startswith("https://interbellumnews.com/")
    assert g["site_name"] == "Inter Bellum News"
    assert g["language"] == "en"
    assert g["subtitle"] is None or isinstance(g["subtitle"], str)
    assert g["authors"] and all(isinstance(a, str) and a for a in g["authors"])
    assert g["tags"] and all(isinstance(t, str) and t for t in g["tags"])
    assert DATE.match(g["published_at"]) and DATE.match(g["updated_at"])
    assert g["published_at"] <= g["updated_at"]
    assert g["reading_time_minutes"] is None or isinstance(g["reading_time_minutes"], int)
    lead = g["lead_image"]
    assert set(lead) == {"url", "caption", "credit", "alt"}
    assert CDN_URL.match(lead["url"])
    assert g["extractor"] in {"quintype_json", "arrow_dom", "jsonld", "generic"}
    assert g["extractor"] == (
        "quintype_json"
        if name not in NO_STATIC_PAGE
        else {"no-static-page": "arrow_dom", "jsonld-only": "jsonld"}[name]
    )
    # Text fields are clean() and NFC; typography is kept.
    for key in ("title", "subtitle", "section"):
        if g[key]:
            assert clean(g[key]) == g[key]


@pytest.mark.parametrize("name", ARTICLES)
def test_golden_blocks_follow_the_contract(name: str) -> None:
    g = load(name)
    blocks = g["blocks"]
    assert blocks and blocks[0]["type"] in ("paragraph", "heading")
    previous = None
    for b in blocks:
        assert set(b) == BLOCK_KEYS[b["type"]], b
        assert b != previous, "a block identical to the previous one"
        previous = b
        if b["type"] in ("paragraph", "heading", "quote"):
            assert b["text"] and "\n".join(clean(x) for x in b["text"].split("\n")) == b["text"]
            assert "<" not in b["text"] and "*" not in b["text"]
        if b["type"] == "heading":
            assert 2 <= b["level"] <= 6
        if b["type"] in ("paragraph", "quote"):
            plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", b["markdown"]).replace("*", "")
            assert plain == b["text"]
        if b["type"] == "quote":
            assert b["attribution"] is None or (
                b["attribution"] and b["attribution"] not in b["text"]
            )
        if b["type"] == "list":
            assert isinstance(b["ordered"], bool) and b["items"]
            assert len(b["items"]) == len(b["items_markdown"])
        if b["type"] == "image":
            assert CDN_URL.match(b["url"]) and b["caption"]
        if b["type"] == "embed":
            assert b["provider"] in ("youtube", "twitter")
            if b["provider"] == "youtube":
                assert re.match(r"^https://www\.youtube\.com/watch\?v=[\w-]{11}$", b["url"])
            else:
                assert re.match(r"^https://(twitter|x)\.com/\w+/status/\d+$", b["url"])
        for link in re.findall(r"\]\(([^)]*)\)", b.get("markdown") or ""):
            assert link.startswith("https://")
    assert g["body_text"] == blocks_to_text(blocks)
    assert g["body_markdown"] == blocks_to_markdown(blocks)
    assert g["word_count"] == count_words(g["body_text"]) > 50
    for chrome in CHROME:
        assert chrome not in g["body_text"], chrome
    assert g["title"] not in g["body_text"]
    texts = [b.get("text") for b in blocks]
    for chrome_text in (
        g["title"],
        g["subtitle"],
        g["lead_image"]["credit"],
        g["lead_image"]["alt"],
    ):
        if chrome_text:
            assert chrome_text not in texts


@pytest.mark.parametrize("name", ARTICLES)
def test_golden_related_and_markdown(name: str) -> None:
    g = load(name)
    urls = [r["url"] for r in g["related"]]
    assert len(urls) == len(set(urls))
    assert g["url"] not in urls
    for r in g["related"]:
        assert set(r) == {"title", "url"} and r["title"] and r["url"].startswith("https://")
    assert (SAMPLES / f"{name}.md").read_text("utf-8") == article_to_markdown(g)


def test_urls_txt_lists_every_article() -> None:
    listed = (SAMPLES / "urls.txt").read_text("utf-8").split()
    assert sorted(listed) == sorted(load(n)["url"] for n in ARTICLES)


@pytest.mark.parametrize("name", ARTICLES + NON_ARTICLES)
def test_pages_are_realistic_and_have_the_shell(name: str) -> None:
    text = page(name)
    assert 30_000 <= len(text.encode()) <= 150_000
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    for marker in ('id="nav-bar"', 'id="breaking-news-container"', 'id="footer"', "Advertisement"):
        assert marker in text, marker
    has_static = 'id="static-page"' in text
    assert has_static == (name not in NO_STATIC_PAGE)


def static_state(text: str) -> dict[str, Any]:
    soup = BeautifulSoup(text, "lxml")
    script = soup.find("script", id="static-page")
    assert script is not None and script.string
    raw = script.string
    assert "</" not in raw and "\\u002F" in raw
    return json.loads(raw)


def jsonld(text: str) -> list[dict[str, Any]]:
    soup = BeautifulSoup(text, "lxml")
    out = []
    for script in soup.find_all("script", type="application/ld+json"):
        assert script.string and "<" not in script.string
        out.append(json.loads(script.string))
    return out


@pytest.mark.parametrize("name", ARTICLES)
def test_page_head_and_embedded_data_match_golden(name: str) -> None:
    g = load(name)
    text = page(name)
    soup = BeautifulSoup(text, "lxml")
    canonical = soup.find("link", rel="canonical")
    assert canonical and canonical["href"] == g["url"]
    assert soup.find("meta", property="og:site_name")["content"] == g["site_name"]
    assert soup.find("link", rel="amphtml")["href"].startswith("/amp/story/")
    ld = {d["@type"]: d for d in jsonld(text)}
    assert "BreadcrumbList" in ld and "WebPage" in ld
    articles = [d for t, d in ld.items() if t in ("Article", "NewsArticle")]
    assert articles
    for art in articles:
        assert art["headline"] == g["title"]
        assert art["articleSection"] == g["section"]
        assert [a["name"] for a in art["author"]] == g["authors"]
        assert art["datePublished"].replace("Z", "+00:00") == g["published_at"]
        assert art["dateModified"].replace("Z", "+00:00") == g["updated_at"]
        assert art["keywords"].split(",") == g["tags"]
        assert "&lt;" in art["articleBody"] or "<" not in art["articleBody"]
    if name not in NO_STATIC_PAGE:
        state = static_state(text)
        assert state["qt"]["pageType"] == "story-page"
        story = state["qt"]["data"]["story"]
        assert story["headline"] == g["title"]
        assert story["url"] == g["url"]
        assert story["hero-image-attribution"] in (g["lead_image"]["credit"], None, "")
        assert state["qt"]["config"]["cdn-image"] == "media.assettype.com"
        assert story["read-time"] == g["reading_time_minutes"]


@pytest.mark.parametrize("name", [n for n in ARTICLES if n != "jsonld-only"])
def test_arrow_dom_carries_every_golden_block_in_order(name: str) -> None:
    g = load(name)
    soup = BeautifulSoup(page(name), "lxml")
    wrappers = soup.select("div.arr--story-page-card-wrapper")
    assert len(wrappers) >= 2
    body = squash(" ".join(w.get_text(" ") for w in wrappers))
    pos = 0
    for b in g["blocks"]:
        pieces = [b["text"]] if b["type"] in ("paragraph", "heading", "quote") else []
        pieces += b.get("items", []) + ([b["attribution"]] if b.get("attribution") else [])
        if b["type"] == "embed" and b["text"]:
            pieces.append(b["text"])
        for piece in pieces:
            found = body.find(squash(piece), pos)
            assert found >= 0, f"not in the arrow cards (in order): {piece!r}"
            pos = found
    h1 = soup.select_one("h1[data-testid=story-headline]")
    assert h1 and clean(h1.get_text()) == g["title"]
    sub = soup.select_one(".arr--sub-headline")
    assert sub and clean(sub.get_text()) == g["subtitle"]
    also = soup.select("a.arr--also-read-element")
    assert [a["href"] for a in also] == [r["url"] for r in g["related"]][: len(also)]
    for a in also:
        assert a.select_one("img.qt-image")["alt"] == (g["lead_image"]["caption"] or g["title"])
    names = [clean(x.get_text()) for x in soup.select('[data-test-id="author-name"] a')]
    assert names == g["authors"]
    if name in OLD_ARROW:
        assert soup.select(".arr--publish-details") and not soup.select(".arr-publish-details")
        assert soup.select_one("p.arr--sub-headline")
        assert soup.select('[data-test-id="author-name"] > a > h5')
    else:
        assert soup.select(".arr-publish-details") and not soup.select(".arr--publish-details")
        assert soup.select_one("div.arr--sub-headline")
        assert soup.select('[data-test-id="author-name"].arr-name-share > span > a')


def test_seed_page_markers() -> None:
    g = load("putin-trump-call")
    text = page("putin-trump-call")
    soup = BeautifulSoup(text, "lxml")
    for marker in (
        "Kremlin.ru",
        "No stories found.",
        "Related Stories",
        "Updated on",
        "2 min read",
    ):
        assert marker in text, marker
    assert g["lead_image"]["credit"] == "Kremlin.ru" and "Kremlin.ru" not in g["authors"]
    assert soup.select_one('[data-test-id="attribution"]').get_text() == "Kremlin.ru"
    assert len(soup.select("#text-element")) >= 5
    assert len(soup.select(".arr--story-page-card-wrapper")) == 5
    assert soup.select(".story-element-title h2") and soup.select("#text-element h2")
    assert soup.select_one(".arr--quote-element")
    assert [r["title"] for r in g["related"]] == [
        "Russian Offensive Advances as Worlds Focus Is on Trump-Putin Call",
        "Europe, Ukraine Rush to Influence Trump Ahead of Putin Call",
        "Trump Announces Planned Monday Call with President Putin",
    ]
    assert "Also Read" not in soup.select(".arr--story-page-card-wrapper")[-1].get_text()
    seed = ROOT.parent / "shared" / "seeds" / "000_5576b28b1530dbf3.txt"
    if seed.exists():
        lines = [ln for ln in seed.read_text("utf-8").splitlines() if ln.strip()]
        start = next(i for i, ln in enumerate(lines) if ln.startswith("Russian President"))
        end = next(i for i, ln in enumerate(lines) if ln.startswith("Whether"))
        assert [b["text"] for b in g["blocks"]] == lines[start : end + 1]
    quote = next(b for b in g["blocks"] if b["type"] == "quote")
    assert quote["text"].startswith("“Russia will propose") and quote["text"].endswith(
        "ceasefire.”"
    )
    assert "Türkiye" in g["body_text"] and "treaty—allegedly" in g["body_text"]


def test_variant_markers() -> None:
    assert "<time></time>" in page("nato-summit-empty-time")
    assert 'class="arr__timeago"' in page("eu-sanctions-non-ascii")
    assert re.search(r'<time datetime="[^"]+\+02:00">', page("prisoner-exchange-three-authors"))
    assert "Also Read</div>" in page("eu-sanctions-non-ascii")
    assert "Also Read</div>" in page("black-sea-insurance-images")
    assert 'class="twitter-tweet"' in page("prisoner-exchange-three-authors")
    assert "youtube.com/embed/" in page("baltic-drones-youtube-blurb")
    for cls in ("arr--blurb-element", "arr--quote-element"):
        assert cls in page("baltic-drones-youtube-blurb")
    assert "arr--block-quote" in page("eu-sanctions-non-ascii")
    assert "arr--summary-element" in page("nato-summit-empty-time")
    assert len(load("prisoner-exchange-three-authors")["authors"]) == 3
    aside = BeautifulSoup(page("no-static-page"), "lxml").select(
        '[data-test-id="aside-collection"] a[aria-label="headline"]'
    )
    assert len(aside) == 4
    kinds = {b["type"] for n in ARTICLES for b in load(n)["blocks"]}
    assert kinds == {"paragraph", "heading", "quote", "list", "image", "embed"}
    lists = [b["ordered"] for n in ARTICLES for b in load(n)["blocks"] if b["type"] == "list"]
    assert True in lists and False in lists


def test_jsonld_only_page_has_no_arrow_hooks() -> None:
    g = load("jsonld-only")
    text = page("jsonld-only")
    assert 'id="static-page"' not in text
    soup = BeautifulSoup(text, "lxml")
    for tag in soup.find_all(True):
        classes = " ".join(tag.get("class") or [])
        assert "arr-" not in classes and "arrow-component" not in classes, classes
        assert not tag.has_attr("data-test-id") and not tag.has_attr("data-testid")
    assert clean(soup.select_one("article h1").get_text()) == g["title"]
    (news,) = [d for d in jsonld(text) if d["@type"] == "NewsArticle"]
    body = BeautifulSoup(html.unescape(news["articleBody"]), "html.parser").get_text(" ")
    for b in g["blocks"]:
        for piece in [b.get("text"), *b.get("items", [])]:
            if piece:
                assert squash(piece) in squash(body)


@pytest.mark.parametrize("name", NON_ARTICLES)
def test_non_article_pages(name: str) -> None:
    assert (SAMPLES / f"{name}.expect").read_text("utf-8") == "not-article\n"
    state = static_state(page(name))
    expected = {"section-world": "section-page", "not-found": "not-found"}[name]
    assert state["qt"]["pageType"] == expected
    assert not (SAMPLES / f"{name}.json").exists()
    if name == "section-world":
        items = state["qt"]["data"]["collection"]["items"]
        assert {i["story"]["url"] for i in items} == {load(n)["url"] for n in ARTICLES}
        cards = BeautifulSoup(page(name), "lxml").select('[data-test-id="story-card"]')
        assert len(cards) == len(items)
