# ruff: noqa: E501  (fixture HTML is kept on long lines)
"""The generic layer's metadata, one field at a time, on small pages written for the project.

``generic.fill`` is called alone on a fresh Article (no site, JSON-LD or meta layer before it),
so every field here comes from the generic heuristics.
"""

from __future__ import annotations

import pytest

from scraper.extract import generic
from scraper.extract.document import Document
from scraper.extract.generic_meta import clean_author_names, split_byline, to_utc_iso
from scraper.model import Article

URL = "https://news.example.com/world/2024/03/05/harbour-reopens"
PARAS = "".join(
    f"<p>Paragraph {i} of the story says that the harbour reopened after a long winter of repairs, and that the town council voted to keep it open all year.</p>"
    for i in range(1, 6)
)


def page(
    head: str = "", header: str = "", body: str = PARAS, after: str = "", lang: str = "en"
) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<main><article>{header}<div class='story-body'>{body}</div>{after}</article></main>"
        "<footer><p>© 2024 Example News. All rights reserved.</p></footer></body></html>"
    )


def run(html: str, url: str = URL) -> Article:
    doc = Document.parse(html, url)
    article = Article(url=url)
    generic.fill(doc, article)
    return article


# --------------------------------------------------------------------------- title


@pytest.mark.parametrize(
    "raw",
    [
        "Harbour reopens after winter | Example News",
        "Harbour reopens after winter - Example News",
        "Harbour reopens after winter — Example News",
        "Example News | Harbour reopens after winter",
    ],
)
def test_title_without_site_suffix(raw: str) -> None:
    head = f"<title>{raw}</title><meta property='og:site_name' content='Example News'>"
    article = run(page(head=head))
    assert article.title == "Harbour reopens after winter"
    assert article.site_name == "Example News"
    assert article.sources["title"] == "generic"


def test_title_prefers_the_h1_matching_the_head_title() -> None:
    head = "<title>Harbour reopens after winter - Example News</title>"
    article = run(page(head=head, header="<h1>Harbour reopens after winter</h1>"))
    assert article.title == "Harbour reopens after winter"


def test_title_keeps_a_dash_inside_the_headline() -> None:
    head = "<title>Storm - and then silence: the town that waited | Example News</title><meta property='og:site_name' content='Example News'>"
    article = run(page(head=head))
    assert article.title == "Storm - and then silence: the town that waited"


def test_title_from_og_title_without_title_tag() -> None:
    article = run(page(head="<meta property='og:title' content='Harbour reopens'>"))
    assert article.title == "Harbour reopens"


# --------------------------------------------------------------------------- subtitle


def test_subtitle_is_the_dek_next_to_the_headline() -> None:
    header = "<h1>Harbour reopens</h1><p class='article-dek'>The town voted to keep the port open through the winter.</p>"
    head = "<meta name='description' content='Meta description that should lose to the dek.'>"
    article = run(page(head=head, header=header))
    assert article.subtitle == "The town voted to keep the port open through the winter."
    # the dek is not repeated in the body
    assert "keep the port open through the winter" not in article.body_text


def test_subtitle_falls_back_to_meta_description() -> None:
    head = "<meta name='description' content='The port is open again.'>"
    article = run(page(head=head, header="<h1>Harbour reopens</h1>"))
    assert article.subtitle == "The port is open again."


# --------------------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("By JANE DOE, Reporter", ["JANE DOE"]),
        ("Jane Doe, Senior Correspondent", ["Jane Doe"]),
        (
            "By Jane Doe, John Smith & Ana María López",
            ["Jane Doe", "John Smith", "Ana María López"],
        ),
        ("By Jane Doe | March 5, 2024 10:00 AM", ["Jane Doe"]),
        ("By Jane Doe Updated 5 March 2024", ["Jane Doe"]),
        ("By The Associated Press", []),
        ("Reuters", []),
        ("Staff Reporter", []),
        ("By Ludwig van Beethoven", ["Ludwig van Beethoven"]),
    ],
)
def test_split_byline(byline: str, names: list[str]) -> None:
    assert split_byline(byline) == names


def test_author_names_deduplicated_and_urls_dropped() -> None:
    raw = ["Jane Doe", "https://news.example.com/authors/jane", "jane doe", "By John Smith"]
    assert clean_author_names(raw) == ["Jane Doe", "John Smith"]


def test_authors_from_byline_element() -> None:
    header = (
        "<h1>Harbour reopens</h1><div class='byline'>By <a href='/a/jane'>Jane Doe</a> and "
        "<a href='/a/john'>John Smith</a>, Staff Writers</div>"
    )
    article = run(page(header=header))
    assert article.authors == ["Jane Doe", "John Smith"]
    assert article.sources["authors"] == "generic"
    assert "Jane Doe" not in article.body_text


def test_authors_from_rel_author_and_itemprop() -> None:
    header = "<h1>Harbour reopens</h1><span itemprop='author' itemscope><span itemprop='name'>Jane Doe</span></span> <a rel='author' href='/a/john'>John Smith</a>"
    assert run(page(header=header)).authors == ["Jane Doe", "John Smith"]


def test_authors_from_jsonld_list_of_people() -> None:
    head = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour reopens","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Smith"},{"@type":"Organization","name":"Example News Desk"}]}</script>'
    assert run(page(head=head)).authors == ["Jane Doe", "John Smith"]


def test_authors_from_meta_author() -> None:
    head = "<meta name='author' content='By Jane Doe'>"
    assert run(page(head=head)).authors == ["Jane Doe"]


def test_image_credit_is_not_an_author() -> None:
    header = "<h1>Harbour reopens</h1><figure><img src='/h.jpg' alt='Harbour'><figcaption>The harbour. <span class='credit'>Photo: Kremlin.ru</span></figcaption></figure>"
    assert run(page(header=header)).authors == []


# --------------------------------------------------------------------------- dates


def test_to_utc_iso() -> None:
    assert to_utc_iso("2024-03-05T10:15:30+02:00") == "2024-03-05T08:15:30+00:00"
    assert to_utc_iso("2024-03-05T10:15:30.123Z") == "2024-03-05T10:15:30+00:00"
    assert to_utc_iso("2024-03-05") == "2024-03-05T00:00:00+00:00"
    assert to_utc_iso("Tue, 05 Mar 2024 10:15:30 GMT") == "2024-03-05T10:15:30+00:00"
    assert to_utc_iso("not a date") is None
    assert to_utc_iso("") is None


def test_dates_from_jsonld() -> None:
    head = '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example News"},{"@type":"NewsArticle","headline":"Harbour reopens","datePublished":"2024-03-05T10:00:00+01:00","dateModified":"2024-03-06T08:30:00-05:00"}]}</script>'
    article = run(page(head=head))
    assert article.published_at == "2024-03-05T09:00:00+00:00"
    assert article.updated_at == "2024-03-06T13:30:00+00:00"
    assert article.sources["published_at"] == "generic"


def test_dates_from_meta() -> None:
    head = "<meta property='article:published_time' content='2024-03-05T10:00:00Z'><meta property='article:modified_time' content='2024-03-05T12:00:00+00:00'>"
    article = run(page(head=head))
    assert article.published_at == "2024-03-05T10:00:00+00:00"
    assert article.updated_at == "2024-03-05T12:00:00+00:00"


def test_dates_from_time_elements() -> None:
    header = (
        "<h1>Harbour reopens</h1><p class='meta'>Published <time datetime='2024-03-04T22:00:00-08:00'>March 4</time>"
        " · <span class='updated'>Updated <time datetime='2024-03-05T09:00:00+01:00'>March 5</time></span></p>"
    )
    article = run(page(header=header))
    assert article.published_at == "2024-03-05T06:00:00+00:00"
    assert article.updated_at == "2024-03-05T08:00:00+00:00"
    assert "Published" not in article.body_text


def test_date_not_guessed_from_url_when_the_page_says_better() -> None:
    head = "<meta property='article:published_time' content='2024-03-04T23:30:00Z'>"
    assert run(page(head=head)).published_at == "2024-03-04T23:30:00+00:00"


def test_date_from_url_as_last_resort() -> None:
    assert run(page()).published_at == "2024-03-05T00:00:00+00:00"
    assert run(page(), url="https://news.example.com/harbour").published_at is None


# --------------------------------------------------------------------------- other fields


def test_site_language_section_tags_canonical_and_lead_image() -> None:
    head = (
        "<link rel='canonical' href='/world/harbour-reopens'>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='article:section' content='World'>"
        "<meta property='article:tag' content='Harbours'><meta property='article:tag' content='Winter'>"
        "<meta property='og:image' content='//cdn.example.com/img/harbour.jpg'>"
        "<meta property='og:image:alt' content='The harbour at dawn'>"
    )
    article = run(page(head=head, lang="en-GB"))
    assert article.canonical_url == "https://news.example.com/world/harbour-reopens"
    assert article.site_name == "Example News"
    assert article.language == "en"
    assert article.section == "World"
    assert article.tags == ["Harbours", "Winter"]
    assert article.lead_image is not None
    assert article.lead_image.url == "https://cdn.example.com/img/harbour.jpg"
    assert article.lead_image.alt == "The harbour at dawn"


def test_tags_from_jsonld_keywords_string() -> None:
    head = '<script type="application/ld+json">{"@type":"Article","headline":"H","keywords":"ports, winter ,Ports"}</script>'
    assert run(page(head=head)).tags == ["ports", "winter"]


def test_fills_only_empty_fields() -> None:
    doc = Document.parse(page(head="<title>Other title | Example News</title>"), URL)
    article = Article(url=URL, title="Set by an earlier layer")
    article.sources["title"] = "jsonld"
    generic.fill(doc, article)
    assert article.title == "Set by an earlier layer"
    assert article.sources["title"] == "jsonld"


def test_reading_time_shown_on_the_page() -> None:
    header = "<h1>Harbour reopens</h1><div class='meta'><span>March 5, 2024</span> · <span>4 min read</span></div>"
    article = run(page(header=header))
    assert article.reading_time_minutes == 4
    assert "min read" not in article.body_text
    assert run(page(header="<h1>H</h1><p>Reading time: 7 minutes</p>")).reading_time_minutes == 7
    assert run(page()).reading_time_minutes is None


def test_lead_image_caption_and_credit_from_its_figure() -> None:
    head = "<meta property='og:image' content='https://cdn.example.com/img/harbour.jpg?w=1200'>"
    header = (
        "<h1>Harbour reopens</h1><figure><img src='https://cdn.example.com/img/harbour.jpg?w=600' alt='Boats'>"
        "<figcaption>Boats in the harbour at dawn. <span class='photo-credit'>Kremlin.ru</span></figcaption></figure>"
    )
    article = run(page(head=head, header=header))
    assert article.lead_image is not None
    assert article.lead_image.url == "https://cdn.example.com/img/harbour.jpg?w=1200"
    assert article.lead_image.caption == "Boats in the harbour at dawn."
    assert article.lead_image.credit == "Kremlin.ru"
    assert article.authors == []


def test_relative_or_partial_times_are_not_dates() -> None:
    assert to_utc_iso("5") is None
    assert to_utc_iso("2 hours ago") is None
    assert to_utc_iso("March 5, 2024 10:00 AM EST") == "2024-03-05T15:00:00+00:00"
    header = "<h1>Harbour reopens</h1><time>2 hours ago</time>"
    assert run(page(header=header), url="https://news.example.com/harbour").published_at is None
