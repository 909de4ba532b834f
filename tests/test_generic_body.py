# ruff: noqa: E501  (fixture HTML is kept on long lines)
"""The generic layer's body: content scoring and boilerplate removal on pages written for the
project (comments, related rails, newsletter boxes, share bars, cookie banners, teasers)."""

from __future__ import annotations

import json

from scraper.extract import extract, generic
from scraper.extract.document import Document
from scraper.model import Article

URL = "https://news.example.com/world/harbour-reopens"


def para(i: int) -> str:
    return (
        f"Paragraph {i}: the harbour reopened on Monday after a long winter of repairs, and the "
        f"town council voted to keep it open all year, said the mayor in a statement."
    )


ARTICLE = (
    "<h1>Harbour reopens after winter</h1>"
    "<div class='byline'>By Jane Doe</div>"
    "<div class='share-bar'><a href='https://facebook.com/share'>Share on Facebook</a> <a href='https://twitter.com/share'>Tweet</a></div>"
    f"<div class='article-body'><p>{para(1)}</p>"
    f"<p>{para(2)} See the <a href='/docs/plan.pdf'>council's plan</a> for <em>details</em> and <strong>dates</strong>.</p>"
    "<h2>What changes</h2>"
    "<ul><li>Ferries run hourly</li><li>The fish market opens at six</li></ul>"
    f"<blockquote><p>We never gave up on this harbour.</p><footer>— Mayor Ana López</footer></blockquote>"
    "<figure><img src='/img/pier.jpg' alt='The pier'><figcaption>The new pier. <span class='credit'>Photo: J. Doe</span></figcaption></figure>"
    "<table><tr><th>Route</th><th>Departures</th></tr><tr><td>North</td><td>12</td></tr><tr><td>South</td><td>8</td></tr></table>"
    "<div class='newsletter-signup'><h3>Get our morning briefing</h3><p>Sign up for the newsletter and get the news of the harbour town delivered to your inbox every morning before seven.</p><form><input type='email'></form></div>"
    f"<p>{para(3)}</p>"
    f"<p>{para(4)}</p></div>"
)
RELATED = (
    "<section class='related-stories'><h2>Related stories</h2><ul>"
    "<li><a href='/world/ferry-strike-ends'>Ferry strike ends after three weeks of talks</a><p>The unions and the operator reached an agreement late on Sunday night after long and difficult negotiations.</p></li>"
    "<li><a href='/world/new-pier-opens'>New pier opens to the public on Saturday</a><p>Hundreds of residents came to see the new pier, built with stone from the old lighthouse on the cape.</p></li>"
    "</ul></section>"
)
COMMENTS = (
    "<div id='comments' class='comments-area'><h3>12 comments</h3>"
    "<div class='comment'><p>I have lived in this town for forty years and I have never seen the harbour look as good as it does now, well done to everyone involved.</p></div>"
    "<div class='comment'><p>Finally some good news from the council, though I still think the parking situation near the fish market needs to be sorted out before summer.</p></div>"
    "</div>"
)
COOKIE = "<div class='cookie-banner'><p>We use cookies to improve your experience on our website. By continuing to browse the site you agree to our use of cookies and our privacy policy.</p><button>OK</button></div>"


def page(inner: str, head: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><title>Harbour reopens after winter | Example News</title>{head}</head><body>"
        f"{COOKIE}<header><a href='/'>Example News</a><nav><a href='/world'>World</a> <a href='/sport'>Sport</a></nav></header>"
        f"<main><article>{inner}</article>{RELATED}{COMMENTS}</main>"
        "<footer><p>© 2024 Example News. All rights reserved. Example News is a trading name of Example Media Ltd, registered in England.</p></footer>"
        "</body></html>"
    )


def jsonld(article_body: str) -> str:
    data = {
        "@type": "NewsArticle",
        "headline": "Harbour reopens after winter",
        "articleBody": article_body,
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def run(html: str, url: str = URL) -> Article:
    doc = Document.parse(html, url)
    article = Article(url=url)
    generic.fill(doc, article)
    return article


def texts(article: Article) -> list[str]:
    return [b.get("text") or "" for b in article.blocks]


def test_body_keeps_article_blocks_in_order() -> None:
    article = run(page(ARTICLE))
    assert article.extractor == "generic"
    assert article.sources["blocks"] == "generic"
    kinds = [b["type"] for b in article.blocks]
    assert kinds == [
        "paragraph",
        "paragraph",
        "heading",
        "list",
        "quote",
        "image",
        "table",
        "paragraph",
        "paragraph",
    ]
    assert article.blocks[0]["text"] == para(1)
    assert article.blocks[2] == {"type": "heading", "level": 2, "text": "What changes"}
    assert article.blocks[3]["items"] == ["Ferries run hourly", "The fish market opens at six"]
    assert article.blocks[4]["text"] == "We never gave up on this harbour."
    assert article.blocks[4]["attribution"] == "Mayor Ana López"
    image = article.blocks[5]
    assert image["url"] == "https://news.example.com/img/pier.jpg"
    assert image["caption"] == "The new pier."
    assert image["credit"] == "Photo: J. Doe"
    assert article.blocks[6]["rows"] == [["Route", "Departures"], ["North", "12"], ["South", "8"]]


def test_inline_links_are_absolute_and_marked_up() -> None:
    md = run(page(ARTICLE)).blocks[1]["markdown"]
    assert "[council's plan](https://news.example.com/docs/plan.pdf)" in md
    assert "*details*" in md and "**dates**" in md


def test_boilerplate_stays_out_of_the_body() -> None:
    body = run(page(ARTICLE)).body_text
    for chrome in (
        "Harbour reopens after winter",  # the headline
        "By Jane Doe",
        "Share on Facebook",
        "Sign up for the newsletter",
        "Get our morning briefing",
        "Related stories",
        "Ferry strike ends",
        "Hundreds of residents",
        "comments",
        "forty years",
        "cookies",
        "All rights reserved",
        "Sport",
    ):
        assert chrome not in body, chrome


def test_related_rail_goes_to_related_not_body() -> None:
    article = run(page(ARTICLE))
    assert [(r.title, r.url) for r in article.related] == [
        (
            "Ferry strike ends after three weeks of talks",
            "https://news.example.com/world/ferry-strike-ends",
        ),
        (
            "New pier opens to the public on Saturday",
            "https://news.example.com/world/new-pier-opens",
        ),
    ]


def test_teaser_cards_lose_to_a_short_article() -> None:
    """A short article next to a rail of teaser cards whose blurbs are longer than it is."""
    cards = "".join(
        f"<div class='card'><h3><a href='/story-{i}'>Another story number {i} about the town</a></h3><p>{para(10 + i)} {para(20 + i)}</p></div>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Short news | Example</title></head><body><div class='wrap'>"
        f"<div class='main'><h1>Short news</h1><p>{para(1)}</p><p>{para(2)}</p></div>"
        f"<div class='more'>{cards}</div></div></body></html>"
    )
    article = run(html)
    assert texts(article) == [para(1), para(2)]


def test_end_of_article_heading_cuts_what_follows() -> None:
    inner = (
        f"<h1>Harbour reopens</h1><div class='text'><p>{para(1)}</p><p>{para(2)}</p>"
        f"<h3>You may also like</h3><p>{para(30)}</p><p>{para(31)}</p></div>"
    )
    assert texts(run(page(inner))) == [para(1), para(2)]


def test_read_also_line_inside_the_body_is_dropped() -> None:
    inner = (
        f"<h1>Harbour reopens</h1><div class='text'><p>{para(1)}</p>"
        "<p><strong>Read also:</strong> <a href='/other'>Ferry strike ends after three weeks</a></p>"
        f"<p>{para(2)}</p></div>"
    )
    assert texts(run(page(inner))) == [para(1), para(2)]


def test_itemprop_article_body_wins_over_longer_footer_text() -> None:
    footer = (
        "<div class='footer-wrap'>" + "".join(f"<p>{para(40 + i)}</p>" for i in range(3)) + "</div>"
    )
    html = (
        "<html><head><title>Short | Example</title></head><body><h1>Short</h1>"
        f"<div itemprop='articleBody'>{para(1)}<br>{para(2)}</div>{footer}</body></html>"
    )
    body = run(html).body_text
    assert para(1) in body and para(2) in body
    assert "Paragraph 40" not in body


def test_truncated_jsonld_article_body_is_replaced_by_the_page_body() -> None:
    ld = jsonld(para(1))
    article = extract(page(ARTICLE, head=ld), URL)
    assert article.extractor == "generic"
    assert para(4) in article.body_text


def test_complete_jsonld_article_body_is_kept() -> None:
    body = " ".join(para(i) for i in range(1, 5))
    ld = jsonld(body)
    article = extract(page(ARTICLE, head=ld), URL)
    assert article.extractor == "jsonld"


def test_page_without_body_gives_no_blocks() -> None:
    html = "<html><head><title>Menu</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>"
    article = run(html)
    assert article.blocks == []
    assert article.extractor is None


def test_publication_details_and_kicker_stay_out_of_the_body() -> None:
    inner = (
        "<p class='kicker'><a href='/world'>World</a></p><h1>Harbour reopens after winter</h1>"
        "<div class='meta'><div>Published on :&nbsp;<div><time datetime='2024-03-05T10:00:00Z'>5 Mar 2024, 10:00 am</time></div></div>"
        "<div>Updated on :&nbsp;<div><time>6 Mar 2024, 9:15 am</time></div><span>3 min read</span></div></div>"
        f"<div class='text'><p>{para(1)}</p><div>Advertisement</div><p>{para(2)}</p></div>"
    )
    assert texts(run(page(inner))) == [para(1), para(2)]


def test_short_line_after_a_blockquote_is_its_attribution() -> None:
    inner = (
        f"<h1>Harbour reopens</h1><div class='text'><p>{para(1)}</p>"
        "<div class='q'><div><blockquote>We never gave up on this harbour.</blockquote></div>"
        "<div class='x9'>Ana López, mayor</div></div>"
        f"<p>{para(2)}</p></div>"
    )
    blocks = run(page(inner)).blocks
    quote = next(b for b in blocks if b["type"] == "quote")
    assert quote["text"] == "We never gave up on this harbour."
    assert quote["attribution"] == "Ana López, mayor"
    assert [b["text"] for b in blocks if b["type"] == "paragraph"] == [para(1), para(2)]


def test_comment_thread_longer_than_the_article_is_not_the_body() -> None:
    thread = "".join(
        f"<li class='comment'><div class='comment-body'><p>{para(50 + i)} {para(60 + i)}</p></div></li>"
        for i in range(8)
    )
    html = (
        "<html><head><title>Harbour | Example</title></head><body><h1>Harbour</h1>"
        f"<div class='entry'><p>{para(1)}</p><p>{para(2)}</p></div>"
        f"<section id='comments'><h2>8 Comments</h2><ol class='comment-list'>{thread}</ol></section>"
        "</body></html>"
    )
    assert texts(run(html)) == [para(1), para(2)]


def test_lead_image_opening_the_body_is_not_repeated() -> None:
    head = "<meta property='og:image' content='https://cdn.example.com/img/pier.jpg?w=1200'>"
    inner = f"<h1>Harbour reopens</h1><div class='text'><figure><img src='https://cdn.example.com/img/pier.jpg?w=600'></figure><p>{para(1)}</p><p>{para(2)}</p></div>"
    article = run(page(inner, head=head))
    assert [b["type"] for b in article.blocks] == ["paragraph", "paragraph"]
