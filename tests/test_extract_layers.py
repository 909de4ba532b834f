# ruff: noqa: E501  (fixture HTML is kept on long lines, as arrow writes it)
"""Each extraction layer alone, then together: pages built from site-notes (Quintype/arrow)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from scraper.errors import NotArticle
from scraper.extract import extract

URL = "https://interbellumnews.com/world/putin-hails-call"
HOST = "https://interbellumnews.com"
KEY = "interbellumnews/2025-05/812dafc4-9cd5-51a5-945f-a981d5f4b5e7/putin.jpg"
HERO = "https://media.assettype.com/interbellumnews%2F2025-05%2F812dafc4-9cd5-51a5-945f-a981d5f4b5e7%2Fputin.jpg"
HEADLINE = "Putin Hails ‘Very Useful’ Call"
TWEET = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Talks are on</p>&mdash; Kremlin '
    '(@kremlin) <a href="https://twitter.com/kremlin/status/1924?ref_src=twsrc%5Etfw">May 19</a>'
    '</blockquote><script async src="https://platform.twitter.com/widgets.js"></script>'
)


# --------------------------------------------------------------------------- builders


def story(**over: Any) -> dict[str, Any]:
    s: dict[str, Any] = {
        "id": "5d1e-story",
        "headline": HEADLINE,
        "subheadline": "Russia signals <b>openness</b>",
        "slug": "world/putin-hails-call",
        "url": URL,
        "read-time": 2,
        "first-published-at": 1747689120000,  # 2025-05-19T21:12:00Z
        "updated-at": 1747723260000,  # 2025-05-20T06:41:00Z
        "authors": [{"id": 1, "name": "Elena Markova", "slug": "elena-markova"}],
        "author-name": "Elena Markova",
        "sections": [{"id": 9, "name": "world", "display-name": "World", "slug": "world"}],
        "tags": [{"id": 1, "name": "Vladimir Putin"}, {"id": 2, "name": "Ukraine"}],
        "hero-image-s3-key": KEY,
        "hero-image-caption": "",
        "hero-image-attribution": "Kremlin.ru",
        "hero-image-alt-text": None,
        "linked-stories": {
            "ls-1": {
                "headline": "Europe Rushes to Influence Trump",
                "url": f"{HOST}/world/europe-rush",
            }
        },
        "cards": [
            {
                "story-elements": [
                    {
                        "type": "text",
                        "subtype": None,
                        "text": "<p>First <a href='/x'>para</a>.</p><h2>Inline heading</h2>",
                    },
                    {"type": "title", "subtype": None, "text": "A title element"},
                    {
                        "type": "text",
                        "subtype": "quote",
                        "text": "<blockquote>Q</blockquote><span class='attribution'>Putin</span>",
                        "metadata": {
                            "content": "“We must find peace.”",
                            "attribution": "Vladimir Putin",
                        },
                    },
                    {
                        "type": "text",
                        "subtype": "blurb",
                        "text": "<blockquote><p>A blurb</p></blockquote>",
                        "metadata": {},
                    },
                    {
                        "type": "text",
                        "subtype": "summary",
                        "text": "<p>The summary</p>",
                        "metadata": {},
                    },
                    {
                        "type": "image",
                        "title": "Talks in <i>Istanbul</i>",
                        "image-s3-key": "interbellumnews/2025-05/abc/istanbul.jpg",
                        "image-attribution": "Reuters",
                        "metadata": {},
                    },
                ]
            },
            {
                "story-elements": [
                    {
                        "type": "youtube-video",
                        "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                        "metadata": {},
                    },
                    {
                        "type": "jsembed",
                        "subtype": "tweet",
                        "embed-js": base64.b64encode(TWEET.encode()).decode(),
                        "metadata": {"tweet-url": "https://twitter.com/kremlin/status/1924"},
                    },
                    {
                        "type": "text",
                        "subtype": "q-and-a",
                        "text": "",
                        "metadata": {"question": "Why?", "answer": "<p>Because.</p>"},
                    },
                    {
                        "type": "text",
                        "subtype": "also-read",
                        "text": "Europe Rushes",
                        "metadata": {"linked-story-id": "ls-1"},
                    },
                    {"type": "text", "subtype": None, "text": "<ul><li>one</li><li>two</li></ul>"},
                ]
            },
        ],
    }
    s.update(over)
    return s


def state(page_type: str = "story-page", **story_over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"story": story(**story_over)} if page_type == "story-page" else {}
    return {
        "qt": {
            "pageType": page_type,
            "data": data,
            "config": {
                "cdn-image": "media.assettype.com",
                "sketches-host": HOST,
                "publisher-name": "x",
            },
        },
        "header": {},
    }


def static_page(st: dict[str, Any]) -> str:
    # serialize-javascript: <, > and / escaped as \u003C, \u003E, \u002F
    text = json.dumps(st, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("/", "\\u002F")
    return f'<script type="application/json" id="static-page">{text}</script>'


def page(body: str = "", head: str = "") -> str:
    return f'<!doctype html><html lang="en"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


ARROW_NEW = f"""
<header id="nav-bar"><h1 class="arr--story--headline-h1">Nav noise</h1></header>
<div data-infinite-scroll="0"><div class="infinite-wrapper">
<div data-test-id="text-story-headline-priority" class="arrow-component arr-story-grid arr--content-wrapper arr--text-story-template-wrapper">
 <div class="text-story-m_header-details__3D-Xf">
  <a class="arrow-component arr--section-name" aria-label="section-name" href="/world"><div class="section-tag arrow-component" data-test-id="sectionTag">World</div></a>
  <div class="arrow-component arr--story-headline"><h1 data-testid="story-headline" class="arr--story--headline-h1 story-headline-m_headline__x10-O"><bdi>{HEADLINE}</bdi></h1></div>
  <div class="p-alt arr--sub-headline arrow-component subheadline-m_subheadline__3fd7z" data-test-id="subheadline">Russia signals openness</div>
 </div>
 <div class="text-story-m_story-content-inner-wrapper__s3KPp"><div class="arr--hero-image" data-test-id="arr--hero-image"><div><figure class="arr--responsive-hero-image">
  <img class="qt-image" alt="{HEADLINE}" src="data:image/gif;base64,R0lGODlhAQABAAD/ACwAAAAAAQABAAACADs=" data-src="https://media.assettype.com/interbellumnews%2F2025-05%2F812dafc4-9cd5-51a5-945f-a981d5f4b5e7%2Fputin.jpg?w=640&amp;auto=format%2Ccompress&amp;fit=max">
 </figure></div></div></div>
 <div class="text-story-m_story-content-inner-wrapper__s3KPp">
  <div data-test-id="caption" class="arr--caption-attribution caption-attribution-m_caption__cc1cc"><span class="caption-attribution-m_caption-text__x"></span><span data-test-id="attribution" class="caption-attribution-m_attribution__d1">Kremlin.ru</span></div>
  <div class="text-story-m_gap-16__5BPKQ">
   <div data-test-id="author-card-default"><div data-test-id="author-name" class="arr-name-share"><span><a aria-label="author-name" href="/author/elena-markova">Elena Markova</a></span></div></div>
   <div><div id="publish-details-container-5d1e">
    <div data-test-id="timeStamp" class="arrow-component arr-publish-details">
     <div data-test-id="updateDetails">Updated on :&nbsp;<div class="publish-details-m_date__3ZIQN"><time datetime="2025-05-20T12:11:00+05:30">20 May 2025, 12:11 pm</time></div>
      <div class="arrow-component arr--read-time" data-test-id="read-time"><span class="read-time-indicator"><svg></svg></span><span>2 min read</span></div></div>
    </div></div>
    <div id="story-share-5d1e" class="content-style"><div class="arr--share"><span>Share</span></div></div></div>
   <div class="arr--story-page-card-wrapper">
    <div class="arr--element-container"><div class="arrow-component arr--text-element" data-test-id="text" id="text-element"><p>First <a href="/x">para</a>.</p><h2>Inline heading</h2></div></div>
    <div class="arr--element-container"><div class="content-style" id="element-e2"><div data-test-id="story-elements"><div class="story-element story-element-title"><h2>A title element</h2></div></div></div></div>
    <div class="arr--element-container"><div class="arrow-component arr--quote-element"><svg></svg><div class="quote-m_content__a">“We must find peace.”</div><div class="quote-m_attribution__b">Vladimir Putin</div></div></div>
   </div>
   <div class="ad-container"><div id="div-gpt-ad-1">Advertisement</div></div>
   <div class="arr--story-page-card-wrapper">
    <div class="arr--element-container"><div class="arrow-component arr--image-element" data-test-id="image-element"><figure><img class="qt-image" alt="Talks in Istanbul" data-src="//media.assettype.com/interbellumnews%2F2025-05%2Fabc%2Fistanbul.jpg?w=640" src="data:image/gif;base64,R0l"></figure>
      <div class="arr--caption-attribution" data-test-id="caption"><span>Talks in <i>Istanbul</i></span><span data-test-id="attribution">Reuters</span></div></div></div>
    <div class="arr--element-container"><div class="content-style" id="video-e5"><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe></div></div>
    <div class="arr--element-container"><div class="content-style" id="jsembed-e6">{TWEET}</div></div>
    <div class="arr--element-container"><a class="arrow-component arr--also-read-element" data-test-id="also-read" aria-label="also-read" href="/world/europe-rush"><div>Also Read</div><div><figure><img class="qt-image" alt="{HEADLINE}" data-src="//media.assettype.com/k.jpg"></figure></div><div><div>Europe Rushes to Influence Trump</div></div></a></div>
   </div>
   <div class="text-story-m_story-tags__k"><div class="arrow-component arr--story-tags"><div data-test-id="story-tag"><a aria-label="story-tag-name" href="/topic/vladimir-putin">Vladimir Putin</a></div><div data-test-id="story-tag"><a aria-label="story-tag-name" href="/topic/ukraine">Ukraine</a></div></div></div>
  </div>
 </div>
 <div class="aside"><div class="arrow-component arr--aside-collection" data-test-id="aside-collection" id="aside-collection-5d1e">
  <div class="arr--collection-name arrow-component" data-test-id="collection-name"><h3>Related Stories</h3></div>
  <div><div data-test-id="story-card" class="arr--story-card"><div data-test-id="headline" class="arr--headline"><a aria-label="headline" href="/politics/trump-call"><h6>Trump Announces Call</h6></a></div></div>
  <div data-test-id="no-stories">No stories found.</div></div></div></div>
</div></div></div>
<div data-infinite-scroll="load-more"></div>
<footer id="footer" class="footer-wrapper"><p>Inter Bellum News</p><p>interbellumnews.com</p></footer>
"""

ARROW_OLD = f"""
<div class="arrow-component arr--content-wrapper arr--text-story-template-wrapper">
 <div><div class="arrow-component arr--story-headline"><h1 data-testid="story-headline" class="arr--story--headline-h1"><bdi>{HEADLINE}</bdi></h1></div>
 <p class="p-alt arr--sub-headline arrow-component subheadline-m__subheadline__3H1ig" data-test-id="subheadline">Older spelling</p></div>
 <div data-test-id="author-card-x"><div data-test-id="author-name"><a aria-label="author-name" href="/author/a"><h5>Anna Petrova</h5></a></div>
  <div data-test-id="author-name"><a aria-label="author-name" href="/author/b"><h5>Ivan Sokolov</h5></a></div></div>
 <div data-test-id="timeStamp" class="arrow-component arr--publish-details">
  <div data-test-id="publishDetails">Published on :&nbsp;<div><time class="arr__timeago" datetime="2024-04-10T05:00:00.000Z" title="2024-04-10 05:00">2 hours ago</time></div></div>
  <div data-test-id="updateDetails">Updated on :&nbsp;<div><time></time></div></div>
 </div>
 <div class="arr--story-page-card-wrapper"><div class="arr--element-container"><div class="arrow-component arr--text-element" data-test-id="text" id="text-element"><p>Old body paragraph.</p></div></div></div>
 <div class="arr--story-page-card-wrapper"><div class="arr--element-container"><div class="arrow-component arr--text-element" data-test-id="text" id="text-element"><p>Second card.</p></div></div></div>
</div>
"""

ARTICLE_BODY = "<p>First <a href='/x'>para</a>.</p>.<p>Second &amp; last.</p>"


def jsonld_scripts(kind: str = "NewsArticle", graph: bool = False) -> str:
    art = {
        "@context": "http://schema.org",
        "@type": kind,
        "headline": HEADLINE,
        "description": "SEO description",
        "author": [
            {"@type": "Person", "name": "Elena Markova"},
            {"@type": "Organization", "name": "Inter Bellum News"},
        ],
        "datePublished": "2025-05-19T21:12:00Z",
        "dateModified": "2025-05-20T12:11:00+05:30",
        "image": [{"@type": "ImageObject", "url": HERO + "?w=1200&ar=16%3A9", "width": 1200}],
        "articleSection": "World",
        "keywords": "Vladimir Putin,Ukraine",
        "articleBody": ARTICLE_BODY,
        "publisher": {"@type": "NewsMediaOrganization", "name": "Inter Bellum News"},
        "url": URL,
    }
    crumbs = {"@context": "http://schema.org", "@type": "BreadcrumbList", "itemListElement": []}
    if graph:
        blocks = [{"@context": "https://schema.org", "@graph": [crumbs, art]}]
    else:
        blocks = [crumbs, art]
    out = []
    for b in blocks:
        text = json.dumps(b, ensure_ascii=False).replace("<", "&lt;").replace(">", "&gt;")
        out.append(f'<script type="application/ld+json">{text}</script>')
    return "".join(out)


META = f"""
<title>{HEADLINE} | Inter Bellum News</title>
<link rel="canonical" href="{URL}">
<meta name="description" content="SEO description">
<meta property="og:site_name" content="Inter Bellum News">
<meta property="og:title" content="{HEADLINE}">
<meta property="og:image" content="{HERO}?w=1200&amp;ar=40%3A21&amp;ogImage=true">
<meta property="twitter:image:alt" content="Kremlin.ru">
<meta name="author" content="Elena Markova">
<meta name="keywords" content="Vladimir Putin,Ukraine">
"""


# --------------------------------------------------------------------------- quintype_json alone


def test_static_page_only() -> None:
    a = extract(page(static_page(state())), URL)
    d = a.to_dict()
    assert a.extractor == "quintype_json"
    assert d["title"] == HEADLINE
    assert d["subtitle"] == "Russia signals openness"
    assert d["authors"] == ["Elena Markova"]
    assert d["published_at"] == "2025-05-19T21:12:00+00:00"
    assert d["updated_at"] == "2025-05-20T06:41:00+00:00"
    assert d["reading_time_minutes"] == 2
    assert d["section"] == "World"
    assert d["tags"] == ["Vladimir Putin", "Ukraine"]
    assert d["canonical_url"] == URL
    assert d["lead_image"] == {"url": HERO, "caption": None, "credit": "Kremlin.ru", "alt": None}
    assert d["related"] == [
        {"title": "Europe Rushes to Influence Trump", "url": f"{HOST}/world/europe-rush"}
    ]
    assert d["blocks"] == EXPECTED_BLOCKS


EXPECTED_BLOCKS = [
    {"type": "paragraph", "text": "First para.", "markdown": f"First [para]({HOST}/x)."},
    {"type": "heading", "level": 2, "text": "Inline heading"},
    {"type": "heading", "level": 2, "text": "A title element"},
    {
        "type": "quote",
        "text": "“We must find peace.”",
        "markdown": "“We must find peace.”",
        "attribution": "Vladimir Putin",
    },
    {"type": "quote", "text": "A blurb", "markdown": "A blurb", "attribution": None},
    {"type": "paragraph", "text": "The summary", "markdown": "The summary"},
    {
        "type": "image",
        "url": "https://media.assettype.com/interbellumnews%2F2025-05%2Fabc%2Fistanbul.jpg",
        "caption": "Talks in Istanbul",
        "credit": "Reuters",
        "alt": "Talks in Istanbul",
    },
    {
        "type": "embed",
        "provider": "youtube",
        "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "text": None,
    },
    {
        "type": "embed",
        "provider": "twitter",
        "url": "https://twitter.com/kremlin/status/1924",
        "text": "Talks are on",
    },
    {"type": "paragraph", "text": "Why?", "markdown": "**Why?**"},
    {"type": "paragraph", "text": "Because.", "markdown": "Because."},
    {"type": "list", "ordered": False, "items": ["one", "two"], "items_markdown": ["one", "two"]},
]


def test_static_page_escapes_and_other_json_shapes() -> None:
    st = state()
    # route-data.json and the story API given instead of HTML
    route = {"pageType": "story-page", "data": st["qt"]["data"], "config": st["qt"]["config"]}
    for raw in (json.dumps(route), json.dumps({"story": story()}).encode()):
        a = extract(raw, URL)
        assert a.extractor == "quintype_json"
        assert a.title == HEADLINE
        assert a.blocks == EXPECTED_BLOCKS


@pytest.mark.parametrize("page_type", ["section-page", "not-found", "home-page", "tag-page"])
def test_non_story_page_types_are_not_articles(page_type: str) -> None:
    body = ARROW_NEW + static_page(state(page_type))  # even with story-like markup on the page
    with pytest.raises(NotArticle, match=page_type):
        extract(page(body), URL)


def test_json_fields_absent_from_story_stay_empty() -> None:
    # the story has no subheadline and no tags: meta description and keywords must not stand in
    a = extract(page(static_page(state(subheadline=None, tags=[])), META), URL)
    assert a.subtitle is None
    assert a.tags == []
    assert a.site_name == "Inter Bellum News"
    assert a.language == "en"


# --------------------------------------------------------------------------- arrow_dom alone


def test_arrow_dom_only_newer_spelling() -> None:
    a = extract(page(ARROW_NEW), URL)
    d = a.to_dict()
    assert a.extractor == "arrow_dom"
    assert d["title"] == HEADLINE
    assert d["subtitle"] == "Russia signals openness"
    assert d["section"] == "World"
    assert d["authors"] == ["Elena Markova"]
    assert d["published_at"] is None
    assert d["updated_at"] == "2025-05-20T06:41:00+00:00"
    assert d["reading_time_minutes"] == 2
    assert d["tags"] == ["Vladimir Putin", "Ukraine"]
    assert d["lead_image"] == {
        "url": HERO,
        "caption": None,
        "credit": "Kremlin.ru",
        "alt": HEADLINE,
    }
    assert d["related"] == [
        {"title": "Europe Rushes to Influence Trump", "url": f"{HOST}/world/europe-rush"},
        {"title": "Trump Announces Call", "url": f"{HOST}/politics/trump-call"},
    ]
    types = [b["type"] for b in d["blocks"]]
    assert types == ["paragraph", "heading", "heading", "quote", "image", "embed", "embed"]
    assert d["blocks"][:4] == EXPECTED_BLOCKS[:4]
    assert d["blocks"][4:7] == EXPECTED_BLOCKS[6:9]
    for chrome in (
        "Updated on",
        "min read",
        "Share",
        "Related Stories",
        "No stories found",
        "Advertisement",
        "Also Read",
        "Inter Bellum News",
        "Kremlin.ru",
        "Nav noise",
    ):
        assert chrome not in d["body_text"], chrome


def test_arrow_dom_only_older_spelling() -> None:
    a = extract(page(ARROW_OLD), URL)
    assert a.extractor == "arrow_dom"
    assert a.subtitle == "Older spelling"
    assert a.authors == ["Anna Petrova", "Ivan Sokolov"]
    assert a.published_at == "2024-04-10T05:00:00+00:00"
    assert a.updated_at is None  # empty <time>
    assert [b["text"] for b in a.blocks] == ["Old body paragraph.", "Second card."]


def test_arrow_dom_only_first_story_of_infinite_scroll() -> None:
    second = ARROW_OLD.replace(HEADLINE, "Second story").replace("Old body", "Other body")
    a = extract(page(ARROW_OLD + second), URL)
    assert a.title == HEADLINE
    assert "Other body paragraph." not in a.body_text


# --------------------------------------------------------------------------- jsonld alone


@pytest.mark.parametrize(
    "kind,graph", [("NewsArticle", False), ("Article", True), (["NewsArticle"], False)]
)
def test_jsonld_only(kind: Any, graph: bool) -> None:
    a = extract(page("<div>nothing here</div>", jsonld_scripts(kind, graph)), URL)
    assert a.extractor == "jsonld"
    assert a.title == HEADLINE
    assert a.subtitle == "SEO description"  # last resort: no dek anywhere
    assert a.authors == ["Elena Markova"]
    assert a.published_at == "2025-05-19T21:12:00+00:00"
    assert a.updated_at == "2025-05-20T06:41:00+00:00"
    assert a.section == "World"
    assert a.tags == ["Vladimir Putin", "Ukraine"]
    assert a.site_name == "Inter Bellum News"
    assert a.lead_image is not None and a.lead_image.url == HERO
    assert a.blocks == [
        {"type": "paragraph", "text": "First para.", "markdown": f"First [para]({HOST}/x)."},
        {"type": "paragraph", "text": "Second & last.", "markdown": "Second & last."},
    ]


# --------------------------------------------------------------------------- meta alone


def test_meta_only_fields() -> None:
    from scraper.extract import meta
    from scraper.extract.document import Document
    from scraper.model import Article

    doc = Document.parse(page("", META), URL)
    art = Article(url=URL)
    meta.fill(doc, art)
    assert art.title == HEADLINE
    assert art.canonical_url == URL
    assert art.site_name == "Inter Bellum News"
    assert art.authors == ["Elena Markova"]
    assert art.tags == ["Vladimir Putin", "Ukraine"]
    assert art.language == "en"
    assert art.lead_image is not None and art.lead_image.url == HERO
    assert art.lead_image.alt == "Kremlin.ru"
    assert art.blocks == [] and art.sources["title"] == "meta"


def test_meta_only_page_without_body_is_not_article() -> None:
    with pytest.raises(NotArticle):
        extract(page("", META), URL)


def test_no_title_is_not_article() -> None:
    with pytest.raises(NotArticle):
        extract(page("<p>Some text without any title.</p>"), "https://example.com/x")


# --------------------------------------------------------------------------- layers together


def test_layers_together_json_wins_dom_merges() -> None:
    dom = ARROW_NEW.replace(f"<bdi>{HEADLINE}</bdi>", "<bdi>DOM headline</bdi>")
    html = page(dom + static_page(state()), META + jsonld_scripts())
    a = extract(html, URL)
    assert a.extractor == "quintype_json"
    assert a.title == HEADLINE
    assert a.sources["title"] == "quintype_json"
    # alt comes from the arrow <img> when the story has no hero-image-alt-text
    assert a.lead_image is not None
    assert (a.lead_image.alt, a.lead_image.credit, a.lead_image.caption) == (
        HEADLINE,
        "Kremlin.ru",
        None,
    )
    assert [r.url for r in a.related] == [
        f"{HOST}/world/europe-rush",
        f"{HOST}/politics/trump-call",
    ]
    assert a.blocks == EXPECTED_BLOCKS
    assert a.site_name == "Inter Bellum News"


def test_related_never_the_page_itself_and_deduplicated() -> None:
    linked = {
        "ls-1": {"headline": "Itself", "url": URL + "/"},
        "ls-2": {"headline": "Other", "url": f"{HOST}/world/other"},
    }
    cards = [
        {
            "story-elements": [
                {"type": "text", "text": "<p>Body</p>"},
                {
                    "type": "text",
                    "subtype": "also-read",
                    "text": "x",
                    "metadata": {"linked-story-id": "ls-1"},
                },
                {
                    "type": "text",
                    "subtype": "also-read",
                    "text": "y",
                    "metadata": {"linked-story-id": "ls-2"},
                },
                {
                    "type": "text",
                    "subtype": "also-read",
                    "text": "y",
                    "metadata": {"linked-story-id": "ls-2"},
                },
            ]
        }
    ]
    a = extract(page(static_page(state(cards=cards, **{"linked-stories": linked}))), URL)
    assert [(r.title, r.url) for r in a.related] == [("Other", f"{HOST}/world/other")]


def test_local_file_resolves_links_against_canonical() -> None:
    html = page(static_page(state()), META)
    a = extract(html, "samples/interbellumnews/x.html")
    assert a.blocks[0]["markdown"] == f"First [para]({HOST}/x)."
    b = extract(html, "samples/x.html", base_url="https://mirror.example/a/")
    assert b.blocks[0]["markdown"] == "First [para](https://mirror.example/x)."


def test_initial_page_shell_state_is_not_a_page_type() -> None:
    shell = '<script type="application/json" id="initial-page">{"qt": {"pageType": "shell", "config": {}}}</script>'
    a = extract(page(ARROW_NEW + shell), URL)
    assert a.extractor == "arrow_dom" and a.title == HEADLINE


def test_unparseable_static_page_falls_back_to_dom() -> None:
    broken = '<script type="application/json" id="static-page">{"qt": {</script>'
    a = extract(page(ARROW_NEW + broken), URL)
    assert a.extractor == "arrow_dom"


def _ld_page(article_body: str, dom_paragraphs: list[str]) -> str:
    ld = json.dumps(
        {"@type": "NewsArticle", "headline": "Teaser story", "articleBody": article_body}
    )
    paras = "".join(f"<p>{p}</p>" for p in dom_paragraphs)
    return page(
        f"<main><article><h1>Teaser story</h1>{paras}</article></main>",
        f'<script type="application/ld+json">{ld}</script>',
    )


DOM_PARAS = [
    f"Paragraph {n} of the full article explains one more detail of the negotiations, with names, places and numbers that a teaser never carries."
    for n in range(1, 11)
]


def test_truncated_jsonld_body_loses_to_the_page_body() -> None:
    pytest.importorskip("scraper.extract.generic")
    a = extract(_ld_page(DOM_PARAS[0], DOM_PARAS), "https://example.com/news/teaser")
    assert a.extractor == "generic"
    assert [b["text"] for b in a.blocks if b["type"] == "paragraph"][-1] == DOM_PARAS[-1]
    assert a.title == "Teaser story" and a.sources["title"] == "jsonld"


def test_complete_jsonld_body_is_kept() -> None:
    a = extract(_ld_page("\n\n".join(DOM_PARAS), DOM_PARAS), "https://example.com/news/full")
    assert a.extractor == "jsonld"
    assert [b["text"] for b in a.blocks] == DOM_PARAS


def test_story_api_json_with_bom() -> None:
    raw = "\ufeff" + json.dumps({"story": story()})
    assert extract(raw.encode("utf-8"), URL).title == HEADLINE
