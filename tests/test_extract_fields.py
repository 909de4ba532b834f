"""Field-level rules: dates, titles, authors, images, embeds, related, language, canonical."""

from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.extract.dates import to_utc_iso
from scraper.extract.meta import strip_site_suffix
from scraper.extract.quintype_json import image_url_from_key

URL = "https://interbellumnews.com/world/x"


def page(head: str = "", body: str = "<p>Body text of the article.</p>") -> str:
    return f"<html lang='en'><head>{head}</head><body><article>{body}</article></body></html>"


@pytest.mark.parametrize(
    "value,expected",
    [
        (1747723260000, "2025-05-20T06:41:00+00:00"),  # epoch ms (Quintype JSON)
        (1747723260, "2025-05-20T06:41:00+00:00"),  # epoch s
        ("1747723260000", "2025-05-20T06:41:00+00:00"),
        ("2024-04-10T10:30:00+05:30", "2024-04-10T05:00:00+00:00"),  # publisher timezone
        ("2024-04-10T05:00:00.000Z", "2024-04-10T05:00:00+00:00"),  # react-timeago datetime
        ("2024-04-10 05:00", "2024-04-10T05:00:00+00:00"),  # react-timeago title
        ("2025-05-19T21:12:00Z", "2025-05-19T21:12:00+00:00"),  # JSON-LD
        ("10 Apr 2024, 10:30 am", "2024-04-10T10:30:00+00:00"),  # arrow text
        ("Apr 10, 2024, 10:30 PM", "2024-04-10T22:30:00+00:00"),
        ("Tue, 20 May 2025 08:41:00 +0200", "2025-05-20T06:41:00+00:00"),
        ("", None),
        ("Updated on", None),
        (None, None),
        (0, None),
    ],
)
def test_dates_to_utc_iso(value: object, expected: str | None) -> None:
    assert to_utc_iso(value) == expected


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Headline | Inter Bellum News", "Headline"),
        ("Headline | Anything", "Headline"),
        ("Headline - Inter Bellum News", "Headline"),
        ("Headline — interbellumnews.com", "Headline"),
        ("Trump-Putin call - what we know", "Trump-Putin call - what we know"),
        ("Plain headline", "Plain headline"),
    ],
)
def test_title_site_suffix(title: str, expected: str) -> None:
    assert strip_site_suffix(title, "Inter Bellum News", "interbellumnews.com") == expected


def test_quintype_image_url_from_s3_key() -> None:
    key = "interbellumnews/2025-05/812dafc4/putin (1).jpg"
    assert (
        image_url_from_key(key, {"cdn-image": "gumlet.assettype.com"})
        == "https://gumlet.assettype.com/interbellumnews%2F2025-05%2F812dafc4%2Fputin%20(1).jpg"
    )
    assert image_url_from_key(key, {"cdn-image": "https://media.assettype.com/"}).startswith(  # type: ignore[union-attr]
        "https://media.assettype.com/interbellumnews%2F"
    )
    assert image_url_from_key(None, {}) is None


def test_title_from_title_tag_when_no_og() -> None:
    a = extract(page("<title>The Headline | Inter Bellum News</title>"), URL)
    assert a.title == "The Headline"
    assert a.language == "en"


def test_meta_authors_dates_section_tags() -> None:
    head = (
        "<title>T</title>"
        '<meta name="author" content="Anna Petrova, Ivan Sokolov">'
        '<meta property="article:author" content="https://facebook.com/x">'
        '<meta property="article:published_time" content="2025-05-20T08:41:00+02:00">'
        '<meta property="article:modified_time" content="2025-05-21T00:00:00Z">'
        '<meta property="article:section" content="World">'
        '<meta property="article:tag" content="Ukraine">'
        '<meta property="article:tag" content="Russia">'
        '<meta name="keywords" content="ignored, when, article:tag exists">'
    )
    a = extract(page(head), URL)
    assert a.authors == ["Anna Petrova", "Ivan Sokolov"]
    assert a.published_at == "2025-05-20T06:41:00+00:00"
    assert a.updated_at == "2025-05-21T00:00:00+00:00"
    assert a.section == "World"
    assert a.tags == ["Ukraine", "Russia"]


def test_canonical_from_link_then_og_url() -> None:
    a = extract(page('<title>T</title><link rel="canonical" href="/world/canon">'), URL)
    assert a.canonical_url == "https://interbellumnews.com/world/canon"
    b = extract(page('<title>T</title><meta property="og:url" content="https://e.com/o">'), URL)
    assert b.canonical_url == "https://e.com/o"


def test_jsonld_author_forms_and_image_variants() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "BlogPosting", "headline": "H",'
        ' "author": {"@type": "Person", "name": "Solo Writer"},'
        ' "image": "//media.assettype.com/k%2Fa.jpg?w=1200",'
        ' "articleBody": "Para one.\\n\\nPara two."}</script>'
    )
    a = extract(page(ld, body=""), URL)
    assert a.extractor == "jsonld"
    assert a.authors == ["Solo Writer"]
    assert a.lead_image is not None and a.lead_image.url == "https://media.assettype.com/k%2Fa.jpg"
    assert [b["text"] for b in a.blocks] == ["Para one.", "Para two."]


def test_broken_jsonld_is_ignored() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    a = extract(page("<title>Fine</title>" + ld), URL)
    assert a.title == "Fine"


def test_subtitle_equal_to_title_is_dropped() -> None:
    a = extract(page('<title>Same</title><meta name="description" content="Same">'), URL)
    assert a.subtitle is None


def test_text_normalisation_keeps_typography() -> None:
    body = "<p>  “Quoted”\u00a0— it’s\tfine…  caf\u0065\u0301 </p><p>“Quoted” — it’s fine… café</p>"
    a = extract(page("<title>T</title>", body), URL)
    assert [b["text"] for b in a.blocks if b["type"] == "paragraph"] == [
        "“Quoted” — it’s fine… café"
    ]


def test_404_style_page_without_story_json_is_not_article() -> None:
    from scraper.errors import NotArticle

    html = (
        "<html><head><title>Page not found | Inter Bellum News</title></head><body>"
        "<main><h1>Page not found</h1><p>Sorry, the page you are looking for does not exist. "
        "It may have been moved or deleted.</p></main></body></html>"
    )
    with pytest.raises(NotArticle):
        extract(html, "https://interbellumnews.com/nope")


def test_quote_with_a_list_is_the_same_from_the_dom_and_from_the_story_json() -> None:
    """Both site layers build a quote through html_blocks.blocks_to_quote: list items inside a
    quote element are lines of the quote in either layer."""
    from bs4 import BeautifulSoup

    from scraper.extract.arrow_dom import quote_from_dom
    from scraper.extract.quintype_json import quote_from_html

    body = "<p>We agreed on three points:</p><ul><li>a ceasefire</li><li>a prisoner swap</li></ul>"
    dom = BeautifulSoup(
        f'<div class="arr--quote-element">{body}<span class="attribution">— Spokesman</span></div>',
        "lxml",
    ).div
    from_dom = quote_from_dom(dom, "https://interbellumnews.com/")
    from_json = quote_from_html(body, "Spokesman", "https://interbellumnews.com/")
    assert from_dom == from_json
    assert from_json is not None
    assert from_json["text"] == "We agreed on three points:\na ceasefire\na prisoner swap"
    assert from_json["attribution"] == "Spokesman"
